import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const page = readFileSync(new URL('docs/reliability.md', root), 'utf8');

/** Each "- `test/...ts` › `describe` › `test`" line: the file and the titles it names. */
const references = [...page.matchAll(/^- `(test\/[^`]+\.ts)`((?: › `[^`]+`)+)/gm)].map((m) => ({
  file: m[1]!,
  titles: [...m[2]!.matchAll(/`([^`]+)`/g)].map((t) => t[1]!),
}));

describe('docs/reliability.md', () => {
  it('names tests', () => {
    expect(references.length).toBeGreaterThan(20);
  });

  it.each(references.map((r) => [`${r.file} › ${r.titles.join(' › ')}`, r] as const))('%s exists', (_, { file, titles }) => {
    expect(existsSync(new URL(file, root)), file).toBe(true);
    const text = readFileSync(new URL(file, root), 'utf8');
    for (const title of titles) expect(text, `${file} has no test titled '${title}'`).toContain(title);
  });
});
