package fit_test

import (
	"fmt"
	"time"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

func ExampleEncode() {
	w := &workouts.Workout{
		Pos:   workouts.Pos{File: "easy.yaml"},
		Name:  "Easy 5k",
		Sport: workouts.SportRunning,
		Steps: []workouts.Step{
			{Kind: workouts.KindWarmup, Intensity: workouts.IntensityWarmup,
				Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 600}},
			{Kind: workouts.KindRun, Name: "Steady", Intensity: workouts.IntensityActive,
				Duration: workouts.Duration{Kind: workouts.DurationDistance, Meters: 5000},
				Target:   workouts.Target{Kind: workouts.TargetHR, Low: 140, High: 150}},
			{Kind: workouts.KindCooldown, Intensity: workouts.IntensityCooldown,
				Duration: workouts.Duration{Kind: workouts.DurationLap}},
		},
	}
	data, warnings, err := fitenc.Encode(w, encode.Options{Time: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bytes, %d steps, %d warnings\n", len(data), workouts.CountSteps(w.Steps), len(warnings))
	fmt.Printf("header: % x\n", data[:12])
	// Output:
	// 213 bytes, 3 steps, 0 warnings
	// header: 0e 10 c4 52 c5 00 00 00 2e 46 49 54
}
