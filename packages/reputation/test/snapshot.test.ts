import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createReputationProjection,
  type ReputationConfigInput,
  type ReputationEventInput,
  restoreReputationProjection,
} from '../src/index';
import { arbitraryOps, buildLog, snapshotOf, uniqueEvents } from './arbitraryLog';
import { createLogBuilder } from './logBuilder';

const config: ReputationConfigInput = {
  halfLifeDays: 5,
  pairs: { minCount: 2, minLift: 1.5, neutralise: true },
};

/** A point in `events` (0 to its length) at or after its last overturn, chosen by `seed`. */
function pointAfterLastOverturn(events: readonly ReputationEventInput[], seed: number): number {
  const overturns = events.flatMap((e, i) =>
    e.type === 'quanzi.decision.overturned' ? [i + 1] : [],
  );
  const first = Math.max(0, ...overturns);
  return first + (seed % (events.length - first + 1));
}

describe('reputation snapshots', () => {
  it('a projection restored from its snapshot text, fed the rest of the log, equals one fed all of it (property)', () => {
    fc.assert(
      fc.property(arbitraryOps, fc.nat(), (ops, cutSeed) => {
        const log = buildLog(ops);
        // A restored projection has not seen the ids before the snapshot, so a repeat of
        // one would count twice: the log is read as a store holds it, each event once.
        const events = uniqueEvents(log.events);
        // A restored projection cannot fold an overturn (it needs the whole log): cut after the last.
        const cut = pointAfterLastOverturn(events, cutSeed);
        const whole = createReputationProjection(config);
        whole.applyAll(events);
        const before = createReputationProjection(config);
        before.applyAll(events.slice(0, cut));
        const restored = restoreReputationProjection(before.snapshot(), config);
        restored.applyAll(events.slice(cut));
        expect(snapshotOf(restored, log.now())).toEqual(snapshotOf(whole, log.now()));
        // What it writes in turn reads back the same: maps and sets survive twice.
        expect(restoreReputationProjection(restored.snapshot(), config).snapshot()).toBe(
          restored.snapshot(),
        );
      }),
      { numRuns: 100, seed: 1414 },
    );
  });

  it('a projection that lets go of its events at any point after the last overturn goes on as one that kept them (property)', () => {
    fc.assert(
      fc.property(arbitraryOps, fc.nat(), fc.nat(), (ops, cutSeed, secondSeed) => {
        const log = buildLog(ops);
        const events = uniqueEvents(log.events);
        const cut = pointAfterLastOverturn(events, cutSeed);
        const second = cut + (secondSeed % (events.length - cut + 1));
        const whole = createReputationProjection(config);
        whole.applyAll(events);
        const forgetful = createReputationProjection(config);
        forgetful.applyAll(events.slice(0, cut));
        forgetful.forgetEvents();
        forgetful.applyAll(events.slice(cut, second));
        // Twice: a projection that already keeps none lets go of the ids it has seen since.
        forgetful.forgetEvents();
        forgetful.applyAll(events.slice(second));
        expect(forgetful.wholeLog).toBe(false);
        expect(snapshotOf(forgetful, log.now())).toEqual(snapshotOf(whole, log.now()));
        expect(forgetful.snapshot()).toBe(whole.snapshot());
      }),
      { numRuns: 100, seed: 1415 },
    );
  });

  it('a replay told the log’s overturns first keeps no events and ends as one that kept them all (property)', () => {
    fc.assert(
      fc.property(arbitraryOps, (ops) => {
        const log = buildLog(ops);
        const events = uniqueEvents(log.events);
        const overturns = events.filter((e) => e.type === 'quanzi.decision.overturned');
        const whole = createReputationProjection(config);
        whole.applyAll(events);
        const replay = createReputationProjection(config, { overturns });
        expect(replay.wholeLog).toBe(false);
        replay.applyAll(events);
        expect(snapshotOf(replay, log.now())).toEqual(snapshotOf(whole, log.now()));
        // A re-fold marks everyone it knew as changed; a replay that never re-folds marks
        // whoever its events changed, which is still everyone it holds.
        const changed = replay.takeChanged();
        expect(replay.participants().filter((id) => !changed.includes(id))).toEqual([]);
        whole.takeChanged();
        expect(replay.snapshot()).toBe(whole.snapshot());
      }),
      { numRuns: 200, seed: 1416 },
    );
  });

  it('a replay told the log’s overturns refuses one it was not told of', () => {
    const log = createLogBuilder();
    log.task('t1');
    const first = log.reject('t1', 'p1', 'v1');
    log.task('t2');
    const second = log.reject('t2', 'p1', 'v1');
    log.overturn(first);
    const told = log.events.filter((e) => e.type === 'quanzi.decision.overturned');
    log.overturn(second);
    const replay = createReputationProjection(config, { overturns: told });
    replay.applyAll(log.events.slice(0, -1));
    expect(() => replay.applyAll(log.events.slice(-1))).toThrow(
      expect.objectContaining({ code: 'unsupported' }),
    );
    const whole = createReputationProjection(config);
    whole.applyAll(log.events.slice(0, -1));
    expect(replay.snapshot()).toBe(whole.snapshot());
  });

  it('after letting go of its events, explainScore and an overturn need the whole log', () => {
    const log = createLogBuilder();
    log.task('t1');
    const rejection = log.reject('t1', 'p1', 'v1');
    const reputation = createReputationProjection(config);
    reputation.applyAll(log.events);
    expect(reputation.explainScore('p1', log.now()).participantId).toBe('p1');
    reputation.forgetEvents();
    const unsupported = expect.objectContaining({ code: 'unsupported' });
    expect(() => reputation.explainScore('p1', log.now())).toThrow(unsupported);
    log.overturn(rejection);
    expect(() => reputation.applyAll(log.events.slice(-1))).toThrow(unsupported);
    // Each language names what needs the log in its own words.
    const messagesOf = (act: () => unknown) => {
      try {
        act();
      } catch (error) {
        return (error as { messages: Record<string, string> }).messages;
      }
      throw new Error('did not throw');
    };
    const overturn = messagesOf(() => reputation.applyAll(log.events.slice(-1)));
    expect(overturn.en).toContain('an overturned decision needs the whole log');
    expect(overturn['zh-CN']).toContain('撤销的决定需要完整日志');
    expect(overturn['zh-CN']).not.toMatch(/overturned|decision/);
    expect(messagesOf(() => reputation.explainScore('p1', log.now()))['zh-CN']).toContain(
      'explainScore（得分解释）需要完整日志',
    );
  });

  it('refuses text of an earlier format or no snapshot at all, naming the field', () => {
    const text = createReputationProjection(config).snapshot();
    // A map with a key and no value, too.
    const odd = text.replace('{"$map":[]}', '{"$map":["k"]}');
    expect(odd).not.toBe(text);
    const texts = [text.replace('"format":2', '"format":1'), odd, '{}', 'not json', '[]'];
    for (const bad of texts)
      expect(() => restoreReputationProjection(bad, config)).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['snapshot'] }),
      );
  });
});
