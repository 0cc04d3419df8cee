import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractTerms, rankKeyphrases, segmentWords } from '../src/index';

describe('segmentWords', () => {
  it('splits Chinese into words without a dictionary and normalises English', () => {
    expect(segmentWords('小区门口共享单车乱停放').map((t) => t.word)).toEqual([
      '小区',
      '门口',
      '共享',
      '单车',
      '乱',
      '停放',
    ]);
    expect(segmentWords('The Speakers’ NOISE, ２０ bikes').map((t) => t.word)).toEqual([
      'the',
      'speaker',
      'noise',
      'bike',
    ]);
  });
});

describe('extractTerms', () => {
  it('joins adjacent Chinese words into phrases and English words with spaces', () => {
    const zh = extractTerms('广场舞音响太吵了');
    expect(zh).toContain('广场舞');
    expect(zh).toContain('音响');
    expect(extractTerms('more bike parking please')).toEqual(
      expect.arrayContaining(['bike', 'parking', 'bike parking']),
    );
  });

  it('breaks phrases at stop words, punctuation and excluded words', () => {
    const terms = extractTerms('反对方案三，停车位不够', { exclude: new Set(['反对', '方案']) });
    expect(terms).toContain('停车位');
    expect(terms.some((t) => t.includes('反对') || t.includes('方案'))).toBe(false);
    expect(extractTerms('noise, parking')).not.toContain('noise parking');
  });

  it('maps synonyms so two languages share one term', () => {
    expect(extractTerms('noise at night', { synonyms: { noise: '噪音' } })).toContain('噪音');
  });

  it('returns distinct terms only (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const terms = extractTerms(text);
        return new Set(terms).size === terms.length;
      }),
      { numRuns: 200 },
    );
  });
});

describe('rankKeyphrases', () => {
  it('ranks by distinct authors, so one author repeating a word does not lift it', () => {
    const docs = [
      ...Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, author: 'spam', terms: ['浪费'] })),
      { id: 'a', author: 'p1', terms: ['停车位'] },
      { id: 'b', author: 'p2', terms: ['停车位'] },
      { id: 'c', author: 'p3', terms: ['停车位', '浪费'] },
    ];
    const ranked = rankKeyphrases(docs);
    expect(ranked.map((k) => k.term)).toEqual(['停车位', '浪费']);
    expect(ranked[1]).toEqual({ term: '浪费', authors: 2, items: 21 });
  });

  it('folds a word into a longer phrase nearly everybody used with it', () => {
    const docs = ['p1', 'p2', 'p3'].map((author) => ({
      id: author,
      author,
      terms: ['广场', '广场舞'],
    }));
    expect(rankKeyphrases(docs).map((k) => k.term)).toEqual(['广场舞']);
  });
});
