import { SuanflowError } from '../errors.js';

/** A profile CSV broke a rule: names the line, the column and the rule (and the file, when known). */
export class ProfileError extends SuanflowError {
  override readonly name = 'ProfileError';
  /** 1-based line of the file. */
  readonly line: number;
  /** 1-based column of the file. */
  readonly column: number;
  readonly rule: string;
  readonly file: string | undefined;
  constructor(line: number, column: number, rule: string, file?: string) {
    super(`${file !== undefined ? `${file}, ` : ''}line ${line}, column ${column}: ${rule}`);
    this.line = line;
    this.column = column;
    this.rule = rule;
    this.file = file;
  }
}
