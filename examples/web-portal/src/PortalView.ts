import type { Locale, Participant } from '@quanzi/core';
import type { CommandOutcome, TaskRecord } from '@quanzi/engine';
import type { Portal } from './createPortal';
import { type Child, h } from './h';
import type { Messages } from './messages';

/** What every screen renders from: the portal, the language, and a way to act. */
export interface PortalView {
  readonly portal: Portal;
  readonly locale: Locale;
  readonly t: Messages;
  /** Runs an action and shows its outcome (or the SDK's error) in the status line. */
  act(work: () => Promise<CommandOutcome>): void;
}

/** The participant record behind an id: every query is asked as a viewer. */
export function participantOf(view: PortalView, id: string): Participant {
  const record = view.portal.engine
    .getPrivilegedSnapshot()
    .participants.find((p) => p.participant.id === id);
  if (!record) throw new Error(`Not seeded: ${id}`);
  return record.participant;
}

/** A category's name in the current language, from the policy. */
export function categoryName(view: PortalView, code: string | undefined): string {
  if (code === undefined) return '';
  return view.portal.policy.categories.get(code)?.name[view.locale] ?? code;
}

/** One line about a task: title, category and state. */
export function taskSummary(view: PortalView, record: TaskRecord): Child[] {
  const { task, snapshot } = record;
  return [
    h('strong', {}, task.title),
    ` · ${categoryName(view, task.category)} · `,
    h('span', { className: 'state' }, view.t.states[snapshot.state] ?? snapshot.state),
  ];
}

/** A titled section with a list, or a note when the list is empty. */
export function listSection(title: string, empty: string, items: HTMLElement[]): HTMLElement {
  return h(
    'section',
    { 'aria-label': title },
    h('h2', {}, title),
    items.length === 0 ? h('p', { className: 'empty' }, empty) : h('ul', {}, ...items),
  );
}
