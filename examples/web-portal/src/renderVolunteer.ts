import type { TaskRecord } from '@quanzi/engine';
import { actorOf } from './createPortal';
import { field, h } from './h';
import { listSection, type PortalView, participantOf, taskSummary } from './PortalView';
import { renderProfile } from './renderProfile';

const working = new Set(['claimed', 'in_progress', 'rework']);

function myTask(view: PortalView, record: TaskRecord): HTMLElement {
  const { t, portal } = view;
  if (!working.has(record.snapshot.state))
    return h(
      'li',
      {},
      ...taskSummary(view, record),
      record.snapshot.state === 'submitted' && ` · ${t.waitingAcceptance}`,
    );
  const evidence = h('input', { type: 'url', placeholder: 'https://' });
  return h(
    'li',
    {},
    ...taskSummary(view, record),
    field(t.evidence, evidence),
    h(
      'button',
      {
        type: 'button',
        onclick: () => view.act(() => portal.submit(record.task.id, evidence.value.trim())),
      },
      t.submitWork,
    ),
  );
}

/** The volunteer's screen: tasks within their tier's reach, their own work, their profile. */
export function renderVolunteer(view: PortalView): HTMLElement[] {
  const { t, portal } = view;
  const me = participantOf(view, actorOf.volunteer);
  const nearby = portal.engine
    .claimableNear(me.id)
    .filter((item) => item.claimable)
    .map(({ task, distanceMeters }) =>
      h(
        'li',
        {},
        ...taskSummary(view, task),
        ` · ${Math.round(distanceMeters)} ${t.metres} `,
        h(
          'button',
          { type: 'button', onclick: () => view.act(() => portal.claim(task.task.id)) },
          t.claim,
        ),
      ),
    );
  const mine = portal.engine
    .listTasks(me)
    .filter(
      ({ snapshot }) =>
        snapshot.claims.some((claim) => claim.claimantId === me.id) ||
        snapshot.acceptedClaimantIds.includes(me.id),
    )
    .map((record) => myTask(view, record));
  return [
    listSection(t.nearbyHeading, t.noneNearby, nearby),
    listSection(t.myTasks, t.nothing, mine),
    renderProfile(view, me.id),
  ];
}
