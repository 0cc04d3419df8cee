import pg, { type Pool, type PoolClient } from 'pg';

const firstRetryMs = 100;
const lastRetryMs = 5_000;

/** A pooled connection held for listening, given back (or dropped) once. */
interface Held {
  readonly client: PoolClient;
  release(error?: Error): void;
}

/**
 * Runs `onNotify` with the payload of every `NOTIFY` on `channel`, on a connection of
 * `pool` held for it, until the returned function is called. When the server ends that
 * connection (a restart, a failover), it listens again on another, retrying every 0.1
 * to 5 s, and then runs `onNotify('')`: notifications sent meanwhile are lost, and the
 * listener should read what it may have missed.
 */
export async function listenOnPool(
  pool: Pool,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  const name = pg.escapeIdentifier(channel);
  let current: Held | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const heard = (message: pg.Notification) => {
    if (message.channel === channel) onNotify(message.payload ?? '');
  };

  async function hold(): Promise<Held> {
    const client = await pool.connect();
    let released = false;
    const held: Held = {
      client,
      release(error) {
        if (released) return;
        released = true;
        client.off('notification', heard);
        // After an error pg may report the same end again: the listener stays to hear it.
        if (!error) client.off('error', lost);
        client.release(error);
      },
    };
    // A held connection has no listener of the pool's: unheard, its end would end the process.
    function lost(error: Error) {
      held.release(error);
      if (current !== held) return;
      current = undefined;
      if (!stopped) again(firstRetryMs);
    }
    client.on('error', lost);
    client.on('notification', heard);
    try {
      await client.query(`LISTEN ${name}`);
    } catch (error) {
      held.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    return held;
  }

  function again(delay: number) {
    retry = setTimeout(() => {
      hold().then(
        (held) => {
          if (stopped) return held.release();
          current = held;
          onNotify('');
        },
        () => {
          if (!stopped) again(Math.min(delay * 2, lastRetryMs));
        },
      );
    }, delay);
  }

  current = await hold();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const held = current;
    current = undefined;
    if (!held) return;
    await held.client.query(`UNLISTEN ${name}`).catch(() => undefined);
    held.release();
  };
}
