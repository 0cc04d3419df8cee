/** A child of {@link h}: a node, text, or nothing (skipped). */
export type Child = Node | string | number | null | undefined | false;

type Props = Record<string, string | number | boolean | EventListener | undefined>;

/**
 * Creates an element: `on*` props become listeners, `aria-*`, `data-*`, `for` and
 * `role` become attributes, everything else is set as a property.
 *
 * @example
 * h('button', { type: 'button', onclick: () => claim(id) }, 'Claim');
 */
export function h<TTag extends keyof HTMLElementTagNameMap>(
  tag: TTag,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[TTag] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (/^(aria-|data-|for$|role$)/.test(key)) element.setAttribute(key, String(value));
    else Object.assign(element, { [key]: value });
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** A labelled form control: the label wraps it, so role queries find it by name. */
export function field(label: string, control: HTMLElement): HTMLLabelElement {
  return h('label', { className: 'field' }, h('span', {}, label), control);
}
