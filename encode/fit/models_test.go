package fit_test

import (
	"time"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// The test workouts are built by hand as resolved models, the way the
// parser and resolver of package workouts hand them to an encoder.

var testTime = time.Date(2026, time.January, 2, 3, 4, 5, 0, time.UTC)

var testOpts = encode.Options{Time: testTime}

func pos(line int) workouts.Pos { return workouts.Pos{File: "test.yaml", Line: line, Col: 5} }

// pace910 is "pace 9:30-10:30 /mi" resolved: Low is the slower end.
var pace910 = workouts.Target{Kind: workouts.TargetPace, Low: 1609.344 / 630, High: 1609.344 / 570, Unit: "/mi"}

const uphillNotes = "Hinge forward slightly, quick small steps, drive the knees, pump the arms."

// hillWorkout is the seed article's hill workout with pace easy = 9:30-10:30 /mi.
func hillWorkout() *workouts.Workout {
	return &workouts.Workout{
		Pos:         workouts.Pos{File: "hill-repeats.yaml"},
		Name:        "Hill Repeats",
		Sport:       workouts.SportRunning,
		Description: "Posterior-chain strength run.",
		Units:       "imperial",
		Steps: []workouts.Step{
			{Pos: pos(7), Kind: workouts.KindWarmup, Intensity: workouts.IntensityWarmup,
				Duration: workouts.Duration{Kind: workouts.DurationDistance, Meters: 1609.344, Unit: "mi"},
				Target:   pace910},
			{Pos: pos(9), Kind: workouts.KindRepeat, Count: 4, Steps: []workouts.Step{
				{Pos: pos(11), Kind: workouts.KindRun, Name: "Uphill", Notes: uphillNotes,
					Intensity: workouts.IntensityActive,
					Duration:  workouts.Duration{Kind: workouts.DurationTime, Seconds: 120, Unit: "min"}},
				{Pos: pos(14), Kind: workouts.KindRecover, Name: "Walk or slow jog",
					Intensity: workouts.IntensityRecovery,
					Duration:  workouts.Duration{Kind: workouts.DurationTime, Seconds: 60, Unit: "min"}},
			}},
			{Pos: pos(16), Kind: workouts.KindCooldown, Intensity: workouts.IntensityCooldown,
				Duration: workouts.Duration{Kind: workouts.DurationDistance, Meters: 1609.344, Unit: "mi"},
				Target:   pace910},
		},
	}
}

func exercise(line int, cat, num uint16, key, title string, lb float64, eachSide bool) workouts.Step {
	return workouts.Step{
		Pos: pos(line), Kind: workouts.KindExercise, Intensity: workouts.IntensityActive,
		Duration: workouts.Duration{Kind: workouts.DurationReps, Reps: 10},
		Exercise: &workouts.Exercise{Category: cat, Number: num, Key: key, Title: title},
		Weight:   &workouts.Weight{Value: lb, Unit: "lb", Pos: pos(line + 2)},
		EachSide: eachSide,
	}
}

// circuitWorkout is the seed article's dumbbell circuit for an imperial
// athlete with medium = 15 lb and heavy = 25 lb.
func circuitWorkout() *workouts.Workout {
	return &workouts.Workout{
		Pos:   workouts.Pos{File: "strength-circuit.yaml"},
		Name:  "Runner Strength Circuit",
		Sport: workouts.SportStrength,
		Units: "imperial",
		Steps: []workouts.Step{
			{Pos: pos(6), Kind: workouts.KindRepeat, Count: 3, Steps: []workouts.Step{
				exercise(8, 28, 29, "squat/dumbbell_squat", "Dumbbell Squat", 15, false),
				exercise(11, 8, 2, "deadlift/dumbbell_deadlift", "Dumbbell Deadlift", 15, false),
				exercise(14, 8, 14, "deadlift/single_leg_romanian_deadlift_with_dumbbell",
					"Single-leg Romanian Deadlift with Dumbbell", 15, true),
				exercise(18, 10, 12, "hip_raise/weighted_hip_raise", "Weighted Hip Raise", 25, false),
				exercise(21, 10, 31, "hip_raise/weighted_single_leg_hip_raise", "Weighted Single-leg Hip Raise", 25, true),
				{Pos: pos(25), Kind: workouts.KindRest, Intensity: workouts.IntensityRest,
					Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 120, Unit: "min"}},
			}},
		},
	}
}

// nestedWorkout has a repeat inside a repeat; both start at step 1.
func nestedWorkout() *workouts.Workout {
	return &workouts.Workout{
		Pos:   workouts.Pos{File: "nested-repeats.yaml"},
		Name:  "600s ladder",
		Sport: workouts.SportRunning,
		Steps: []workouts.Step{
			{Pos: pos(5), Kind: workouts.KindWarmup, Intensity: workouts.IntensityWarmup,
				Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 600},
				Target:   workouts.Target{Kind: workouts.TargetHRZone, Zone: 1}},
			{Pos: pos(7), Kind: workouts.KindRepeat, Count: 2, Steps: []workouts.Step{
				{Pos: pos(9), Kind: workouts.KindRepeat, Count: 4, Steps: []workouts.Step{
					{Pos: pos(11), Kind: workouts.KindRun, Intensity: workouts.IntensityActive,
						Duration: workouts.Duration{Kind: workouts.DurationDistance, Meters: 600},
						Target:   workouts.Target{Kind: workouts.TargetPace, Low: 1000.0 / 310, High: 1000.0 / 300, Unit: "/km"}},
					{Pos: pos(13), Kind: workouts.KindRecover, Intensity: workouts.IntensityRecovery,
						Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 60}},
				}},
				{Pos: pos(14), Kind: workouts.KindRecover, Intensity: workouts.IntensityRest,
					Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 300}},
			}},
			{Pos: pos(16), Kind: workouts.KindCooldown, Intensity: workouts.IntensityCooldown,
				Duration: workouts.Duration{Kind: workouts.DurationLap}},
		},
	}
}

