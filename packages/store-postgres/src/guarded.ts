import { isQuanziError, QuanziError } from '@quanzi/core';
import { settleTimedOut } from './settledPositions';

/** A driver failure as `storage_failure` (its cause kept); Quanzi's own errors as they are. */
export function storageFailure(error: unknown): QuanziError {
  if (isQuanziError(error)) return error;
  const timedOut = (error as { code?: unknown }).code === settleTimedOut;
  return new QuanziError({
    code: 'storage_failure',
    cause: error,
    ...(timedOut && {
      message: {
        en: 'Appends to the store have been in flight for too long (a transaction inserting events left open?); the read waits for them, so it gave up',
        'zh-CN':
          '向存储追加的写入长时间未完成（是否有插入事件的事务未结束？）；读取须等待它们，因此已放弃',
      },
    }),
  });
}

/** Runs database work; driver failures become `storage_failure`, Quanzi's own errors pass through. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storageFailure(error);
  }
}
