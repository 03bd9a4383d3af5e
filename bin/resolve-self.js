// Resolves the bare specifier 'allocheck' to this package, so a model file outside the
// repository can `import { scenario } from 'allocheck'` without installing anything, and loads
// a loose .ts model file (one with no package.json saying otherwise) as an ES module: it is
// written with import/export, as the docs show. A loose .js model file written the same way
// (no package.json saying "module") is loaded as an ES module too, instead of failing as CommonJS.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const self = new URL('../src/index.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'allocheck') return { url: self, shortCircuit: true, format: 'module' };
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
