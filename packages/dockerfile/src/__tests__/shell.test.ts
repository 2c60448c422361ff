import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/model.js';
import { parseShell, parseSimpleShell, type ShellCommand } from '../model/shell.js';

const identity = (o: number) => o;

function shape(cmds: ShellCommand[]) {
  return cmds.map((c) => ({
    name: c.name,
    argv: c.argv.map((w) => [w.value, w.dynamic, w.start, w.end]),
    assigns: c.assigns.map((a) => [a.name, a.value, a.start, a.end]),
    wrappers: c.wrappers,
    start: c.start,
    end: c.end,
    pipe: c.pipeline ? [c.pipeline.index, c.pipeline.length] : null,
  }));
}

const SAMPLES = [
  'apt-get update && apt-get install -y --no-install-recommends curl=1.2 git && rm -rf /var/lib/apt/lists/*',
  'set -eux; CGO_ENABLED=0 GOOS=$TARGETOS go build -o /out/app ./cmd/app',
  'curl -fsSL https://example.com/x.sh | sh -s -- -y',
  'echo "${SHA}  /tmp/f" | sha256sum -c - && tar -xzf /tmp/f -C /usr/local/bin 2>/dev/null',
  'pip install --no-cache-dir \'django>=5,<6\' "flask==3.0.3"',
  'sudo -u app make install > /tmp/log 2>&1',
  'apk add --no-cache tini # comment && rm -rf x',
  'npm ci\nnpm run build\n',
  'env FOO=1 nice -n 5 python3 -m pip install x',
];

function collectRunScripts(): string[] {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'Dockerfile') {
        const m = buildModel(p, readFileSync(p, 'utf8'), {
          strict: false,
          trustedRegistries: [],
          minimalImages: [],
          nonRootImages: [],
        });
        for (const r of m.runs) if (!r.execForm && r.script) out.push(r.script);
      }
    }
  };
  walk(root);
  return out;
}

describe('simple-shell fast path', () => {
  it('agrees with mvdan-sh on every script it accepts', () => {
    const scripts = [...SAMPLES, ...collectRunScripts()];
    let accepted = 0;
    for (const script of scripts) {
      const fast = parseSimpleShell(script, identity);
      if (!fast) continue;
      accepted++;
      const full = parseShell(script, identity, { fastPath: false });
      expect(full.error, script).toBeUndefined();
      expect(shape(fast.commands), script).toEqual(shape(full.commands));
    }
    expect(accepted).toBeGreaterThan(scripts.length / 2);
  });

  it('declines what it does not understand', () => {
    for (const script of [
      'echo $(date)',
      'if true; then echo; fi',
      'echo `id`',
      'a || (b && c)',
      'echo "\\"x\\""',
      'for i in 1 2; do echo $i; done',
      'export A=1',
      'cat <<EOF\nx\nEOF',
      'a &',
      '[[ -f x ]] && y',
      'echo ${A:-b}',
    ]) {
      expect(parseSimpleShell(script, identity), script).toBeUndefined();
    }
  });
});
