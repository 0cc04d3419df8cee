import type { Locale } from '@quanzi/core';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An amount as people of `lang` write money (`CN¥1,240`, `¥1,240.50`), so a chief reads a
 * sum and not an ISO code after a bare number. `currency` is the formula's ISO 4217 code,
 * which the formula schema already enforces.
 */
export function formatMoney(amount: number, currency: string, lang: Locale): string {
  // Whole sums print without ".00"; others with both cents (`¥1,240.50`, never `¥1,240.5`).
  const digits = Number.isInteger(amount) ? 0 : 2;
  const key = `${lang}|${currency}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format.format(amount);
}
