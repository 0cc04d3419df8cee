import * as z from 'zod/mini';
import { IdSchema, InstantSchema } from './circle';
import { PointSchema } from './geometry';
import { plainText } from './plainText';

/**
 * What kind of party a participant is. `qualified` covers vetted individuals;
 * `team` is a group of participants that claims as one.
 */
export const ParticipantKindSchema = z.enum([
  'resident',
  'organisation',
  'qualified',
  'team',
  'officer',
  'command',
  'upstream',
  'sensor',
]);

/**
 * The roles named in the article. A participant can hold several.
 * `grid_worker` reports by proxy for residents without a smartphone.
 */
export const RoleSchema = z.enum([
  'resident',
  'organisation',
  'patrol_member',
  'safety_volunteer',
  'security_activist',
  'traffic_assistant',
  'social_worker',
  'enterprise',
  'estate_guard',
  'retired_cadre',
  'veteran',
  'grid_worker',
  'community_officer',
  'security_officer',
  'command_center',
  'upstream_platform',
  'sensor',
]);

/** A certified capability (资质) with the body that issued it and when it lapses. */
export const QualificationSchema = z.strictObject({
  code: IdSchema,
  issuer: plainText({ min: 1, max: 200 }),
  issuedAt: InstantSchema,
  expiresAt: z.optional(InstantSchema),
});

/** How a participant wants to appear to others. */
export const PrivacyPreferencesSchema = z.strictObject({
  /** Shown under a stable pseudonym in public lists, leaderboards and exports. */
  anonymous: z._default(z.boolean(), false),
  /** May the command center contact them about their reports. */
  contactable: z._default(z.boolean(), true),
});

/**
 * Anyone in a circle: a resident, an organisation, a qualified individual, a team,
 * an officer, the command center, the upstream platform or a sensor.
 */
export const ParticipantSchema = z.strictObject({
  id: IdSchema,
  circleId: IdSchema,
  kind: ParticipantKindSchema,
  displayName: plainText({ min: 1, max: 200 }),
  roles: z._default(z.array(RoleSchema).check(z.maxLength(32)), []),
  qualifications: z._default(z.array(QualificationSchema).check(z.maxLength(100)), []),
  /** Teams this participant belongs to. */
  teamIds: z._default(z.array(IdSchema).check(z.maxLength(100)), []),
  /** For a team: its members. */
  memberIds: z._default(z.array(IdSchema).check(z.maxLength(1000)), []),
  home: z.optional(PointSchema),
  privacy: z._default(PrivacyPreferencesSchema, { anonymous: false, contactable: true }),
  status: z._default(z.enum(['active', 'suspended']), 'active'),
});

/** A participant. */
export type Participant = z.infer<typeof ParticipantSchema>;
/** A participant as accepted on input (defaults may be omitted). */
export type ParticipantInput = z.input<typeof ParticipantSchema>;
/** One of {@link ParticipantKindSchema}. */
export type ParticipantKind = z.infer<typeof ParticipantKindSchema>;
/** One of {@link RoleSchema}. */
export type Role = z.infer<typeof RoleSchema>;
/** A qualification (资质). */
export type Qualification = z.infer<typeof QualificationSchema>;
