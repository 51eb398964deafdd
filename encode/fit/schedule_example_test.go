package fit_test

import (
	"fmt"
	"time"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

func ExampleEncodeSchedule() {
	opts := encode.Options{Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	w := &workouts.Workout{
		Name:  "Easy 30",
		Sport: workouts.SportRunning,
		Steps: []workouts.Step{{Kind: workouts.KindRun, Intensity: workouts.IntensityActive,
			Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 1800}}},
	}
	workout, _, err := fitenc.Encode(w, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The schedule cites the workout file by the identity in its file_id.
	id, err := fitenc.Identify(workout)
	if err != nil {
		fmt.Println(err)
		return
	}
	schedule, err := fitenc.EncodeSchedule([]fitenc.ScheduledWorkout{
		{Workout: id, Date: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
		{Workout: id, Date: time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)},
	}, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("workout %s, serial %d; schedule of %d bytes\n", fitenc.TypeName(id.Type), id.SerialNumber, len(schedule))
	// Reading the schedule back gives each entry's workout and day.
	entries, err := fitenc.DecodeSchedule(schedule)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range entries {
		fmt.Printf("%s: %s, serial %d\n", e.Date.Format(time.DateOnly), fitenc.TypeName(e.Workout.Type), e.Workout.SerialNumber)
	}
	// Output:
	// workout workout, serial 3310407841; schedule of 116 bytes
	// 2027-01-04: workout, serial 3310407841
	// 2027-01-06: workout, serial 3310407841
}
