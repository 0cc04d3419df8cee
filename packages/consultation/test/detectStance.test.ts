import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectStance, echoStance, type Stance } from '../src/index';
import { chineseNegators, stanceCues } from '../src/stanceLexicon';
import { answers, comments, flood, options } from './fixtures/squareCorpus';

const stanceMap = (text: string) =>
  Object.fromEntries(detectStance(text, options).map((m) => [m.optionId, m.stance]));

describe('detectStance', () => {
  it('matches the hand labels on every labelled comment of the corpus', () => {
    const labelled = [...comments, ...flood(5)].filter((c) => c.stance !== undefined);
    expect(labelled.length).toBeGreaterThan(25);
    for (const item of labelled)
      expect({ id: item.id, stances: stanceMap(item.text) }).toEqual({
        id: item.id,
        stances: item.stance,
      });
  });

  it('gives the labelled counts per option', () => {
    const labelled = comments.filter((c) => c.stance !== undefined);
    const count = (source: (c: (typeof labelled)[number]) => Partial<Record<string, Stance>>) => {
      const out: Record<string, number> = {};
      for (const c of labelled)
        for (const [option, stance] of Object.entries(source(c)))
          out[`${option}:${stance}`] = (out[`${option}:${stance}`] ?? 0) + 1;
      return out;
    };
    expect(count((c) => stanceMap(c.text))).toEqual(count((c) => c.stance ?? {}));
  });

  it('handles negation in both languages', () => {
    expect(stanceMap('我不支持方案一')).toEqual({ dance_curfew: 'concern' });
    expect(stanceMap('方案二没问题')).toEqual({ riverside: 'support' });
    expect(stanceMap("I don't like plan b")).toEqual({ riverside: 'concern' });
    expect(stanceMap('Option A: not worried at all')).toEqual({ dance_curfew: 'support' });
  });

  it('splits at 但/but and carries the option named before', () => {
    expect(stanceMap('支持方案一，但方案二太吵')).toEqual({
      dance_curfew: 'support',
      riverside: 'concern',
    });
    expect(stanceMap('方案三，我觉得不错，但是要有人管')).toEqual({ bike_parking: 'support' });
    expect(stanceMap('方案一挺好，但我担心没人执行')).toEqual({ dance_curfew: 'mixed' });
    expect(detectStance('方案二太远，我担心', options)[0]?.concerns).toEqual([
      '方案二太远',
      '我担心',
    ]);
  });

  it('lets a reply or reaction agree or disagree with its parent', () => {
    const parent = detectStance('反对方案二', options);
    for (const answer of answers.filter((a) => a.parentId === 'c36')) {
      const found = detectStance(answer.text ?? '', options, parent);
      expect(Object.fromEntries(found.map((m) => [m.optionId, m.stance]))).toEqual(answer.stance);
    }
    expect(echoStance(parent, -1).map((m) => m.stance)).toEqual(['support']);
    expect(echoStance(parent, 0)).toEqual([]);
  });

  it('turns every cue round when it is negated, in both languages (property)', () => {
    const opposite: Record<Stance, Stance> = {
      support: 'concern',
      concern: 'support',
      mixed: 'mixed',
    };
    const han = stanceCues
      .map(([cue]) => cue)
      .filter((cue) => /^\p{Script=Han}+$/u.test(cue) && !chineseNegators.test(cue[0] ?? ''));
    const english = stanceCues.map(([cue]) => cue).filter((cue) => /^[a-z]+$/.test(cue));
    const sentence = fc.oneof(
      fc.constantFrom(...han).map((cue) => [`方案一${cue}`, `方案一不${cue}`]),
      fc.constantFrom(...english).map((cue) => [`option a ${cue}`, `option a not ${cue}`]),
    );
    fc.assert(
      fc.property(sentence, ([plain, negated]) => {
        const said = stanceMap(plain ?? '').dance_curfew;
        expect(said).toBeDefined();
        expect(stanceMap(negated ?? '').dance_curfew).toBe(opposite[said as Stance]);
      }),
      { numRuns: 300 },
    );
  });
});
