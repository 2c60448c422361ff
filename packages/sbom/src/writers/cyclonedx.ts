import type { Coverage, SbomComponent, SbomGraph } from '../graph.js';
import { classifyLicense } from '../util/license.js';
import { ID_PLACEHOLDER, serialiseWithContentId, TOOL_NAME } from './common.js';

export type CycloneDxSpec = '1.5' | '1.6';

export interface CycloneDxOptions {
  spec: CycloneDxSpec;
  timestamp: string;
  toolVersion: string;
}

type Json = Record<string, unknown>;

function licenses(list: readonly string[]): Json[] | undefined {
  if (list.length === 0) return undefined;
  const choices = list.map(classifyLicense);
  // CycloneDX allows either license objects or exactly one expression.
  const expressions = choices.filter((c) => c.kind === 'expression');
  if (expressions.length > 0) {
    const parts = choices.map((c) => (c.kind === 'id' ? c.id : c.kind === 'expression' ? c.expression : undefined));
    if (parts.every((p) => p !== undefined)) {
      const unique = [...new Set(parts as string[])];
      return [{ expression: unique.length === 1 ? unique[0] : unique.map((p) => `(${p})`).join(' AND ') }];
    }
  }
  return choices.map((c) =>
    c.kind === 'id'
      ? { license: { id: c.id } }
      : { license: { name: c.kind === 'expression' ? c.expression : c.name } },
  );
}

function properties(c: SbomComponent): Json[] | undefined {
  const names = Object.keys(c.properties);
  if (names.length === 0) return undefined;
  if (names.length > 1) names.sort();
  return names.map((name) => ({ name, value: c.properties[name] }));
}

function externalReferences(c: SbomComponent): Json[] | undefined {
  if (!c.resolved) return undefined;
  const url = c.resolved;
  if (/^git(\+[a-z]+)?:|^git@|\.git(#|$)|^github:/i.test(url)) return [{ type: 'vcs', url }];
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return [{ type: 'distribution', url }];
  return undefined;
}

function component(c: SbomComponent, spec: CycloneDxSpec): Json {
  const out: Json = { type: c.type, 'bom-ref': c.ref };
  if (c.supplier) out.supplier = { name: c.supplier };
  if (c.author) {
    if (spec === '1.6') out.authors = [{ name: c.author }];
    else out.author = c.author;
  }
  if (c.group) out.group = c.group;
  out.name = c.name;
  if (c.version !== undefined) out.version = c.version;
  if (c.description) out.description = c.description;
  if (!c.project) out.scope = c.scope;
  if (c.hashes.length) out.hashes = c.hashes.map((h) => ({ alg: h.alg, content: h.content }));
  const lic = licenses(c.licenses);
  if (lic) out.licenses = lic;
  if (c.purl) out.purl = c.purl;
  const ext = externalReferences(c);
  if (ext) out.externalReferences = ext;
  const props = properties(c);
  if (props) out.properties = props;
  if (c.sourceFiles.length) out.evidence = { occurrences: c.sourceFiles.map((location) => ({ location })) };
  return out;
}

/**
 * The inputs read, one `shipshape:input:<project type>` property per file, and each input
 * recognised but not read as `shipshape:input-not-read` (`<file>: <why>`).
 */
function coverageProperties(coverage: Coverage): Json[] {
  const out: Json[] = [];
  for (const [type, files] of Object.entries(coverage.read))
    for (const file of files) out.push({ name: `shipshape:input:${type}`, value: file });
  for (const u of coverage.unread) out.push({ name: 'shipshape:input-not-read', value: `${u.file}: ${u.reason}` });
  return out;
}

/** Builds a CycloneDX BOM (1.6 or 1.5) and its JSON text; `serialNumber` is derived from the content. */
export function renderCycloneDx(
  graph: SbomGraph,
  options: CycloneDxOptions,
): { document: Record<string, unknown>; json: string } {
  const components = graph.components.map((c) => component(c, options.spec));
  const dependencies = [graph.root, ...graph.components].map((c) => ({
    ref: c.ref,
    dependsOn: graph.edges.get(c.ref) ?? [],
  }));
  dependencies.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const tool: Json = { type: 'application', group: 'dev.shipshape', name: TOOL_NAME, version: options.toolVersion };
  if (options.spec === '1.6') tool.authors = [{ name: 'Shipshape contributors' }];
  else tool.author = 'Shipshape contributors';
  const document: Json = {
    $schema: `http://cyclonedx.org/schema/bom-${options.spec}.schema.json`,
    bomFormat: 'CycloneDX',
    specVersion: options.spec,
    serialNumber: `urn:uuid:${ID_PLACEHOLDER}`,
    version: 1,
    metadata: {
      timestamp: options.timestamp,
      lifecycles: [{ phase: 'pre-build' }],
      tools: { components: [tool] },
      component: component(graph.root, options.spec),
      ...(graph.coverage ? { properties: coverageProperties(graph.coverage) } : {}),
    },
    components,
    dependencies,
  };
  const json = serialiseWithContentId(document, (id) => {
    document.serialNumber = `urn:uuid:${id}`;
  });
  return { document, json };
}

/** The CycloneDX BOM as an object. */
export function cycloneDxDocument(graph: SbomGraph, options: CycloneDxOptions): Record<string, unknown> {
  return renderCycloneDx(graph, options).document;
}

/** Writes a CycloneDX JSON BOM. Same graph, options and version -> same bytes. */
export function writeCycloneDx(graph: SbomGraph, options: CycloneDxOptions): string {
  return renderCycloneDx(graph, options).json;
}
