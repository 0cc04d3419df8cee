// Instants stay ISO strings in snapshots (plain JSON). Parsing and formatting them
// with Date costs more than the rest of a transition, so the fixed UTC form
// `YYYY-MM-DDTHH:MM:SS[.mmm]Z` is converted by arithmetic (Hinnant's civil-date
// algorithms); anything else falls back to Date.

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const number = (text: string, from: number, length: number) => {
  let value = 0;
  for (let i = from; i < from + length; i += 1) value = value * 10 + digit(text, i);
  return value;
};

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const isFixedForm = (text: string) =>
  (text.length === 20 || (text.length === 24 && text[19] === '.')) &&
  text[text.length - 1] === 'Z' &&
  text[4] === '-' &&
  text[10] === 'T';

/** Milliseconds since the epoch of an ISO 8601 UTC instant. */
export function toEpoch(instant: string): number {
  if (!isFixedForm(instant)) return Date.parse(instant);
  const days = daysFromCivil(number(instant, 0, 4), number(instant, 5, 2), number(instant, 8, 2));
  const seconds =
    number(instant, 11, 2) * 3600 + number(instant, 14, 2) * 60 + number(instant, 17, 2);
  return (days * 86_400 + seconds) * 1000 + (instant.length === 24 ? number(instant, 20, 3) : 0);
}

const twoDigits = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const threeDigits = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
// Instants in one run cluster on few days: remember the last date written.
let lastDay = { days: Number.NaN, text: '' };

function dateText(days: number): string {
  if (lastDay.days === days) return lastDay.text;
  const [year, month, day] = civilFromDays(days);
  const text =
    year < 0 || year > 9999
      ? new Date(days * 86_400_000).toISOString().slice(0, -14)
      : `${String(year).padStart(4, '0')}-${twoDigits[month]}-${twoDigits[day]}`;
  lastDay = { days, text };
  return text;
}

/** The ISO string of an epoch instant, exactly as `Date#toISOString` writes it. */
export function fromEpoch(epoch: number): string {
  const days = Math.floor(epoch / 86_400_000);
  const inDay = epoch - days * 86_400_000;
  const seconds = Math.floor(inDay / 1000);
  return `${dateText(days)}T${twoDigits[Math.floor(seconds / 3600)]}:${twoDigits[Math.floor(seconds / 60) % 60]}:${twoDigits[seconds % 60]}.${threeDigits[inDay % 1000]}Z`;
}

/** `instant` moved forward by `minutes`, as an ISO string. */
export function plusMinutes(instant: string, minutes: number): string {
  return fromEpoch(toEpoch(instant) + minutes * 60_000);
}

/** The later of two instants. */
export function later(a: string, b: string): string {
  return toEpoch(a) >= toEpoch(b) ? a : b;
}
