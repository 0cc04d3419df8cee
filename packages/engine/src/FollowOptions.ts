/** Options of {@link Engine.follow}. */
export interface FollowOptions {
  /**
   * Hears of each read that failed while following (a `storage_failure` while the
   * server restarts, say), and of each time the listening connection ended or could
   * not be opened again. The engine reads and listens again on its own; log it or
   * raise an alarm.
   */
  readonly onError?: (error: unknown) => void;
}
