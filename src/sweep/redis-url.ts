/**
 * Queue addresses (`redis://[:password@]host[:port][/db]`) and a reachability check with a
 * time-out: one clear message when Redis is not there, instead of a client retrying for ever.
 */
import { connect } from 'node:net';
import { SuanflowError } from '../errors.js';

/** The queue is unreachable or its address is bad (one sentence: where, why, what to do). */
export class QueueError extends SuanflowError {
  override readonly name = 'QueueError';
}

/** A parsed queue address. */
export interface RedisAddress {
  readonly host: string;
  readonly port: number;
  readonly password?: string;
  readonly db?: number;
  /** The address without a password, for messages. */
  readonly shown: string;
}

/** Parses `redis://host:port` (a bare `host:port` too). */
export function parseRedisUrl(text: string): RedisAddress {
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//i.test(text) ? text : `redis://${text}`);
  } catch {
    throw new QueueError(`"${text}" is not a queue address: give redis://host:port`);
  }
  if (u.protocol !== 'redis:') throw new QueueError(`"${text}": only redis:// queue addresses are supported`);
  const port = u.port === '' ? 6379 : Number(u.port);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !(Number.isInteger(db) && db >= 0)) throw new QueueError(`"${text}": the database after / must be an integer ≥ 0`);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const password = u.password !== '' ? decodeURIComponent(u.password) : undefined;
  return { host, port, ...(password !== undefined ? { password } : {}), ...(db !== undefined ? { db } : {}), shown: `redis://${u.hostname}:${port}${db !== undefined ? `/${db}` : ''}` };
}

/**
 * Connects to `addr` and sends PING; resolves when Redis answers, rejects with a QueueError within
 * `timeoutMs` when nothing listens, the host does not answer, or it is not Redis.
 */
export function pingRedis(addr: RedisAddress, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: addr.host, port: addr.port });
    let got = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      sock.destroy();
      reject(new QueueError(`cannot reach the queue at ${addr.shown}: ${why} (start Redis there, or check --queue)`));
    };
    const timer = setTimeout(() => fail(`no answer within ${(timeoutMs / 1000).toFixed(1)} s`), timeoutMs);
    sock.on('connect', () => sock.write(addr.password !== undefined ? `AUTH ${JSON.stringify(addr.password)}\r\nPING\r\n` : 'PING\r\n'));
    sock.on('data', (d) => {
      got += d.toString('latin1');
      if (/\+PONG\r\n/.test(got)) {
        clearTimeout(timer);
        sock.end();
        resolve();
      } else if (/^-/m.test(got)) fail(`Redis refused: ${got.split('\r\n').find((l) => l.startsWith('-'))!.slice(1)}`);
    });
    sock.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNREFUSED' ? 'connection refused (nothing listens on that port)' : (e.code ?? e.message)));
  });
}
