/** BullMQ is an optional peer dependency: loaded by dynamic import, with the install command when missing. */
import { QueueError } from './redis-url.js';

export type BullMQ = typeof import('bullmq');

let mod: Promise<BullMQ> | undefined;

/** What to tell a user whose `import('bullmq')` failed. */
export function bullmqMissingMessage(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return 'the queue (--queue) needs the optional peer package "bullmq", which is not installed: run `npm install bullmq@5`';
  }
  return `the queue (--queue) needs the optional peer package "bullmq" (version 5), and it could not be loaded (${(err as Error)?.message ?? String(err)}): run \`npm install bullmq@5\``;
}

/** The bullmq module (once per process). */
export function loadBullMQ(): Promise<BullMQ> {
  mod ??= (async () => {
    const name = 'bullmq'; // a variable: bundlers must not try to resolve this optional package
    try {
      return (await import(/* @vite-ignore */ name)) as BullMQ;
    } catch (err) {
      throw new QueueError(bullmqMissingMessage(err), { cause: err });
    }
  })();
  mod.catch(() => (mod = undefined));
  return mod;
}
