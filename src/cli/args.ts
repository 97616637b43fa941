/** What every `suanflow` command shares: reading a scenario file, numeric flags, bad input. */
import { readFileSync } from 'node:fs';
import { OptionsError, ScenarioError, SuanflowError } from '../errors.js';
import { ProfileError } from '../profiles/errors.js';
import { scenarios } from '../scenario/builtin/index.js';

/** Bad input at the command line: printed as one message, exit code 2. */
export class UsageError extends Error {}

/**
 * The scenario JSON in `file` (unvalidated: the callers validate), or the built-in day. The file
 * must be UTF-8 (a byte-order mark is accepted); a binary or UTF-16 file, or JSON that does not
 * parse, is a UsageError whose message shows non-printable characters as escapes, never raw.
 */
export function readScenario(file: string | undefined): unknown {
  if (file === undefined) return scenarios.eastDataWestComputing;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // The same escapes as src/util/printable.ts (this function keeps to its own file).
  const shown = (t: string) =>
    t.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\uFFFD]/gu, (c) => {
      const named = ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' } as Record<string, string>)[c];
      const code = c.codePointAt(0)!;
      const hex = (n: number) => code.toString(16).toUpperCase().padStart(n, '0');
      return named ?? (code < 0x100 ? `\\x${hex(2)}` : code < 0x10000 ? `\\u${hex(4)}` : `\\u{${hex(1)}}`);
    });
  const utf8 = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let text: string;
  try {
    text = utf8().decode(bytes);
  } catch {
    // The first byte that is not UTF-8: the shortest prefix that fails (prefixes only fail more).
    let [lo, hi] = [0, bytes.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      try {
        utf8().decode(bytes.subarray(0, mid + 1), { stream: true });
        lo = mid + 1;
      } catch {
        hi = mid;
      }
    }
    // A sequence cut short fails at the byte after it: name its lead byte instead.
    for (let j = lo - 1; j >= Math.max(0, lo - 3); j--) {
      const b = bytes[j]!;
      if (b < 0x80) break;
      if (b >= 0xc0) {
        if ((b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > lo - j) lo = j;
        break;
      }
    }
    const bom16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const why = bom16 ? 'it starts with a UTF-16 byte-order mark: save it as UTF-8' : `byte 0x${(bytes[lo] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at offset ${lo} is not UTF-8; a binary file?`;
    throw new UsageError(`${shown(file)} is not a UTF-8 text file (${why}); scenario files are UTF-8 JSON`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /at position (\d+)/.exec((e as Error).message);
    const at = m ? text.slice(0, Number(m[1])).split(/\r\n|\r|\n/) : undefined;
    const where = at ? ` (line ${at.length}, column ${at[at.length - 1]!.length + 1})` : '';
    throw new UsageError(`${shown(file)} is not valid JSON: ${shown((e as Error).message)}${where}`);
  }
}

/** `--name value` as a number that satisfies `ok`, else a UsageError saying `rule`. */
export function numberOption(name: string, value: string | undefined, ok: (x: number) => boolean, rule: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new UsageError(`--${name} must be ${rule}, got "${value}"`);
  return x;
}

/** `--quiet`: no progress lines and no usage hints on stderr (results and errors still print). */
let quiet = false;
export function setQuiet(on: boolean): void {
  quiet = on;
}
export function isQuiet(): boolean {
  return quiet;
}

/** Library option names as the command line spells them. */
const FLAGS: Readonly<Record<string, string>> = {
  backend: '--backend',
  timeLimitSeconds: '--time-limit',
  maxMemoryMB: '--max-memory',
  points: '--points',
  method: '--method',
  abatement: '--abatement',
  latencyScale: '--latency-scale',
  lookaheadHours: '--lookahead',
  seed: '--seed',
  days: '--days',
};

/** Most scenario problems printed on a terminal; `suanflow validate FILE --json` lists all. */
const MAX_ISSUES = 20;

/** One message for bad input: flags named as typed, every scenario problem with its path. */
export function badInputMessage(e: unknown): string | undefined {
  if (e instanceof UsageError) return e.message;
  if (e instanceof OptionsError) {
    const flag = FLAGS[e.option.replace(/\[\d+\]$/, '')];
    return flag !== undefined ? `${flag}: ${e.message.replace(/^option \S+: /, '')}` : e.message;
  }
  if (e instanceof ScenarioError) {
    if (e.issues.length <= MAX_ISSUES) return e.message;
    const lines = e.message.split('\n');
    return [...lines.slice(0, MAX_ISSUES + 1), `  … and ${e.issues.length - MAX_ISSUES} more ("suanflow validate FILE --json" lists all)`].join('\n');
  }
  if (e instanceof ProfileError) return e.message;
  return undefined;
}

/**
 * Runs a command and turns its errors into exit codes: bad input (UsageError, ScenarioError,
 * OptionsError, ProfileError, or what `isBadInput` accepts) is a message and 2; another
 * SuanflowError is one line and 1; anything else is a bug and is rethrown.
 */
export async function runCommand(
  name: string,
  run: () => Promise<number>,
  write: (text: string) => void = (t) => process.stderr.write(t),
  isBadInput: (e: unknown) => boolean = () => false,
): Promise<number> {
  try {
    return await run();
  } catch (e) {
    const bad = badInputMessage(e) ?? (isBadInput(e) ? (e as Error).message : undefined);
    if (bad !== undefined) {
      write(`suanflow ${name}: ${bad}\n`);
      if (!(e instanceof ScenarioError) && !quiet) write(`run "suanflow ${name} --help" for usage\n`);
      return 2;
    }
    if (e instanceof SuanflowError) {
      write(`suanflow ${name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
