import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  ANALYZER_FAILED_CODE,
  type Analyzer,
  changeFilter,
  changesSince,
  checkRuleKeys,
  collectRules,
  createBaseline,
  DEFAULT_MAX_FILE_SIZE,
  type Discovery,
  type Finding,
  hasFailingFindings,
  loadConfig,
  parseSize,
  type RunResult,
  readBaseline,
  runGit,
  runScan,
  type ScanFile,
  type Severity,
  type ShipshapeConfig,
  ShipshapeError,
  STARTER_CONFIG,
  serializeBaseline,
  stagedChanges,
  stagedDiscovery,
  UsageError,
} from '@shipshape/core';
import { Command, CommanderError, Option } from 'commander';
import { ANALYZER_NAMES, type AnalyzerName, loadAnalyzer, loadAnalyzers } from './analyzers.js';
import { type ProgramIO, Progress, readStdin, useColor, writeFileAtomic } from './io.js';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;
export const TOOL = {
  name: 'shipshape',
  version: VERSION,
  informationUri: 'https://github.com/shipshape-dev/shipshape',
};

const FORMAT_NAMES = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'gitlab-codequality'] as const;
const FAIL_ON = ['critical', 'high', 'medium', 'low', 'info', 'none'] as const;

interface ReportFlags {
  format: (typeof FORMAT_NAMES)[number];
  report?: { format: (typeof FORMAT_NAMES)[number]; file: string }[];
  output?: string;
  failOn?: Severity | 'none';
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  quiet?: boolean;
  color?: boolean;
  profile?: 'default' | 'strict';
  reportUnusedSuppressions?: boolean;
}

