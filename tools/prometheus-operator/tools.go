//go:build tools

// Package tools pins the Prometheus Operator and its config reloader, so that `go mod tidy`
// keeps their dependencies in go.mod/go.sum.
package tools

import (
	_ "github.com/prometheus-operator/prometheus-operator/cmd/operator"
	_ "github.com/prometheus-operator/prometheus-operator/cmd/prometheus-config-reloader"
)
