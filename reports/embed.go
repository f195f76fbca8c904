// Package reports embeds the Excel workbook definitions: one YAML file per
// workbook, rendered by internal/report (see docs/reports.md).
package reports

import "embed"

// FS holds every workbook definition (*.yaml).
//
//go:embed *.yaml
var FS embed.FS
