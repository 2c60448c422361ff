/**
 * What a workloads rule is: metadata plus a pure check over one Kubernetes object (with its
 * pod, when it has one) or one Compose service. A report points at a path inside the object;
 * the runner turns that path into a file and line through the object's source map, which for a
 * rendered chart is the template line or the values-file line the value came from.
 */
import type { RuleMeta, Severity } from '@shipshape/core';
import type { K8sObject, Segment } from '../model/objects.js';
import type { PodContext } from '../model/pod.js';

export interface WorkloadReport {
  messageId: string;
  data?: Record<string, string | number>;
  path: Segment[];
  /** The path holds the offending value: locate where the value was set (values file), not only the line. */
  valueAt?: boolean;
  severity?: Severity;
  fix?: string;
  /** The peer ids that apply to this report when narrower than the rule's. */
  aliases?: string[];
  secret?: { redacted: string };
  fingerprintKey?: string;
  /** Dropped when the value came from a values file (another analyzer owns those). */
  templateOnly?: boolean;
}

export interface K8sInput {
  object: K8sObject;
  pod: PodContext | undefined;
  /** Every object of the same manifest set (the chart, or the file), for cross-object facts. */
  all: readonly K8sObject[];
}

export interface ComposeService {
  name: string;
  spec: Record<string, unknown>;
  path: Segment[];
}

export interface ComposeInput {
  file: string;
  services: ComposeService[];
}

export interface K8sRule {
  meta: RuleMeta;
  target: 'k8s';
  check(input: K8sInput): WorkloadReport[];
}

export interface ComposeRule {
  meta: RuleMeta;
  target: 'compose';
  check(input: ComposeInput): WorkloadReport[];
}

export type WorkloadRule = K8sRule | ComposeRule;

export function defineK8sRule(rule: Omit<K8sRule, 'target'>): K8sRule {
  return { ...rule, target: 'k8s' };
}

export function defineComposeRule(rule: Omit<ComposeRule, 'target'>): ComposeRule {
  return { ...rule, target: 'compose' };
}

/** Tags shared by the Pod Security Standards rules. */
export const PSS_BASELINE = ['pod-security-standards', 'pss-baseline'] as const;
export const PSS_RESTRICTED = ['pod-security-standards', 'pss-restricted'] as const;