/** Exit codes: 0 clean, 1 findings at/above the threshold, 2 usage, config or internal error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** Builds the CLI around the given streams; `run(argv)` resolves to the exit code and never throws. */
export function createProgram(io: ProgramIO): { run(argv: readonly string[]): Promise<number> } {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  return {
    async run(argv) {
      let exitCode: number = EXIT.clean;
      const debug = argv.includes('--debug');
      const program = buildProgram(io, env, cwd, (code) => {
        exitCode = code;
      });
      try {
        await program.parseAsync([...argv], { from: 'user' });
      } catch (error) {
        if (error instanceof CommanderError) {
          // Help and version exit 0; every other parse error is a usage error.
          return error.exitCode === 0 ? EXIT.clean : EXIT.error;
        }
        if (error instanceof ShipshapeError) {
          io.stderr.write(`shipshape: ${error.message}\n`);
        } else {
          const message = error instanceof Error ? error.message : String(error);
          io.stderr.write(`shipshape: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
        }
        if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
        return EXIT.error;
      }
      return exitCode;
    },
  };
}

function buildProgram(io: ProgramIO, env: NodeJS.ProcessEnv, cwd: string, setExit: (code: number) => void): Command {
  const program = new Command('shipshape')
    .description('Container-security hardening checks: Dockerfiles, committed secrets, SBOMs and pinning.')
    .version(VERSION, '-v, --version', 'print the version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run `shipshape --help` for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const withGateOptions = (cmd: Command): Command =>
    cmd
      .option('--diff <base>', 'report only findings on lines added or changed since <base> (its merge-base with HEAD)')
      .option('--staged', 'scan what is staged in the git index (for pre-commit): only staged changes are reported');

  const withReportOptions = (cmd: Command): Command =>
    cmd
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
      .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
      .addOption(
        new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON),
      )
      .option('-c, --config <file>', 'config file (default: .shipshape.yaml at the scan root)')
      .option('--baseline <file>', 'hide findings recorded in this baseline file')
      .option('--write-baseline <file>', 'record the current findings as a baseline and exit 0')
      .addOption(new Option('--profile <profile>', 'rule profile').choices(['default', 'strict']))
      .option('--report-unused-suppressions', 'report inline suppressions that hide nothing')
      .option('-q, --quiet', 'no progress, no notifications; print the report only when there are findings')
      .option('--no-color', 'never use colors')
      .option(
        '--report <format:file>',
        'also write the report in another format to a file (repeatable), e.g. sarif:out.sarif',
        collectReports,
        [],
      );

  withReportOptions(
    withGateOptions(program.command('scan'))
      .description('scan a repository with every analyzer (Dockerfiles, secrets, pinning)')
      .argument('[paths...]', 'directory to scan (default: current directory), or files/directories under it')
      .addOption(new Option('--only <analyzers>', 'comma-separated analyzers to run').argParser(parseAnalyzerList))
      .option('--target <stage>', 'Dockerfile build target: only this stage ships'),
  ).action(async (paths: string[], flags: ReportFlags & GateFlags & { only?: AnalyzerName[]; target?: string }) => {
    const { root, include } = resolveTargets(paths, cwd);
    const analyzers = await loadAnalyzers(flags.only ?? ANALYZER_NAMES);
    setExit(
      await scanAndReport(io, env, cwd, {
        root,
        ...(include ? { include } : {}),
        analyzers,
        flags,
        ...(await gate(root, flags, cwd, include)),
      }),
    );
  });

  withReportOptions(
    program
      .command('dockerfile')
      .description('lint Dockerfiles given as files, or `-` for standard input')
      .argument('<files...>', 'Dockerfiles to lint; `-` reads standard input')
      .option('--target <stage>', 'build target: only this stage ships')
      .option('--stdin-filename <name>', 'name to report for standard input', 'Dockerfile')
      .option('--fix', 'apply safe mechanical fixes in place')
      .option('--dry-run', 'with --fix: print the changes as a diff and write nothing'),
  ).action(
    async (
      files: string[],
      flags: ReportFlags & { target?: string; stdinFilename: string; fix?: boolean; dryRun?: boolean },
    ) => {
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
        if (!existsSync(abs) || !statSync(abs).isFile()) throw new UsageError(`no such file: ${file}`);
        const rel = toPosix(relative(cwd, abs));
        let text = readFileSync(abs, 'utf8');
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
          readText: async (f) => texts.get(f.path) ?? readFileSync(f.absPath, 'utf8'),
        }),
      );
    },
  );

  withReportOptions(
    withGateOptions(program.command('secrets'))
      .description('find committed secrets (files, Helm charts, .env handling; --history for every commit)')
      .argument('[path]', 'repository or directory to scan', '.')
      .option('--history', 'also scan the added lines of every commit in git history')
      .option('--since <date-or-rev>', 'with --history: only commits after this date or revision')
      .option('--max-commits <n>', 'with --history: at most this many commits', (v) => Number.parseInt(v, 10)),
  ).action(
    async (
      path: string,
      flags: ReportFlags & GateFlags & { history?: boolean; since?: string; maxCommits?: number },
    ) => {
      const { root, include } = resolveTargets([path], cwd);
      const secrets = await import('@shipshape/secrets');
      // --history turns on the analyzer's own history pass (config `secrets.history`), so a
      // secret found both in the tree and in history is reported once per place.
      const configure = (config: ShipshapeConfig): void => {
        if (!flags.history && !flags.since && !flags.maxCommits) return;
        const section = { ...((config.secrets ?? {}) as Record<string, unknown>) };
        const history: Record<string, unknown> = {
          ...((section.history ?? {}) as Record<string, unknown>),
          enabled: true,
        };
        if (flags.since) history.since = flags.since;
        if (flags.maxCommits) history.maxCommits = flags.maxCommits;
        section.history = history;
        config.secrets = section;
      };
      const analyzers: Analyzer[] = [secrets.secretsAnalyzer];
      setExit(
        await scanAndReport(io, env, cwd, {
          root,
          ...(include ? { include } : {}),
          analyzers,
          flags,
          configure,
          ...(await gate(root, flags, cwd, include)),
        }),
      );
    },
  );

  program
    .command('sbom')
    .description('write a CycloneDX or SPDX SBOM from lockfiles and manifests (offline; runs no package manager)')
    .argument('[path]', 'repository or directory', '.')
    .addOption(
      new Option('-f, --format <format>', 'SBOM format')
        .choices(['cyclonedx-json', 'spdx-json'])
        .default('cyclonedx-json'),
    )
    .addOption(new Option('--spec <version>', 'CycloneDX spec version').choices(['1.5', '1.6']).default('1.6'))
    .option('-o, --output <file>', 'write to a file (with --split: a directory) instead of stdout')
    .option('--exclude-dev', 'leave out development dependencies')
    .option('--split', 'one SBOM per project instead of one for the repository')
    .option('-c, --config <file>', 'config file (default: .shipshape.yaml at the root)')
    .action(
      async (
        path: string,
        flags: {
          format: 'cyclonedx-json' | 'spdx-json';
          spec: '1.5' | '1.6';
          output?: string;
          excludeDev?: boolean;
          split?: boolean;
          config?: string;
        },
      ) => {
        const { root } = resolveTargets([path], cwd);
        const loaded = loadConfig(root, flags.config ? resolve(cwd, flags.config) : undefined);
        const sbom = await import('@shipshape/sbom');
        const { discoverFiles, readScanFile } = await import('@shipshape/core');
        // Binary files are skipped by discovery, but a vendored chart archive (`charts/x-1.2.3.tgz`)
        // still names a component: the SBOM needs its path, never its bytes.
        const binaries: string[] = [];
        const discovery = await discoverFiles({
          root,
          ignore: loaded.config.ignore ?? [],
          notify: (n) => {
            if (n.code === 'binary-file' && n.file) binaries.push(n.file);
          },
        });
        const wanted = new Set(sbom.selectSbomInputs([...discovery.files.map((f) => f.path), ...binaries]));
        const inputs: { path: string; text: string }[] = binaries
          .filter((p) => wanted.has(p))
          .map((path) => ({ path, text: '' }));
        for (const file of discovery.files) {
          if (!wanted.has(file.path)) continue;
          try {
            inputs.push({ path: file.path, text: await readScanFile(file) });
          } catch {
            io.stderr.write(`shipshape: warning: cannot read ${file.path}; left out of the SBOM\n`);
          }
        }
        const sbomSection = loaded.config.sbom as { excludeDev?: boolean } | undefined;
        const result = sbom.generateSbom(inputs, {
          format: flags.format,
          spec: flags.spec,
          excludeDev: flags.excludeDev ?? sbomSection?.excludeDev ?? false,
          split: flags.split ?? false,
          rootName: rootName(root),
          toolVersion: VERSION,
        });
        for (const n of result.notifications)
          io.stderr.write(`shipshape: ${n.level}: ${n.file ? `${n.file}: ` : ''}${n.message}\n`);
        if (flags.split) {
          if (!flags.output) {
            for (const doc of result.documents) io.stdout.write(doc.json.endsWith('\n') ? doc.json : `${doc.json}\n`);
          } else {
            for (const doc of result.documents)
              await writeFileAtomic(join(resolve(cwd, flags.output), doc.name), doc.json);
          }
          return;
        }
        const doc = result.documents[0];
        if (!doc) throw new ShipshapeError('sbom-empty', 'no SBOM was produced');
        if (flags.output) await writeFileAtomic(resolve(cwd, flags.output), doc.json);
        else io.stdout.write(doc.json.endsWith('\n') ? doc.json : `${doc.json}\n`);
      },
    );

  program
    .command('rules')
    .description("list every rule, or show one rule's documentation")
    .argument('[id]', 'rule id or a peer alias (DL3008, DS002, CKV_DOCKER_3, a gitleaks id)')
    .option('--json', 'machine-readable output')
    .action(async (id: string | undefined, flags: { json?: boolean }) => {
      const analyzers = await loadAnalyzers();
      const rules = Object.values(collectRules(analyzers)).sort((a, b) => a.id.localeCompare(b.id));
      if (!id) {
        if (flags.json) {
          io.stdout.write(
            `${JSON.stringify(
              rules.map(({ docs: _docs, ...meta }) => meta),
              null,
              2,
            )}\n`,
          );
          return;
        }
        const width = Math.max(...rules.map((r) => r.id.length));
        for (const r of rules) {
          const aliases = r.aliases.length ? `  [${r.aliases.join(', ')}]` : '';
          const off = r.disabledByDefault ? ' (off by default)' : '';
          io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}${off}${aliases}\n`);
        }
        io.stdout.write(`\n${rules.length} rules. \`shipshape rules <id>\` shows one rule's documentation.\n`);
        return;
      }
      const wantedId = id.toLowerCase();
      const matches = rules.filter(
        (r) => r.id.toLowerCase() === wantedId || r.aliases.some((a) => a.toLowerCase() === wantedId),
      );
      if (matches.length === 0) throw new UsageError(`unknown rule: ${id} (see \`shipshape rules\`)`);
      for (const r of matches) {
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          continue;
        }
        io.stdout.write(`${r.id} — ${r.title}\n`);
        io.stdout.write(`severity: ${r.severity}${r.disabledByDefault ? ' (off by default)' : ''}\n`);
        if (r.aliases.length) io.stdout.write(`aliases: ${r.aliases.join(', ')}\n`);
        if (r.tags.length) io.stdout.write(`tags: ${r.tags.join(', ')}\n`);
        io.stdout.write(`\n${r.docs ?? '(no documentation)'}\n`);
      }
    });

  program
    .command('init')
    .description('write a commented starter .shipshape.yaml')
    .argument('[dir]', 'directory to write it in', '.')
    .option('--force', 'overwrite an existing config')
    .action(async (dir: string, flags: { force?: boolean }) => {
      const path = join(resolve(cwd, dir), '.shipshape.yaml');
      if (existsSync(path) && !flags.force)
        throw new UsageError(`${relative(cwd, path) || path} already exists (use --force to overwrite)`);
      await writeFileAtomic(path, STARTER_CONFIG);
      io.stdout.write(`wrote ${toPosix(relative(cwd, path))}\n`);
    });

  return program;
}

