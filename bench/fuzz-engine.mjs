// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` strings are fuzz seeds, not templates
// Mutation fuzzing of every parser through the packages' public APIs (built dist). Used by
// `npm run fuzz` (bench/fuzz.mjs: >= 5,000 cases per parser, each parser in a worker with a hang
// watchdog) and by test/fuzz.test.ts (a few hundred small cases per parser inside `npm test`).
// Cases are deterministic: case i of a parser is rebuilt from (parser, i, profile) alone, so a
// crash or a slow input can be replayed and written out.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (pkg) => import(pathToFileURL(join(root, 'packages', pkg, 'dist/index.js')).href);

// Secret-shaped values assembled at run time (obviously fake), so no scanner flags this file.
const FAKE = ['Zq8x', 'Lm2V', 't7Rk', '4Np9'].join('');
const FAKE_PAT = ['gh', 'p_', 'Fake0Fuzz1Value2Not3Real4Token5Abcdef'].join('');

/** Seeds per parser: small, realistic inputs written for this fuzzer. */
const SEEDS = {
  dockerfile: [
    'FROM node:20-slim AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM gcr.io/distroless/nodejs20\nCOPY --from=build /app/dist /app\nUSER 1000\nCMD ["/app/server.js"]\n',
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl \\\n    git ca-certificates && rm -rf /var/lib/apt/lists/*\nENV PASSWORD=' +
      FAKE +
      '\nARG VERSION=1.2.3\nRUN curl -fsSL https://example.test/install.sh | bash\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nEXPOSE 80/tcp\n',
    '# syntax=docker/dockerfile:1\nARG BASE=python:3.12\nFROM ${BASE}\nRUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\nRUN <<EOF\nset -e\necho "$HOME"\nEOF\nONBUILD RUN echo hi\nSHELL ["/bin/bash", "-c"]\nUSER root\n',
  ],
  dotenv: [
    `# local settings\nDEBUG=1\nDB_PASSWORD=${FAKE}\nexport API_TOKEN="${FAKE_PAT}"\nURL=postgres://app:${FAKE}@db:5432/app\nEMPTY=\nQUOTED='a b # c'\nMULTI="line1\\nline2"\n`,
    'A=${B:-default}\nPASSWORD=changeme\nSECRET_KEY=${SECRET_KEY}\n\r\nWIN=1\r\n',
  ],
  values: [
    `image:\n  repository: nginx\n  tag: "1.25"\nauth:\n  password: ${FAKE}\n  existingSecret: ""\nenv:\n  - name: TOKEN\n    value: "{{ .Values.token }}"\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: { name: db, key: password }\nanchors: &a { x: 1 }\nref: *a\n`,
    'list: [1, 2, {a: b}]\n---\nsecond: doc\nblock: |\n  multi\n  line\nfolded: >-\n  text\n',
  ],
  compose: [
    `services:\n  web:\n    image: nginx:1.25\n    environment:\n      - DB_PASSWORD=${FAKE}\n    env_file: .env\n    ports: ["80:80"]\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: \${PG_PASS}\n`,
  ],
  requirements: [
    'flask==3.0.3\nrequests>=2.31,<3 ; python_version >= "3.8"\n-r base.txt\n--index-url https://pypi.example.test/simple\nnumpy @ https://example.test/numpy.whl\n-e git+https://example.test/pkg.git#egg=pkg\npkg[extra1,extra2]~=1.4 \\\n  --hash=sha256:abcdef\n# comment\n',
  ],
  npmLock: [
    JSON.stringify(
      {
        name: 'app',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'app', version: '1.0.0', dependencies: { a: '^1.0.0' }, devDependencies: { b: '2.0.0' } },
          'node_modules/a': {
            version: '1.2.0',
            resolved: 'https://registry.example.test/a-1.2.0.tgz',
            integrity: 'sha512-AAAA',
            dependencies: { c: '*' },
          },
          'node_modules/b': { version: '2.0.0', dev: true },
          'node_modules/c': { version: '0.1.0', license: 'MIT' },
          'node_modules/a/node_modules/c': { version: '0.2.0' },
        },
      },
      null,
      2,
    ),
  ],
  yarnLock: [
    '# yarn lockfile v1\n\n"a@^1.0.0":\n  version "1.2.0"\n  resolved "https://registry.example.test/a-1.2.0.tgz#abc"\n  integrity sha512-AAAA\n  dependencies:\n    c "*"\n\nc@*:\n  version "0.1.0"\n',
  ],
  pnpmLock: [
    "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: ^1.0.0\n        version: 1.2.0\npackages:\n  a@1.2.0:\n    resolution: {integrity: sha512-AAAA}\nsnapshots:\n  a@1.2.0:\n    dependencies:\n      c: 0.1.0\n  c@0.1.0: {}\n",
  ],
  poetryLock: [
    '[[package]]\nname = "flask"\nversion = "3.0.3"\ndescription = ""\noptional = false\npython-versions = ">=3.8"\n\n[package.dependencies]\nclick = ">=8.1.3"\n\n[[package]]\nname = "click"\nversion = "8.1.7"\n\n[metadata]\nlock-version = "2.0"\ncontent-hash = "abc"\n',
  ],
  pyproject: [
    '[project]\nname = "app"\nversion = "1.0"\ndependencies = ["flask>=3", "requests[socks]==2.31.0"]\n[project.optional-dependencies]\ndev = ["pytest"]\n[tool.poetry.dependencies]\npython = "^3.11"\n',
  ],
  chart: [
    'apiVersion: v2\nname: app\nversion: 1.2.3\ndependencies:\n  - name: redis\n    version: 17.x.x\n    repository: https://charts.example.test\n    condition: redis.enabled\n  - name: common\n    version: "2.0.0"\n    repository: "@bitnami"\nmaintainers:\n  - name: Dev\n',
  ],
  chartLock: [
    'dependencies:\n- name: redis\n  repository: https://charts.example.test\n  version: 17.3.7\ndigest: sha256:abc\ngenerated: "2024-01-01T00:00:00Z"\n',
  ],
  config: [
    "failOn: high\nprofile: strict\nignore:\n  - '**/testdata/**'\nmaxFileSize: 2MB\nrules:\n  DL3008: off\n  docker/last-user-root: { severity: low }\nsecrets:\n  allow:\n    paths: [docs/]\n  history:\n    enabled: true\n    maxCommits: 10\n",
  ],
  diff: [
    'diff --git a/app.py b/app.py\nindex 1111111..2222222 100644\n--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,3 @@\n import os\n+PASSWORD = "x"\n@@ -10 +11,0 @@\n-gone\ndiff --git a/"caf\\303\\251 x.txt" b/"caf\\303\\251 x.txt"\nnew file mode 100644\n--- /dev/null\n+++ "b/caf\\303\\251 x.txt"\n@@ -0,0 +1 @@\n+++ not a header\n',
  ],
  dockerignore: ['# comment\n.env\n**/*.key\n!keep.key\nnode_modules\n/build/\n*.pem\n[abc]?.txt\n'],
  suppressions: [
    '# shipshape-ignore docker/last-user-root -- builder\nUSER root\nRUN x # hadolint ignore=DL3008,DL3009\nKEY=1 # gitleaks:allow\n# shipshape-ignore-file secrets\n',
  ],
  codeFrame: [`line one\n\tindented\u001b[31m red\nDB_PASSWORD=${FAKE}\n${'long '.repeat(60)}\n\u4e2d\u6587 wide\n`],
};

/** Parsers and how each is called; `expected` are the typed errors the API documents. */
export async function loadTargets() {
  const [core, dockerfile, secrets, sbom, report] = await Promise.all(
    ['core', 'dockerfile', 'secrets', 'sbom', 'report'].map(load),
  );
  const lock = (path) => (text) => sbom.collectProjects([{ path, text }, ...manifestFor(path)]);
  const manifestFor = (path) =>
    path === 'package-lock.json' || path === 'yarn.lock' || path === 'pnpm-lock.yaml'
      ? [{ path: 'package.json', text: '{"name":"app","version":"1.0.0","dependencies":{"a":"^1.0.0"}}' }]
      : path === 'poetry.lock'
        ? [{ path: 'pyproject.toml', text: SEEDS.pyproject[0] }]
        : [];
  const rules = {};
  return [
    {
      name: 'dockerfile',
      seeds: SEEDS.dockerfile,
      run: (t) => dockerfile.lintDockerfile({ path: 'Dockerfile', text: t }),
    },
    { name: 'dotenv', seeds: SEEDS.dotenv, run: (t) => secrets.scanText({ path: '.env', text: t }) },
    {
      name: 'helm-values',
      seeds: SEEDS.values,
      run: (t) => secrets.scanText({ path: 'charts/app/values.yaml', text: t }),
    },
    {
      name: 'compose',
      seeds: SEEDS.compose,
      run: (t) => {
        secrets.scanText({ path: 'docker-compose.yml', text: t });
        sbom.collectProjects([{ path: 'docker-compose.yml', text: t }]);
      },
    },
    { name: 'requirements', seeds: SEEDS.requirements, run: (t) => sbom.readRequirements(t) },
    { name: 'package-lock', seeds: SEEDS.npmLock, run: lock('package-lock.json') },
    { name: 'yarn-lock', seeds: SEEDS.yarnLock, run: lock('yarn.lock') },
    { name: 'pnpm-lock', seeds: SEEDS.pnpmLock, run: lock('pnpm-lock.yaml') },
    { name: 'poetry-lock', seeds: SEEDS.poetryLock, run: lock('poetry.lock') },
    { name: 'pyproject', seeds: SEEDS.pyproject, run: lock('pyproject.toml') },
    { name: 'chart-yaml', seeds: SEEDS.chart, run: lock('charts/app/Chart.yaml') },
    {
      // The parser itself: collectProjects reads a Chart.lock only beside a matching Chart.yaml.
      name: 'chart-lock',
      seeds: SEEDS.chartLock,
      run: (t) => sbom.parseChartLock(t),
      expected: (e) => e?.name === 'YAMLException' || e?.code === 'yaml-invalid',
    },
    {
      name: 'config',
      seeds: SEEDS.config,
      run: (t) => core.parseConfig(t),
      expected: (e) => e instanceof core.ConfigError,
    },
    { name: 'unified-diff', seeds: SEEDS.diff, run: (t) => core.parseUnifiedDiff(t) },
    { name: 'dockerignore', seeds: SEEDS.dockerignore, run: (t) => secrets.compileDockerignore(t)('a/.env') },
    {
      name: 'suppressions',
      seeds: SEEDS.suppressions,
      run: (t) => {
        const finding = {
          ruleId: 'docker/last-user-root',
          severity: 'high',
          message: 'm',
          file: 'Dockerfile',
          range: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 },
          fingerprint: 'f',
        };
        core.applySuppressions([finding], t, rules);
      },
    },
    {
      name: 'code-frame',
      seeds: SEEDS.codeFrame,
      run: (t) => report.codeFrame(t, { startLine: 3, startColumn: 5, endLine: 4, endColumn: 2 }),
    },
  ];
}

