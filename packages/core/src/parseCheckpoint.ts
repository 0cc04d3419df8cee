import * as z from 'zod/mini';
import { IdSchema } from './circle';
import { parseInput } from './parseInput';

const PositionSchema = z.number().check(z.int(), z.gte(0));

/**
 * Checks what a {@link SubscriptionCheckpoints} implementation is asked to save, as
 * every one of them does: a subscription name that is an id, and a whole position from
 * 0. Throws `QuanziError('invalid_input')` naming `subscription` or `position`.
 *
 * @example
 * parseCheckpoint('sms-outbox', 1.5); // throws invalid_input naming `position`
 */
export function parseCheckpoint(
  subscription: string,
  position?: number,
): { name: string; position: number } {
  return {
    name: parseInput(IdSchema, subscription, { path: ['subscription'] }),
    position:
      position === undefined ? 0 : parseInput(PositionSchema, position, { path: ['position'] }),
  };
}
