export { createPgDriver, type PgDriverOptions } from './createPgDriver';
export {
  createPgliteDriver,
  type PgliteDatabase,
  type PgliteExecutor,
} from './createPgliteDriver';
export {
  createPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './createPostgresEventStore';
export { type MigrationReport, migrate } from './migrate';
export { type Migration, migrations } from './migrations';
export type { SqlDriver, SqlExecutor } from './SqlDriver';
export { type StoreTables, storeTables } from './storeTables';
export type { ListTaskViewsQuery, TaskView, TaskViews } from './taskViews';
