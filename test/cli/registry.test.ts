// The CLI loads a shipped model's module alone (src/cli/registry.ts), the same definition the
// library's `models` holds, and names the known models for a misspelt one.
import { describe, expect, it } from 'vitest';
import { models } from '../../src/api/models.js';
import { loadDefinition, modelNames } from '../../src/cli/registry.js';

describe('loadDefinition', () => {
  it('gives each shipped model as the library has it', async () => {
    for (const name of modelNames()) expect(await loadDefinition(name, '/')).toBe(models[name]);
  });

  it('refuses an unknown name, listing the known ones', async () => {
    await expect(loadDefinition('nfs-ak', '/')).rejects.toThrow(/^unknown model 'nfs-ak'; known: bio-mempool, bio-split, counter, dm-raid1, .* \(or a path to a model file\)$/);
  });
});
