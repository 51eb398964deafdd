package fitdump_test

import (
	"fmt"
	"os"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitdump"
	"github.com/workoutc/workoutc/workouts"
)

func ExampleDump() {
	w := &workouts.Workout{
		Name:  "Plank",
		Sport: workouts.SportStrength,
		Units: "metric",
		Steps: []workouts.Step{{
			Kind: workouts.KindExercise, Intensity: workouts.IntensityActive,
			Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 45},
			Exercise: &workouts.Exercise{Category: 19, Number: 43, Key: "plank/plank", Title: "Plank"},
			Weight:   &workouts.Weight{Value: 10, Unit: "kg"},
		}},
	}
	data, _, err := fitenc.Encode(w, encode.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := fitdump.Dump(os.Stdout, data); err != nil {
		fmt.Println(err)
	}
	// Output:
	// fit file 1: header 14 bytes, protocol 1.0 (0x10), profile 21188, data 153 bytes, header crc 0x090b, crc 0x2e32
	// file_id:
	//   type: 5 (workout)
	//   manufacturer: 255 (development)
	//   product: 0
	//   serial_number: 137551599 (0x0832deef)
	//   time_created: 946771200 (2020-01-01T00:00:00Z)
	// workout:
	//   wkt_name: "Plank"
	//   sport: 10 (training)
	//   sub_sport: 20 (strength_training)
	//   num_valid_steps: 1
	// workout_step:
	//   message_index: 0
	//   duration: time 45000 (45 s)
	//   target: open 0
	//   intensity: 0 (active)
	//   exercise: plank/plank (19/43)
	//   weight: 1000 (10.00 kg, shown in kilogram)
	// exercise_title:
	//   message_index: 0
	//   exercise: plank/plank (19/43)
	//   wkt_step_name: ["Plank"]
}
