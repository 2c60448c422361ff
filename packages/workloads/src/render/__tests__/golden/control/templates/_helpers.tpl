{{- define "control.name" -}}
{{ .Chart.Name }}-{{ .Release.Name }}
{{- end -}}
{{- define "control.labels" }}
app: {{ .name }}
count: {{ .count }}
{{- end }}
