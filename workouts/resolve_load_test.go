package workouts_test

import (
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

// TestScaleLoad: a load at a percentage rounds to 0.5 lb or 0.25 kg,
// halves away from zero, never below one step.
func TestScaleLoad(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		pct  float64
		want float64
	}{
		{15, "lb", 90, 13.5}, {15, "lb", 80, 12}, {15, "lb", 70, 10.5}, {25, "lb", 90, 22.5}, {25, "lb", 70, 17.5},
		{6, "kg", 90, 5.5}, {6, "kg", 80, 4.75}, {6, "kg", 70, 4.25}, {10, "kg", 90, 9}, {10, "kg", 85, 8.5},
		{12.5, "lb", 90, 11.5}, // 11.25 is a half step: away from zero
		{1, "kg", 10, 0.25},    // never below one step
		{20, "lb", 110, 22},
	} {
		if got := workouts.ScaleLoad(c.v, c.unit, c.pct); got != c.want {
			t.Errorf("ScaleLoad(%v %s, %v%%) = %v, want %v", c.v, c.unit, c.pct, got, c.want)
		}
	}
}
