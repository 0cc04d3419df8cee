import type { ReputationProfile } from './buildProfile';

/**
 * A profile fit for an export: every participant id that belongs to someone who chose
 * anonymity (the profile's owner, their teams or members, the reviewer estimate) is
 * replaced by that participant's pseudonym, and an anonymous owner's name is dropped.
 */
export function anonymiseProfile(
  profile: ReputationProfile,
  publicId: (participantId: string) => string,
): ReputationProfile {
  const estimate = profile.reviewer.estimate;
  return {
    ...profile,
    participantId: publicId(profile.participantId),
    displayName: profile.anonymous ? null : profile.displayName,
    teamIds: profile.teamIds.map(publicId),
    team: profile.team && {
      ...profile.team,
      memberIds: profile.team.memberIds.map(publicId),
    },
    reviewer: {
      ...profile.reviewer,
      estimate: estimate && { ...estimate, reviewerId: publicId(estimate.reviewerId) },
    },
  };
}
