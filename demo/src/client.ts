/**
 * Worker channels with cancellation (DESIGN.md §7): each channel is one instance of the solver
 * worker. A request carries a generation number (the channel's next one, or the page's solve
 * generation, shared by the exact and the quick pass of one change); when a newer request comes
 * while one is in flight, the instance is terminated (glpk.js cannot be interrupted inside a solve)
 * and a fresh one started, and replies of older generations are dropped, so only the newest result
 * is drawn. An idle instance is kept: it stays warm (library, wasm and glpk.js loaded and compiled).
 * An `abortable` channel (the quick pass: decompose checks its AbortSignal between rounds) cancels
 * by an `abort` message instead, so its worker stays warm through a slider drag too.
 */
import type { Reply, Request } from './protocol.js';

/** Receives the replies of the newest request of a channel, with the channel's name. */
export type Listener = (reply: Reply, channel: string) => void;

/** Spawns one solver worker (Vite bundles worker.ts as a module worker with its own chunks). */
function spawn(name: string): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name });
}

export class Channel {
  private worker: Worker | undefined;
  private busy = false;
  private gen = 0;
  private lastType: Request['type'] = 'solve';
  /** Workers started by this channel (the first plus every respawn). */
  spawned = 0;
  constructor(
    readonly name: string,
    private readonly listener: Listener,
    /** Cancel by an `abort` message (the worker aborts the solve's signal) rather than by terminating. */
    private readonly abortable = false,
  ) {}

  /** The generation of the newest request sent. */
  get current(): number {
    return this.gen;
  }

  /** Whether the channel holds a worker now (idle or busy): 0 or 1. */
  get alive(): number {
    return this.worker ? 1 : 0;
  }

  /**
   * Sends a request as the newest one; a request still in flight is cancelled. `gen` (greater than
   * every generation sent before) tags it; default: the channel's next. Returns its generation.
   */
  send(make: (gen: number) => Request, gen = this.gen + 1): number {
    if (!(gen > this.gen)) throw new Error(`channel ${this.name}: generation ${gen} is not newer than ${this.gen}`);
    this.cancel(); // before the generation moves on: an abort names the request it ends
    this.gen = gen;
    const w = this.ensure();
    this.busy = true;
    const req = make(this.gen);
    this.lastType = req.type;
    w.postMessage(req);
    return this.gen;
  }

  /** Cancels the request in flight (no reply of it will be delivered); an idle worker is kept. */
  cancel(): void {
    if (!this.worker || !this.busy) return;
    if (this.abortable) {
      this.worker.postMessage({ type: 'abort', gen: this.gen } satisfies Request);
      this.busy = false;
      return;
    }
    this.worker.terminate();
    this.worker = undefined;
    this.busy = false;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = spawn(`suanflow-${this.name}`);
    this.spawned += 1;
    w.onmessage = (ev: MessageEvent<Reply>) => {
      const r = ev.data;
      if (r.gen !== this.gen) return; // a superseded request: never drawn
      if (r.type === 'done') this.busy = false;
      this.listener(r, this.name);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      this.busy = false;
      this.listener({ type: 'error', gen: this.gen, request: this.lastType, name: 'WorkerError', message: ev.message || 'the solver worker failed' }, this.name);
    };
    this.worker = w;
    return w;
  }
}
