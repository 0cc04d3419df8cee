import stringWidth from 'string-width';

/**
 * Pads `text` with spaces to `width` terminal columns. `String#padEnd` counts code
 * units, so a Chinese character (two columns) would push every later column right.
 */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** Pads `text` on the left to `width` terminal columns, for numbers. */
export function padDisplayStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/** How many terminal columns `text` takes. */
export const displayWidth = (text: string): number => stringWidth(text);
