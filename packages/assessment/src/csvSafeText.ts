/**
 * A text cell made safe for spreadsheets (OWASP CSV injection): a string starting
 * with `=`, `+`, `-`, `@`, tab or CR gets a leading single quote, so Excel,
 * LibreOffice and Google Sheets show it as text instead of running it as a
 * formula. Only strings pass through here; numbers, negative ones included, are
 * written as numbers.
 *
 * @example
 * csvSafeText('=HYPERLINK("http://x","y")'); // => '\'=HYPERLINK("http://x","y")'
 */
export function csvSafeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
