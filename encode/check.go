package encode

import (
	"math"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/say"
)

// Errorf reports a problem at a position, as an encoder's diagnostics do.
type Errorf func(pos workouts.Pos, format string, args ...any)

// The checks below are the rules every encoder (FIT, TCX, Connect) applies
// to a resolved workout: each is stated once, so that it holds, and is
// worded, the same in every format. Each reports the problem through
// errorf and returns whether the value passed.

// CheckKind reports a step of a kind the language does not have.
func CheckKind(errorf Errorf, s *workouts.Step) bool {
	switch s.Kind {
	case workouts.KindWarmup, workouts.KindRun, workouts.KindRecover, workouts.KindRest,
		workouts.KindCooldown, workouts.KindExercise:
		return true
	}
	errorf(s.Pos, "unknown step kind %d", s.Kind)
	return false
}

// CheckUnnamed reports a target that is still a named zone: encoders take
// resolved workouts.
func CheckUnnamed(errorf Errorf, pos workouts.Pos, t *workouts.Target) bool {
	if t.Named() {
		errorf(pos, "target %q is a named zone; resolve the workout before encoding", t.Name)
		return false
	}
	return true
}

// CheckWeight reports a weight that is still a named load or whose unit is
// neither kg nor lb.
func CheckWeight(errorf Errorf, pos workouts.Pos, w *workouts.Weight) bool {
	switch {
	case w.Name != "":
		errorf(pos, "weight %q is a named load; resolve the workout before encoding", w.Name)
	case w.Unit != "kg" && w.Unit != "lb":
		errorf(pos, "weight unit %q is neither kg nor lb", w.Unit)
	default:
		return true
	}
	return false
}

// CheckZone reports a zone number outside 1-max.
func CheckZone(errorf Errorf, pos workouts.Pos, what string, z, max int) bool {
	if z < 1 || z > max {
		errorf(pos, "%s zone %d is outside 1-%d", what, z, max)
		return false
	}
	return true
}

// CheckRange reports a range target whose ends, rounded, are not within
// [min, max]; unit is what follows the numbers (" bpm", "% of max").
func CheckRange(errorf Errorf, pos workouts.Pos, what string, lo, hi, min, max float64, unit string) bool {
	for _, v := range [2]float64{lo, hi} {
		if r := math.Round(v); !(r >= min && r <= max) {
			errorf(pos, "%s %s%s is outside %v-%v", what, say.Range(lo, hi), unit, min, max)
			return false
		}
	}
	return true
}
