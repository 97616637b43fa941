/** What every `suanflow` command shares: reading a scenario file, numeric flags, bad input. */
import { readFileSync } from 'node:fs';
import { OptionsError, ScenarioError, SuanflowError } from '../errors.js';
import { ProfileError } from '../profiles/errors.js';
import { scenarios } from '../scenario/builtin/index.js';

/** Bad input at the command line: printed as one message, exit code 2. */
export class UsageError extends Error {}

/** The scenario JSON in `file` (unvalidated: the callers validate), or the built-in day. */
export function readScenario(file: string | undefined): unknown {
  if (file === undefined) return scenarios.eastDataWestComputing;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** `--name value` as a number that satisfies `ok`, else a UsageError saying `rule`. */
export function numberOption(name: string, value: string | undefined, ok: (x: number) => boolean, rule: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new UsageError(`--${name} must be ${rule}, got "${value}"`);
  return x;
}

/**
 * Runs a command and turns its errors into exit codes: bad input (UsageError, a parse error,
 * ScenarioError, OptionsError, ProfileError, or what `isBadInput` accepts) is one line and 2;
 * another SuanflowError is one line and 1; anything else is a bug and is rethrown.
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
    const err = e as Error & { code?: string };
    const scenario = e instanceof ScenarioError;
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS') || scenario || e instanceof OptionsError || e instanceof ProfileError || isBadInput(e)) {
      write(`suanflow ${name}: ${err.message}\n`);
      if (!scenario) write(`run "suanflow ${name} --help" for usage\n`);
      return 2;
    }
    if (e instanceof SuanflowError) {
      write(`suanflow ${name}: ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
