import { isQuanziError, type Locale } from '@quanzi/core';
import type { CommandOutcome } from '@quanzi/engine';
import type { Portal, Role } from './createPortal';
import { field, h } from './h';
import { type Messages, messages } from './messages';
import type { PortalView } from './PortalView';
import { renderCenter } from './renderCenter';
import { renderResident } from './renderResident';
import { renderVolunteer } from './renderVolunteer';

const screens: Record<Role, (view: PortalView) => HTMLElement[]> = {
  resident: renderResident,
  volunteer: renderVolunteer,
  center: renderCenter,
};

/** The last action's result, kept unlocalised so a language switch re-renders it. */
type Shown = CommandOutcome | { readonly status: 'error'; readonly error: unknown } | null;

// A bad field is named by the label the person typed it into, not by its path in the command.
function describeError(error: unknown, t: Messages, locale: Locale): string {
  if (!isQuanziError(error)) return String(error);
  const [issue] = error.issues;
  if (!issue) return error.localized(locale);
  const path = issue.path.join('.');
  const label = t.fields[path] ?? t.fields[String(issue.path[0])];
  // The issue's message names its path itself; with a label that is said once, as the label.
  const text = issue.message[locale].replace(/^[\w.[\]]+: /, '');
  return label ? `${label}: ${text}` : error.localized(locale);
}

function describe(shown: Shown, t: Messages, locale: Locale): string {
  if (shown === null) return '';
  switch (shown.status) {
    case 'applied':
      return t.actions[shown.type] ?? t.done;
    case 'denied':
      return `${t.refused}: ${shown.reasons.map((r) => r.message[locale]).join('; ')}`;
    case 'conflict':
      return t.conflict;
    default:
      return describeError(shown.error, t, locale);
  }
}

/**
 * Renders the portal into `root` and re-renders after every engine change, role
 * switch or language switch. Returns a function that stops listening.
 */
export function mountPortal(root: HTMLElement, portal: Portal): () => void {
  let role: Role = 'resident';
  let locale: Locale = 'en';
  let shown: Shown = null;

  const view = (): PortalView => ({
    portal,
    locale,
    t: messages[locale],
    act(work) {
      work().then(
        (outcome) => show(outcome),
        (error: unknown) => show({ status: 'error', error }),
      );
    },
  });
  const show = (next: Shown) => {
    shown = next;
    render();
  };

  function header(t: Messages): HTMLElement {
    const roles = h(
      'select',
      {
        onchange: (event: Event) => {
          role = (event.target as HTMLSelectElement).value as Role;
          show(null);
        },
      },
      ...(Object.keys(screens) as Role[]).map((r) =>
        h('option', { value: r, selected: r === role }, t.roles[r]),
      ),
    );
    const switchLanguage = () => {
      locale = locale === 'en' ? 'zh-CN' : 'en';
      render();
    };
    return h(
      'header',
      {},
      h('h1', {}, t.title),
      field(t.role, roles),
      h(
        'button',
        // Named by what it shows ("中文" / "English", in that language) so speech input
        // and screen readers agree with the eye; "Language" is only its tooltip.
        {
          type: 'button',
          title: t.language,
          lang: locale === 'en' ? 'zh-CN' : 'en',
          onclick: switchLanguage,
        },
        t.switchLanguage,
      ),
    );
  }

  function render() {
    const current = view();
    document.documentElement.lang = locale;
    document.title = current.t.title;
    root.replaceChildren(
      header(current.t),
      h(
        'p',
        { role: 'status', 'aria-label': current.t.outcome },
        describe(shown, current.t, locale),
      ),
      h('main', {}, ...screens[role](current)),
    );
  }

  const unsubscribe = portal.engine.subscribe(render);
  render();
  return unsubscribe;
}
