import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConsultation } from '../src/runConsultation';
import { flood, smsVoices, weiboVoices } from '../src/voices';

describe('consultation-round example', async () => {
  const run = await runConsultation(mkdtempSync(join(tmpdir(), 'quanzi-round-test-')));
  const option = (id: string) => run.analysis.options.find((o) => o.optionId === id);

  it('hears every person once, whatever channel they used, and damps the flood', () => {
    const people = new Set([...weiboVoices, ...flood, ...smsVoices].map((v) => v.author));
    expect(run.analysis.totals.authors).toBe(people.size);
    // Twelve near-identical posts by one author count as one voice.
    expect(run.collected.counted).toBe(weiboVoices.length + smsVoices.length + 1);
    expect(run.collected.duplicates + run.collected.damped).toBe(flood.length - 1);
  });

  it('counts support and concern per option from the labelled comments', () => {
    // Hand count: curfew is supported by w1 w2 w5 w6 w8 w9 s1 s3; riverside by w3, w7
    // (with a concern) and loud, opposed by w4 and s2.
    expect(option('curfew')?.supporters).toBeGreaterThanOrEqual(6);
    expect(option('curfew')?.concerned).toBe(0);
    expect(option('riverside')?.concerned).toBe(2);
    expect(option('curfew')?.supporters).toBeGreaterThan(option('riverside')?.supporters ?? 0);
  });

  it('finds what people talk about and whose voice is missing', () => {
    const terms = run.analysis.keyphrases.map((k) => k.term);
    expect(terms).toContain('噪音');
    expect(run.analysis.coverage.missing.groups).toEqual(['renters']);
    expect(run.analysis.coverage.missing.areas).toEqual(['centre']);
  });

  it('decides with a rationale, publishes it to both channels and links the next round', () => {
    expect(run.decided.decision?.optionId).toBe('curfew');
    expect(run.decided.decision?.rationale['zh-CN']).toMatch(/安静/);
    // The SMS outbox holds the round and then the decision, one JSON object per line.
    const posts = run.smsOutbox
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(posts.length).toBe(2);
    expect(run.next.previousRoundId).toBe(run.decided.id);
    expect(run.next.number).toBe(2);
  });
});
