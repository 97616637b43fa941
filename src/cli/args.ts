/** What every `suanflow` command shares: reading a scenario file, numeric flags, bad input. */
import { ModelSizeError, OptionsError, ScenarioError, SuanflowError } from '../errors.js';
import { ProfileError } from '../profiles/errors.js';
import { CarbonMapError } from '../profiles/carbon-csv.js';
import { UsageError } from './usage-error.js';

export { UsageError } from './usage-error.js';
export { readScenario } from './read-scenario.js';

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
  if (e instanceof ProfileError || e instanceof CarbonMapError || e instanceof ModelSizeError) return e.message;
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
      // A usage hint helps with flags, not with a scenario's content or its size.
      if (!(e instanceof ScenarioError || e instanceof ModelSizeError) && !quiet) write(`run "suanflow ${name} --help" for usage\n`);
      return 2;
    }
    if (e instanceof SuanflowError) {
      write(`suanflow ${name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
