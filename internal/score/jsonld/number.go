package jsonld

import "strings"

// decimal is an exact JSON number: sign, significant digits (no leading
// zeros; "" for zero) and a power of ten, value = ±0.digits × 10^exp.
type decimal struct {
	neg    bool
	digits string
	exp    int
}

// parseDecimal reads a JSON number literal exactly. Exponents are clamped
// so absurd literals compare as huge or tiny instead of overflowing. The
// digits are cut from lit, and only built afresh when both the integer and
// the fraction part hold significant digits.
func parseDecimal(lit string) decimal {
	var d decimal
	if strings.HasPrefix(lit, "-") {
		d.neg, lit = true, lit[1:]
	}
	mant, e := lit, 0
	for k := 0; k < len(lit); k++ {
		if lit[k] == 'e' || lit[k] == 'E' {
			mant, e = lit[:k], parseExp(lit[k+1:])
			break
		}
	}
	intPart, frac := mant, ""
	if k := strings.IndexByte(mant, '.'); k >= 0 {
		intPart, frac = mant[:k], mant[k+1:]
	}
	// Significant digits are those of intPart+frac without leading or
	// trailing zeros; lead counts the leading ones.
	var all string
	var lead int
	ip := strings.TrimLeft(intPart, "0")
	fr := strings.TrimRight(frac, "0")
	switch {
	case ip == "":
		f := strings.TrimLeft(fr, "0")
		all, lead = f, len(intPart)+len(fr)-len(f)
	case fr == "":
		all, lead = strings.TrimRight(ip, "0"), len(intPart)-len(ip)
	default:
		all, lead = ip+fr, len(intPart)-len(ip)
	}
	if all == "" {
		return decimal{}
	}
	d.digits = all
	d.exp = e + len(intPart) - lead
	return d
}

func parseExp(s string) int {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if n < 1e9 {
			n = n*10 + int(s[i]-'0')
		}
	}
	if neg {
		return -n
	}
	return n
}

func cmpAbs(a, b decimal) int {
	switch {
	case a.digits == "" && b.digits == "":
		return 0
	case a.digits == "":
		return -1
	case b.digits == "":
		return 1
	case a.exp != b.exp:
		if a.exp < b.exp {
			return -1
		}
		return 1
	}
	// Compare the digits as if the shorter were padded with zeros.
	for i := 0; i < max(len(a.digits), len(b.digits)); i++ {
		ca, cb := digitAt(a.digits, i), digitAt(b.digits, i)
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	return 0
}

func digitAt(digits string, i int) byte {
	if i < len(digits) {
		return digits[i]
	}
	return '0'
}

func cmpDecimal(a, b decimal) int {
	if a.digits == "" {
		a.neg = false
	}
	if b.digits == "" {
		b.neg = false
	}
	switch {
	case a.neg && !b.neg:
		return -1
	case !a.neg && b.neg:
		return 1
	case a.neg:
		return -cmpAbs(a, b)
	}
	return cmpAbs(a, b)
}

// CmpNumber compares two JSON number literals exactly (-1, 0, 1).
func CmpNumber(a, b string) int { return cmpDecimal(parseDecimal(a), parseDecimal(b)) }

// IsZero reports whether a JSON number literal equals zero.
func IsZero(lit string) bool { return parseDecimal(lit).digits == "" }

// Between reports lo ≤ lit ≤ hi exactly, for decimal strings lo and hi.
func Between(lit, lo, hi string) bool {
	d := parseDecimal(lit)
	return cmpDecimal(d, parseDecimal(lo)) >= 0 && cmpDecimal(d, parseDecimal(hi)) <= 0
}

// WholeNumber returns the value of a JSON number that is a whole number
// within [0, limit], else ok=false. Larger whole numbers give limit, true.
func WholeNumber(v *Value, limit int64) (int64, bool) {
	if v == nil || v.Kind != Number {
		return 0, false
	}
	d := parseDecimal(v.S)
	if d.digits == "" {
		return 0, true
	}
	if d.neg || d.exp < len(d.digits) {
		return 0, false // negative, or has a fractional part
	}
	if d.exp > 18 {
		return limit, true
	}
	n := int64(0)
	for i := 0; i < d.exp; i++ {
		c := byte('0')
		if i < len(d.digits) {
			c = d.digits[i]
		}
		n = n*10 + int64(c-'0')
	}
	return min(n, limit), true
}

// IsNumber reports a JSON number.
func IsNumber(v *Value) bool { return v != nil && v.Kind == Number }
