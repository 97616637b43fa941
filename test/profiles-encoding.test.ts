import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfilesFile } from '../src/cli/profiles-option.js';
import { parseProfilesCsv } from '../src/profiles/csv.js';
import { profileError, tiny } from './fixtures.js';

const RAW = /[\u0000-\u001F\u007F-\u009F\uFFFD]/;
const dir = mkdtempSync(join(tmpdir(), 'suanflow-profiles-'));
const csvFile = (data: string | Uint8Array) => {
  const p = join(dir, `p${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(p, data);
  return p;
};

describe('profile CSV encodings', () => {
  it('reads bare CR line ends (old Mac style), and mixed ones, with the right line numbers', () => {
    const t = parseProfilesCsv('# measured\rhour,gridCarbon:A\r0,0.4\r1,0.6\r');
    expect(t.columns[0]!.values).toEqual([0.4, 0.6]);
    expect([t.headerLine, t.lastLine]).toEqual([2, 4]);
    expect(parseProfilesCsv('hour,gridCarbon:A\r\n0,0.4\r1,0.6\n2,0.7').columns[0]!.values).toEqual([0.4, 0.6, 0.7]);
    const e = profileError(() => parseProfilesCsv('hour,gridCarbon:A\r0,0.4\r1,x\r'));
    expect([e.line, e.column]).toEqual([3, 2]);
  });

  it('a NUL byte is a binary file, named with line and column, never echoed', () => {
    const e = profileError(() => parseProfilesCsv('hour,gridCarbon:A\n0,\u0000\u0001\u0002\n'));
    expect([e.line, e.column]).toEqual([2, 2]);
    expect(e.message).toContain('a NUL byte (\\x00) at character 3: this is not a UTF-8 text file (binary?)');
    expect(e.message).not.toMatch(RAW);
  });

  it('a binary file read from disk (bytes that are not UTF-8) says so, file named', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const path = csvFile(png);
    const e = profileError(() => loadProfilesFile(path, tiny()));
    expect(e.message).toContain(`${path}, line 1, column 1: bytes that are not UTF-8 (shown as \\uFFFD)`);
    expect(e.message).not.toMatch(RAW);
  });

  it('UTF-16 says so', () => {
    const path = csvFile(Buffer.from('\uFEFFhour,gridCarbon:A\n0,0.4\n', 'utf16le'));
    expect(profileError(() => loadProfilesFile(path, tiny())).message).toContain('it looks like UTF-16: save it as UTF-8');
  });

  it.each([
    ['hour,gridCarbon:A\n0,0.4\u0007\n', '"0.4\\x07" is not a number'],
    ['h\u001bour,gridCarbon:A\n0,1\n', 'the header must start with "hour", got "h\\x1Bour"'],
    ['hour,grid\u0085Carbon:A\n0,1\n', 'unknown field "grid\\x85Carbon"'],
    ['hour,gridCarbon:A\n\u200b0,1\n', 'expected hour 0 (rows in order from 0), got "\\u200B0"'],
  ])('messages escape non-printable characters: %j', (text, expected) => {
    const e = profileError(() => parseProfilesCsv(text));
    expect(e.message).toContain(expected);
    expect(e.message).not.toMatch(RAW);
  });

  it('a control character in a comment line is left alone', () => {
    expect(parseProfilesCsv('# \u0000 odd\nhour,gridCarbon:A\n0,1\n').hours).toBe(1);
  });
});
