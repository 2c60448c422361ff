// Writes a deterministic collection of Helm charts shaped like a public chart repository:
// each chart has the usual _helpers.tpl (names, labels, image, tpl-rendered values), a
// Deployment or StatefulSet, Service, ServiceAccount, ConfigMap, Secret, Ingress, HPA and Role;
// every chart vendors a library chart under charts/ (as chart monorepos do with "common"),
// every fifth one a packaged .tgz dependency too. Values files carry the comments and size of
// real ones.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const LIBRARY = {
  'Chart.yaml': 'apiVersion: v2\nname: common\nversion: 2.0.0\ntype: library\n',
  'templates/_names.tpl': `{{- define "common.names.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "common.names.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- define "common.names.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}
`,
  'templates/_labels.tpl': `{{- define "common.labels.standard" -}}
app.kubernetes.io/name: {{ include "common.names.name" .context }}
helm.sh/chart: {{ printf "%s-%s" .context.Chart.Name .context.Chart.Version | replace "+" "_" }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
app.kubernetes.io/managed-by: {{ .context.Release.Service }}
{{- with .customLabels }}
{{ include "common.tplvalues.render" (dict "value" . "context" $.context) }}
{{- end }}
{{- end -}}
{{- define "common.labels.matchLabels" -}}
app.kubernetes.io/name: {{ include "common.names.name" .context }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
{{- end -}}
`,
  'templates/_tplvalues.tpl': `{{- define "common.tplvalues.render" -}}
{{- $value := typeIs "string" .value | ternary .value (.value | toYaml) }}
{{- if contains "{{" (toJson .value) }}
  {{- if .scope }}
      {{- tpl (cat "{{- with $.RelativeScope -}}" $value "{{- end }}") (merge (dict "RelativeScope" .scope) .context) }}
  {{- else }}
    {{- tpl $value .context }}
  {{- end }}
{{- else }}
    {{- $value }}
{{- end }}
{{- end -}}
{{- define "common.images.image" -}}
{{- $registry := coalesce .global.imageRegistry .imageRoot.registry -}}
{{- $sep := ":" -}}
{{- $term := .imageRoot.tag | toString -}}
{{- if .imageRoot.digest }}{{ $sep = "@" }}{{ $term = .imageRoot.digest | toString }}{{ end -}}
{{- if $registry }}{{ printf "%s/%s%s%s" $registry .imageRoot.repository $sep $term }}{{ else }}{{ printf "%s%s%s" .imageRoot.repository $sep $term }}{{ end -}}
{{- end -}}
{{- define "common.secrets.passwords.manage" -}}
{{- $given := index .context .key | default "" -}}
{{- if $given }}{{ $given | b64enc | quote }}{{ else }}{{ randAlphaNum (int .length) | b64enc | quote }}{{ end -}}
{{- end -}}
{{- define "common.capabilities.hpa.apiVersion" -}}
{{- if semverCompare "<1.23-0" .Capabilities.KubeVersion.Version -}}autoscaling/v2beta2{{- else -}}autoscaling/v2{{- end -}}
{{- end -}}
`,
};

