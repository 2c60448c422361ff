import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram, EXIT } from '../index.js';

const advisory = {
  id: 'GHSA-cli1-0001-0001',
  modified: '2099-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name: 'cli-lib' }, versions: ['1.0.0'] }],
};
const zip = Buffer.from(zipSync({ 'GHSA-cli1-0001-0001.json': new TextEncoder().encode(JSON.stringify(advisory)) }));
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/good/npm/all.zip') res.writeHead(200).end(zip);
    else if (req.url === '/cut/npm/all.zip') res.writeHead(200).end(zip.subarray(0, zip.length - 30));
    else res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await createProgram({
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: process.cwd(),
    env,
  }).run(argv);
  return { code, stdout, stderr };
}

describe('shipshape vulns update (in-process, against 127.0.0.1)', () => {
  it('downloads the exports, reports counts and the database age', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'shipshape-update-')), 'osv');
    const r = await run(['vulns', 'update', '--db', db, '--ecosystems', 'npm', '--base-url', `${base}/good`]);
    expect(r.code, r.stderr).toBe(EXIT.clean);
    expect(r.stdout).toMatch(/^npm: 1 advisories/m);
    expect(r.stdout).toMatch(/OSV database .*: npm \d+ minutes? old/);
    expect(readFileSync(join(db, 'npm', 'all.zip'))).toEqual(zip);
  });

  it('exits 2 on a failed or truncated download and keeps the previous copy', async () => {
    const db = mkdtempSync(join(tmpdir(), 'shipshape-update-'));
    mkdirSync(join(db, 'npm'));
    writeFileSync(join(db, 'npm', 'all.zip'), zip);
    for (const path of ['broken', 'cut']) {
      const r = await run(['vulns', 'update', '--ecosystems', 'npm', '--base-url', `${base}/${path}`], {
        SHIPSHAPE_OSV_DB: db,
      });
      expect(r.code).toBe(EXIT.error);
      expect(r.stderr).toMatch(/npm: .*the previous copy is kept/);
      expect(readFileSync(join(db, 'npm', 'all.zip'))).toEqual(zip);
    }
  });

  it('needs a database directory, and HTTPS for anything but loopback', async () => {
    expect((await run(['vulns', 'update'])).code).toBe(EXIT.error);
    const db = mkdtempSync(join(tmpdir(), 'shipshape-update-'));
    const r = await run(['vulns', 'update', '--db', db, '--base-url', 'http://example.invalid/osv']);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toMatch(/HTTPS only/);
    expect(existsSync(join(db, 'npm'))).toBe(false);
  });
});
