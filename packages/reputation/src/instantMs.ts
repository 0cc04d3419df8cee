const digit = (text: string, i: number) => text.charCodeAt(i) - 48;
const pair = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);

/**
 * Epoch milliseconds of an ISO 8601 UTC instant. The canonical shape
 * `YYYY-MM-DDTHH:MM:SS[.fff…]Z` is read digit by digit — replays parse a million of
 * them — and anything else goes to `Date.parse`.
 */
export function instantMs(time: string): number {
  const end = time.length - 1;
  if (end < 19 || time.charCodeAt(end) !== 90 || time.charCodeAt(10) !== 84)
    return Date.parse(time);
  let ms = 0;
  if (time.charCodeAt(19) === 46) {
    for (let i = 20, scale = 100; i < end && scale >= 1; i += 1, scale /= 10)
      ms += digit(time, i) * scale;
  } else if (end !== 19) return Date.parse(time);
  const year = pair(time, 0) * 100 + pair(time, 2);
  return Date.UTC(
    year,
    pair(time, 5) - 1,
    pair(time, 8),
    pair(time, 11),
    pair(time, 14),
    pair(time, 17),
    ms,
  );
}
