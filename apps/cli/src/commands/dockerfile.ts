import { relative, resolve } from 'node:path';
import {
  DEFAULT_MAX_FILE_SIZE,
  type Discovery,
  FileReadError,
  readTextFile,
  type ScanFile,
  UsageError,
} from '@shipshape/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { readStdin, writeFileAtomic } from '../io.js';
import { type ReportFlags, withReportOptions } from '../options.js';
import { scanAndReport, toPosix } from '../run.js';

type DockerfileFlags = ReportFlags & { target?: string; stdinFilename: string; fix?: boolean; dryRun?: boolean };

/** `shipshape dockerfile`: lint Dockerfiles named on the command line, or standard input. */
export function registerDockerfileCommand(program: Command, { io, env, cwd, setExit }: CommandContext): void {
  withReportOptions(
    program
      .command('dockerfile')
      .description('lint Dockerfiles given as files, or `-` for standard input')
      .argument('<files...>', 'Dockerfiles to lint; `-` reads standard input')
      .option('--target <stage>', 'build target: only this stage ships')
      .option('--stdin-filename <name>', 'name to report for standard input', 'Dockerfile')
      .option('--fix', 'apply safe mechanical fixes in place')
      .option('--dry-run', 'with --fix: print the changes as a diff and write nothing'),
  ).action(async (files: string[], flags: DockerfileFlags) => {
    const dockerfile = await import('@shipshape/dockerfile');
    const analyzer = dockerfile.dockerfileAnalyzer;
    const texts = new Map<string, string>();
    const scanFiles: ScanFile[] = [];
    for (const file of files) {
      if (file === '-') {
        const text = await readStdin(io.stdin ?? process.stdin);
        texts.set(flags.stdinFilename, text);
        scanFiles.push({ path: flags.stdinFilename, absPath: '', size: text.length, kinds: ['dockerfile'] });
        continue;
      }
      const abs = resolve(cwd, file);
      const rel = toPosix(relative(cwd, abs));
      let text = readDockerfile(abs, file);
      if (flags.fix) {
        const fixed = dockerfile.fixDockerfile({ path: rel, text });
        if (fixed.text !== text) {
          if (flags.dryRun) io.stdout.write(dockerfile.unifiedDiff(rel, text, fixed.text));
          else await writeFileAtomic(abs, fixed.text);
          if (!flags.dryRun) text = fixed.text;
        }
      }
      texts.set(rel, text);
      scanFiles.push({ path: rel, absPath: abs, size: text.length, kinds: ['dockerfile'] });
    }
    if (flags.fix && flags.dryRun) return;
    const discovery: Discovery = { files: scanFiles, git: { isRepo: false } };
    setExit(
      await scanAndReport(io, env, cwd, {
        root: cwd,
        analyzers: [analyzer],
        flags,
        discovery,
        readText: async (f) => texts.get(f.path) ?? readDockerfile(f.absPath, f.path),
      }),
    );
  });
}

/** A Dockerfile named on the command line: a regular file (not a FIFO or device), within the size limit. */
function readDockerfile(abs: string, shown: string): string {
  try {
    return readTextFile(abs, { maxBytes: DEFAULT_MAX_FILE_SIZE, display: shown });
  } catch (error) {
    if (error instanceof FileReadError && error.reason === 'not-found') throw new UsageError(`no such file: ${shown}`);
    throw error;
  }
}
