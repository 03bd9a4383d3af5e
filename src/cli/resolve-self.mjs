// Module hooks for a user's model file: the bare specifier 'allocheck' resolves to this package
// (the running copy, given by `initialize`), so a model file outside any project can
// `import { scenario } from 'allocheck'` (or a shipped model, 'allocheck/models/dm-raid1')
// without installing anything; a loose .ts model file
// (one with no package.json saying otherwise) loads as an ES module: it is written with
// import/export, as the docs show; and a loose .js model file written the same way (no
// package.json saying "module") loads as an ES module too, instead of failing as CommonJS.
// Plain JavaScript: it runs in the loader thread, before any TypeScript loader.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let self;

export function initialize(data) {
  self = data.self;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'allocheck' && self) return { url: self, shortCircuit: true, format: 'module' };
  // The shipped models, as the package exports them: 'allocheck/models/counter'.
  const model = /^allocheck\/models\/([\w-]+)(\.js)?$/.exec(specifier);
  if (model && self) return { url: new URL(`./models/${model[1]}.js`, self).href, shortCircuit: true, format: 'module' };
  const resolved = await next(specifier, context);
  if (resolved.url.endsWith('.ts') && !resolved.url.includes('/node_modules/') && resolved.format !== 'module') {
    return { ...resolved, format: 'module' };
  }
  if (resolved.url.endsWith('.js') && resolved.url.startsWith('file:') && !resolved.url.includes('/node_modules/') && resolved.format === 'commonjs' && usesModuleSyntax(resolved.url)) {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}

/** True when a file has a top-level import or export statement. */
function usesModuleSyntax(url) {
  try {
    return /^\s*(import\s*[\w{*'"]|export\s)/m.test(readFileSync(fileURLToPath(url), 'utf8'));
  } catch {
    return false;
  }
}
