import { resolve } from 'node:path';
import type { Analyzer, Finding } from '@shipshape/core';
import { readSbomInputs } from '@shipshape/sbom';
import { OsvDatabase } from './db.js';
import { DatabaseError } from './errors.js';
import { rules } from './rules/index.js';
import { scanFiles, type VulnScanResult } from './scan.js';
import { type VulnsSettings, vulnsSettings } from './settings.js';

/** Largest lockfile read (the SBOM analyzer's limit). */
const MAX_BYTES = 64 * 1024 * 1024;

export interface VulnsAnalyzerOptions {
  /**
   * The database directory (absolute, or relative to the working directory) or an open database.
   * Default: config `vulns.db`, relative to the scan root.
   */
  database?: string | OsvDatabase;
  /** Default: the `vulns` section of the run's config. */
  settings?: Partial<VulnsSettings>;
  now?: Date;
  excludeDev?: boolean;
  /** Receives the whole result (matches included), e.g. for a summary line. */
  onResult?: (result: VulnScanResult) => void;
}

/**
 * `vulns/known-vulnerability` as a Shipshape analyzer: reads the manifests and lockfiles the SBOM
 * reads and reports the vulnerable components. The database is opened on first use and closed
 * after the run when the analyzer opened it.
 */
export function createVulnsAnalyzer(options: VulnsAnalyzerOptions = {}): Analyzer {
  return {
    name: 'vulns',
    rules,
    async analyze(ctx): Promise<Finding[]> {
      const settings = options.settings ?? vulnsSettings(ctx.config);
      const database = options.database ?? (settings.db !== undefined ? resolve(ctx.root, settings.db) : undefined);
      if (database === undefined)
        throw new DatabaseError('no OSV database: pass --db DIR, set SHIPSHAPE_OSV_DB or vulns.db in .shipshape.yaml.');
      const files = await readSbomInputs(ctx, { maxBytes: MAX_BYTES, leftOutOf: 'the vulnerability check' });
      const own = typeof database === 'string';
      const db = typeof database === 'string' ? await OsvDatabase.open(database) : database;
      try {
        const result = await scanFiles(files, db, {
          ...(settings.ignore ? { ignore: settings.ignore } : {}),
          ...(settings.maxDbAgeMs !== undefined ? { maxDbAgeMs: settings.maxDbAgeMs } : {}),
          ...(options.now ? { now: options.now } : {}),
          ...(options.excludeDev ? { excludeDev: true } : {}),
        });
        for (const n of result.notifications) ctx.notify(n);
        options.onResult?.(result);
        return result.findings;
      } finally {
        if (own) db.close();
      }
    },
  };
}
