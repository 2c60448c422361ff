import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../engine.js';

// Chart loading and values coalescing, checked against Helm's documented behaviour by hand
// (Go's text/template has no chart loader to produce these expectations).

function chart(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'workloads-chart-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A minimal ustar writer, so the .tgz fixture is made at test time. */
function tgz(files: Record<string, string>, top: string): Buffer {
  const parts: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const h = Buffer.alloc(512);
    h.write(`${top}/${name}`, 0, 100);
    h.write('0000644\0', 100);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    parts.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

const text = (r: ReturnType<typeof renderChart>, name: string) => r.templates.find((t) => t.name === name)?.text;

const PARENT = {
  'Chart.yaml': [
    'apiVersion: v2',
    'name: parent',
    'version: 1.0.0',
    'dependencies:',
    '  - name: db',
    '    version: 1.x',
    '    condition: db.enabled',
    '  - name: cache',
    '    version: 1.x',
    '    alias: redis',
    '    tags: [backend]',
    '    import-values:',
    '      - child: exports.conn',
    '        parent: connection',
    '  - name: extra',
    '    version: 1.x',
    '    condition: extra.enabled',
    '',
  ].join('\n'),
  'values.yaml':
    'global:\n  env: prod\ndb:\n  enabled: true\n  port: 6543\nredis:\n  maxmemory: 1gb\ntags:\n  backend: true\nextra:\n  enabled: false\nconnection:\n  host: overridden-by-parent\n',
  'templates/out.yaml':
    'env: {{ .Values.global.env }}\nconn: {{ .Values.connection.host }}:{{ .Values.connection.port }}\n',
  'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.2.0\n',
  'charts/db/values.yaml': 'port: 5432\nuser: app\nglobal:\n  env: dev\n  region: eu\n',
  'charts/db/templates/db.yaml':
    'name: {{ .Chart.Name }}\nport: {{ .Values.port }}\nuser: {{ .Values.user }}\nenv: {{ .Values.global.env }}\nregion: {{ .Values.global.region }}\n',
  'charts/cache-1.0.0.tgz': tgz(
    {
      'Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 1.0.0\n',
      'values.yaml': 'maxmemory: 256mb\nexports:\n  conn:\n    host: cache\n    port: 6379\n',
      'templates/cache.yaml':
        'chart: {{ .Chart.Name }}\nmaxmemory: {{ .Values.maxmemory }}\nenv: {{ .Values.global.env }}\n',
    },
    'cache',
  ),
  'charts/extra/Chart.yaml': 'apiVersion: v2\nname: extra\nversion: 1.0.0\n',
  'charts/extra/templates/extra.yaml': 'never: rendered\n',
};

describe('chart loading', () => {
  it('renders folder and .tgz subcharts with conditions, tags, alias, import-values and globals', () => {
    const r = renderChart(chart(PARENT));
    expect(r.notifications).toEqual([]);
    // Parent values override the subchart's defaults; the parent's global wins over the child's.
    expect(text(r, 'parent/charts/db/templates/db.yaml')).toBe(
      'name: db\nport: 6543\nuser: app\nenv: prod\nregion: eu\n',
    );
    // Alias renames the chart; the packaged subchart's templates render.
    expect(text(r, 'parent/charts/redis/templates/cache.yaml')).toBe('chart: redis\nmaxmemory: 1gb\nenv: prod\n');
    // condition false: not rendered.
    expect(r.templates.some((t) => t.name.includes('/extra/'))).toBe(false);
    // import-values: the child's exports copied up; the parent's own keys win.
    expect(text(r, 'parent/templates/out.yaml')).toBe('env: prod\nconn: overridden-by-parent:6379\n');
  });

  it('tags false and condition false turn dependencies off; a condition path that is not set leaves it on', () => {
    const off = renderChart(
      chart({
        ...PARENT,
        'values.yaml':
          'db:\n  enabled: false\ntags:\n  backend: false\nextra:\n  enabled: false\nconnection:\n  host: h\nglobal:\n  env: x\n',
      }),
    );
    expect(off.templates.map((t) => t.name).sort()).toEqual(['parent/templates/out.yaml']);
    const unset = renderChart(
      chart({
        ...PARENT,
        'values.yaml': 'db:\n  enabled: false\ntags:\n  backend: false\nconnection:\n  host: h\nglobal:\n  env: x\n',
      }),
    );
    expect(unset.templates.map((t) => t.name).sort()).toEqual([
      'parent/charts/extra/templates/extra.yaml',
      'parent/templates/out.yaml',
    ]);
  });

  it('applies user values files in order, then --set overrides; null deletes a default', () => {
    const dir = chart({
      'Chart.yaml': 'apiVersion: v1\nname: app\nversion: 0.1.0\n',
      'values.yaml': 'image:\n  tag: "1.0"\n  pullPolicy: Always\nreplicas: 1\n',
      'templates/t.yaml':
        'tag: {{ .Values.image.tag }}\npolicy: [{{ .Values.image.pullPolicy }}]\nreplicas: {{ .Values.replicas }}\nlist: {{ index .Values.hosts 1 }}\n',
    });
    const r = renderChart(dir, {
      valuesFiles: [
        { path: 'a.yaml', text: 'image:\n  tag: "2.0"\n  pullPolicy: null\n' },
        { path: 'b.yaml', text: 'image:\n  tag: "3.0"\n' },
      ],
      set: ['replicas=4,hosts[0]=a.example,hosts[1]=b.example'],
    });
    expect(r.notifications).toEqual([]);
    expect(r.templates[0]?.text).toBe('tag: 3.0\npolicy: []\nreplicas: 4\nlist: b.example\n');
  });
});

describe('source maps', () => {
  it('maps output lines to template lines, and values to the values file line that set them', () => {
    const dir = chart({
      'Chart.yaml': 'apiVersion: v2\nname: m\nversion: 0.1.0\n',
      'values.yaml': 'a: 1\nsecurity:\n  privileged: true\n',
      'templates/_h.tpl': '{{- define "m.sc" -}}\n{{ toYaml .Values.security }}\n{{- end -}}\n',
      'templates/t.yaml':
        'kind: X\n{{- /* comment */}}\nspec:\n  sc:\n    {{- include "m.sc" . | nindent 4 }}\n  a: {{ .Values.a }}\n',
    });
    const r = renderChart(dir);
    const t = r.templates[0];
    expect(t?.text).toBe('kind: X\nspec:\n  sc:\n    privileged: true\n  a: 1\n');
    expect(t?.origins.map((o) => o.line)).toEqual([1, 3, 4, 5, 6, 7]);
    expect(t?.origins[3]?.values).toEqual(['security']);
    expect(t?.scope.origin('security.privileged')).toEqual({ file: 'values.yaml', line: 3 });
    expect(t?.scope.origin('a')).toEqual({ file: 'values.yaml', line: 1 });
  });
});

describe('graceful degradation', () => {
  it('names the template and function it does not support; the other templates still render', () => {
    const dir = chart({
      'Chart.yaml': 'apiVersion: v2\nname: g\nversion: 0.1.0\n',
      'templates/bad.yaml': 'x: {{ frobnicate .Values }}\n',
      'templates/good.yaml': 'y: ok\n',
    });
    const r = renderChart(dir);
    expect(r.templates.map((t) => t.path)).toEqual(['templates/good.yaml']);
    expect(r.notifications).toHaveLength(1);
    expect(r.notifications[0]).toMatchObject({
      code: 'unsupported-function',
      function: 'frobnicate',
      file: 'templates/bad.yaml',
      line: 1,
    });
  });

  it('required names the missing key and the template renders on; fail stops only its template', () => {
    const dir = chart({
      'Chart.yaml': 'apiVersion: v2\nname: q\nversion: 0.1.0\n',
      'values.yaml': 'db: {}\n',
      'templates/a.yaml': 'password: [{{ required "set db.password" .Values.db.password }}]\n',
      'templates/b.yaml': '{{ fail "unsupported mode" }}\n',
    });
    const r = renderChart(dir);
    expect(r.templates.map((t) => t.text)).toEqual(['password: []\n']);
    const codes = r.notifications.map((n) => n.code).sort();
    expect(codes).toEqual(['required-value', 'template-fail']);
    expect(r.notifications.find((n) => n.code === 'required-value')?.message).toContain('.Values.db.password');
  });

  it('rand functions are deterministic from the seed; .Capabilities has the documented defaults', () => {
    const dir = chart({
      'Chart.yaml': 'apiVersion: v2\nname: r\nversion: 0.1.0\n',
      'templates/t.yaml':
        '{{ randAlphaNum 12 }} {{ uuidv4 }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }}\n',
    });
    const a = renderChart(dir).templates[0]?.text;
    expect(renderChart(dir).templates[0]?.text).toBe(a);
    expect(a).toMatch(
      /^[A-Za-z0-9]{12} [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} v1\.31\.0 true\n$/,
    );
    expect(renderChart(dir, { seed: 2 }).templates[0]?.text).not.toBe(a);
  });
});

describe('hostile charts', () => {
  it('refuses an alias bomb in values.yaml, a runaway include and a huge until, with notifications', () => {
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      laughs.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const dir = chart({
      'Chart.yaml': 'apiVersion: v2\nname: h\nversion: 0.1.0\n',
      'values.yaml': `${laughs.join('\n')}\n${Array.from({ length: 120 }, (_, i) => `k${i}: [${Array(10).fill('*a').join(',')}]`).join('\n')}\n`,
      'templates/_loop.tpl': '{{- define "h.loop" -}}{{ include "h.loop" . }}{{- end -}}',
      'templates/loop.yaml': 'x: {{ include "h.loop" . }}\n',
      'templates/many.yaml': '{{ range until 100000000 }}x{{ end }}\n',
      'templates/fine.yaml': 'ok: true\n',
    });
    const r = renderChart(dir);
    expect(r.templates.map((t) => t.path)).toEqual(['templates/fine.yaml']);
    const messages = r.notifications.map((n) => `${n.code} ${n.message}`).join('\n');
    expect(messages).toMatch(/chart-error values\.yaml.*aliases/);
    expect(messages).toMatch(/render-error templates\/loop\.yaml/);
    expect(messages).toMatch(/render-error templates\/many\.yaml.*until/);
  });
});
