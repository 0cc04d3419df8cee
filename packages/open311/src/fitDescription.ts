/** The longest `description` GeoReport v2 allows, in characters. */
export const maxDescriptionLength = 4000;

/**
 * A description cut to the spec's 4,000 characters: a longer text keeps its first
 * 3,999 characters (whole code points, so no Chinese character or emoji is split)
 * and ends with `…`, which tells the reader the text goes on.
 *
 * @example
 * fitDescription('短文本'); // '短文本'
 */
export function fitDescription(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= maxDescriptionLength) return text;
  return `${chars.slice(0, maxDescriptionLength - 1).join('')}…`;
}
