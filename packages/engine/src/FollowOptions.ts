/** Options of {@link Engine.follow}. */
export interface FollowOptions {
  /**
   * Hears of each read that failed while following (a `storage_failure` while the
   * server restarts, say). The engine reads again on its own; log it or raise an alarm.
   */
  readonly onError?: (error: unknown) => void;
}
