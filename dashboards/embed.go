// Package dashboards embeds the dashboard definitions (one YAML file per
// page; see internal/dashboard) and the vendored static assets the
// dashboard serves (static/vendor: echarts), so the binary works offline.
package dashboards

import "embed"

// FS holds the page definitions (*.yaml) and static/.
//
//go:embed *.yaml static
var FS embed.FS
