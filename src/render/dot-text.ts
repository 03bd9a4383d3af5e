/**
 * DOT building blocks. Labels are plain quoted strings (never HTML-like: graphviz-cli drops
 * those silently), so every renderer draws the same picture.
 */

/** A DOT quoted string; `\n` in the text becomes a centred line break. */
export function q(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Left-justified lines: each line ends in `\l`, as DOT wants for a left-aligned label. */
export function left(lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '\\l').join('')}"`;
}

/** An attribute list; undefined values are left out. @example attrs({ shape: 'box', label: q('a') }) // '[shape=box, label="a"]' */
export function attrs(a: Readonly<Record<string, string | number | undefined>>): string {
  const parts = Object.entries(a).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `[${parts.join(', ')}]` : '';
}

/** Greedy word wrap to lines of at most `width` characters (a longer word gets its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The text of an action without its actor's name in front (the lane already says who). */
export function withoutActor(text: string, actor: string): string {
  return text.startsWith(`${actor} `) ? text.slice(actor.length + 1) : text;
}
