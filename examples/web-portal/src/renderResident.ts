import { actorOf } from './createPortal';
import { field, h } from './h';
import {
  categoryName,
  listSection,
  type PortalView,
  participantOf,
  taskSummary,
} from './PortalView';
import { renderProfile } from './renderProfile';

/** Categories a resident picks from: everyday ones and one that needs trained hands. */
const reportable = ['shared_bike_parking', 'litter', 'graffiti', 'tactile_paving'];

function reportForm(view: PortalView): HTMLElement {
  const { t, portal } = view;
  const category = h(
    'select',
    {},
    ...reportable.map((code) => h('option', { value: code }, categoryName(view, code))),
  );
  const text = h('textarea', { rows: 3, required: true });
  const problem = () => ({ category: category.value, text: text.value.trim() });
  return h(
    'form',
    { 'aria-label': t.reportHeading, onsubmit: (event: Event) => event.preventDefault() },
    h('h2', {}, t.reportHeading),
    field(t.category, category),
    field(t.description, text),
    h(
      'div',
      { className: 'actions' },
      h(
        'button',
        { type: 'button', onclick: () => view.act(() => portal.report(problem())) },
        t.sendReport,
      ),
      h(
        'button',
        { type: 'button', onclick: () => view.act(() => portal.publish(problem())) },
        t.publishTask,
      ),
    ),
  );
}

/** The resident's screen: report a problem or publish a task (model 2), and follow both. */
export function renderResident(view: PortalView): HTMLElement[] {
  const { engine } = view.portal;
  const me = participantOf(view, actorOf.resident);
  const reports = engine
    .listReports(me, { reporterId: me.id })
    .map(({ report, snapshot }) =>
      h(
        'li',
        {},
        h('strong', {}, report.text ?? ''),
        ` · ${categoryName(view, report.category)} · `,
        h('span', { className: 'state' }, view.t.states[snapshot.state] ?? snapshot.state),
      ),
    );
  const tasks = engine
    .listTasks(me)
    .filter((record) => record.task.publisherId === me.id)
    .map((record) => h('li', {}, ...taskSummary(view, record)));
  return [
    reportForm(view),
    listSection(view.t.myReports, view.t.nothing, reports),
    listSection(view.t.myTasks, view.t.nothing, tasks),
    renderProfile(view, me.id),
  ];
}
