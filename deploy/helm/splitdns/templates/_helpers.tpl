{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "splitdns.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object name prefix. */}}
{{- define "splitdns.fullname" -}}
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

{{/* Selector labels: no component label, so the pods' component can change (the Deployment selector is immutable). */}}
{{- define "splitdns.selectorLabels" -}}
app.kubernetes.io/name: {{ include "splitdns.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "splitdns.labels" -}}
{{ include "splitdns.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The Secret's name: the one the chart creates or the existing one. */}}
{{- define "splitdns.secretName" -}}
{{- if .Values.secret.create -}}
{{- include "splitdns.fullname" . -}}
{{- else -}}
{{- required "secret.existingSecret is required when secret.create is false" .Values.secret.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* true when the store is PostgreSQL (anything else must be sqlite). */}}
{{- define "splitdns.postgres" -}}
{{- if eq .Values.store.provider "postgres" -}}
true
{{- else if ne .Values.store.provider "sqlite" -}}
{{- fail "store.provider must be sqlite or postgres" -}}
{{- end -}}
{{- end -}}

{{/* splitdns.json: config with Listen set from ports, and the Logging section. */}}
{{- define "splitdns.configJson" -}}
{{- $cfg := deepCopy .Values.config -}}
{{- $_ := set $cfg "Listen" (dict "Dns" (printf "0.0.0.0:%d, [::]:%d" (int .Values.ports.dns) (int .Values.ports.dns)) "Http" (printf "0.0.0.0:%d" (int .Values.ports.http))) -}}
{{- dict "Logging" (dict "LogLevel" .Values.logLevels) "SplitDns" $cfg | toPrettyJson -}}
{{- end -}}
