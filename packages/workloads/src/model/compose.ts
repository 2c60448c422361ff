/** Compose files: services with paths, volume sources, published ports and environment. */
import { isMap } from '../render/values.js';
import { parseYamlStream } from '../render/yaml-values.js';
import type { ComposeInput, ComposeService } from '../rules/shared.js';
import type { ParseProblem, Segment } from './objects.js';

export interface ComposeFile extends ComposeInput {
  lines: Map<string, number>;
}

export function parseCompose(file: string, text: string, problems: ParseProblem[]): ComposeFile | undefined {
  const [doc] = parseYamlStream(text);
  if (!doc) return undefined;
  if (doc.error) {
    problems.push({ file, line: doc.error.line, message: doc.error.message });
    return undefined;
  }
  const services: ComposeService[] = [];
  const root = isMap(doc.value) ? doc.value : {};
  const svc = isMap(root.services) ? root.services : {};
  for (const [name, spec] of Object.entries(svc))
    if (isMap(spec)) services.push({ name, spec, path: ['services', name] });
  return { file, services, lines: doc.lines };
}

export interface VolumeSource {
  source: string;
  readOnly: boolean;
  path: Segment[];
}

/** Bind-mount sources of a service: short `src:dst[:ro]` and long `{ type: bind, source }` forms. */
export function volumeSources(s: ComposeService): VolumeSource[] {
  const out: VolumeSource[] = [];
  const vols = s.spec.volumes;
  if (!Array.isArray(vols)) return out;
  vols.forEach((v, i) => {
    const path: Segment[] = [...s.path, 'volumes', i];
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length < 2) return;
      out.push({ source: parts[0] as string, readOnly: /(^|,)ro($|,)/.test(parts[2] ?? ''), path });
    } else if (isMap(v) && typeof v.source === 'string' && (v.type === undefined || v.type === 'bind')) {
      out.push({ source: v.source, readOnly: v.read_only === true, path: [...path, 'source'] });
    }
  });
  return out;
}

export interface PublishedPort {
  target: number;
  published?: string;
  hostIp?: string;
  path: Segment[];
}

export function publishedPorts(s: ComposeService): PublishedPort[] {
  const out: PublishedPort[] = [];
  const ports = s.spec.ports;
  if (!Array.isArray(ports)) return out;
  ports.forEach((p, i) => {
    const path: Segment[] = [...s.path, 'ports', i];
    if (typeof p === 'number') {
      out.push({ target: p, path });
      return;
    }
    if (typeof p === 'string') {
      const spec = p.replace(/\/(tcp|udp|sctp)$/, '');
      // [host_ip:][published:]target ; IPv6 host in brackets.
      const m = /^(?:(\[[^\]]+\]|\d+\.\d+\.\d+\.\d+):)?(?:([\d-]*):)?([\d-]+)$/.exec(spec);
      if (!m) return;
      const target = Number((m[3] as string).split('-')[0]);
      const entry: PublishedPort = { target, path };
      if (m[2] !== undefined && m[2] !== '') entry.published = m[2];
      if (m[1] !== undefined) entry.hostIp = m[1];
      // `host:target` with a bare host IP and no published part means a random host port on that IP.
      out.push(entry);
      return;
    }
    if (isMap(p) && p.target !== undefined) {
      const entry: PublishedPort = { target: Number(p.target), path };
      if (p.published !== undefined) entry.published = String(p.published);
      if (typeof p.host_ip === 'string') entry.hostIp = p.host_ip;
      out.push(entry);
    }
  });
  return out;
}

const DATABASES: { match: RegExp; name: string; ports: number[] }[] = [
  { match: /(^|\/)(postgres|postgis|timescaledb|pgvector)[^/]*$|(^|\/)postgresql$/, name: 'PostgreSQL', ports: [5432] },
  { match: /(^|\/)(mysql|mariadb|percona)[^/]*$/, name: 'MySQL', ports: [3306] },
  { match: /(^|\/)mongo(db)?[^/]*$/, name: 'MongoDB', ports: [27017] },
  { match: /(^|\/)(redis|valkey|keydb)[^/]*$/, name: 'Redis', ports: [6379] },
  { match: /(^|\/)(elasticsearch|opensearch)$/, name: 'Elasticsearch', ports: [9200, 9300] },
  { match: /(^|\/)memcached$/, name: 'Memcached', ports: [11211] },
  { match: /(^|\/)cassandra$/, name: 'Cassandra', ports: [9042] },
  { match: /(^|\/)couchdb$/, name: 'CouchDB', ports: [5984] },
  { match: /(^|\/)clickhouse(-server)?$/, name: 'ClickHouse', ports: [8123, 9000] },
  { match: /(^|\/)neo4j$/, name: 'Neo4j', ports: [7474, 7687] },
  { match: /(^|\/)influxdb$/, name: 'InfluxDB', ports: [8086] },
  { match: /(^|\/)mssql-server$|(^|\/)mssql\/server$/, name: 'SQL Server', ports: [1433] },
];

export function databaseOf(s: ComposeService): { name: string; ports: number[] } | undefined {
  const image = typeof s.spec.image === 'string' ? s.spec.image : '';
  const repo = image
    .replace(/@.*$/, '')
    .replace(/:[^/:]*$/, '')
    .toLowerCase();
  if (repo === '') return undefined;
  return DATABASES.find((d) => d.match.test(repo));
}

export interface EnvEntry {
  name: string;
  value: string | undefined;
  path: Segment[];
}

export function environmentOf(s: ComposeService): EnvEntry[] {
  const env = s.spec.environment;
  const out: EnvEntry[] = [];
  if (Array.isArray(env)) {
    env.forEach((e, i) => {
      const text = String(e);
      const eq = text.indexOf('=');
      out.push({
        name: eq === -1 ? text : text.slice(0, eq),
        value: eq === -1 ? undefined : text.slice(eq + 1),
        path: [...s.path, 'environment', i],
      });
    });
  } else if (isMap(env)) {
    for (const [k, v] of Object.entries(env))
      out.push({
        name: k,
        value: v === null || v === undefined ? undefined : String(v),
        path: [...s.path, 'environment', k],
      });
  }
  return out;
}
