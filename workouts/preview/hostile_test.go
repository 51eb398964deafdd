package preview

import (
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts/say"
)

// TestHugeTotalsTrue: 99 repeats nested 10 deep (the language's limits)
// make about 2e21 hours: the totals say so, never a wrapped negative clock.
func TestHugeTotalsTrue(t *testing.T) {
	if got := say.Clock(99 * 99 * 99 * 99 * 99 * 99 * 99 * 99 * 99 * 99 * 86400.0); got != "2.17e+21 h" {
		t.Errorf("clock = %q", got)
	}
	for _, sec := range []float64{1e11, 1e12, 1e18, 1e30} {
		if got := say.Clock(sec); strings.HasPrefix(got, "-") || strings.Contains(got, "(") {
			t.Errorf("say.Clock(%g) = %q", sec, got)
		}
	}
	if got := say.Clock(3725); got != "1:02:05" {
		t.Errorf("say.Clock(3725) = %q", got)
	}
}
