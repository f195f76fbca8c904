// Package deploy holds feedgauge's deployment files (systemd, compose,
// Kubernetes, ClickHouse configs). No container engine runs in CI, so these
// tests check the files themselves: they parse, they carry what they must,
// what they reference exists, and a golden summary shows any change.
package deploy

import (
	"encoding/xml"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite testdata/summary.golden")

// yamlDocs parses every document of a YAML file.
func yamlDocs(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	var out []map[string]any
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if doc != nil {
			out = append(out, doc)
		}
	}
}

func files(t *testing.T, pattern string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if ok, _ := filepath.Match(pattern, filepath.Base(p)); ok {
				out = append(out, p)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestYAMLParses(t *testing.T) {
	all := append(files(t, "*.yaml"), files(t, "*.yml")...)
	if len(all) < 10 {
		t.Fatalf("only %d YAML files found", len(all))
	}
	for _, f := range all {
		if docs := yamlDocs(t, f); len(docs) == 0 {
			t.Errorf("%s holds no document", f)
		}
	}
}

func TestXMLParses(t *testing.T) {
	for _, f := range files(t, "*.xml") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(strings.NewReader(string(b)))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: %v", f, err)
				break
			}
		}
	}
}

// flagNames reads the flag names from internal/config/flags.go, so a new
// flag without a documented variable fails here.
func flagNames(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("..", "internal", "config", "flags.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "defs" || len(vs.Values) != 1 {
			return true
		}
		for _, e := range vs.Values[0].(*ast.CompositeLit).Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if lit, ok := kv.Key.(*ast.BasicLit); ok {
					s, _ := strconv.Unquote(lit.Value)
					names = append(names, s)
				}
			}
		}
		return false
	})
	if len(names) < 20 {
		t.Fatalf("found only %d flags in internal/config/flags.go", len(names))
	}
	return names
}

func envName(flag string) string {
	return "FEEDGAUGE_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}
