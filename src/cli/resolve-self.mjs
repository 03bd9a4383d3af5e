// Module hooks for a user's model file: the bare specifier 'allocheck' resolves to this package
// (the running copy, given by `initialize`), so a model file outside any project can
// `import { scenario } from 'allocheck'` without installing anything; and a loose .ts model
// file (one with no package.json saying otherwise) loads as an ES module: it is written with
// import/export, as the docs show. Plain JavaScript: it runs in the loader thread, before any
// TypeScript loader.
let self;

export function initialize(data) {
  self = data.self;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'allocheck' && self) return { url: self, shortCircuit: true, format: 'module' };
  const resolved = await next(specifier, context);
  if (resolved.url.endsWith('.ts') && !resolved.url.includes('/node_modules/') && resolved.format !== 'module') {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}
