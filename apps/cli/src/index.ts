export { createProgram, EXIT, VERSION, resolveTargets, scanAndReport } from './program.js';
export type { ProgramIO } from './io.js';
