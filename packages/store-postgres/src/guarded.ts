import { isQuanziError, QuanziError } from '@quanzi/core';

/** Runs database work; driver failures become `storage_failure`, Quanzi's own errors pass through. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isQuanziError(error)) throw error;
    throw new QuanziError({ code: 'storage_failure', cause: error });
  }
}