function tgz(files, top) {
  const blocks = [];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(`${top}/${name}`, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function values(i) {
  const comment = (s) =>
    `## ${s}\n## @param ${s.toLowerCase().replace(/\s+/g, '.')} Description of the parameter, as chart READMEs generate them\n`;
  let v = `${comment('Global parameters')}global:\n  imageRegistry: ""\n  imagePullSecrets: []\n`;
  v += `${comment('Common parameters')}nameOverride: ""\nfullnameOverride: ""\ncommonLabels: {}\n`;
  v += `image:\n  registry: docker.io\n  repository: example/app-${i}\n  tag: ${i % 7 === 0 ? 'latest' : `1.${i}.0`}\n  digest: ""\n  pullPolicy: IfNotPresent\n`;
  v += `replicaCount: ${1 + (i % 3)}\n`;
  v +=
    i % 4 === 0
      ? 'podSecurityContext: {}\ncontainerSecurityContext: {}\n'
      : `podSecurityContext:\n  enabled: true\n  fsGroup: 1001\ncontainerSecurityContext:\n  runAsUser: 1001\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: ${i % 2 === 0}\n  capabilities:\n    drop: ["ALL"]\n  seccompProfile:\n    type: RuntimeDefault\n`;
  v += `hostNetwork: ${i % 10 === 3}\nhostPID: false\n`;
  v += `resources:\n  limits:\n    cpu: 500m\n    memory: 512Mi\n  requests:\n    cpu: 100m\n    memory: 128Mi\n`;
  v += `service:\n  type: ClusterIP\n  ports:\n    http: 80\n    metrics: 9090\n`;
  v += `ingress:\n  enabled: ${i % 2 === 0}\n  hostname: app-${i}.example.local\n  annotations: {}\n  tls: false\n`;
  v += `autoscaling:\n  enabled: ${i % 3 === 0}\n  minReplicas: 1\n  maxReplicas: 5\n  targetCPU: 80\n`;
  v += `serviceAccount:\n  create: true\n  name: ""\n  automountServiceAccountToken: false\n`;
  v += `rbac:\n  create: ${i % 2 === 1}\n  rules: []\n`;
  v += `auth:\n  password: ""\n`;
  v += `extraEnvVars:\n  - name: LOG_LEVEL\n    value: info\n  - name: RELEASE\n    value: "{{ .Release.Name }}"\n`;
  v += `config: |\n  server:\n    port: 8080\n    workers: ${i % 8}\n  logging:\n    level: info\n`;
  for (let k = 0; k < 40; k++) v += `${comment(`Extra setting ${k}`)}extra${k}:\n  enabled: false\n  value: "v${k}"\n`;
  return v;
}

const TEMPLATES = {
  'templates/_helpers.tpl': `{{- define "app.image" -}}
{{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) }}
{{- end -}}
{{- define "app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "common.names.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}
`,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: {{ ternary "StatefulSet" "Deployment" (eq (mod (len .Chart.Name) 2) 0) }}
metadata:
  name: {{ include "common.names.fullname" . }}
  namespace: {{ include "common.names.namespace" . | quote }}
  labels: {{- include "common.labels.standard" (dict "customLabels" .Values.commonLabels "context" $) | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels: {{- include "common.labels.matchLabels" (dict "context" $) | nindent 6 }}
  template:
    metadata:
      labels: {{- include "common.labels.standard" (dict "customLabels" .Values.commonLabels "context" $) | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    spec:
      serviceAccountName: {{ include "app.serviceAccountName" . }}
      automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
      hostNetwork: {{ .Values.hostNetwork }}
      hostPID: {{ .Values.hostPID }}
      {{- if .Values.podSecurityContext.enabled }}
      securityContext: {{- omit .Values.podSecurityContext "enabled" | toYaml | nindent 8 }}
      {{- end }}
      containers:
        - name: app
          image: {{ include "app.image" . }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          {{- with .Values.containerSecurityContext }}
          securityContext: {{- toYaml . | nindent 12 }}
          {{- end }}
          env:
            {{- include "common.tplvalues.render" (dict "value" .Values.extraEnvVars "context" $) | nindent 12 }}
          ports:
            {{- range $name, $port := .Values.service.ports }}
            - name: {{ $name }}
              containerPort: {{ $port }}
            {{- end }}
          resources: {{- toYaml .Values.resources | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/app
      volumes:
        - name: config
          configMap:
            name: {{ include "common.names.fullname" . }}
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "common.names.fullname" . }}
  labels: {{- include "common.labels.standard" (dict "context" $) | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
    {{- range $name, $port := .Values.service.ports }}
    - name: {{ $name }}
      port: {{ $port }}
      targetPort: {{ $name }}
    {{- end }}
  selector: {{- include "common.labels.matchLabels" (dict "context" $) | nindent 4 }}
`,
  'templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "common.names.fullname" . }}
data:
  config.yaml: |- {{- .Values.config | nindent 4 }}
`,
  'templates/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: {{ include "common.names.fullname" . }}
type: Opaque
data:
  password: {{ include "common.secrets.passwords.manage" (dict "key" "password" "length" 16 "context" .Values.auth) }}
`,
  'templates/ingress.yaml': `{{- if .Values.ingress.enabled }}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "common.names.fullname" . }}
  {{- with .Values.ingress.annotations }}
  annotations: {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  rules:
    - host: {{ .Values.ingress.hostname | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "common.names.fullname" . }}
                port:
                  name: http
{{- end }}
`,
  'templates/hpa.yaml': `{{- if .Values.autoscaling.enabled }}
apiVersion: {{ include "common.capabilities.hpa.apiVersion" . }}
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "common.names.fullname" . }}
spec:
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPU }}
{{- end }}
`,
  'templates/serviceaccount.yaml': `{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "app.serviceAccountName" . }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
{{- end }}
`,
  'templates/role.yaml': `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "common.names.fullname" . }}
rules:
  - apiGroups: [""]
    resources: ["configmaps", "secrets"]
    verbs: ["get", "list", "watch"]
{{- end }}
`,
};

export function generateChartCollection(root, count = 50) {
  rmSync(root, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const dir = join(root, `chart-${String(i).padStart(2, '0')}`);
    const deps = ['  - name: common\n    version: 2.x.x\n    repository: oci://registry.example.com/charts\n'];
    if (i % 5 === 0)
      deps.push(
        '  - name: metrics\n    version: 0.1.0\n    condition: metrics.enabled\n    repository: https://charts.example.com\n',
      );
    write(
      join(dir, 'Chart.yaml'),
      `apiVersion: v2\nname: app-${i}\nversion: 1.${i}.0\nappVersion: "2.${i}"\ndependencies:\n${deps.join('')}`,
    );
    write(join(dir, 'values.yaml'), `${values(i)}${i % 5 === 0 ? 'metrics:\n  enabled: true\n' : ''}`);
    for (const [name, text] of Object.entries(TEMPLATES)) write(join(dir, name), text);
    for (const [name, text] of Object.entries(LIBRARY)) write(join(dir, 'charts/common', name), text);
    if (i % 5 === 0) {
      const sub = {
        'Chart.yaml': 'apiVersion: v2\nname: metrics\nversion: 0.1.0\n',
        'values.yaml': 'image: example/exporter:0.9\nport: 9100\n',
        'templates/daemonset.yaml':
          'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}-metrics\nspec:\n  template:\n    spec:\n      hostPID: true\n      containers:\n        - name: exporter\n          image: {{ .Values.image }}\n          ports:\n            - containerPort: {{ .Values.port }}\n              hostPort: {{ .Values.port }}\n',
      };
      write(join(dir, 'charts/metrics-0.1.0.tgz'), tgz(sub, 'metrics'));
    }
  }
  return root;
}
