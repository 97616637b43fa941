/**
 * Text from a user's file, made safe to print in one-line messages: control and format
 * characters, lone surrogates, private-use and unassigned code points, line and paragraph
 * separators and U+FFFD (what a decoder puts for bytes that are not UTF-8) become escapes
 * (`\n`, `\x01`, `\uFFFD`), so a binary file never echoes raw bytes to a terminal.
 * @example printable('a\u0000b\n') // 'a\\x00b\\n'
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\uFFFD]/gu, escapeChar);
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0)!;
  if (code < 0x100) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\u{${code.toString(16).toUpperCase()}}`;
}
