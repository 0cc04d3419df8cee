import { isQuanziError } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { createReputationProjection, ReputationConfigSchema } from '../src/index';
import { createLogBuilder } from './logBuilder';

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('bad input', () => {
  it('rejects a bad event with a bilingual QuanziError naming the field, leaving state unchanged', () => {
    const log = createLogBuilder();
    log.task('t1');
    log.accept('t1', ['p1']);
    const reputation = createReputationProjection();
    reputation.applyAll(log.events);
    const before = reputation.profile('p1', log.now());
    const error = thrown(() =>
      reputation.apply({
        id: 'bad',
        type: 'quanzi.task.accepted',
        time: log.now(),
        actor: 'cmd',
        data: { taskId: 't1', claimantIds: [], onTime: true },
      }),
    );
    expect(isQuanziError(error) && error.code).toBe('invalid_input');
    expect(isQuanziError(error) && error.path).toEqual(['data', 'claimantIds']);
    expect(isQuanziError(error) && error.messages['zh-CN']).toMatch(/claimantIds/);
    expect(reputation.profile('p1', log.now())).toEqual(before);
  });

  it('applies a batch all or nothing', () => {
    const log = createLogBuilder();
    log.task('t1');
    log.accept('t1', ['p1']);
    const reputation = createReputationProjection();
    const error = thrown(() =>
      reputation.applyAll([
        ...log.events,
        { id: 'x', type: 'quanzi.task.rated', time: 'yesterday', actor: 'cmd', data: {} },
      ]),
    );
    expect(isQuanziError(error) && error.path).toEqual([2, 'time']);
    expect(reputation.participants()).toEqual([]);
    expect(() => reputation.profile('p1', 'now')).toThrow(/now/);
  });

  it('explains a broken ladder at its path', () => {
    const result = ReputationConfigSchema.safeParse({
      ladder: { thresholds: [{ metric: 'volume', promote: [1, 5, 3], demote: [0.5, 6, 2] }] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ['ladder', 'thresholds', 0, 'demote', 1],
      ['ladder', 'thresholds', 0, 'promote', 2],
    ]);
    const error = thrown(() =>
      createReputationProjection({
        ladder: { thresholds: [{ metric: 'volume', promote: [1, 2], demote: [1] }] },
      }),
    );
    expect(isQuanziError(error) && error.code).toBe('invalid_policy');
  });
});
