/** `suanflow bench [--size D×S[×H],…] [--samples N] [--limit S] [--json]`. */
import { BENCH_SIZES, type BenchSize, formatBench, runBench } from '../bench/run.js';
import { OptionsError } from '../errors.js';
import { isQuiet, numberOption, runCommand } from './args.js';
import { atMost, parseFlags } from './parse.js';

export const BENCH_USAGE = `usage: suanflow bench [--size D×S[×H],…] [--samples N] [--limit S] [--json]

Seeded placement scenarios solved by the flow backend end to end, the network simplex alone
(wasm and its TS twin), glpk.js and, when installed, HiGHS; every plan verified and every
objective compared before a time is reported. Progress on stderr, the table (or JSON) on stdout.

  --size      cases, e.g. 1000x30,5000x50x24 (default: ${BENCH_SIZES.map((s) => `${s.demands}x${s.sites}x${s.hours}`).join(',')})
  --samples   timed runs per fast peer after one warm-up (default 5)
  --limit     time limit of each LP solver per case, seconds (default 60)
  --json      print the report as JSON
  -q, --quiet no progress lines on stderr
  -h, --help  this text

example:
  suanflow bench --size 1000x30,5000x50x24 --samples 3

exit codes: 0 ok, 1 a fault, 2 bad input`;

/** Parses "5000x50" or "5000x50x24" (× also accepted). */
export function parseSizes(text: string): BenchSize[] {
  return text.split(',').map((part) => {
    const nums = part.trim().split(/[x×]/).map(Number);
    const [demands, sites, hours = 1] = nums;
    const ok = (x: number | undefined) => x !== undefined && Number.isInteger(x) && x > 0;
    if (nums.length < 2 || nums.length > 3 || !ok(demands) || !ok(sites) || !ok(hours)) {
      throw new OptionsError('--size', `"${part}" is not DEMANDSxSITES or DEMANDSxSITESxHOURS with positive integers`);
    }
    return { demands: demands!, sites: sites!, hours };
  });
}

/** Runs `suanflow bench` with the arguments after the command name; resolves to the exit code. */
export function benchCommand(argv: string[]): Promise<number> {
  return runCommand('bench', () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    size: { type: 'string' },
    samples: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  atMost(positionals, 0);
  if (values.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const int = (name: string, v: string | undefined, min: number) => numberOption(name, v, (x) => Number.isInteger(x) && x >= min, `an integer ≥ ${min}`);
  const samples = int('samples', values.samples, 1);
  const limitSeconds = int('limit', values.limit, 1);
  const report = await runBench({
    ...(values.size !== undefined ? { sizes: parseSizes(values.size) } : {}),
    ...(samples !== undefined ? { samples } : {}),
    ...(limitSeconds !== undefined ? { limitSeconds } : {}),
    progress: (line) => {
      if (!isQuiet()) process.stderr.write(`${line}\n`);
    },
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatBench(report)}\n`);
  return 0;
}
