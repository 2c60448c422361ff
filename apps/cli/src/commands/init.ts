import { lstatSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { STARTER_CONFIG, UsageError } from '@shipshape/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { writeFileAtomic } from '../io.js';
import { toPosix } from '../run.js';

/** `shipshape init [dir]`: a commented starter `.shipshape.yaml`. */
export function registerInitCommand(program: Command, { io, cwd }: CommandContext): void {
  program
    .command('init')
    .description('write a commented starter .shipshape.yaml')
    .argument('[dir]', 'directory to write it in', '.')
    .option('--force', 'overwrite an existing config')
    .action(async (dir: string, flags: { force?: boolean }) => {
      const path = join(resolve(cwd, dir), '.shipshape.yaml');
      if (existsOrLink(path) && !flags.force)
        throw new UsageError(`${relative(cwd, path) || path} already exists (use --force to overwrite)`);
      // A link planted as .shipshape.yaml is followed only within the directory.
      await writeFileAtomic(path, STARTER_CONFIG, { within: resolve(cwd, dir) });
      io.stdout.write(`wrote ${toPosix(relative(cwd, path))}\n`);
    });
}

function existsOrLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
