package dashboard

import (
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
)

func sorted(p *Panel, data *query.Result) *query.Result { return Sorted(data, p.Sort) }

// Sorted returns the result with its rows ordered by a column ("col"
// ascending, "-col" descending; "no data" last), stably. The result is
// copied, never changed in place. The API applies the same order, so a
// panel's CSV download lists its rows as its table does.
func Sorted(data *query.Result, spec string) *query.Result {
	if spec == "" || data == nil {
		return data
	}
	name, desc := strings.CutPrefix(spec, "-")
	i := colIndexOf(data, name)
	if i < 0 {
		return data
	}
	rows := append([][]any(nil), data.Rows...)
	sort.SliceStable(rows, func(a, b int) bool {
		x, y := rows[a][i], rows[b][i]
		if x == nil || y == nil {
			return x != nil && y == nil
		}
		c := compare(x, y)
		if desc {
			return c > 0
		}
		return c < 0
	})
	out := *data
	out.Rows = rows
	return &out
}

func compare(x, y any) int {
	if a, ok := number(x); ok {
		b, _ := number(y)
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	if a, ok := x.(time.Time); ok {
		b, _ := y.(time.Time)
		return a.Compare(b)
	}
	return strings.Compare(query.Cell(x), query.Cell(y))
}
