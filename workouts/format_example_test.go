package workouts_test

import (
	"fmt"

	"github.com/workoutc/workoutc/workouts"
)

// Format writes a workout (here one read from a file made elsewhere) in the
// workout language; what the language cannot say is flagged.
func ExampleFormat() {
	w := &workouts.Workout{Name: "Intervals", Sport: workouts.SportRunning, Steps: []workouts.Step{
		{Kind: workouts.KindRepeat, Count: 5, Steps: []workouts.Step{
			{Kind: workouts.KindRun, Intensity: workouts.IntensityActive,
				Duration: workouts.Duration{Kind: workouts.DurationDistance, Meters: 1000},
				Target:   workouts.Target{Kind: workouts.TargetPace, Low: 3.333, High: 3.448}},
			{Kind: workouts.KindRecover, Intensity: workouts.IntensityRecovery,
				Duration: workouts.Duration{Kind: workouts.DurationHRBelow, Value: 120},
				Target:   workouts.Target{Kind: workouts.TargetSpeedZone, Zone: 2}},
		}},
	}}
	y, warnings := workouts.Format(w)
	fmt.Print(string(y))
	for _, d := range warnings {
		fmt.Println("warning:", d.Msg)
	}
	// Output:
	// name: Intervals
	// sport: running
	// steps:
	//   - repeat: 5
	//     steps:
	//       - run: 1 km
	//         target: pace 4:50-5:00 /km
	//       # import: the file's target speed zone 2 has no spelling in the language (no speed zones); left open
	//       - recover: until hr below 120
	// warning: step 1.2: the file's target speed zone 2 has no spelling in the language (no speed zones); left open
}