interface GateFlags {
  diff?: string;
  staged?: boolean;
}

/** `--diff` and `--staged`: what to keep, and for --staged where to read from. */
async function gate(
  root: string,
  flags: GateFlags & { config?: string },
  cwd: string,
  include?: string[],
): Promise<Pick<ScanRequest, 'filter' | 'discovery' | 'readText'>> {
  if (flags.diff && flags.staged) throw new UsageError('--diff and --staged cannot be combined');
  if (flags.diff) return { filter: changeFilter(await changesSince(root, flags.diff)) };
  if (flags.staged) {
    const inside = await runGit(root, ['rev-parse', '--is-inside-work-tree']);
    if (!inside.ok) throw new UsageError(`--staged needs a git repository; ${root} is not one`);
    const changes = await stagedChanges(root);
    // The index replaces the tree walk, so the walk's filters apply here: config ignores, paths.
    const loaded = loadConfig(root, flags.config ? resolve(cwd, flags.config) : undefined);
    const { discovery, readText } = await stagedDiscovery(root, changes, {
      ignore: loaded.config.ignore ?? [],
      maxFileSize: parseSize(loaded.config.maxFileSize, DEFAULT_MAX_FILE_SIZE),
      ...(include ? { include } : {}),
    });
    return { filter: changeFilter(changes), discovery, readText };
  }
  return {};
}

