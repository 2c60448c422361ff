import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFiles, tempDir, zipOf } from './__tests__/helpers.js';
import { INDEX_NAME } from './db.js';
import { UpdateError } from './errors.js';
import { updateDatabase } from './update.js';

const good = Buffer.from(zipOf(fixtureFiles('npm')));
const pypi = Buffer.from(zipOf(fixtureFiles('PyPI')));
const requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = req.url ?? '';
    if (url === '/osv/npm/all.zip') res.writeHead(200, { 'content-type': 'application/zip' }).end(good);
    else if (url === '/osv/PyPI/all.zip') res.writeHead(200).end(pypi);
    // A zip cut short (its central directory is gone), served as if whole.
    else if (url === '/truncated/npm/all.zip') res.writeHead(200).end(good.subarray(0, good.length - 40));
    // Headers promise more bytes than arrive.
    else if (url === '/short/npm/all.zip') {
      res.writeHead(200, { 'content-length': String(good.length) });
      res.write(good.subarray(0, 100));
      res.destroy();
    } else if (url === '/broken/npm/all.zip') res.writeHead(500).end('internal error');
    else if (url === '/notjson/npm/all.zip') res.writeHead(200).end(Buffer.from(zipOf({ 'X.json': '{ nope' })));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('vulns update', () => {
  it('downloads each export into <dir>/<Ecosystem>/all.zip and builds its index', async () => {
    const dir = join(tempDir(), 'db');
    const outcomes = await updateDatabase({ dir, ecosystems: ['npm', 'pypi'], baseUrl: `${base}/osv` });
    expect(outcomes.map((o) => [o.ecosystem, o.ok, o.advisories])).toEqual([
      ['npm', true, 6],
      ['PyPI', true, 7],
    ]);
    expect(readFileSync(join(dir, 'npm', 'all.zip'))).toEqual(good);
    expect(existsSync(join(dir, 'npm', INDEX_NAME))).toBe(true);
    expect(outcomes[0]?.modified).toBeInstanceOf(Date);
    expect(requests).toContain('/osv/PyPI/all.zip');
  });

  for (const [what, path, error] of [
    ['a 500 response', 'broken', /HTTP 500/],
    ['a truncated zip', 'truncated', /not a whole zip/],
    ['a connection cut short', 'short', /ended after|terminated|aborted|socket|other side closed/i],
    ['a zip of non-JSON', 'notjson', /not a whole zip/],
  ] as const) {
    it(`keeps the previous copy on ${what} and leaves no temporary file`, async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'npm'));
      writeFileSync(join(dir, 'npm', 'all.zip'), good);
      const [outcome] = await updateDatabase({ dir, ecosystems: ['npm'], baseUrl: `${base}/${path}` });
      expect(outcome?.ok).toBe(false);
      expect(outcome?.error).toMatch(error);
      expect(outcome?.modified).toBeInstanceOf(Date);
      expect(readFileSync(join(dir, 'npm', 'all.zip'))).toEqual(good);
      expect(readdirSync(join(dir, 'npm'))).toEqual(['all.zip']);
    });
  }

  it('refreshes the ecosystems already in the database when none are named', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'PyPI'));
    writeFileSync(join(dir, 'PyPI', 'all.zip'), Buffer.from('old'));
    const outcomes = await updateDatabase({ dir, baseUrl: `${base}/osv` });
    expect(outcomes.map((o) => [o.ecosystem, o.ok])).toEqual([['PyPI', true]]);
  });

  it('refuses plain HTTP to anything but a loopback address, and names that are not ecosystems', async () => {
    const dir = tempDir();
    await expect(updateDatabase({ dir, ecosystems: ['npm'], baseUrl: 'http://example.com/osv' })).rejects.toThrow(
      UpdateError,
    );
    await expect(updateDatabase({ dir, ecosystems: ['../etc'], baseUrl: `${base}/osv` })).rejects.toThrow(
      /not an OSV ecosystem/,
    );
  });
});
