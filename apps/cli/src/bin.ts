import { createProgram } from './program.js';

// A closed reader (`shipshape rules | head`) is not an error: stop quietly with the code so far.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });

const program = createProgram({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
process.exitCode = await program.run(process.argv.slice(2));
