package oruk

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The ORUK v3 UK-profile schemas, copied from OpenReferralUK/uk-profile
// (CC BY-SA 4.0; attribution and share-alike terms in schema/SOURCES.md).
//
//go:embed schema/service.json schema/openapi.json schema/SOURCES.md
var schemaFS embed.FS

const (
	serviceSchemaURL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/service.json"
	openAPIURL       = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
)

// schemaFiles maps schema URLs to the embedded copies.
var schemaFiles = map[string]string{serviceSchemaURL: "schema/service.json", openAPIURL: "schema/openapi.json"}

// loader serves the embedded schemas and refuses every other URL, so
// validation never touches the network.
type loader struct{}

func (loader) Load(url string) (any, error) {
	name, ok := schemaFiles[url]
	if !ok {
		return nil, fmt.Errorf("the ORUK schema refers to %s, which is not shipped with feedgauge", url)
	}
	b, err := schemaFS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// Validator checks services and pages against the ORUK v3 schema with
// format assertion on (uuid, uri, email, date-time).
type Validator struct {
	service, page *jsonschema.Schema
	printer       *message.Printer
}

// NewValidator compiles the shipped schemas.
func NewValidator() (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseLoader(loader{})
	svc, err := c.Compile(serviceSchemaURL)
	if err != nil {
		return nil, fmt.Errorf("compile the ORUK v3 service schema: %w", err)
	}
	page, err := c.Compile(openAPIURL + "#/components/schemas/Page")
	if err != nil {
		return nil, fmt.Errorf("compile the ORUK v3 page schema: %w", err)
	}
	return &Validator{service: svc, page: page, printer: message.NewPrinter(language.English)}, nil
}

// Service validates one service's JSON; the error lists what is wrong.
func (v *Validator) Service(data []byte) error {
	return v.validate(v.service, data)
}

// Page validates a list page: its header, and each of its contents as a
// full service.
func (v *Validator) Page(data []byte) error {
	if err := v.validate(v.page, data); err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	m, _ := inst.(map[string]any)
	list, ok := m["contents"].([]any)
	if !ok {
		return errors.New("the page has no contents list")
	}
	for i, s := range list {
		if err := v.service.Validate(s); err != nil {
			return fmt.Errorf("contents[%d]: %s", i, v.describe(err))
		}
	}
	return nil
}

func (v *Validator) validate(s *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if err := s.Validate(inst); err != nil {
		return errors.New(v.describe(err))
	}
	return nil
}

// describe flattens the validator's error tree to "where: what" lines.
func (v *Validator) describe(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, "/"+strings.Join(e.InstanceLocation, "/")+": "+strings.TrimSpace(e.ErrorKind.LocalizedString(v.printer)))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return strings.Join(out, "; ")
}
