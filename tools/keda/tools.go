//go:build tools

// Package tools pins KEDA's operator and metrics API server (adapter), so that `go mod tidy`
// keeps their dependencies in go.mod/go.sum.
package tools

import (
	_ "github.com/kedacore/keda/v2/cmd/adapter"
	_ "github.com/kedacore/keda/v2/cmd/operator"
)