/** xorshift32: small, fast, deterministic. */
function rng(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const TOKENS = [
  '\u0000',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '"',
  "'",
  '`',
  '\\',
  '$',
  '${',
  '{{',
  '}}',
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  '- ',
  '#',
  '=',
  '&a',
  '*a',
  '!',
  '|',
  '>',
  '@',
  '%',
  '\u00e9',
  '\u4e2d',
  '\ud83d\ude00',
  '\ufeff',
  '\u2028',
  '\ud800',
  '++ ',
  '+++ b/x',
  '@@ -1 +1 @@',
  'diff --git a/x b/x',
  '\\\n',
  '<<EOF\n',
  'FROM ',
  'RUN ',
  '[[package]]',
  '---\n',
];

/** Profiles: `test` keeps inputs small for `npm test`; `fuzz` grows them to probe superlinear paths. */
const PROFILES = { test: { maxLen: 64 * 1024, maxRepeat: 200 }, fuzz: { maxLen: 1024 * 1024, maxRepeat: 20_000 } };

/** The input of case `i` of `target`: 1-4 mutations of a seed (or of two seeds spliced). */
export function caseInput(target, i, profile = 'test') {
  const { maxLen, maxRepeat } = PROFILES[profile];
  const r = rng(hash(`${target.name}:${i}:${profile}`));
  const pick = (list) => list[Math.floor(r() * list.length)];
  let text = pick(target.seeds);
  const steps = 1 + Math.floor(r() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(r() * (text.length + 1));
    const len = Math.floor(r() * Math.min(64, text.length - at + 1));
    switch (Math.floor(r() * 10)) {
      case 0: // flip a character
        text = text.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x250)) + text.slice(at + 1);
        break;
      case 1: // insert an interesting token
        text = text.slice(0, at) + pick(TOKENS) + text.slice(at);
        break;
      case 2: // delete a span
        text = text.slice(0, at) + text.slice(at + len);
        break;
      case 3: {
        // repeat a span many times (long lines, deep nesting, many entries)
        const span = text.slice(at, at + Math.max(1, len));
        const times = 1 + Math.floor(r() ** 3 * maxRepeat);
        text = text.slice(0, at) + span.repeat(times) + text.slice(at);
        break;
      }
      case 4: // a long run of one interesting character
        text = text.slice(0, at) + pick(TOKENS).repeat(1 + Math.floor(r() ** 3 * maxRepeat)) + text.slice(at);
        break;
      case 5: // splice with another seed
        text = text.slice(0, at) + pick(target.seeds).slice(Math.floor(r() * 50));
        break;
      case 6: // line endings
        text = r() < 0.5 ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r');
        break;
      case 7: // truncate
        text = text.slice(0, at);
        break;
      case 8: {
        // swap two lines
        const lines = text.split('\n');
        const a = Math.floor(r() * lines.length);
        const b = Math.floor(r() * lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        text = lines.join('\n');
        break;
      }
      default: // duplicate the whole input
        text = text + text;
    }
    if (text.length > maxLen) text = text.slice(0, maxLen);
  }
  return text;
}

/**
 * Runs cases `[from, to)` of `target` in this thread. Returns counts, the uncaught errors (with
 * their case index) and the slowest case. `onCase(i)` is called before each case (watchdog).
 */
export function runCases(target, { from = 0, to, profile = 'test', onCase } = {}) {
  const stats = {
    name: target.name,
    cases: 0,
    errors: [],
    expected: 0,
    slowest: { i: -1, ms: 0, length: 0 },
    totalMs: 0,
  };
  for (let i = from; i < to; i++) {
    onCase?.(i);
    const input = caseInput(target, i, profile);
    const started = performance.now();
    try {
      target.run(input);
    } catch (error) {
      if (target.expected?.(error)) stats.expected++;
      else if (stats.errors.length < 20)
        stats.errors.push({
          i,
          length: input.length,
          error: String(error?.stack ?? error)
            .split('\n')
            .slice(0, 4)
            .join(' | '),
        });
      else stats.errors.push({ i });
    }
    const ms = performance.now() - started;
    stats.totalMs += ms;
    stats.cases++;
    if (ms > stats.slowest.ms) stats.slowest = { i, ms, length: input.length };
  }
  return stats;
}
