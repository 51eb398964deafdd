package main

import (
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts"
)

// decodeTCX reads a TCX workout file with encode/tcx's reader; positions
// name the file.
func decodeTCX(name string, data []byte) (*workouts.Workout, workouts.Diagnostics, error) {
	return tcx.DecodeFile(name, data)
}
