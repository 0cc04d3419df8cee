import { QuanziError } from '@quanzi/core';

/** The fully qualified names of the store's tables in one PostgreSQL schema. */
export interface StoreTables {
  readonly schema: string;
  readonly migrations: string;
  readonly streams: string;
  readonly events: string;
  readonly idempotencyKeys: string;
  readonly auditLog: string;
  readonly auditHeads: string;
  readonly taskView: string;
  readonly subscriptions: string;
  readonly snapshots: string;
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/** Qualifies every table with `schema`, which must be a plain lower-case identifier. */
export function storeTables(schema: string): StoreTables {
  if (!schemaName.test(schema))
    throw new QuanziError({
      code: 'invalid_input',
      path: ['schema'],
      message: {
        en: `Schema name must be a lower-case SQL identifier, got "${schema}"`,
        'zh-CN': `模式名必须是小写的 SQL 标识符，实际为 "${schema}"`,
      },
    });
  const q = (table: string) => `"${schema}"."${table}"`;
  return {
    schema,
    migrations: q('migrations'),
    streams: q('streams'),
    events: q('events'),
    idempotencyKeys: q('idempotency_keys'),
    auditLog: q('audit_log'),
    auditHeads: q('audit_heads'),
    taskView: q('task_view'),
    subscriptions: q('subscriptions'),
    snapshots: q('snapshots'),
  };
}
