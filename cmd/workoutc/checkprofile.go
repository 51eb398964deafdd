package main

import "github.com/workoutc/workoutc/workouts"

// withoutProfile returns a copy of w with what needs an athlete profile
// taken out: named zones become open targets and named loads no load. check
// compiles it when no --athlete is given, so that every problem that does
// not depend on the profile (a 16-byte step name, too many steps, what a
// format cannot hold) shows without one. w is not modified.
func withoutProfile(w *workouts.Workout) *workouts.Workout {
	out := *w
	out.Steps = stepsWithoutProfile(w.Steps)
	return &out
}

func stepsWithoutProfile(in []workouts.Step) []workouts.Step {
	if in == nil {
		return nil
	}
	out := make([]workouts.Step, len(in))
	for i, s := range in {
		if s.Target.Named() {
			s.Target = workouts.Target{Pos: s.Target.Pos}
		}
		if s.Secondary.Named() {
			s.Secondary = workouts.Target{}
		}
		if s.Weight != nil && s.Weight.Name != "" {
			s.Weight = nil
		}
		s.Steps = stepsWithoutProfile(s.Steps)
		out[i] = s
	}
	return out
}
