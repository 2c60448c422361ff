import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, outsideDir, shipshape } from './harness.js';

// Every file the tool writes (#3): --output, --report, --write-baseline, sbom --output, init,
// dockerfile --fix. A rename over whatever sits at the target would turn /dev/null into a file
// (as root), replace a FIFO, or follow a planted link out of the checkout.

const DOCKERFILE = 'FROM node:20\nRUN apt-get install curl\nCMD ["node", "server.js"]\n';

function repo(): string {
  return makeRepo({ Dockerfile: DOCKERFILE, 'package.json': '{"name":"x","version":"1.0.0"}\n' });
}

/** Each way of writing a file, given where to write. */
const WRITERS: Record<string, (root: string, target: string) => string[]> = {
  '--output': (root, target) => ['scan', '--format', 'json', '--output', target, root],
  '--report': (root, target) => ['scan', '--report', `sarif:${target}`, root],
  '--write-baseline': (root, target) => ['scan', '--write-baseline', target, root],
  'sbom --output': (root, target) => ['sbom', '--output', target, root],
};

describe('writes never destroy (#3)', () => {
  for (const [name, args] of Object.entries(WRITERS)) {
    it(`${name}: a link to /dev/null stays a link and /dev/null a character device`, () => {
      const root = repo();
      const link = join(root, 'out.txt');
      symlinkSync('/dev/null', link);
      const run = shipshape(args(root, link));
      expect([0, 1]).toContain(run.code);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    });

    it(`${name}: a link leaving the folder is refused (exit 2) and its target left alone`, () => {
      const root = repo();
      const outside = outsideDir();
      const victim = join(outside, 'victim.txt');
      writeFileSync(victim, 'precious\n');
      const link = join(root, 'out.txt');
      symlinkSync(victim, link);
      const run = shipshape(args(root, link));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/symbolic link leaving .*nothing written/);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(readFileSync(victim, 'utf8')).toBe('precious\n');
      expect(readlinkSync(link)).toBe(victim);
    });

    it(`${name}: a directory is refused in words (exit 2, not "internal error")`, () => {
      const root = repo();
      const dir = join(root, 'out');
      mkdirSync(dir);
      const run = shipshape(args(root, dir));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is a directory/);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(statSync(dir).isDirectory()).toBe(true);
    });
  }

  it('--output into a FIFO writes through to its reader and leaves the FIFO in place', async () => {
    const root = repo();
    const fifo = join(outsideDir(), 'report.fifo');
    spawnSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => {
      read += chunk.toString();
    });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const run = shipshape(['scan', '--format', 'json', '--output', fifo, root]);
    // A build that replaced the FIFO leaves its reader waiting: stop it rather than hang.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
    reader.kill();
    expect(run.code, run.stderr).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect((JSON.parse(read) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('--output /dev/stdout writes the report to standard output', () => {
    const run = shipshape(['scan', '--format', 'json', '--output', '/dev/stdout', repo()]);
    expect(run.code, run.stderr).toBe(1);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('a regular file is replaced whole and keeps its mode; a link inside the folder is written through', () => {
    const root = repo();
    const out = join(root, 'report.json');
    writeFileSync(out, 'old', { mode: 0o600 });
    expect(shipshape(['scan', '--format', 'json', '--output', out, root]).code).toBe(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toMatch(/"findings"/);
    const link = join(root, 'latest.json');
    symlinkSync('report.json', link);
    writeFileSync(out, 'old');
    expect(shipshape(['scan', '--format', 'json', '--output', link, root]).code).toBe(1);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(out, 'utf8')).toMatch(/"findings"/);
  });

  it('init: a .shipshape.yaml link leaving the directory is refused with --force', () => {
    const root = repo();
    const outside = outsideDir();
    const victim = join(outside, 'victim.yaml');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(root, '.shipshape.yaml'));
    expect(shipshape(['init', root]).code).toBe(2);
    const forced = shipshape(['init', '--force', root]);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/symbolic link leaving/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('dockerfile --fix: a Dockerfile that is a link out of its folder is not rewritten', () => {
    const root = repo();
    const outside = outsideDir();
    const victim = join(outside, 'Dockerfile');
    writeFileSync(victim, DOCKERFILE);
    const link = join(root, 'Dockerfile.prod');
    symlinkSync(victim, link);
    const run = shipshape(['dockerfile', '--fix', link], { cwd: root });
    expect(run.code).toBe(2);
    expect(readFileSync(victim, 'utf8')).toBe(DOCKERFILE);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('output into a directory that cannot be written says why, in words', () => {
    const run = shipshape(['scan', '--format', 'json', '--output', '/proc/shipshape-report.json', repo()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write \/proc\/shipshape-report\.json: /);
    expect(run.stderr).not.toMatch(/internal error/);
  });
});
