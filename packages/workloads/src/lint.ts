/**
 * Runs the rules: Kubernetes objects (plain or rendered) and Compose files in, findings out.
 * A report's path becomes a file and line through the object's source map; findings on the
 * same values-file line (one value feeding several workloads) are reported once.
 */
import { type Finding, LineIndex, lineRange, type Report, reportToFinding } from '@shipshape/core';
import { parseCompose } from './model/compose.js';
import { type K8sObject, objectsFromManifest, type ParseProblem, type Place } from './model/objects.js';
import { podOf } from './model/pod.js';
import { COMPOSE_RULES, K8S_RULES } from './rules/index.js';
import type { WorkloadReport } from './rules/shared.js';

/** Text of a file by scan-root path, for code frames and fingerprints (undefined when not readable). */
export type TextOf = (file: string) => string | undefined;

function toFinding(
  meta: (typeof K8S_RULES)[number]['meta'],
  r: WorkloadReport,
  place: Place,
  textOf: TextOf,
  cache: Map<string, LineIndex | null>,
): Finding {
  let idx = cache.get(place.file);
  if (idx === undefined) {
    const t = textOf(place.file);
    idx = t === undefined ? null : new LineIndex(t);
    cache.set(place.file, idx);
  }
  const report: Report = {
    messageId: r.messageId,
    range: lineRange(place.line, idx?.line(place.line)),
  };
  if (r.data) report.data = r.data;
  if (r.severity) report.severity = r.severity;
  if (r.fix) report.fix = r.fix;
  if (r.aliases) report.aliases = r.aliases;
  if (r.secret) report.secret = r.secret;
  if (r.fingerprintKey) report.fingerprintKey = r.fingerprintKey;
  if (place.fromValues) report.properties = { fromValues: true };
  return reportToFinding(meta, report, place.file, idx ?? undefined);
}

/** Runs the Kubernetes rules over one manifest set (a rendered chart, or one file). */
export function lintObjects(objects: readonly K8sObject[], textOf: TextOf): Finding[] {
  const out: Finding[] = [];
  const cache = new Map<string, LineIndex | null>();
  const seenValuesLines = new Set<string>();
  for (const object of objects) {
    const pod = podOf(object);
    for (const rule of K8S_RULES) {
      for (const r of rule.check({ object, pod, all: objects })) {
        const place = object.locate(r.path, r.valueAt);
        if (r.templateOnly && place.fromValues) continue;
        if (place.fromValues) {
          const key = `${rule.meta.id}\0${place.file}\0${place.line}\0${r.messageId}`;
          if (seenValuesLines.has(key)) continue;
          seenValuesLines.add(key);
        }
        const f = toFinding(rule.meta, r, place, textOf, cache);
        // The same words at the same place (a value rendered into several containers) once.
        const same = `${f.ruleId}\0${f.file}\0${f.range.startLine}\0${f.message}`;
        if (seenValuesLines.has(same)) continue;
        seenValuesLines.add(same);
        out.push(f);
      }
    }
  }
  return out;
}

/** Lints one plain Kubernetes manifest file. */
export function lintManifest(file: string, text: string, problems: ParseProblem[] = []): Finding[] {
  const objects = objectsFromManifest(file, text, problems);
  return lintObjects(objects, (f) => (f === file ? text : undefined));
}

/** Lints one Compose file. */
export function lintCompose(file: string, text: string, problems: ParseProblem[] = []): Finding[] {
  const compose = parseCompose(file, text, problems);
  if (!compose) return [];
  const idx = new LineIndex(text);
  const out: Finding[] = [];
  const lineOf = (path: readonly (string | number)[]) => {
    for (let n = path.length; n > 0; n--) {
      const l = compose.lines.get(path.slice(0, n).join('.'));
      if (l !== undefined) return l;
    }
    return 1;
  };
  for (const rule of COMPOSE_RULES) {
    for (const r of rule.check(compose)) {
      out.push(toFinding(rule.meta, r, { file, line: lineOf(r.path) }, () => text, new Map([[file, idx]])));
    }
  }
  return out;
}
