export type { ProgramIO } from './io.js';
export { createProgram, EXIT, resolveTargets, scanAndReport, VERSION } from './program.js';
