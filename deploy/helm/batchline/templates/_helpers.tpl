{{/* The labels on every object, as deploy/base puts them, plus Helm's own. */}}
{{- define "batchline.labels" -}}
app.kubernetes.io/name: batchline-operator
app.kubernetes.io/part-of: batchline
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The selector of the operator pods. */}}
{{- define "batchline.selector" -}}
app.kubernetes.io/name: batchline-operator
{{- end -}}

{{- define "batchline.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* A map as k=v pairs joined with commas, sorted by key. */}}
{{- define "batchline.pairs" -}}
{{- $pairs := list -}}
{{- range $k, $v := . -}}
{{- $pairs = append $pairs (printf "%s=%s" $k $v) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end -}}
