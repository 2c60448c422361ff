import { resolve } from 'node:path';
import { type Analyzer, loadConfig, type ShipshapeConfig, UsageError } from '@shipshape/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { type GateFlags, type ReportFlags, withGateOptions, withReportOptions } from '../options.js';
import { gatedScan, resolveTargets } from '../run.js';

type VulnsFlags = ReportFlags & GateFlags & { db?: string; excludeDev?: boolean };

interface UpdateFlags {
  db?: string;
  ecosystems?: string;
  baseUrl?: string;
}

/** Environment variable naming the OSV database directory. */
export const OSV_DB_ENV = 'SHIPSHAPE_OSV_DB';
/** Environment variable overriding the export base URL (a mirror). */
export const OSV_URL_ENV = 'SHIPSHAPE_OSV_URL';

/**
 * The database a command uses: `--db` (relative to the working directory), else
 * `SHIPSHAPE_OSV_DB`, else config `vulns.db` (relative to the scan root); undefined when none.
 */
export function resolveDatabase(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
  root: string,
  config: ShipshapeConfig,
): string | undefined {
  if (flag) return resolve(cwd, flag);
  const fromEnv = env[OSV_DB_ENV];
  if (fromEnv) return resolve(cwd, fromEnv);
  const fromConfig = (config.vulns as { db?: unknown } | undefined)?.db;
  return typeof fromConfig === 'string' && fromConfig !== '' ? resolve(root, fromConfig) : undefined;
}

/** The vulns analyzer when a database is configured (for `shipshape scan`), else undefined. */
export async function configuredVulnsAnalyzer(
  ctx: Pick<CommandContext, 'env' | 'cwd'>,
  root: string,
  flags: { db?: string; config?: string; excludeDev?: boolean },
): Promise<Analyzer | undefined> {
  const loaded = loadConfig(root, flags.config ? resolve(ctx.cwd, flags.config) : undefined);
  const database = resolveDatabase(flags.db, ctx.env, ctx.cwd, root, loaded.config);
  if (database === undefined) return undefined;
  const { createVulnsAnalyzer } = await import('@shipshape/vulns');
  return createVulnsAnalyzer({ database, ...(flags.excludeDev ? { excludeDev: true } : {}) });
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** `shipshape vulns [path]` and `shipshape vulns update`. */
export function registerVulnsCommand(program: Command, ctx: CommandContext): void {
  const { io, env, cwd, setExit } = ctx;
  const vulns = withReportOptions(
    withGateOptions(program.command('vulns'))
      .description('report dependencies with known vulnerabilities, from a local OSV database (offline)')
      .argument('[path]', 'repository or directory to scan', '.')
      .option('--db <dir>', `OSV database directory (default: $${OSV_DB_ENV}, then vulns.db in config)`)
      .option('--exclude-dev', 'leave out development dependencies'),
  ).action(async (path: string, flags: VulnsFlags) => {
    const { root, include } = resolveTargets([path], cwd);
    const analyzer = await configuredVulnsAnalyzer(ctx, root, flags);
    if (!analyzer)
      throw new UsageError(
        `no OSV database: pass --db DIR, set ${OSV_DB_ENV} or vulns.db in .shipshape.yaml (create one with \`shipshape vulns update --db DIR\`)`,
      );
    setExit(await gatedScan(io, env, cwd, { root, ...(include ? { include } : {}), analyzers: [analyzer], flags }));
  });

  vulns
    .command('update')
    .description(
      'download the osv.dev vulnerability exports into the database (the only command that uses the network)',
    )
    .option('--db <dir>', `OSV database directory (default: $${OSV_DB_ENV})`)
    .option(
      '--ecosystems <list>',
      'comma-separated OSV ecosystems (default: those in the database, else all supported)',
    )
    .option('--base-url <url>', `export base URL, HTTPS (default: osv.dev's exports, or $${OSV_URL_ENV})`)
    .action(async (_flags: UpdateFlags, command: Command) => {
      // `--db` may have been parsed by `vulns` itself (before or after `update`).
      const flags = command.optsWithGlobals() as UpdateFlags;
      const dbFlag = flags.db ?? env[OSV_DB_ENV];
      if (!dbFlag) throw new UsageError(`vulns update needs --db DIR (or ${OSV_DB_ENV})`);
      const dir = resolve(cwd, dbFlag);
      const { formatAge, updateDatabase } = await import('@shipshape/vulns');
      const ecosystems = flags.ecosystems
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const baseUrl = flags.baseUrl ?? env[OSV_URL_ENV];
      const outcomes = await updateDatabase({
        dir,
        ...(ecosystems?.length ? { ecosystems } : {}),
        ...(baseUrl ? { baseUrl } : {}),
      });
      const now = Date.now();
      for (const o of outcomes) {
        const age = o.modified ? `${formatAge(now - o.modified.getTime())} old` : 'none';
        if (o.ok)
          io.stdout.write(`${o.ecosystem}: ${o.advisories} advisories (${kib(o.bytes ?? 0)}) written to ${o.path}\n`);
        else
          io.stderr.write(
            `shipshape: error: ${o.ecosystem}: ${o.error}; ${o.modified ? `the previous copy is kept (${age})` : 'no copy is in place'}\n`,
          );
      }
      const ages = outcomes
        .filter((o) => o.modified)
        .map((o) => `${o.ecosystem} ${formatAge(now - (o.modified as Date).getTime())} old`);
      io.stdout.write(`OSV database ${dir}: ${ages.length ? ages.join(', ') : 'empty'}\n`);
      setExit(outcomes.every((o) => o.ok) ? 0 : 2);
    });
}
