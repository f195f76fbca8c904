package query

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// ErrBadParam marks a parameter that is missing, unknown or malformed.
var ErrBadParam = errors.New("bad parameter")

// London is the zone quarters and bare dates are read in (scoring.md §8.11.3).
var London = mustZone("Europe/London")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

// Bind turns raw string parameters (from flags, a URL or a panel) into the
// typed, validated arguments of the query, filling defaults.
func (d *Def) Bind(raw map[string]string) ([]store.Arg, error) {
	for k := range raw {
		if d.ParamMap[k] == nil {
			return nil, fmt.Errorf("%w: query %s has no parameter %q (it takes: %s)", ErrBadParam, d.Name, k, d.paramNames())
		}
	}
	var args []store.Arg
	for _, p := range d.Params {
		v, ok := raw[p.Name]
		if !ok {
			if p.Default == nil {
				return nil, fmt.Errorf("%w: query %s needs --param %s=… (%s)", ErrBadParam, d.Name, p.Name, p.hint())
			}
			v = *p.Default
		}
		a, err := p.bind(v)
		if err != nil {
			return nil, fmt.Errorf("%w: %s=%q: %v", ErrBadParam, p.Name, v, err)
		}
		args = append(args, a...)
	}
	return args, nil
}

func (d *Def) paramNames() string {
	names := make([]string, len(d.Params))
	for i, p := range d.Params {
		names[i] = p.Name
	}
	if len(names) == 0 {
		return "no parameters"
	}
	return strings.Join(names, ", ")
}

func (p *Param) hint() string {
	switch p.Type {
	case "enum":
		return "one of " + strings.Join(p.Values, ", ")
	case "time":
		return "a date YYYY-MM-DD or a time like 2026-06-30T12:00:00Z"
	case "quarter":
		return "a quarter like 2026Q3"
	}
	return "a " + p.Type
}

func (p *Param) bind(v string) ([]store.Arg, error) {
	switch p.Type {
	case "string":
		if len(v) > 2000 {
			return nil, errors.New("too long")
		}
		return []store.Arg{store.A(p.Name, v)}, nil
	case "enum":
		if !slices.Contains(p.Values, v) {
			return nil, fmt.Errorf("must be %s", p.hint())
		}
		return []store.Arg{store.A(p.Name, v)}, nil
	case "bool":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, errors.New("must be true or false")
		}
		return []store.Arg{store.A(p.Name, b)}, nil
	case "int":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, errors.New("must be a whole number")
		}
		if p.Min != nil && n < *p.Min || p.Max != nil && n > *p.Max {
			return nil, fmt.Errorf("must be between %d and %d", deref(p.Min), deref(p.Max))
		}
		return []store.Arg{store.A(p.Name, n)}, nil
	case "time":
		t, err := ParseTime(v)
		if err != nil {
			return nil, err
		}
		return []store.Arg{store.A(p.Name, t)}, nil
	case "quarter":
		q, err := ParseQuarter(v)
		if err != nil {
			return nil, err
		}
		prev := q.Prev()
		return []store.Arg{store.A(p.Name, q.String()), store.A(p.Name+"_start", q.Start()), store.A(p.Name+"_end", q.End()),
			store.A(p.Name+"_prev_start", prev.Start()), store.A(p.Name+"_prev_end", prev.End())}, nil
	}
	return nil, fmt.Errorf("unknown type %s", p.Type)
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// ParseTime reads RFC 3339, or a bare date meaning the end of that day in
// Europe/London (so "as at 2026-06-30" includes the 30th).
func ParseTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC().Truncate(time.Second), nil
	}
	if d, err := time.ParseInLocation("2006-01-02", v, London); err == nil {
		return d.AddDate(0, 0, 1).Add(-time.Second).UTC(), nil
	}
	return time.Time{}, errors.New("must be a date YYYY-MM-DD or a time like 2026-06-30T12:00:00Z")
}
