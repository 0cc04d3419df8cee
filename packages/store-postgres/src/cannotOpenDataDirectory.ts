import { QuanziError } from '@quanzi/core';

/**
 * The `storage_failure` for a PGlite data directory that cannot be opened (a file
 * stands in its place, the process may not write there, the files are not a database),
 * naming the directory and the system's reason.
 */
export function cannotOpenDataDirectory(dir: string, cause: unknown): QuanziError {
  const { code } = (cause ?? {}) as { code?: unknown };
  const reason =
    typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
  const message = {
    en: `Cannot open the data directory "${dir}" (${reason}): it must be a directory this process may write to, empty or holding a PGlite database`,
    'zh-CN': `无法打开数据目录 "${dir}"（${reason}）：它必须是本进程可写的目录，且为空或存放着 PGlite 数据库`,
  };
  return new QuanziError({ code: 'storage_failure', path: ['dataDir'], message, cause });
}
