import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  DEFAULT_MAX_FILE_SIZE,
  type Discovery,
  discoverFiles,
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

type DockerfileFlags = ReportFlags & {
  target?: string;
  context?: string;
  stdinFilename: string;
  fix?: boolean;
  dryRun?: boolean;
};

/** `shipshape dockerfile`: lint Dockerfiles named on the command line, or standard input. */
export function registerDockerfileCommand(program: Command, { io, env, cwd, setExit }: CommandContext): void {
  withReportOptions(
    program
      .command('dockerfile')
      .description('lint Dockerfiles given as files, or `-` for standard input')
      .argument('<files...>', 'Dockerfiles to lint; `-` reads standard input')
      .option('--target <stage>', 'build target: only this stage ships')
      .option(
        '--context <dir>',
        "build context (default: what compose, bake, workflows or scripts say, else each Dockerfile's folder)",
      )
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
    // One file, one answer: the same build definitions (compose, bake, workflows, scripts) and the
    // same context files (.dockerignore, .npmrc) as `shipshape scan` sees, read from the tree under cwd.
    let context: string | undefined;
    if (flags.context !== undefined) {
      const abs = resolve(cwd, flags.context);
      if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`no such directory: ${flags.context}`);
      context = toPosix(relative(cwd, abs));
      if (context.startsWith('..'))
        throw new UsageError(`--context must be inside the current directory: ${flags.context}`);
    }
    const onDisk = scanFiles.some((f) => f.absPath !== '');
    if (onDisk || context !== undefined) {
      const tree = await discoverFiles({ root: cwd });
      const given = new Set(scanFiles.map((f) => f.path));
      for (const f of tree.files) {
        if (given.has(f.path)) continue;
        const name = f.path.slice(f.path.lastIndexOf('/') + 1);
        const wanted =
          f.kinds.includes('dockerignore') ||
          dockerfile.buildFileKind(f.path) !== undefined ||
          dockerfile.CONTEXT_CONFIG_FILES.includes(name);
        // Other Dockerfiles are not linted here; they only help resolve what the given ones build.
        if (wanted) scanFiles.push({ ...f, kinds: f.kinds.filter((k) => k !== 'dockerfile') });
      }
    }
    const discovery: Discovery = { files: scanFiles, git: { isRepo: false } };
    setExit(
      await scanAndReport(io, env, cwd, {
        root: cwd,
        analyzers: [analyzer],
        flags,
        discovery,
        readText: async (f) => texts.get(f.path) ?? readDockerfile(f.absPath, f.path),
        configure: (config) => {
          if (!onDisk && context === undefined) return;
          const section: Record<string, unknown> = { ...(config.dockerfile ?? {}), contextKnown: true };
          if (context !== undefined) section.context = context;
          config.dockerfile = section;
        },
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
