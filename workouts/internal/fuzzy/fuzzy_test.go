package fuzzy

import (
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
	if n := testing.AllocsPerRun(100, func() { Distance("dumbell squat", "dumbbell squat") }); n != 0 {
		t.Errorf("%v allocations for short strings", n)
	}
}
