package score

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// TestKeyedEqualsGet: an indexed object answers every presence key as Get
// does, and its presence mask and count of other present members are what
// a plain scan finds, whatever the object: present or absent values, keys
// near the presence keys (same length and ends), and objects of more than
// 255 members.
func TestKeyedEqualsGet(t *testing.T) {
	names := append([]string{"x", "", "nam", "namf", "nbme", "startTime", "startDatf", "@ID", "id", "type", "tYpe"}, presenceKeys[:]...)
	vals := []string{`1`, `null`, `""`, `" "`, `"v"`, `[]`, `[null]`, `{}`, `{"a":1}`}
	r := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 3000; round++ {
		n := r.IntN(20)
		if round%100 == 0 {
			n = 300 + r.IntN(100)
		}
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			name := names[r.IntN(len(names))]
			if round%100 == 0 && i < 280 {
				name = fmt.Sprint("filler", i)
			}
			fmt.Fprintf(&b, "%q:%s", name, vals[r.IntN(len(vals))])
		}
		b.WriteString("}")
		obj, err := jsonld.ParseShared(b.String())
		if err != nil {
			t.Fatal(err)
		}
		var k keyed
		k.reset(obj)
		for p := range presenceKeys {
			if got, want := k.get(pkey(p)), obj.Get(presenceKeys[p]); got != want {
				t.Fatalf("%s: get(%s) = %v, want %v", b.String(), presenceKeys[p], got, want)
			}
		}
		var want keyMask
		others := 0
		for _, m := range obj.O {
			if jsonld.Absent(m.Val) {
				continue
			}
			if bit, ok := presenceBit[m.Key]; ok {
				want |= bit
			} else {
				others++
			}
		}
		if k.present != want || k.others != others {
			t.Fatalf("%s: present %x/%d, want %x/%d", b.String(), k.present, k.others, want, others)
		}
	}
}

// TestKeyTableFindsOnlyItsKeys: every presence key is found at its index,
// and no other string is.
func TestKeyTableFindsOnlyItsKeys(t *testing.T) {
	for i, k := range presenceKeys {
		if p, ok := presenceSlots.find(k); !ok || int(p) != i {
			t.Errorf("find(%q) = %d %v", k, p, ok)
		}
		for _, other := range []string{k + "x", k[:len(k)-1], strings.ToUpper(k), " " + k} {
			if _, ok := presenceSlots.find(other); ok {
				t.Errorf("find(%q) found a key", other)
			}
		}
	}
}
