import type { LocalizedText } from '@quanzi/core';
import type { StanceMention } from './detectStance';
import { type Keyphrase, rankKeyphrases, type TermDocument } from './rankKeyphrases';
import type { Option } from './round';

/** One counted piece of feedback with the stances found in it. */
export interface StanceVoice {
  readonly id: string;
  readonly author: string;
  readonly area?: string;
  readonly group?: string;
  readonly stances: readonly StanceMention[];
}

/** Support and concern from one area or group. */
export interface StanceTally {
  readonly support: number;
  readonly concern: number;
}

/** How the public stands on one option. Counts of people are distinct authors. */
export interface OptionScore {
  readonly optionId: string;
  readonly label: LocalizedText;
  /** Authors whose texts lean to support on balance. */
  readonly supporters: number;
  readonly concerned: number;
  /** Authors who said as much for as against. */
  readonly mixed: number;
  readonly supportItems: number;
  readonly concernItems: number;
  /** What the concerns were about, most widely raised first. */
  readonly concerns: readonly Keyphrase[];
  /** Who raised support and concern, by area and group (authors). */
  readonly byArea: Readonly<Record<string, StanceTally>>;
  readonly byGroup: Readonly<Record<string, StanceTally>>;
}

const lean: Record<StanceMention['stance'], number> = { support: 1, concern: -1, mixed: 0 };

function tally(
  rows: ReadonlyArray<{ key: string | undefined; net: number }>,
): Record<string, StanceTally> {
  const out: Record<string, { support: number; concern: number }> = {};
  for (const { key, net } of rows) {
    if (key === undefined || net === 0) continue;
    const row = out[key] ?? { support: 0, concern: 0 };
    if (net > 0) row.support += 1;
    else row.concern += 1;
    out[key] = row;
  }
  return out;
}

function scoreOne(
  option: Option,
  voices: readonly StanceVoice[],
  termsOf: (text: string) => string[],
): OptionScore {
  const people = new Map<string, { net: number; area?: string; group?: string }>();
  const concernDocs: TermDocument[] = [];
  let supportItems = 0;
  let concernItems = 0;
  for (const voice of voices) {
    const mention = voice.stances.find((m) => m.optionId === option.id);
    if (!mention) continue;
    if (mention.stance !== 'concern') supportItems += 1;
    if (mention.stance !== 'support') concernItems += 1;
    const person = people.get(voice.author) ?? { net: 0 };
    people.set(voice.author, {
      net: person.net + lean[mention.stance],
      area: voice.area ?? person.area,
      group: voice.group ?? person.group,
    });
    for (const [i, clause] of mention.concerns.entries())
      concernDocs.push({ id: `${voice.id}#${i}`, author: voice.author, terms: termsOf(clause) });
  }
  const rows = [...people.values()];
  return {
    optionId: option.id,
    label: option.label,
    supporters: rows.filter((p) => p.net > 0).length,
    concerned: rows.filter((p) => p.net < 0).length,
    mixed: rows.filter((p) => p.net === 0).length,
    supportItems,
    concernItems,
    concerns: rankKeyphrases(concernDocs, { limit: 8, minAuthors: 2 }),
    byArea: tally(rows.map((p) => ({ key: p.area, net: p.net }))),
    byGroup: tally(rows.map((p) => ({ key: p.group, net: p.net }))),
  };
}

/**
 * Scores every option: people for and against (each author once, by the
 * balance of what they wrote, so a flood cannot outvote anyone), what the
 * concerns were about, and where support and concern came from.
 *
 * @example
 * scoreOptions(voices, round.options, (text) => extractTerms(text))[0].supporters;
 */
export function scoreOptions(
  voices: readonly StanceVoice[],
  options: readonly Option[],
  termsOf: (text: string) => string[],
): OptionScore[] {
  return options.map((option) => scoreOne(option, voices, termsOf));
}
