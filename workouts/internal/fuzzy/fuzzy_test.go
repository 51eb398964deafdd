package fuzzy

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	long := strings.Repeat("ab", 50)
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"min", "min", 0},
		{"mins", "min", 1},
		{"stpes", "steps", 1},
		{"dumbell squat", "dumbbell squat", 1},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{long, long, 0},
		{long + "x", long, 1},
		{long, "ab", 98},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%.20q, %.20q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	// Bounded agrees with Distance up to the limit, and says limit+1 past it.
	words := []string{"", "a", "min", "mins", "dumbbell squat", "dumbell squat", "squat dumbbell", "ab", "ba", "kitten", "sitting", long}
	for _, a := range words {
		for _, b := range words {
			d := Distance(a, b)
			for limit := 0; limit < 8; limit++ {
				want := min(d, limit+1)
				if got := Bounded(a, b, limit); got != want {
					t.Errorf("Bounded(%.20q, %.20q, %d) = %d, want %d", a, b, limit, got, want)
				}
			}
		}
	}
	// And on many random short strings of a small alphabet, where
	// transpositions and near misses are common.
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = "abc"[rng.IntN(3)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, limit := word(), word(), rng.IntN(6)
		if got, want := Bounded(a, b, limit), min(Distance(a, b), limit+1); got != want {
			t.Fatalf("Bounded(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Distance("dumbell squat", "dumbbell squat") }); n != 0 {
		t.Errorf("%v allocations for short strings", n)
	}
}
