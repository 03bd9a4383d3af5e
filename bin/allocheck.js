#!/usr/bin/env node
// The allocheck command: the compiled JavaScript in dist/ (built by `npm run build`, which
// `npm ci` and `npm pack` run as `prepare`). A user's .ts model file loads tsx on demand.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli.js')) throw e;
  process.stderr.write("allocheck: not built yet; run 'npm run build' in the package directory\n");
  process.exit(2);
}
cli.exitWhenWritten(await cli.run(process.argv.slice(2)));
