package fit_test

import (
	"fmt"
	"os"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

// Decode reads a FIT workout file back into the model; InspectText shows it
// and Format writes it in the workout language.
func ExampleDecode() {
	data, err := os.ReadFile("../../testdata/hill-repeats.fit")
	if err != nil {
		panic(err)
	}
	w, warnings, err := fitenc.Decode(data)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(warnings), "warnings")
	fmt.Print(workouts.InspectText(w))
	// Output:
	// 0 warnings
	// Hill Repeats
	// sport: running
	// description: Posterior-chain strength run.
	// steps: 5 (1 of them a repeat)
	//
	// 1. warmup 1 mi, pace 9:30-10:30 /mi (5:54-6:31 /km)
	// 2. repeat 4 times
	//   2.1 run "Uphill" 2:00
	//       notes: Hinge forward slightly, quick small steps, drive the knees, pump the arms.
	//   2.2 recover "Walk or slow jog" 1:00
	// 3. cooldown 1 mi, pace 9:30-10:30 /mi (5:54-6:31 /km)
}

// A file that is not a workout is refused with one line.
func ExampleDecode_activity() {
	_, _, err := fitenc.Decode([]byte("not a FIT file"))
	fmt.Println(err)
	// Output:
	// not a valid FIT file: no FIT header
}
