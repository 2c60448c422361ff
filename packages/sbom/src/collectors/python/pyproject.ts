import { InputError } from '@shipshape/core';
import { parse as parseToml } from 'smol-toml';
import { normalizePythonName, parsePep508 } from './pep508.js';

export interface PyprojectDep {
  /** PEP 503-normalised. */
  name: string;
  rawName: string;
  /** PEP 508 specifier, or the Poetry constraint as written (`^2.31`). */
  specifier: string;
  extras: string[];
  marker?: string;
  url?: string;
  /** `main` (runtime), `extra` (optional-dependencies / Poetry optional), `group` (dev groups). */
  kind: 'main' | 'extra' | 'group';
  /** Extra or group name ('' for main). */
  group: string;
  /** Poetry `optional = true` or an extra. */
  optional: boolean;
  /** Declared by `[tool.poetry...]` (Poetry constraint syntax) rather than PEP 508. */
  poetry: boolean;
  /** Poetry git/path/url source. */
  source?: { git?: string; rev?: string; branch?: string; tag?: string; path?: string; url?: string };
  /** 1-based line of the declaration (0 when not found). */
  line: number;
}

export interface PyprojectInfo {
  name?: string;
  version?: string;
  license?: string;
  deps: PyprojectDep[];
  /** Poetry groups marked `optional = true`. */
  optionalGroups: string[];
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseTomlFile(text: string, path: string): Table {
  try {
    return parseToml(text) as Table;
  } catch (err) {
    throw new InputError(`${path}: not valid TOML (${(err as Error).message.split('\n')[0]})`, path);
  }
}

/** Finds declaration lines inside the TOML text: header line of a table, then a needle after it. */
class LineFinder {
  private readonly lines: string[];
  private readonly used = new Set<number>();
  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }
  private header(path: string[]): number {
    const want = path.join('.');
    for (let i = 0; i < this.lines.length; i++) {
      const m = /^\s*\[([^[\]]+)\]\s*(#.*)?$/.exec(this.lines[i] as string);
      if (!m) continue;
      const got = (m[1] as string)
        .split('.')
        .map((s) => s.trim().replace(/^["']|["']$/g, ''))
        .join('.');
      if (got === want) return i;
    }
    return -1;
  }
  /** Line of `needle` (a test over one line) in table `path`, else searching the whole file. */
  find(path: string[], test: (line: string) => boolean): number {
    const h = this.header(path);
    const from = h < 0 ? 0 : h + 1;
    for (let i = from; i < this.lines.length; i++) {
      if (
        h >= 0 &&
        i > h &&
        /^\s*\[[^\]]/.test(this.lines[i] as string) &&
        /^\s*\[\[?[A-Za-z0-9_."' -]+\]\]?\s*(#.*)?$/.test(this.lines[i] as string)
      )
        break;
      if (!this.used.has(i) && test(this.lines[i] as string)) {
        this.used.add(i);
        return i + 1;
      }
    }
    return 0;
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Direct dependencies of a pyproject.toml: PEP 621 `[project] dependencies` and
 * `optional-dependencies`, PEP 735 `[dependency-groups]` (with `include-group`), uv's
 * `[tool.uv] dev-dependencies`, Poetry `[tool.poetry.dependencies]`, `dev-dependencies` and
 * `group.<name>.dependencies`. Throws `InputError` on invalid TOML.
 */
export function parsePyprojectDeps(text: string, path = 'pyproject.toml'): PyprojectInfo {
  const doc = parseTomlFile(text, path);
  const finder = new LineFinder(text);
  const deps: PyprojectDep[] = [];
  const info: PyprojectInfo = { deps, optionalGroups: [] };
  const project = isTable(doc.project) ? doc.project : undefined;
  const tool = isTable(doc.tool) ? doc.tool : {};
  const poetry = isTable(tool.poetry) ? tool.poetry : undefined;

  const name = project?.name ?? poetry?.name;
  if (typeof name === 'string') info.name = name;
  const version = project?.version ?? poetry?.version;
  if (typeof version === 'string') info.version = version;
  const lic = project?.license ?? poetry?.license;
  if (typeof lic === 'string') info.license = lic;
  else if (isTable(lic) && typeof lic.text === 'string' && lic.text.length < 100) info.license = lic.text;

  const pep = (req: unknown, tablePath: string[], kind: PyprojectDep['kind'], group: string) => {
    if (typeof req !== 'string') return;
    const r = parsePep508(req);
    if (!r) return;
    const q = escapeRe(req);
    const line = finder.find(tablePath, (l) => new RegExp(`["']${q}["']`).test(l));
    const dep: PyprojectDep = {
      name: r.name,
      rawName: r.rawName,
      specifier: r.specifier,
      extras: r.extras,
      kind,
      group,
      optional: kind === 'extra',
      poetry: false,
      line,
    };
    if (r.marker) dep.marker = r.marker;
    if (r.url) dep.url = r.url;
    deps.push(dep);
  };
  if (project) {
    for (const req of Array.isArray(project.dependencies) ? project.dependencies : [])
      pep(req, ['project'], 'main', '');
    const opt = isTable(project['optional-dependencies']) ? project['optional-dependencies'] : {};
    for (const [extra, reqs] of Object.entries(opt)) {
      for (const req of Array.isArray(reqs) ? reqs : [])
        pep(req, ['project', 'optional-dependencies'], 'extra', normalizePythonName(extra));
    }
  }
  const groups = isTable(doc['dependency-groups']) ? doc['dependency-groups'] : {};
  for (const [group, reqs] of Object.entries(groups)) {
    // `{ include-group = "x" }` entries are expanded where group x itself is listed.
    for (const req of Array.isArray(reqs) ? reqs : [])
      pep(req, ['dependency-groups'], 'group', normalizePythonName(group));
  }
  const uv = isTable(tool.uv) ? tool.uv : {};
  for (const req of Array.isArray(uv['dev-dependencies']) ? uv['dev-dependencies'] : [])
    pep(req, ['tool', 'uv'], 'group', 'dev');

  if (poetry) {
    const poetryBlock = (block: unknown, tablePath: string[], kind: PyprojectDep['kind'], group: string) => {
      if (!isTable(block)) return;
      for (const [rawName, spec] of Object.entries(block)) {
        if (rawName.toLowerCase() === 'python') continue;
        const specs = Array.isArray(spec) ? spec : [spec];
        const keyRe = new RegExp(`^\\s*["']?${escapeRe(rawName)}["']?\\s*=`);
        const line = finder.find(tablePath, (l) => keyRe.test(l));
        for (const s of specs) {
          const dep: PyprojectDep = {
            name: normalizePythonName(rawName),
            rawName,
            specifier: '',
            extras: [],
            kind,
            group,
            optional: false,
            poetry: true,
            line,
          };
          if (typeof s === 'string') dep.specifier = s;
          else if (isTable(s)) {
            if (typeof s.version === 'string') dep.specifier = s.version;
            if (Array.isArray(s.extras))
              dep.extras = s.extras.filter((e): e is string => typeof e === 'string').map(normalizePythonName);
            if (typeof s.markers === 'string') dep.marker = s.markers;
            if (s.optional === true) {
              dep.optional = true;
              if (kind === 'main') dep.kind = 'extra';
            }
            const src: NonNullable<PyprojectDep['source']> = {};
            for (const k of ['git', 'rev', 'branch', 'tag', 'path', 'url'] as const)
              if (typeof s[k] === 'string') src[k] = s[k] as string;
            if (Object.keys(src).length > 0) dep.source = src;
          }
          deps.push(dep);
        }
      }
    };
    poetryBlock(poetry.dependencies, ['tool', 'poetry', 'dependencies'], 'main', '');
    poetryBlock(poetry['dev-dependencies'], ['tool', 'poetry', 'dev-dependencies'], 'group', 'dev');
    const pg = isTable(poetry.group) ? poetry.group : {};
    for (const [group, body] of Object.entries(pg)) {
      if (!isTable(body)) continue;
      if (body.optional === true) info.optionalGroups.push(normalizePythonName(group));
      poetryBlock(
        body.dependencies,
        ['tool', 'poetry', 'group', group, 'dependencies'],
        'group',
        normalizePythonName(group),
      );
    }
  }
  return info;
}
