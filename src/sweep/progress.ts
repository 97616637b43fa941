/**
 * The progress bar of a sweep on stderr: done/total, a bar, rate and ETA. Only on a terminal and
 * without --quiet; NO_COLOR or TERM=dumb print plain lines (no cursor codes) every few seconds.
 */

/** Where progress goes (the CLI: process.stderr). */
export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const clock = (s: number) => {
  if (!Number.isFinite(s)) return '--:--';
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m)}:${String(sec).padStart(2, '0')}`;
};

/** One progress line: `label 120/200 ▕██████░░░░▏ 60% 35.2/s ETA 0:03`. */
export function progressText(label: string, done: number, total: number, elapsedS: number, width = 20): string {
  const f = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(f * width);
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const eta = rate > 0 ? (total - done) / rate : Infinity;
  return `${label} ${done}/${total} ▕${'█'.repeat(full)}${'░'.repeat(width - full)}▏ ${(f * 100).toFixed(0)}% ${rate.toFixed(rate < 10 ? 1 : 0)}/s ETA ${clock(eta)}`;
}

/** A throttled progress bar; `tick` after each result, `end` once. */
export class ProgressBar {
  private done = 0;
  private last = 0;
  private readonly t0 = performance.now();
  private readonly plain: boolean;
  private readonly on: boolean;
  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private readonly total: number,
    quiet: boolean,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.on = sink.isTTY === true && !quiet;
    this.plain = env['NO_COLOR'] !== undefined || env['TERM'] === 'dumb';
  }
  tick(n = 1): void {
    this.done += n;
    if (!this.on) return;
    const now = performance.now();
    if (now - this.last < (this.plain ? 2000 : 100) && this.done < this.total) return;
    this.last = now;
    this.show();
  }
  private show(): void {
    const text = progressText(this.label, this.done, this.total, (performance.now() - this.t0) / 1000);
    this.sink.write(this.plain ? `${text}\n` : `\r\x1b[K${text}`);
  }
  end(): void {
    if (this.on && !this.plain) this.sink.write('\r\x1b[K');
  }
}
