// Small pieces of the sweep CLI: the message when the optional bullmq is missing, and the progress
// bar (rate, ETA; terminal only, no cursor codes under NO_COLOR / TERM=dumb, silent with -q).
import { describe, expect, it } from 'vitest';
import { bullmqMissingMessage } from '../src/sweep/bullmq-load.js';
import { ProgressBar, progressText } from '../src/sweep/progress.js';

describe('sweep CLI pieces', () => {
  it('bullmq missing: names the install command', () => {
    const e = Object.assign(new Error("Cannot find package 'bullmq'"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(bullmqMissingMessage(e)).toBe('the queue (--queue) needs the optional peer package "bullmq", which is not installed: run `npm install bullmq@5`');
    expect(bullmqMissingMessage(new Error('boom'))).toMatch(/could not be loaded \(boom\): run `npm install bullmq@5`/);
  });

  it('progress text: done/total, bar, percent, rate, ETA', () => {
    expect(progressText('sweep', 50, 200, 10, 10)).toBe('sweep 50/200 ▕███░░░░░░░▏ 25% 5.0/s ETA 0:30');
    expect(progressText('sweep', 0, 10, 0, 4)).toBe('sweep 0/10 ▕░░░░▏ 0% 0.0/s ETA --:--');
    expect(progressText('sweep', 7200, 14400, 60, 4)).toBe('sweep 7200/14400 ▕██░░▏ 50% 120/s ETA 1:00');
  });

  it('the bar: cursor codes on a terminal, plain lines under TERM=dumb, nothing off a terminal or with -q', () => {
    const sink = (isTTY: boolean) => ({ isTTY, text: '', write(t: string) { this.text += t; } });
    const tty = sink(true);
    const bar = new ProgressBar(tty, 's', 2, false, {});
    bar.tick();
    bar.tick();
    bar.end();
    expect(tty.text).toMatch(/^\r\x1b\[Ks 1\/2 .*\r\x1b\[Ks 2\/2 .*\r\x1b\[K$/s);
    const dumb = sink(true);
    const b2 = new ProgressBar(dumb, 's', 1, false, { TERM: 'dumb' });
    b2.tick();
    b2.end();
    expect(dumb.text).toMatch(/^s 1\/1 [^\x1b]*\n$/);
    for (const [s, quiet] of [[sink(false), false], [sink(true), true]] as const) {
      const b = new ProgressBar(s, 's', 1, quiet, {});
      b.tick();
      b.end();
      expect(s.text).toBe('');
    }
  });
});
