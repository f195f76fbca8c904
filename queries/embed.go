// Package queries embeds the SQL of feedgauge: named queries per backend
// (sqlite/, clickhouse/), their catalogue (catalog.yaml) and the schema
// migrations (migrations/<backend>/NNNN_name.sql).
package queries

import "embed"

// FS holds every file of this folder that the binary needs.
//
//go:embed catalog sqlite clickhouse migrations
var FS embed.FS
