package grants

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The 360Giving Data Standard 1.4.3 schemas and codelists, copied from
// ThreeSixtyGiving/standard (CC BY 4.0, see schema/SOURCES.md). Nothing is
// fetched from the network: every URL the schemas name resolves to these.
//
//go:embed schema/*.json schema/codelists/*.csv schema/SOURCES.md
var schemaFS embed.FS

const (
	grantSchemaURL   = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json"
	packageSchemaURL = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-package-schema.json"
	// The package schema's items $ref still names the 1.4.2 grant schema;
	// it is redirected to the local 1.4.3 copy.
	oldGrantSchemaURL = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"
)

// localSchemas maps each schema URL to its embedded file.
var localSchemas = map[string]string{
	grantSchemaURL:    "schema/360-giving-schema.json",
	oldGrantSchemaURL: "schema/360-giving-schema.json",
	packageSchemaURL:  "schema/360-giving-package-schema.json",
}

// embeddedLoader serves schema URLs from the embedded copies and refuses
// every other URL, so validation never touches the network.
type embeddedLoader struct{}

func (embeddedLoader) Load(url string) (any, error) {
	name, ok := localSchemas[url]
	if !ok {
		return nil, fmt.Errorf("the 360Giving schema refers to %s, which is not shipped with feedgauge", url)
	}
	b, err := schemaFS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// schemas are the compiled grant and package schemas with format assertion
// on: without it every YYYY-MM-DD award date fails the schema's oneOf
// (grants-facts §2.6).
type schemas struct {
	grant, pkg *jsonschema.Schema
	tree       *node
}

var (
	schemaOnce sync.Once
	schemaSet  *schemas
	schemaErr  error
)

// loadSchemas compiles the embedded schemas once.
func loadSchemas() (*schemas, error) {
	schemaOnce.Do(func() {
		schemaSet, schemaErr = compileSchemas()
	})
	return schemaSet, schemaErr
}

func compileSchemas() (*schemas, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseLoader(embeddedLoader{})
	g, err := c.Compile(grantSchemaURL)
	if err != nil {
		return nil, fmt.Errorf("compile the 360Giving grant schema: %w", err)
	}
	p, err := c.Compile(packageSchemaURL)
	if err != nil {
		return nil, fmt.Errorf("compile the 360Giving package schema: %w", err)
	}
	raw, err := schemaFS.ReadFile(localSchemas[grantSchemaURL])
	if err != nil {
		return nil, err
	}
	tree, err := buildTree(raw)
	if err != nil {
		return nil, fmt.Errorf("read the 360Giving grant schema's titles: %w", err)
	}
	return &schemas{grant: g, pkg: p, tree: tree}, nil
}

func init() {
	if err := loadCountryCodes(); err != nil {
		panic(err) // the codelist is embedded: this cannot fail in a built binary
	}
}

// loadCountryCodes fills countryCodes from the standard's codelist.
func loadCountryCodes() error {
	b, err := schemaFS.ReadFile("schema/codelists/countryCode.csv")
	if err != nil {
		return err
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return fmt.Errorf("read the countryCode codelist: %w", err)
	}
	for _, r := range recs[1:] {
		if len(r) > 0 && len(r[0]) == 2 {
			countryCodes[r[0]] = true
		}
	}
	return nil
}
