import { h } from './h';
import { categoryName, type PortalView, participantOf } from './PortalView';

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);

function tagName(view: PortalView, tag: string): string {
  const [kind, category] = tag.split(':');
  if (kind === 'domain' && category)
    return `${view.t.tagNames.domain} ${categoryName(view, category)}`;
  return view.t.tagNames[tag] ?? tag;
}

/** One's own level, record and tags, as the engine's reputation projection computes them. */
export function renderProfile(view: PortalView, participantId: string): HTMLElement {
  const self = participantOf(view, participantId);
  const reputation = view.portal.engine.getProfile(self, participantId)?.reputation;
  const { t } = view;
  const rows: Array<[string, string]> = reputation
    ? [
        [t.level, String(reputation.level.current)],
        [t.accepted, String(reputation.solver.accepted)],
        [t.goodReviews, percent(reputation.solver.goodReviewRate.raw)],
        [t.credibility, percent(reputation.credibility)],
      ]
    : [];
  const tags = reputation?.tags ?? [];
  return h(
    'section',
    { 'aria-label': t.profile, className: 'profile' },
    h('h2', {}, t.profile, ' · ', self.displayName),
    h('dl', {}, ...rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
    h(
      'p',
      {},
      `${t.tags}: `,
      tags.length === 0 ? t.noTags : tags.map((tag) => tagName(view, tag)).join(', '),
    ),
  );
}
