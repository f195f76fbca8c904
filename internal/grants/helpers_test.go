package grants

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustObj(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// writeFile writes content to a file in a temporary folder and returns its
// path.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// csvOf joins lines into a CSV file body.
func csvOf(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// header is a minimal valid 360Giving CSV header.
const header = "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name," +
	"Funding Org:Identifier,Funding Org:Name"

// row builds a data row for header.
func row(id, amount, date, recipientID, recipient string) string {
	return strings.Join([]string{id, "Grant to " + recipient, "For sessions", "GBP", amount, date, recipientID, recipient,
		"GB-LAE-TRF", "Trafford Council"}, ",")
}

// findIssue returns the first issue with the code (and row, when > 0).
func findIssue(issues []Issue, code string, row int) (Issue, bool) {
	for _, is := range issues {
		if is.Code == code && (row == 0 || is.Row == row) {
			return is, true
		}
	}
	return Issue{}, false
}
