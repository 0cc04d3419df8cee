import { describe, expect, it } from 'vitest';
import { replayReputation } from '../src/index';
import { createLogBuilder } from './logBuilder';

describe('reporter and publisher credibility', () => {
  it('rises with converted reports and approved tasks, falls with false, malicious, returned and duplicates', () => {
    const log = createLogBuilder();
    for (let i = 0; i < 6; i += 1) {
      log.report(`good-${i}`, 'honest');
      log.convert(`good-${i}`, `task-${i}`);
      log.task(`pub-${i}`, 'tidy');
      log.review(`pub-${i}`, 'approved');
    }
    for (let i = 0; i < 3; i += 1) {
      log.report(`bad-${i}`, 'liar');
      log.dismiss(`bad-${i}`, i === 0 ? 'malicious' : 'false');
      log.task(`mess-${i}`, 'messy');
      log.review(`mess-${i}`, 'returned');
    }
    log.task('mess-x', 'messy');
    log.review('mess-x', 'returned');
    log.task('dup', 'messy');
    log.close('dup', 'duplicate');
    log.report('meh', 'neutral');
    log.dismiss('meh', 'out_of_scope');
    const reputation = replayReputation(log.events);
    const now = log.now();
    const honest = reputation.profile('honest', now);
    const liar = reputation.profile('liar', now);
    expect(honest.reporter).toMatchObject({ reports: 6, converted: 6 });
    expect(honest.reporter.credibility).toBeCloseTo((6 + 0.5 * 2) / (6 + 2), 12);
    expect(liar.reporter).toMatchObject({ dismissedFalse: 2, dismissedMalicious: 1 });
    expect(liar.reporter.credibility).toBeCloseTo((0 + 1) / (2 + 3 + 2), 12);
    expect(reputation.profile('messy', now).publisher).toMatchObject({
      published: 5,
      returned: 4,
      duplicates: 1,
    });
    // A newcomer and an out-of-scope report stay neutral.
    expect(reputation.rankingWeight('nobody')).toBe(1);
    expect(reputation.rankingWeight('neutral')).toBe(1);
    expect(reputation.rankingWeight('tidy')).toBeGreaterThan(1);
    expect(reputation.rankingWeight('messy')).toBeLessThan(1);
    expect(reputation.rankingWeight('liar')).toBeLessThan(reputation.rankingWeight('neutral'));
    expect(reputation.profile('tidy', now).tags).toContain('standardised_publisher');
    expect(reputation.profile('honest', now).tags).toContain('positive_reporter');
    expect(reputation.profile('liar', now).tags).toContain('negative_reporter');
    expect(reputation.profile('neutral', now).tags).not.toContain('negative_reporter');
    expect(reputation.profile('messy', now).tags).toContain('disorderly_publisher');
  });

  it('clamps the ranking weight and ignores a reporter verifying their own report', () => {
    const log = createLogBuilder();
    for (let i = 0; i < 50; i += 1) {
      log.report(`r${i}`, 'spammer');
      log.dismiss(`r${i}`, 'malicious');
    }
    log.report('own', 'self');
    log.convert('own', 't1', 'self');
    const reputation = replayReputation(log.events);
    expect(reputation.rankingWeight('spammer')).toBe(0.25);
    expect(reputation.profile('spammer', log.now()).tags).toContain('negative_reporter');
    expect(reputation.profile('self', log.now()).reporter).toMatchObject({
      converted: 0,
      selfVerified: 1,
    });
    expect(reputation.rankingWeight('self')).toBe(1);
  });
});
