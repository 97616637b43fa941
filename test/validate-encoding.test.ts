import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario, UsageError } from '../src/cli/args.js';
import { printable } from '../src/util/printable.js';
import { tiny } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'suanflow-encoding-'));
let n = 0;
const file = (data: string | Uint8Array) => {
  const p = join(dir, `s${n++}.json`);
  writeFileSync(p, data);
  return p;
};
/** The UsageError message readScenario throws for `data`. */
function message(data: string | Uint8Array): string {
  try {
    readScenario(file(data));
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error('no UsageError');
}
/** Raw control characters (other than none at all) must never reach a message. */
const RAW = /[\u0000-\u001F\u007F-\u009F\uFFFD]/;

describe('readScenario: encodings', () => {
  it('accepts a UTF-8 byte-order mark', () => {
    expect(readScenario(file(`\uFEFF${JSON.stringify(tiny())}`))).toEqual(tiny());
  });

  it('a binary file is named as such, with the first byte that is not UTF-8, never echoed', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const m = message(png);
    expect(m).toMatch(/is not a UTF-8 text file \(byte 0x89 at offset 0 is not UTF-8; a binary file\?\); scenario files are UTF-8 JSON$/);
    expect(m).not.toMatch(RAW);
  });

  it('a UTF-8 sequence cut short is reported at its lead byte; a complete one before a bad byte is not blamed', () => {
    expect(message(Uint8Array.from([0x7b, 0x61, 0xe2, 0x41]))).toContain('byte 0xE2 at offset 2');
    expect(message(Uint8Array.from([0x7b, 0xc3, 0xa9, 0xff]))).toContain('byte 0xFF at offset 3');
  });

  it('UTF-16 says so', () => {
    const m = message(Buffer.from(`\uFEFF${JSON.stringify(tiny())}`, 'utf16le'));
    expect(m).toContain('it starts with a UTF-16 byte-order mark: save it as UTF-8');
  });

  it('JSON errors escape control characters and stay on one line', () => {
    const m = message('{"a":\u0001\u0002,\n"b":\u001b[31m}');
    expect(m).toContain('is not valid JSON');
    expect(m).toContain('\\x01');
    expect(m).not.toMatch(RAW);
  });

  it('JSON errors with a position give its line and column', () => {
    expect(message('{\n  "a": 1,\n  "b" 2}')).toMatch(/position 18 \(line 3, column 7\)$/);
  });
});

describe('printable', () => {
  it.each([
    ['a\u0000b', 'a\\x00b'],
    ['\n\r\t', '\\n\\r\\t'],
    ['\u001b[31m', '\\x1B[31m'],
    ['\u0085\u009f', '\\x85\\x9F'],
    ['\uFFFD', '\\uFFFD'],
    ['\u202e', '\\u202E'],
    ['\ud800', '\\uD800'],
    ['\u2028', '\\u2028'],
    ['中文 é ✓', '中文 é ✓'],
  ])('%j → %s', (input, out) => {
    expect(printable(input)).toBe(out);
  });
});

describe('validation messages and paths escape non-printable characters', () => {
  it('in unknown keys, ids and references', async () => {
    const { scenarioIssues } = await import('../src/scenario/validate.js');
    const sc = structuredClone(tiny()) as any;
    sc.sites[0]['cap\u0007'] = 1;
    sc.demands[0].origin = 'b\u001bj';
    sc.sites[1].id = 'A';
    const issues = scenarioIssues(sc);
    expect(issues.map((i) => i.path)).toContain('sites[0].cap\\x07');
    expect(issues.find((i) => i.path === 'demands[0].origin')!.message).toBe('origin "b\\x1Bj" does not exist');
    for (const i of issues) expect(i.path + i.message).not.toMatch(RAW);
  });
});
