package encode_test

import (
	"fmt"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/connect"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts"
)

// Compile is the whole pipeline: a definition in the workout language and
// an athlete profile in, the resolved workout and one file a format out.
func ExampleCompile() {
	w, diags := workouts.Parse("easy.yaml", []byte(`name: Easy
steps:
  - warmup: 10 min
  - run: 3 mi
    target: pace easy
  - cooldown: lap
`))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	athlete, diags := workouts.ParseAthlete("sam.yaml", []byte(`name: Sam Rivera
units: imperial
zones:
  pace:
    easy: 9:30-10:30 /mi
`))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	encs := []encode.Encoder{fitenc.Encoder{}, tcx.Encoder{}, connect.Encoder{}}
	c := encode.Compile(w, workouts.ResolveOptions{Athlete: athlete}, encs, encode.Options{})
	if c.Diags.HasErrors() {
		fmt.Println(c.Diags)
		return
	}
	run := c.Workout.Steps[1].Target
	fmt.Printf("pace easy: %.3f-%.3f m/s\n", run.Low, run.High)
	for i, enc := range encs {
		fmt.Printf("%s: %d bytes\n", enc.Format(), len(c.Data[i]))
	}
	// Output:
	// pace easy: 2.555-2.823 m/s
	// fit: 200 bytes
	// tcx: 1482 bytes
	// connect: 1895 bytes
}
