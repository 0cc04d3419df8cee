import type { TaskRecord } from '@quanzi/engine';
import { actorOf } from './createPortal';
import { field, h } from './h';
import {
  categoryName,
  listSection,
  type PortalView,
  participantOf,
  taskSummary,
} from './PortalView';

const open = new Set(['received', 'triaged']);

function button(label: string, onclick: () => void): HTMLButtonElement {
  return h('button', { type: 'button', onclick }, label);
}

function submitted(view: PortalView, record: TaskRecord): HTMLElement {
  const { t, portal } = view;
  const rating = h(
    'select',
    {},
    ...[5, 4, 3, 2, 1].map((n) => h('option', { value: String(n) }, '★'.repeat(n))),
  );
  const links = record.snapshot.evidence
    .flatMap((submission) => submission.media)
    .map((media) => h('a', { href: media.url, target: '_blank', rel: 'noreferrer' }, media.url));
  return h(
    'li',
    {},
    ...taskSummary(view, record),
    ' ',
    ...links,
    field(t.rating, rating),
    button(t.accept, () => view.act(() => portal.accept(record.task.id, Number(rating.value)))),
  );
}

/** The command center's screen: turn reports into tasks, review, accept and rate. */
export function renderCenter(view: PortalView): HTMLElement[] {
  const { t, portal } = view;
  const me = participantOf(view, actorOf.center);
  const reports = portal.engine
    .listReports(me)
    .filter(({ snapshot }) => open.has(snapshot.state))
    .map(({ report }) =>
      h(
        'li',
        {},
        h('strong', {}, report.text ?? ''),
        ` · ${categoryName(view, report.category)} `,
        button(t.convert, () => view.act(() => portal.convert(report.id))),
      ),
    );
  const tasks = portal.engine.listTasks(me);
  const toReview = tasks
    .filter(({ snapshot }) => snapshot.review === 'pending')
    .map((record) =>
      h(
        'li',
        {},
        ...taskSummary(view, record),
        ' ',
        button(t.approve, () => view.act(() => portal.review(record.task.id, 'approved'))),
        button(t.returnTask, () => view.act(() => portal.review(record.task.id, 'returned'))),
      ),
    );
  const work = tasks
    .filter(({ snapshot }) => snapshot.state === 'submitted')
    .map((record) => submitted(view, record));
  return [
    listSection(t.reportsHeading, t.nothing, reports),
    listSection(t.reviewHeading, t.nothing, toReview),
    listSection(t.acceptHeading, t.nothing, work),
    listSection(
      t.allTasks,
      t.nothing,
      tasks.map((record) => h('li', {}, ...taskSummary(view, record))),
    ),
  ];
}
