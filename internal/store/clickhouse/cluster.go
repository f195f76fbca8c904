package clickhouse

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/feedgauge/feedgauge/internal/store"
)

// LocalSuffix names the per-server table behind each Distributed table.
const LocalSuffix = "_local"

// shardKeys are the Distributed sharding keys of the known tables. A key
// uses only columns of the table's sort key, so every version of a row lands
// on one shard and FINAL still collapses them; tables read per dataset are
// sharded by dataset so a dataset's rows stay together. Small reference and
// bookkeeping tables live on the first shard ("0"). Tables not listed follow
// shardKeyFor's rule.
var shardKeys = map[string]string{
	"schema_migrations": "0",
	"sources":           "0",
	"datasets":          "0",
	"feeds":             "0",
	"snapshots":         "0",
	"alerts":            "0",
	"feed_state":        "cityHash64(feed_url)",
	"harvest_attempts":  "cityHash64(feed_url)",
	"feed_stats":        "cityHash64(feed_url)",
	"items":             "cityHash64(dataset_id)",
	"activity_scores":   "cityHash64(dataset_id)",
	"dataset_rollups":   "cityHash64(dataset_id)",
	"organisers":        "cityHash64(dataset_id)",
	"area_rollups":      "cityHash64(dataset_id)",
	"area_coverage":     "cityHash64(dataset_id)",
	"area_overlaps":     "0",
	"reference_files":   "0",
}

var (
	createRE = regexp.MustCompile("(?is)^\\s*CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?((?:`[^`]+`|\\w+)\\.)?(`[^`]+`|\\w+)(.*)$")
	alterRE  = regexp.MustCompile("(?is)^\\s*ALTER\\s+TABLE\\s+((?:`[^`]+`|\\w+)\\.)?(`[^`]+`|\\w+)(.*)$")
	dropRE   = regexp.MustCompile("(?is)^\\s*DROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?((?:`[^`]+`|\\w+)\\.)?(`[^`]+`|\\w+)(.*)$")
	orderRE  = regexp.MustCompile(`(?is)\bORDER\s+BY\s+(\([^)]*\)|[\w.]+)`)
	mvRE     = regexp.MustCompile(`(?is)^\s*CREATE\s+MATERIALIZED\s+VIEW`)
	columnRE = regexp.MustCompile(`(?is)^\s*(ON\s+CLUSTER\s+\S+\s+)?(ADD|DROP|MODIFY|RENAME|CLEAR|COMMENT)\s+COLUMN\b`)
	identRE  = regexp.MustCompile(`[A-Za-z_]\w*`)
)

// clusterDDL rewrites rendered single-server DDL for a cluster: CREATE TABLE
// T becomes T_local plus "T AS T_local ENGINE = Distributed(...)"; column
// changes apply to both; mutations and other ALTERs to T_local only.
func clusterDDL(sql, db string, c Cluster) (string, error) {
	var out []string
	for _, s := range store.Statements(sql) {
		stmts, err := clusterStatement(s, db, c)
		if err != nil {
			return "", err
		}
		out = append(out, stmts...)
	}
	if len(out) == 0 {
		return "", nil
	}
	return strings.Join(out, ";\n\n") + ";\n", nil
}

func clusterStatement(s, db string, c Cluster) ([]string, error) {
	if mvRE.MatchString(s) {
		return nil, fmt.Errorf("materialized views are not rendered for clusters yet; write them against the _local tables: %.60s", s)
	}
	if m := createRE.FindStringSubmatch(s); m != nil {
		return createStatements(m, db, c)
	}
	if m := alterRE.FindStringSubmatch(s); m != nil {
		local := "ALTER TABLE " + m[1] + localName(m[2]) + m[3]
		if columnRE.MatchString(m[3]) {
			return []string{local, s}, nil
		}
		return []string{local}, nil
	}
	if m := dropRE.FindStringSubmatch(s); m != nil {
		return []string{s, "DROP TABLE " + m[1] + m[2] + localName(m[3]) + m[4]}, nil
	}
	return []string{s}, nil
}

// createStatements gives the local table and the Distributed table over it.
func createStatements(m []string, db string, c Cluster) ([]string, error) {
	ifNot, prefix, name, rest := m[1], m[2], m[3], m[4]
	if strings.HasPrefix(strings.TrimSpace(rest), "AS ") {
		return nil, fmt.Errorf("CREATE TABLE %s AS …: cluster rendering needs an explicit column list", name)
	}
	plain := strings.Trim(name, "`")
	key, err := shardKeyFor(plain, rest)
	if err != nil {
		return nil, err
	}
	local := "CREATE TABLE " + ifNot + prefix + localName(name) + strings.ReplaceAll(rest, tablePlaceholder, plain)
	on := ""
	if c.DDL != DDLPerHost {
		on = " ON CLUSTER " + quoteIdent(c.Name)
	}
	dist := fmt.Sprintf("CREATE TABLE %s%s%s%s AS %s%s ENGINE = Distributed(%s, %s, %s, %s)",
		ifNot, prefix, name, on, prefix, localName(name),
		quoteString(c.Name), quoteString(db), quoteString(plain+LocalSuffix), key)
	return []string{local, dist}, nil
}

func localName(name string) string {
	if strings.HasPrefix(name, "`") {
		return "`" + strings.Trim(name, "`") + LocalSuffix + "`"
	}
	return name + LocalSuffix
}

// shardKeyFor returns the table's sharding key: the listed one, else
// cityHash64(dataset_id) or cityHash64(feed_url) when the sort key has that
// column, else the first shard. It refuses a listed key that uses columns
// outside the sort key, which would split a row's versions across shards.
func shardKeyFor(table, rest string) (string, error) {
	cols := sortColumns(rest)
	key, ok := shardKeys[table]
	switch {
	case ok:
	case cols["dataset_id"]:
		key = "cityHash64(dataset_id)"
	case cols["feed_url"]:
		key = "cityHash64(feed_url)"
	default:
		key = "0"
	}
	for _, id := range identRE.FindAllString(key, -1) {
		if id != "cityHash64" && !cols[id] {
			return "", fmt.Errorf("table %s: sharding key %s uses %s, which is not in its ORDER BY", table, key, id)
		}
	}
	return key, nil
}

func sortColumns(rest string) map[string]bool {
	m := orderRE.FindStringSubmatch(rest)
	out := map[string]bool{}
	if m == nil {
		return out
	}
	for _, c := range strings.Split(strings.Trim(m[1], "()"), ",") {
		out[strings.Trim(strings.TrimSpace(c), "`")] = true
	}
	return out
}

// tablePlaceholder stands for the table name in a replicated engine's
// ZooKeeper path until the CREATE statement is rewritten.
const tablePlaceholder = "@@table@@"

// replicatedEngine turns "ReplacingMergeTree(version)" into
// "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/T', '{replica}', version)".
func replicatedEngine(e string) string {
	name, args, _ := strings.Cut(strings.TrimSpace(e), "(")
	args = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(args), ")"))
	out := "Replicated" + name + "('/clickhouse/tables/{shard}/{database}/" + tablePlaceholder + "', '{replica}'"
	if args != "" {
		out += ", " + args
	}
	return out + ")"
}

// quoteString writes a ClickHouse string literal.
func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
