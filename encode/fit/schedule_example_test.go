package fit_test

import (
	"fmt"
	"os"
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
	if err := fitenc.Dump(os.Stdout, schedule); err != nil {
		fmt.Println(err)
	}
	// Output:
	// workout workout, serial 3310407841; schedule of 116 bytes
	// fit file 1: header 14 bytes, protocol 1.0 (0x10), profile 21188, data 100 bytes, header crc 0xd4c5, crc 0x37ca
	// file_id:
	//   type: 7 (schedules)
	//   manufacturer: 255 (development)
	//   product: 0
	//   serial_number: 3782016907 (0xe16cff8b)
	//   time_created: 1165017600 (2026-12-01T00:00:00Z)
	// schedule:
	//   type: 0 (workout)
	//   scheduled_time: 1167955200 (2027-01-04 local)
	//   manufacturer: 255 (development)
	//   product: 0
	//   serial_number: 3310407841 (0xc550d0a1)
	//   time_created: 1165017600 (2026-12-01T00:00:00Z)
	//   completed: 0 (false)
	// schedule:
	//   type: 0 (workout)
	//   scheduled_time: 1168128000 (2027-01-06 local)
	//   manufacturer: 255 (development)
	//   product: 0
	//   serial_number: 3310407841 (0xc550d0a1)
	//   time_created: 1165017600 (2026-12-01T00:00:00Z)
	//   completed: 0 (false)
}
