import type { Locale } from '@quanzi/core';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as people of `lang` write it (`2 Nov 2026`, `2026年11月2日`; without the year
 * `2 Nov`, `11月2日`), in UTC like the run's clock, so a report never shows a raw ISO instant.
 */
export function formatDate(iso: string | number, lang: Locale, withYear = true): string {
  const key = `${lang}|${withYear}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      ...(withYear ? { year: 'numeric' } : {}),
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** A period `[from, to)` as its first and last day: `1 Nov 2026 – 30 Nov 2026`. */
export function formatPeriod(from: string, to: string, lang: Locale, withYear = true): string {
  // `to` is exclusive: the last day shown is the one that holds the period's last instant.
  const first = formatDate(from, lang, withYear);
  const last = formatDate(Date.parse(to) - 1, lang, withYear);
  return first === last ? first : `${first} – ${last}`;
}
