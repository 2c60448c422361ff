import { describe, expect, it } from 'vitest';
import { makeRepo, runCli } from './helpers.js';

// Shaped like the code-execution platform chart: workloads with no securityContext
// (one through a shared worker template), a Role over Secrets and Pods, and a node agent
// whose values default to hostNetwork/hostPID/privileged.
const CHART = {
  'deploy/chart/Chart.yaml': 'apiVersion: v2\nname: runner\nversion: 0.3.0\nappVersion: "1.4"\n',
  'deploy/chart/values.yaml': [
    'image:',
    '  repository: registry.example.com/runner',
    '  tag: "1.4"',
    'workers:',
    '  - name: compile',
    '  - name: execute',
    'agent:',
    '  hostNetwork: true',
    '  hostPID: true',
    '  securityContext:',
    '    privileged: true',
    '',
  ].join('\n'),
  'deploy/chart/templates/_helpers.tpl': [
    '{{- define "runner.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}',
    '{{- define "runner.worker" }}',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .name }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: {{ .name }}',
    '          image: {{ .image }}',
    '{{- end }}',
    '',
  ].join('\n'),
  'deploy/chart/templates/api.yaml': [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: {{ include "runner.fullname" . }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '',
  ].join('\n'),
  'deploy/chart/templates/workers.yaml': [
    '{{- $image := printf "%s:%s" .Values.image.repository .Values.image.tag }}',
    '{{- range .Values.workers }}',
    '---',
    '{{- include "runner.worker" (dict "name" .name "image" $image) }}',
    '{{- end }}',
    '',
  ].join('\n'),
  'deploy/chart/templates/agent.yaml': [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: agent',
    'spec:',
    '  template:',
    '    spec:',
    '      hostNetwork: {{ .Values.agent.hostNetwork }}',
    '      hostPID: {{ .Values.agent.hostPID }}',
    '      containers:',
    '        - name: agent',
    '          image: registry.example.com/agent:2.0',
    '          securityContext:',
    '            {{- toYaml .Values.agent.securityContext | nindent 12 }}',
    '',
  ].join('\n'),
  'deploy/chart/templates/role.yaml': [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: Role',
    'metadata:',
    '  name: runner',
    'rules:',
    '  - apiGroups: [""]',
    '    resources: ["secrets", "pods"]',
    '    verbs: ["create", "delete"]',
    '',
  ].join('\n'),
  'prod-values.yaml': 'agent:\n  hostNetwork: false\n',
};

interface JsonFinding {
  ruleId: string;
  file: string;
  range: { startLine: number };
  severity: string;
}

function scan(root: string, ...extra: string[]): JsonFinding[] {
  const r = runCli(['scan', root, '--only', 'workloads', '--format', 'json', ...extra]);
  expect(r.code, r.stderr).toBe(1);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

const at = (fs: JsonFinding[], ruleId: string) =>
  fs
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.file}:${f.range.startLine}`)
    .sort();

describe('shipshape scan on a Helm chart', () => {
  it('reports every workload without a securityContext at its template line, and the risky values defaults at their values lines', () => {
    const root = makeRepo(CHART);
    const findings = scan(root);
    expect(at(findings, 'k8s/security-context-missing')).toEqual([
      'deploy/chart/templates/api.yaml:9',
      // Two workers from one include: the template line that writes them, once per workload.
      'deploy/chart/templates/workers.yaml:4',
      'deploy/chart/templates/workers.yaml:4',
    ]);
    expect(at(findings, 'k8s/host-namespace')).toEqual(['deploy/chart/values.yaml:8', 'deploy/chart/values.yaml:9']);
    expect(at(findings, 'k8s/privileged-container')).toEqual(['deploy/chart/values.yaml:11']);
    expect(at(findings, 'k8s/rbac-secrets-access')).toEqual(['deploy/chart/templates/role.yaml:7']);
    expect(findings.find((f) => f.ruleId === 'k8s/privileged-container')?.severity).toBe('high');
  });

  it('renders with --values: an override file turns a default off', () => {
    const root = makeRepo(CHART);
    const findings = scan(root, '--values', `${root}/prod-values.yaml`);
    expect(at(findings, 'k8s/host-namespace')).toEqual(['deploy/chart/values.yaml:9']);
  });

  it('names the values-*.yaml files a chart ships as candidates for --values', () => {
    const root = makeRepo({ ...CHART, 'deploy/chart/values-production.yaml': 'agent:\n  hostPID: false\n' });
    const r = runCli(['scan', root, '--only', 'workloads', '--format', 'json']);
    const notes = (JSON.parse(r.stdout) as { notifications: { code: string; message: string }[] }).notifications;
    expect(notes.find((n) => n.code === 'helm-values-candidates')?.message).toContain(
      'deploy/chart/values-production.yaml',
    );
    const rendered = runCli([
      'scan',
      root,
      '--only',
      'workloads',
      '--format',
      'json',
      '--values',
      `${root}/deploy/chart/values-production.yaml`,
    ]);
    const parsed = JSON.parse(rendered.stdout) as { findings: JsonFinding[]; notifications: { code: string }[] };
    expect(at(parsed.findings, 'k8s/host-namespace')).toEqual(['deploy/chart/values.yaml:8']);
    expect(parsed.notifications.some((n) => n.code === 'helm-values-candidates')).toBe(false);
  });

  it('takes --set overrides', () => {
    const root = makeRepo(CHART);
    const findings = scan(root, '--set', 'agent.hostPID=false,agent.hostNetwork=false');
    expect(at(findings, 'k8s/host-namespace')).toEqual([]);
  });
});