// targetsWorkout has every kind of duration and target.
func targetsWorkout() *workouts.Workout {
	run := func(line int, d workouts.Duration, t workouts.Target) workouts.Step {
		return workouts.Step{Pos: pos(line), Kind: workouts.KindRun, Intensity: workouts.IntensityActive, Duration: d, Target: t}
	}
	sec := func(s float64) workouts.Duration { return workouts.Duration{Kind: workouts.DurationTime, Seconds: s} }
	m := func(m float64) workouts.Duration {
		return workouts.Duration{Kind: workouts.DurationDistance, Meters: m}
	}
	interval := run(24, workouts.Duration{Kind: workouts.DurationLap},
		workouts.Target{Kind: workouts.TargetPace, Low: 1000.0 / 240, High: 1000.0 / 240, Unit: "/km"})
	interval.Intensity = workouts.IntensityInterval
	return &workouts.Workout{
		Pos:         workouts.Pos{File: "all-targets.yaml"},
		Name:        "Target sampler",
		Sport:       workouts.SportCycling,
		Description: "Not a real session; it exercises every target.",
		Steps: []workouts.Step{
			{Pos: pos(6), Kind: workouts.KindWarmup, Intensity: workouts.IntensityWarmup, Duration: sec(900)},
			run(8, m(5000), workouts.Target{Kind: workouts.TargetPower, Low: 200, High: 250}),
			run(10, m(2*1609.344), workouts.Target{Kind: workouts.TargetPower, Low: 85, High: 95, Percent: true}),
			run(12, m(1000*0.9144), workouts.Target{Kind: workouts.TargetPowerZone, Zone: 4}),
			run(14, sec(90), workouts.Target{Kind: workouts.TargetHR, Low: 140, High: 155}),
			run(16, sec(90), workouts.Target{Kind: workouts.TargetHR, Low: 70, High: 80, Percent: true}),
			run(18, sec(3600), workouts.Target{Kind: workouts.TargetHRZone, Zone: 3}),
			run(20, m(1500), workouts.Target{Kind: workouts.TargetCadence, Low: 85, High: 95}),
			run(22, m(400), workouts.Target{Kind: workouts.TargetPace, Low: 1609.344 / 510, High: 1609.344 / 480, Unit: "/mi"}),
			interval,
			{Pos: pos(27), Kind: workouts.KindCooldown, Intensity: workouts.IntensityCooldown, Duration: sec(600)},
		},
	}
}

// mixedWorkout is a metric strength workout with what the seed circuit
// lacks: kg loads, a timed each-side exercise with notes, an exercise with
// its own name, a pair used twice, a bodyweight exercise and a lap rest.
func mixedWorkout() *workouts.Workout {
	goblet := workouts.Step{Pos: pos(5), Kind: workouts.KindExercise, Name: "Goblet squat", Intensity: workouts.IntensityActive,
		Duration: workouts.Duration{Kind: workouts.DurationReps, Reps: 12},
		Exercise: &workouts.Exercise{Category: 28, Number: 37, Key: "squat/goblet_squat", Title: "Goblet Squat"},
		Weight:   &workouts.Weight{Value: 7.5, Unit: "kg"}}
	gobletAgain := goblet
	gobletAgain.Pos, gobletAgain.Name = pos(20), "Goblet squat 2"
	return &workouts.Workout{
		Pos:   workouts.Pos{File: "mixed.yaml"},
		Name:  "Circuit (metric)",
		Sport: workouts.SportStrength,
		Units: "metric",
		Steps: []workouts.Step{
			goblet,
			{Pos: pos(9), Kind: workouts.KindExercise, Intensity: workouts.IntensityActive,
				Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 45},
				Exercise: &workouts.Exercise{Category: 19, Number: 43, Key: "plank/plank", Title: "Plank"}},
			{Pos: pos(12), Kind: workouts.KindExercise, Intensity: workouts.IntensityActive,
				Notes:    "Keep the hips level.",
				Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 30},
				Exercise: &workouts.Exercise{Category: 19, Number: 66, Key: "plank/side_plank", Title: "Side Plank"},
				EachSide: true},
			{Pos: pos(15), Kind: workouts.KindExercise, Intensity: workouts.IntensityActive,
				Duration: workouts.Duration{Kind: workouts.DurationReps, Reps: 8},
				Exercise: &workouts.Exercise{Category: 17, Number: 77, Key: "lunge/walking_dumbbell_lunge", Title: "Walking Dumbbell Lunge"},
				Weight:   &workouts.Weight{Value: 25, Unit: "lb"}, // shown in kg: the athlete is metric
				EachSide: true},
			gobletAgain,
			{Pos: pos(23), Kind: workouts.KindRest, Intensity: workouts.IntensityRest, Notes: "Continue when ready.",
				Duration: workouts.Duration{Kind: workouts.DurationLap}},
		},
	}
}

type namedWorkout struct {
	name string
	w    func() *workouts.Workout
}

var testWorkouts = []namedWorkout{
	{"hill", hillWorkout},
	{"circuit", circuitWorkout},
	{"nested", nestedWorkout},
	{"targets", targetsWorkout},
	{"mixed", mixedWorkout},
}
