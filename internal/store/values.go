package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// Normalise turns a value scanned from any backend into one of nil, string,
// int64, float64, time.Time (UTC) or []string.
func Normalise(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return x
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		return int64(x)
	case float32:
		return float64(x)
	case float64:
		return x
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case time.Time:
		return x.UTC()
	case []string:
		return x
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
		return Normalise(rv.Elem().Interface())
	case reflect.Slice:
		out := make([]string, rv.Len())
		for i := range out {
			out[i] = fmt.Sprint(Normalise(rv.Index(i).Interface()))
		}
		return out
	}
	return fmt.Sprint(v)
}

// Assign stores a normalised value in a destination pointer, converting where
// the meaning is unambiguous (an integer column into *bool or *time.Time as
// Unix seconds, a JSON text into *[]string).
func Assign(dest any, v any) error {
	switch d := dest.(type) {
	case *any:
		*d = v
		return nil
	case *string:
		switch x := v.(type) {
		case nil:
			*d = ""
		case string:
			*d = x
		case []string:
			b, _ := json.Marshal(x)
			*d = string(b)
		default:
			*d = fmt.Sprint(x)
		}
		return nil
	case *int64:
		n, err := toInt(v)
		*d = n
		return err
	case *int:
		n, err := toInt(v)
		*d = int(n)
		return err
	case *float64:
		f, err := toFloat(v)
		*d = f
		return err
	case *bool:
		n, err := toInt(v)
		*d = n != 0
		return err
	case *time.Time:
		t, err := toTime(v)
		*d = t
		return err
	case **time.Time:
		if v == nil {
			*d = nil
			return nil
		}
		t, err := toTime(v)
		*d = &t
		return err
	case **int:
		if v == nil {
			*d = nil
			return nil
		}
		n, err := toInt(v)
		i := int(n)
		*d = &i
		return err
	case **float64:
		if v == nil {
			*d = nil
			return nil
		}
		f, err := toFloat(v)
		*d = &f
		return err
	case *[]string:
		l, err := toList(v)
		*d = l
		return err
	}
	return fmt.Errorf("store: cannot scan into %T", dest)
}

func toInt(v any) (int64, error) {
	switch x := v.(type) {
	case nil:
		return 0, nil
	case int64:
		return x, nil
	case float64:
		return int64(x), nil
	case string:
		return strconv.ParseInt(x, 10, 64)
	case time.Time:
		return x.Unix(), nil
	}
	return 0, fmt.Errorf("store: %T is not an integer", v)
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case nil:
		return 0, nil
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case string:
		return strconv.ParseFloat(x, 64)
	}
	return 0, fmt.Errorf("store: %T is not a number", v)
}

func toTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return x.UTC(), nil
	case int64:
		return time.Unix(x, 0).UTC(), nil
	case float64:
		return time.Unix(int64(x), 0).UTC(), nil
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
		return time.Parse(time.RFC3339, x)
	}
	return time.Time{}, fmt.Errorf("store: %T is not a time", v)
}

func toList(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []string:
		return x, nil
	case string:
		if x == "" {
			return nil, nil
		}
		var l []string
		if err := json.Unmarshal([]byte(x), &l); err != nil {
			return nil, fmt.Errorf("store: list column holds %q: %w", x, err)
		}
		return l, nil
	}
	return nil, fmt.Errorf("store: %T is not a list", v)
}

// ScanRow is a helper for backends: it assigns normalised values to dests.
func ScanRow(vals []any, dest []any) error {
	if len(dest) != len(vals) {
		return fmt.Errorf("store: scan wants %d destinations, got %d", len(vals), len(dest))
	}
	for i := range dest {
		if err := Assign(dest[i], vals[i]); err != nil {
			return fmt.Errorf("column %d: %w", i+1, err)
		}
	}
	return nil
}
