//go:build tools

// Package tools pins the Prometheus server, so that `go mod tidy` keeps its dependencies in
// go.mod/go.sum.
package tools

import (
	_ "github.com/prometheus/prometheus/cmd/prometheus"
)
