/**
 * Results files (JSON lines): reading the ids already present for a resume, cutting a torn last
 * line (a run killed mid-write), and appending lines with synchronous writes (so a kill leaves at
 * most one torn line, which the next run cuts and redoes).
 */
import { closeSync, existsSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { SuanflowError } from '../errors.js';

/** A results file is not JSON lines of sweep results (names the line). */
export class ResultsFileError extends SuanflowError {
  override readonly name = 'ResultsFileError';
}

/** What a results file held: the ids, and whether a torn last line was cut. */
export interface ExistingResults {
  readonly ids: Set<string>;
  readonly lines: number;
  /** Bytes of a torn last line that were cut (0: none). */
  readonly tornBytes: number;
}

/**
 * Calls `onLine(text, lineNumber)` for every complete line of `file` (read in 1 MiB chunks: memory
 * stays flat); returns the byte offset after the last complete line and the bytes after it.
 */
export function eachLine(file: string, onLine: (text: string, n: number) => void): { end: number; tail: string } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let pos = 0;
    let end = 0;
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, pos);
      if (got === 0) break;
      pos += got;
      let chunk = Buffer.concat([carry, buf.subarray(0, got)]);
      let nl: number;
      while ((nl = chunk.indexOf(10)) >= 0) {
        const line = chunk.subarray(0, nl).toString('utf8');
        end += nl + 1;
        chunk = chunk.subarray(nl + 1);
        if (line.trim() !== '') onLine(line, ++n);
        else n++;
      }
      carry = Buffer.from(chunk);
    }
    return { end, tail: carry.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

/** The id of a results line, or a ResultsFileError naming the line. */
export function lineId(text: string, file: string, n: number): string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ResultsFileError(`${file}, line ${n}: not JSON (is this a results file of suanflow sweep?)`);
  }
  const id = (v as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') throw new ResultsFileError(`${file}, line ${n}: no "id" (is this a results file of suanflow sweep?)`);
  return id;
}

/**
 * The ids in `file` (none when it does not exist). A last line without its newline is torn (the
 * run was killed while writing it): it is cut from the file, and its case runs again.
 */
export function readExisting(file: string): ExistingResults {
  if (!existsSync(file)) return { ids: new Set(), lines: 0, tornBytes: 0 };
  const ids = new Set<string>();
  const { end, tail } = eachLine(file, (text, n) => ids.add(lineId(text, file, n)));
  let tornBytes = 0;
  if (tail.length > 0) {
    tornBytes = Buffer.byteLength(tail);
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, end);
    } finally {
      closeSync(fd);
    }
  }
  return { ids, lines: ids.size, tornBytes };
}

/** Appends whole lines to a file with synchronous writes. */
export class LineWriter {
  private readonly fd: number;
  constructor(file: string) {
    this.fd = openSync(file, 'a');
  }
  write(lines: readonly string[]): void {
    if (lines.length === 0) return;
    const text = Buffer.from(lines.map((l) => `${l}\n`).join(''));
    let off = 0;
    while (off < text.length) off += writeSync(this.fd, text, off, text.length - off);
  }
  close(): void {
    closeSync(this.fd);
  }
}
