package config

import "time"

// defs lists every flag feedgauge knows. Subcommands register the ones they
// use, so help shows only what applies.
var defs = map[string]flagDef{
	"store":            {usage: "where data lives: sqlite:PATH (embedded) or clickhouse://host:9000/db", bind: str(func(c *Config) *string { return &c.Store }, DefaultStore)},
	"addr":             {usage: "address the dashboard listens on (loopback by default)", bind: str(func(c *Config) *string { return &c.Addr }, "127.0.0.1:8080")},
	"log-level":        {usage: "debug, info, warn or error", bind: str(func(c *Config) *string { return &c.LogLevel }, "info")},
	"log-format":       {usage: "text or json", bind: str(func(c *Config) *string { return &c.LogFormat }, "text")},
	"admin-token":      {usage: "token that admin pages and actions require", bind: str(func(c *Config) *string { return &c.AdminToken }, "")},
	"allow-private":    {usage: "let the harvester reach private and loopback addresses: alone for all, or =CIDR,CIDR (tests, intranets)", bind: optional(func(c *Config) *string { return &c.AllowPrivate }, "true")},
	"source":           {usage: "a catalogue collection, catalogue, dataset site or feed URL", bind: list(func(c *Config) *[]string { return &c.Sources })},
	"sources":          {usage: "a YAML file listing sources", bind: str(func(c *Config) *string { return &c.SourcesFile }, "")},
	"every":            {usage: "snapshot schedule: a duration like 6h or a cron expression; empty for none", bind: str(func(c *Config) *string { return &c.Every }, "")},
	"at":               {usage: "score as at this time (RFC 3339), for backfills and reproducing past reports", bind: str(func(c *Config) *string { return &c.At }, "")},
	"json":             {usage: "print a JSON summary", bind: boolean(func(c *Config) *bool { return &c.JSON }, false)},
	"format":           {usage: "output format: table, json or csv", bind: str(func(c *Config) *string { return &c.Format }, "table")},
	"param":            {usage: "a query or report parameter k=v", bind: list(func(c *Config) *[]string { return &c.Params })},
	"out":              {usage: "output file", bind: str(func(c *Config) *string { return &c.Out }, "")},
	"preview":          {usage: "also harvest the preview catalogue", bind: boolean(func(c *Config) *bool { return &c.Preview }, false)},
	"test-catalog":     {usage: "also harvest the test catalogue", bind: boolean(func(c *Config) *bool { return &c.TestCatalog }, false)},
	"seed":             {usage: "random seed of the simulated publishers", bind: int64Flag(func(c *Config) *int64 { return &c.Seed }, 1)},
	"datasets":         {usage: "number of simulated datasets", bind: integer(func(c *Config) *int { return &c.Datasets }, 10)},
	"items":            {usage: "items per simulated feed", bind: integer(func(c *Config) *int { return &c.Items }, 100)},
	"faults":           {usage: "faults the simulated publishers inject, comma-separated ('all' for every one)", bind: str(func(c *Config) *string { return &c.Faults }, "")},
	"data-dir":         {usage: "folder for the demo's store (default: a new temporary folder)", bind: str(func(c *Config) *string { return &c.DataDir }, "")},
	"open":             {usage: "open the dashboard in a browser when ready", bind: boolean(func(c *Config) *bool { return &c.Open }, true)},
	"place":            {usage: "a place code (local authority, ICB …)", bind: str(func(c *Config) *string { return &c.Place }, "")},
	"host-rate":        {usage: "requests per second to any one publisher host (politeness; negative for no limit)", bind: float(func(c *Config) *float64 { return &c.HostRate }, 5)},
	"host-concurrency": {usage: "requests in flight to any one publisher host", bind: integer(func(c *Config) *int { return &c.HostConcurrency }, 2)},
	"spread":           {usage: "spread each scheduled snapshot's datasets over this window by a stable hash offset (default: half of a duration --every; none for cron)", bind: duration(func(c *Config) *time.Duration { return &c.Spread }, 0)},
	"concurrency":      {usage: "datasets harvested and scored at once (each with all its feeds)", bind: integer(func(c *Config) *int { return &c.Concurrency }, 8)},
	"spool-dir":        {usage: "folder for rows waiting while the store is unreachable", bind: str(func(c *Config) *string { return &c.SpoolDir }, "./feedgauge-data/spool")},
	"retention":        {usage: "keep raw JSON of deleted items this long (0 = forever)", bind: duration(func(c *Config) *time.Duration { return &c.Retention }, 0)},
	"webhook-url":      {usage: "POST alerts as JSON to this URL", bind: str(func(c *Config) *string { return &c.WebhookURL }, "")},
	"smtp-addr":        {usage: "SMTP server host:port for alert e-mails", bind: str(func(c *Config) *string { return &c.SMTPAddr }, "")},
	"smtp-from":        {usage: "sender of alert e-mails", bind: str(func(c *Config) *string { return &c.SMTPFrom }, "")},
	"smtp-to":          {usage: "recipients of alert e-mails, comma-separated", bind: str(func(c *Config) *string { return &c.SMTPTo }, "")},
	"lenient":          {usage: "import grants that fail the 360Giving schema but have the essentials", bind: boolean(func(c *Config) *bool { return &c.Lenient }, false)},
	"replace":          {usage: "the file is the whole register: remove entries not in it", bind: boolean(func(c *Config) *bool { return &c.Replace }, false)},
	"weeks":            {usage: "weeks of history the demo backfills", bind: integer(func(c *Config) *int { return &c.Weeks }, 52)},
}
