package main

import "github.com/workoutc/workoutc/workouts"

// decodeTCX reads a TCX workout file. It is wired to encode/tcx's reader
// once that exists.
func decodeTCX(data []byte) (*workouts.Workout, workouts.Diagnostics, error) {
	return nil, nil, errNoTCX
}
