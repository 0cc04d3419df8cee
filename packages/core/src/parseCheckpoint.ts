import * as z from 'zod/mini';
import { IdSchema } from './circle';
import { parseInput } from './parseInput';
import type { SubscriptionCheckpoints } from './SubscriptionCheckpoints';

const PositionSchema = z.number().check(z.int(), z.gte(0));

/**
 * Checks what a {@link SubscriptionCheckpoints} implementation is asked to load or
 * save, as every one of them does: a subscription name that is an id, and (to save) a
 * whole position from 0. Throws `QuanziError('invalid_input')` naming `subscription`
 * or `position`.
 *
 * @example
 * parseCheckpoint('sms-outbox', 1.5); // throws invalid_input naming `position`
 */
export function parseCheckpoint(
  subscription: string,
  // A load names no position; a save that passes `undefined` is refused.
  ...at: [position: number] | []
): { name: string; position: number } {
  return {
    name: parseInput(IdSchema, subscription, { path: ['subscription'] }),
    position: at.length === 0 ? 0 : parseInput(PositionSchema, at[0], { path: ['position'] }),
  };
}
