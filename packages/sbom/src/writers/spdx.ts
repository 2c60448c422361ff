import { createHash } from 'node:crypto';
import type { Coverage, SbomComponent, SbomGraph } from '../graph.js';
import { combineSpdx } from '../util/license.js';
import { ID_PLACEHOLDER, serialiseWithContentId, TOOL_NAME } from './common.js';

export interface SpdxOptions {
  timestamp: string;
  toolVersion: string;
}

type Json = Record<string, unknown>;

const CHECKSUM_ALG: Record<string, string> = {
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
  MD5: 'MD5',
};

/** `SPDXRef-` + only letters, digits, `.` and `-`; collisions get a short hash of the ref. */
function makeIds(components: readonly SbomComponent[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>(['SPDXRef-DOCUMENT']);
  for (const c of components) {
    const base = `SPDXRef-${c.project ? 'Project' : 'Package'}-${`${c.ecosystem ?? c.type}-${c.group ? `${c.group}-` : ''}${c.name}${c.version ? `-${c.version}` : ''}`
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')}`;
    let id = base.length > 200 ? base.slice(0, 200) : base;
    if (used.has(id)) id = `${id}-${createHash('sha256').update(c.ref).digest('hex').slice(0, 10)}`;
    used.add(id);
    ids.set(c.ref, id);
  }
  return ids;
}

function purpose(c: SbomComponent): string {
  if (c.type === 'container') return 'CONTAINER';
  if (c.type === 'application') return 'APPLICATION';
  if (c.type === 'framework') return 'FRAMEWORK';
  if (c.type === 'file') return 'FILE';
  return 'LIBRARY';
}

function downloadLocation(c: SbomComponent): string {
  const url = c.resolved;
  if (!url) return 'NOASSERTION';
  // The SPDX schema's pattern is loose, but the spec wants a URL or a VCS locator.
  if (/^(https?|ftp|git\+[a-z]+|git|oci|file):\/\//i.test(url) || /^git\+/.test(url)) return url;
  return 'NOASSERTION';
}

function pkg(c: SbomComponent, id: string, extracted: Map<string, string>): Json {
  const out: Json = {
    name: c.group ? `${c.group}/${c.name}` : c.name,
    SPDXID: id,
  };
  if (c.version !== undefined) out.versionInfo = c.version;
  out.supplier = c.supplier ? `Organization: ${c.supplier}` : 'NOASSERTION';
  if (c.author) out.originator = `Person: ${c.author}`;
  out.downloadLocation = downloadLocation(c);
  out.filesAnalyzed = false;
  if (c.hashes.length)
    out.checksums = c.hashes
      .filter((h) => CHECKSUM_ALG[h.alg])
      .map((h) => ({ algorithm: CHECKSUM_ALG[h.alg], checksumValue: h.content }));
  out.licenseConcluded = 'NOASSERTION';
  const declared = combineSpdx(c.licenses);
  if (declared) {
    out.licenseDeclared = declared.expression;
    for (const ref of declared.refs) if (ref.startsWith('LicenseRef-')) extracted.set(ref, ref);
  } else {
    out.licenseDeclared = 'NOASSERTION';
    if (c.licenses.length)
      out.licenseComments = `Declared license text is not an SPDX expression: ${c.licenses.join('; ')}`;
  }
  out.copyrightText = 'NOASSERTION';
  if (c.description) out.description = c.description;
  if (c.sourceFiles.length) out.sourceInfo = `declared in ${c.sourceFiles.join(', ')}`;
  if (c.purl)
    out.externalRefs = [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl }];
  out.primaryPackagePurpose = purpose(c);
  const props = Object.entries(c.properties).sort(([a], [b]) => (a < b ? -1 : 1));
  if (c.range !== undefined) props.push(['version-range', c.range]);
  if (props.length) out.comment = props.map(([k, v]) => `${k}=${v}`).join('\n');
  return out;
}

/** Inputs read per project type and inputs recognised but not read, as creationInfo.comment text. */
function coverageComment(coverage: Coverage): string {
  const lines = ['Inputs read:'];
  for (const [type, files] of Object.entries(coverage.read)) lines.push(`${type}: ${files.join(', ')}`);
  if (Object.keys(coverage.read).length === 0) lines.push('(none)');
  if (coverage.unread.length) {
    lines.push('Recognised but not read:');
    for (const u of coverage.unread) lines.push(`${u.file}: ${u.reason}`);
  }
  return lines.join('\n');
}

/** Builds an SPDX 2.3 document and its JSON text; `documentNamespace` is derived from the content. */
export function renderSpdx(
  graph: SbomGraph,
  options: SpdxOptions,
): { document: Record<string, unknown>; json: string } {
  const all = [graph.root, ...graph.components];
  const ids = makeIds(all);
  const extracted = new Map<string, string>();
  const packages = all.map((c) => pkg(c, ids.get(c.ref) as string, extracted));
  packages.sort((a, b) => (String(a.SPDXID) < String(b.SPDXID) ? -1 : 1));
  const relationships: Json[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: ids.get(graph.root.ref) },
  ];
  const rels: Json[] = [];
  for (const c of all) {
    const from = ids.get(c.ref) as string;
    for (const to of graph.edges.get(c.ref) ?? []) {
      const target = ids.get(to);
      if (!target) continue;
      if (graph.devEdges.has(`${c.ref}\0${to}`))
        rels.push({ spdxElementId: target, relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: from });
      else rels.push({ spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: target });
    }
  }
  rels.sort((a, b) => {
    const ka = `${a.spdxElementId}\0${a.relationshipType}\0${a.relatedSpdxElement}`;
    const kb = `${b.spdxElementId}\0${b.relationshipType}\0${b.relatedSpdxElement}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  // A loop, not push(...rels): spreading 125k+ arguments overflows the call stack.
  for (const rel of rels) relationships.push(rel);
  const doc: Json = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: graph.name,
    documentNamespace: `https://shipshape.dev/spdxdocs/${encodeURIComponent(graph.name.replace(/[^\w.-]+/g, '-'))}-${ID_PLACEHOLDER}`,
    creationInfo: {
      created: options.timestamp,
      creators: [`Tool: ${TOOL_NAME}-${options.toolVersion}`],
      ...(graph.coverage ? { comment: coverageComment(graph.coverage) } : {}),
    },
    packages,
    relationships,
  };
  if (extracted.size)
    doc.hasExtractedLicensingInfos = [...extracted.keys()].sort().map((id) => ({
      licenseId: id,
      extractedText: `${id} is referenced by a package manifest; its text is not part of the lockfile.`,
      name: id.slice('LicenseRef-'.length) || id,
    }));
  const prefix = `https://shipshape.dev/spdxdocs/${encodeURIComponent(graph.name.replace(/[^\w.-]+/g, '-'))}-`;
  const json = serialiseWithContentId(doc, (id) => {
    doc.documentNamespace = `${prefix}${id}`;
  });
  return { document: doc, json };
}

/** The SPDX document as an object. */
export function spdxDocument(graph: SbomGraph, options: SpdxOptions): Record<string, unknown> {
  return renderSpdx(graph, options).document;
}

/** Writes an SPDX 2.3 JSON document. Same graph, options and version -> same bytes. */
export function writeSpdx(graph: SbomGraph, options: SpdxOptions): string {
  return renderSpdx(graph, options).json;
}
