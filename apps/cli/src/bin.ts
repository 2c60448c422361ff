import { createProgram } from './program.js';

const program = createProgram({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
process.exitCode = await program.run(process.argv.slice(2));
