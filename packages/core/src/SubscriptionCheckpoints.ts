/**
 * Where a durable subscription keeps how far it has handled the log: the global
 * position of the last event its consumer finished. Implementations: in memory in
 * `@quanzi/engine`, a table in `@quanzi/store-postgres` (PostgreSQL and PGlite).
 */
export interface SubscriptionCheckpoints {
  /** The position saved for `subscription`, or 0 when it never saved one. */
  load(subscription: string): Promise<number>;
  /** Saves `position` for `subscription`; a lower position than the saved one is ignored. */
  save(subscription: string, position: number): Promise<void>;
}
