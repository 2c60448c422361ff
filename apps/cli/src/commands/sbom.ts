import { join, resolve } from 'node:path';
import { loadConfig, type Notification, type ShipshapeConfig, ShipshapeError } from '@shipshape/core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { writeFileAtomic } from '../io.js';
import { resolveTargets, rootName } from '../run.js';
import { VERSION } from '../version.js';

interface SbomFlags {
  format: 'cyclonedx-json' | 'spdx-json';
  spec: '1.5' | '1.6';
  output?: string;
  excludeDev?: boolean;
  split?: boolean;
  config?: string;
  db?: string;
}

/** `--db`: each CycloneDX document gets the matches of its components (vulns.ignore applied). */
async function addVulnerabilities(
  result: Awaited<ReturnType<typeof import('@shipshape/sbom')['generateSbomObjects']>>,
  dir: string,
  config: ShipshapeConfig,
): Promise<void> {
  const vulns = await import('@shipshape/vulns');
  const settings = vulns.vulnsSettings(config);
  const db = await vulns.OsvDatabase.open(dir);
  try {
    for (const doc of result.documents) {
      const added = await vulns.addCycloneDxVulnerabilities(doc.document, doc.graph, db, {
        ignore: settings.ignore,
        maxDbAgeMs: settings.maxDbAgeMs,
      });
      doc.json = added.json;
      result.notifications.push(...added.notifications);
    }
  } finally {
    db.close();
  }
}

/** `shipshape sbom`: a CycloneDX or SPDX document from the lockfiles and manifests of a tree. */
export function registerSbomCommand(program: Command, { io, cwd }: CommandContext): void {
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
    .option(
      '--db <dir>',
      'OSV database: write known vulnerabilities into CycloneDX `vulnerabilities` (SPDX is unchanged)',
    )
    .action(async (path: string, flags: SbomFlags) => {
      const { root } = resolveTargets([path], cwd);
      const loaded = loadConfig(root, flags.config ? resolve(cwd, flags.config) : undefined);
      const sbom = await import('@shipshape/sbom');
      const { DEFAULT_LOCKFILE_MAX_SIZE, DEFAULT_MAX_FILE_SIZE, discoverFiles, parseSize, readScanFile } = await import(
        '@shipshape/core'
      );
      // Binary files are skipped by discovery, but a vendored chart archive (`charts/x-1.2.3.tgz`)
      // still names a component: the SBOM needs its path, never its bytes. Files skipped for their
      // size (lockfiles beyond the lockfile limit) are reported, never dropped silently.
      const binaries: string[] = [];
      const tooLarge: Notification[] = [];
      const discovery = await discoverFiles({
        root,
        ignore: loaded.config.ignore ?? [],
        maxFileSize: parseSize(loaded.config.maxFileSize, DEFAULT_MAX_FILE_SIZE),
        ...(loaded.config.maxLockfileSize !== undefined
          ? { maxLockfileSize: parseSize(loaded.config.maxLockfileSize, DEFAULT_LOCKFILE_MAX_SIZE) }
          : {}),
        notify: (n) => {
          if (n.code === 'binary-file' && n.file) binaries.push(n.file);
          else if (n.code === 'file-too-large' && n.file) tooLarge.push(n);
        },
      });
      const skippedInputs = new Set(sbom.selectSbomInputs(tooLarge.map((n) => n.file as string)));
      const skipped: Notification[] = tooLarge
        .filter((n) => skippedInputs.has(n.file as string))
        .map((n) => ({ ...n, message: `${n.message}; left out of the SBOM` }));
      const wanted = new Set(sbom.selectSbomInputs([...discovery.files.map((f) => f.path), ...binaries]));
      const inputs: { path: string; text: string }[] = binaries
        .filter((p) => wanted.has(p))
        .map((path) => ({ path, text: '' }));
      for (const file of discovery.files) {
        if (!wanted.has(file.path)) continue;
        try {
          inputs.push({ path: file.path, text: await readScanFile(file) });
        } catch {
          skipped.push({
            level: 'warning',
            code: 'unreadable',
            message: 'cannot read it; left out of the SBOM',
            file: file.path,
          });
        }
      }
      const sbomSection = loaded.config.sbom as { excludeDev?: boolean } | undefined;
      const result = sbom.generateSbomObjects(inputs, {
        format: flags.format,
        spec: flags.spec,
        excludeDev: flags.excludeDev ?? sbomSection?.excludeDev ?? false,
        split: flags.split ?? false,
        rootName: rootName(root),
        toolVersion: VERSION,
        skipped,
      });
      if (flags.db && flags.format === 'spdx-json')
        result.notifications.push({
          level: 'info',
          code: 'vulns-spdx',
          message: 'SPDX 2.3 has no place for vulnerabilities; --db only adds them to CycloneDX documents.',
        });
      else if (flags.db) await addVulnerabilities(result, resolve(cwd, flags.db), loaded.config);
      for (const n of result.notifications) {
        const prefix =
          n.file && !n.message.startsWith(`${n.file}: `) && !n.message.startsWith(`${n.file}:`) ? `${n.file}: ` : '';
        io.stderr.write(`shipshape: ${n.level}: ${prefix}${n.message}\n`);
      }
      io.stderr.write(`shipshape: ${sbom.coverageSummary(result)}\n`);
      if (flags.split) {
        if (!flags.output) {
          for (const doc of result.documents) io.stdout.write(doc.json.endsWith('\n') ? doc.json : `${doc.json}\n`);
        } else {
          for (const doc of result.documents)
            await writeFileAtomic(join(resolve(cwd, flags.output), doc.name), doc.json, {
              within: resolve(cwd, flags.output),
            });
        }
        return;
      }
      const doc = result.documents[0];
      if (!doc) throw new ShipshapeError('sbom-empty', 'no SBOM was produced');
      if (flags.output) await writeFileAtomic(resolve(cwd, flags.output), doc.json);
      else io.stdout.write(doc.json.endsWith('\n') ? doc.json : `${doc.json}\n`);
    });
}