function collectReports(value: string, previous: ReportFlags['report'] = []): NonNullable<ReportFlags['report']> {
  const i = value.indexOf(':');
  const format = value.slice(0, i) as (typeof FORMAT_NAMES)[number];
  if (i <= 0 || !FORMAT_NAMES.includes(format) || i === value.length - 1)
    throw new UsageError(
      `--report expects <format>:<file> with a format among ${FORMAT_NAMES.join(', ')}; got "${value}"`,
    );
  return [...previous, { format, file: value.slice(i + 1) }];
}

function parseAnalyzerList(value: string): AnalyzerName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!(ANALYZER_NAMES as readonly string[]).includes(n))
      throw new UsageError(`--only: unknown analyzer "${n}" (expected ${ANALYZER_NAMES.join(', ')})`);
  }
  return names as AnalyzerName[];
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

function rootName(root: string): string {
  return root.split(/[\\/]/).filter(Boolean).pop() ?? 'repository';
}

/**
 * One directory: it is the root. Anything else (files, several paths): the root is the current
 * directory and the scan is restricted to those paths.
 */
export function resolveTargets(paths: string[], cwd: string): { root: string; include?: string[] } {
  for (const p of paths) if (!existsSync(resolve(cwd, p))) throw new UsageError(`no such file or directory: ${p}`);
  if (paths.length === 0) return { root: cwd };
  const first = resolve(cwd, paths[0] as string);
  if (paths.length === 1 && statSync(first).isDirectory()) return { root: first };
  const include = paths.map((p) => toPosix(relative(cwd, resolve(cwd, p))));
  if (include.some((p) => p.startsWith('..') || isAbsolute(p)))
    throw new UsageError('several paths must all be inside the current directory');
  return { root: cwd, include };
}

interface ScanRequest {
  root: string;
  include?: string[];
  analyzers: Analyzer[];
  flags: ReportFlags & { target?: string };
  discovery?: Discovery;
  readText?: (file: ScanFile) => Promise<string>;
  filter?: (finding: Finding) => boolean;
  /** Adjusts the loaded config from command-line flags before the run. */
  configure?: (config: ShipshapeConfig) => void;
}

