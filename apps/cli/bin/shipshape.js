#!/usr/bin/env node
// Thin launcher: the compiled entry lives in dist/ (built by the root `prepare` script).
import('../dist/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('shipshape: not built yet; run `npm run build` at the repository root\n');
    process.exit(2);
  }
  throw error;
});
