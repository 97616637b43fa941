/** Reading a scenario file for the CLI: UTF-8 JSON (a byte-order mark accepted), or the built-in day. */
import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error.js';
import { scenarios } from '../datasets/index.js';
import { printable } from '../util/printable.js';

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
    throw new UsageError(`${printable(file)} is not a UTF-8 text file (${why}); scenario files are UTF-8 JSON`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /at position (\d+)/.exec((e as Error).message);
    const at = m ? text.slice(0, Number(m[1])).split(/\r\n|\r|\n/) : undefined;
    const where = at ? ` (line ${at.length}, column ${at[at.length - 1]!.length + 1})` : '';
    throw new UsageError(`${printable(file)} is not valid JSON: ${printable((e as Error).message)}${where}`);
  }
}