/** The shared path of scan, dockerfile and secrets: config, run, report, exit code. */
export async function scanAndReport(
  io: ProgramIO,
  env: NodeJS.ProcessEnv,
  cwd: string,
  request: ScanRequest,
): Promise<number> {
  const { flags } = request;
  const loaded = loadConfig(request.root, flags.config ? resolve(cwd, flags.config) : undefined);
  const config: ShipshapeConfig = { ...loaded.config };
  if (flags.profile) config.profile = flags.profile;
  if (flags.target) config.dockerfile = { ...(config.dockerfile ?? {}), target: flags.target };
  request.configure?.(config);
  checkRuleKeys(config, collectRules(request.analyzers), loaded.file ?? '.shipshape.yaml');
  const baseline = flags.baseline && !flags.writeBaseline ? readBaseline(resolve(cwd, flags.baseline)) : undefined;
  const progress = new Progress(io.stderr, io.stderr.isTTY === true && !flags.quiet);
  const failOn = flags.failOn ?? config.failOn ?? 'high';
  let result: RunResult;
  try {
    result = await runScan({
      root: request.root,
      ...(request.include ? { include: request.include } : {}),
      config,
      analyzers: request.analyzers,
      ...(baseline ? { baseline } : {}),
      ...(flags.reportUnusedSuppressions ? { reportUnusedSuppressions: true } : {}),
      ...(request.discovery ? { discovery: request.discovery } : {}),
      ...(request.readText ? { readText: request.readText } : {}),
      ...(request.filter ? { filter: request.filter } : {}),
      failOn,
      tool: TOOL,
      onProgress: (e) =>
        progress.update(
          e.phase === 'walk' ? `shipshape: ${e.files} files walked` : `shipshape: running ${e.analyzer}…`,
        ),
    });
  } finally {
    progress.done();
  }

  if (flags.writeBaseline) {
    const path = resolve(cwd, flags.writeBaseline);
    await writeFileAtomic(path, serializeBaseline(createBaseline(result.findings)));
    if (!flags.quiet)
      io.stderr.write(
        `shipshape: baseline of ${result.findings.length} findings written to ${toPosix(relative(cwd, path))}\n`,
      );
    return internalFailure(result) ? EXIT.error : EXIT.clean;
  }

  const { formatResult } = await import('@shipshape/report');
  const reported: RunResult = flags.quiet
    ? { ...result, notifications: result.notifications.filter((n) => n.level === 'error') }
    : result;
  const fileCache = new Map<string, string | undefined>();
  const texts = request.readText;
  const readFile = (rel: string): string | undefined => {
    if (!fileCache.has(rel)) {
      let text: string | undefined;
      try {
        text = readFileSync(join(request.root, rel), 'utf8');
      } catch {
        text = undefined;
      }
      fileCache.set(rel, text);
    }
    return fileCache.get(rel);
  };
  if (texts && request.discovery) {
    // Code frames need the text that was scanned (stdin, the git index): only for files with findings.
    const withFindings = new Set(result.findings.map((f) => f.file));
    for (const f of request.discovery.files)
      if (withFindings.has(f.path)) fileCache.set(f.path, await texts(f).catch(() => undefined));
  }
  const color = flags.color !== false && useColor(env, io.stdout, Boolean(flags.output));
  const output = formatResult(flags.format, reported, { color, readFile });
  for (const extra of flags.report ?? [])
    await writeFileAtomic(resolve(cwd, extra.file), formatResult(extra.format, reported, { color: false, readFile }));
  if (flags.output) await writeFileAtomic(resolve(cwd, flags.output), output);
  else if (!(flags.quiet && flags.format === 'text' && result.findings.length === 0)) io.stdout.write(output);

  for (const n of result.notifications) if (n.level === 'error') io.stderr.write(`shipshape: error: ${n.message}\n`);
  if (internalFailure(result)) return EXIT.error;
  return hasFailingFindings(result) ? EXIT.findings : EXIT.clean;
}

function internalFailure(result: RunResult): boolean {
  return result.notifications.some((n) => n.code === ANALYZER_FAILED_CODE);
}

export { ANALYZER_NAMES, loadAnalyzer };
