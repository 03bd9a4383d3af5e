/**
 * Text from outside (a trace file's bytes, a model's error message) made safe for a terminal:
 * control characters and undecodable bytes are escaped, so a hostile file cannot move the
 * cursor, change colours or ring the bell, and a long message is cut to one readable line.
 */

const MAX = 400;

function escape(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * `text` with every C0/C1 control, DEL, bidirectional override and replacement character
 * escaped, cut to `max` characters.
 *
 * @example
 * printable('a\x1b[31mb'); // 'a\\x1b[31mb'
 */
export function printable(text: string, max = MAX): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/gu, escape);
  return safe.length > max ? `${safe.slice(0, max)}... (${safe.length - max} more characters)` : safe;
}
