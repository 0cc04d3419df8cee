import { parseInput } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldReputation } from '../src/foldReputation';
import { copyRecord } from '../src/overlayState';
import type { ReputationEvent } from '../src/parseReputationEvent';
import { ReputationConfigSchema } from '../src/ReputationConfigSchema';
import { blankRecord } from '../src/reputationState';
import { arbitraryOps, buildLog } from './arbitraryLog';

describe('copyRecord', () => {
  it('shares no object with the record it copies, whatever fields a record has', () => {
    const record = blankRecord('p1', 0);
    record.teamIds.add('team');
    record.byCategory.set('litter', 2);
    record.pointsByDay.set(3, new Map([['task', 5]]));
    const copy = copyRecord(record);
    expect(copy).toStrictEqual(record);
    // A field added later as a set, map or array must be copied here too.
    for (const [key, value] of Object.entries(record))
      if (typeof value === 'object' && value !== null)
        expect(copy[key as keyof typeof copy], key).not.toBe(value);
    expect(copy.pointsByDay.get(3)).not.toBe(record.pointsByDay.get(3));
  });

  it('copies every record a log builds equal to what structuredClone makes (property)', () => {
    const config = parseInput(ReputationConfigSchema, {
      pairs: { minCount: 2, minLift: 1.5, neutralise: true },
    });
    fc.assert(
      fc.property(arbitraryOps, (ops) => {
        const log = buildLog(ops).events as unknown as ReputationEvent[];
        const state = foldReputation(config, log);
        for (const record of state.participants.values())
          expect(copyRecord(record)).toStrictEqual(structuredClone(record));
      }),
      { numRuns: 100, seed: 14 },
    );
  });
});
