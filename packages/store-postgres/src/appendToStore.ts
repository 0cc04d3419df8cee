import type { AppendRequest, AppendResult } from '@quanzi/core';
import { appendEvents } from './appendEvents';
import { appendInOneCall } from './appendInOneCall';
import type { SqlDriver } from './SqlDriver';
import type { StoreTables } from './storeTables';
import type { TaskRowCache } from './taskRowCache';

// Deadlocks and serialization failures are safe to retry: the statement left nothing.
const retryableCodes = new Set(['40P01', '40001']);
// Past these the task rows kept moving under us (others claim the same tasks): the
// transaction path holds their locks across its round trips, so the append gets through.
const oneCallAttempts = 3;

/**
 * Appends in one statement (`append_one`) on the task rows `cache` holds, which is
 * one round trip; when those rows keep changing under it, in a transaction of
 * several ({@link appendEvents}). Either way the idempotency key, task view, stream
 * versions, events and audit chain commit together or not at all.
 */
export async function appendToStore(
  driver: SqlDriver,
  t: StoreTables,
  cache: TaskRowCache,
  request: AppendRequest,
): Promise<AppendResult> {
  for (let attempt = 1; attempt <= oneCallAttempts; attempt += 1) {
    try {
      // The first attempt may send rows the cache lacks unread; a later one reads them.
      const result = await appendInOneCall(driver, t, cache, request, attempt === 1);
      if (result) return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !retryableCodes.has(code)) throw error;
    }
  }
  return appendEvents(driver, t, request);
}
