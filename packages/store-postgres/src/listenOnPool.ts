import pg, { type Pool } from 'pg';

const firstRetryMs = 100;
const lastRetryMs = 5_000;

/** A connection of its own held for listening, ended once. */
interface Held {
  end(): Promise<void>;
}

/**
 * Runs `onNotify` with the payload of every `NOTIFY` on `channel`, on a connection
 * opened for it with `pool`'s settings, until the returned function is called. The
 * connection is not one of the pool's, so listening never takes a slot the statements
 * need (with a pool of one, it took the only one). When the server ends that
 * connection (a restart, a failover), it listens again on a new one, retrying every
 * 0.1 to 5 s, and then runs `onNotify('')`: notifications sent meanwhile are lost, and
 * the listener should read what it may have missed. `onError` hears of the end and of
 * each failed attempt to listen again.
 */
export async function listenOnPool(
  pool: Pool,
  channel: string,
  onNotify: (payload: string) => void,
  onError: (error: unknown) => void = () => {},
): Promise<() => Promise<void>> {
  const name = pg.escapeIdentifier(channel);
  let current: Held | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const heard = (message: pg.Notification) => {
    if (message.channel === channel) onNotify(message.payload ?? '');
  };

  async function hold(): Promise<Held> {
    // The pool's own client class, so a pool from another copy of pg connects as it does.
    const Client = (pool as Pool & { Client?: typeof pg.Client }).Client ?? pg.Client;
    const client = new Client(pool.options);
    let ended: Promise<void> | undefined;
    const held: Held = {
      end() {
        client.off('notification', heard);
        ended ??= client.end().catch(() => undefined);
        return ended;
      },
    };
    // Unheard, the end of the connection would end the process; after an error pg may
    // report the same end again, so the listener stays.
    function lost(error: unknown) {
      void held.end();
      if (current !== held) return;
      current = undefined;
      if (stopped) return;
      onError(error);
      again(firstRetryMs);
    }
    client.on('error', lost);
    client.on('notification', heard);
    try {
      await client.connect();
      await client.query(`LISTEN ${name}`);
    } catch (error) {
      void held.end();
      throw error;
    }
    return held;
  }

  function again(delay: number) {
    retry = setTimeout(() => {
      hold().then(
        (held) => {
          if (stopped) return void held.end();
          current = held;
          onNotify('');
        },
        (error: unknown) => {
          if (stopped) return;
          onError(error);
          again(Math.min(delay * 2, lastRetryMs));
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
    await held?.end();
  };
}
