/** The rules of a Role or ClusterRole, normalised to string lists. */
import type { K8sObject, Segment } from './objects.js';
import { obj } from './pod.js';

export interface RbacRule {
  verbs: string[];
  resources: string[];
  apiGroups: string[];
  resourceNames: string[];
  path: Segment[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

export function ruleEntries(o: K8sObject): RbacRule[] {
  if (o.kind !== 'Role' && o.kind !== 'ClusterRole') return [];
  const rules = o.value.rules;
  if (!Array.isArray(rules)) return [];
  return rules.map((r, i) => ({
    verbs: strings(obj(r).verbs),
    resources: strings(obj(r).resources),
    apiGroups: strings(obj(r).apiGroups),
    resourceNames: strings(obj(r).resourceNames),
    path: ['rules', i],
  }));
}
