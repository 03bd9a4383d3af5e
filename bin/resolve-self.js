// Resolves the bare specifier 'allocheck' to this package, so a model file outside the
// repository can `import { scenario } from 'allocheck'` without installing anything, and loads
// a loose .ts model file (one with no package.json saying otherwise) as an ES module: it is
// written with import/export, as the docs show.
const self = new URL('../src/index.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'allocheck') return { url: self, shortCircuit: true, format: 'module' };
  const resolved = await next(specifier, context);
  if (resolved.url.endsWith('.ts') && !resolved.url.includes('/node_modules/') && resolved.format !== 'module') {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}
