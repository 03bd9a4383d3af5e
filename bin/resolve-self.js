// Resolves the bare specifier 'allocheck' to this package, so a model file outside the
// repository can `import { scenario } from 'allocheck'` without installing anything.
const self = new URL('../src/index.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'allocheck') return { url: self, shortCircuit: true, format: 'module' };
  return next(specifier, context);
}
