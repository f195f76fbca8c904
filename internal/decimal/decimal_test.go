package decimal

import "testing"

func TestParse(t *testing.T) {
	for in, want := range map[string]Fixed{"0.4": 400_000, "2": 2_000_000, " 0.000001 ": 1, "1.5": 1_500_000, "10": 10_000_000} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "0.0000001", "1e3", "abc", ".5", "1234567890"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestRoundDivIsHalfUp(t *testing.T) {
	cases := []struct {
		num, den int64
		want     int
	}{{1, 2, 1}, {5, 10, 1}, {4, 10, 0}, {3, 2, 2}, {7, 2, 4}, {845, 10, 85}, {844, 10, 84}, {0, 3, 0}, {1, 0, 0}}
	for _, c := range cases {
		if got := RoundDiv(c.num, c.den); got != c.want {
			t.Errorf("RoundDiv(%d, %d) = %d, want %d", c.num, c.den, got, c.want)
		}
	}
}
