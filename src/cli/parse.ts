/**
 * Flags of every command, on `node:util` `parseArgs`: a value that is a negative number
 * (`--carbon-price -5`) is the flag's value, so the command's own rule can name what is wrong
 * ("must be a number ≥ 0"), and the parser's errors read as one plain sentence.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './args.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity$)/;

/** `--flag -5` → `--flag=-5` for flags that take a value. */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && !name.includes('=') && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

/** The parser's error as a short sentence naming the flag. */
function plainMessage(e: Error & { code?: string }, options: Options): string {
  const flag = /'(-[^']*)'/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag ?? e.message} (flags: ${Object.keys(options).map((k) => `--${k}`).join(', ')})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = flag?.replace(/ .*$/, '').replace(/^-+/, '');
      const long = name !== undefined && name.length > 1 ? name : Object.entries(options).find(([, o]) => o.short === name)?.[0];
      if (long !== undefined && options[long]?.type === 'boolean') return `--${long} takes no value`;
      const f = long !== undefined ? `--${long}` : 'an option';
      return `${f} needs a value (a value that starts with "-" is written ${long !== undefined ? f : '--flag'}=VALUE)`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(e.message)?.[1] ?? ''}`.trim();
    default:
      return e.message;
  }
}

/**
 * Parses `argv` with `options` (strict, positionals allowed). Bad flags throw a `UsageError`
 * with one plain sentence.
 */
export function parseFlags<O extends Options>(argv: readonly string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError(plainMessage(err, options));
    throw e;
  }
}

/** Throws a `UsageError` for positionals past the first `max`. */
export function atMost(positionals: readonly string[], max: number): void {
  if (positionals.length > max) throw new UsageError(`unexpected argument "${positionals[max]}"`);
}
