package preview_test

import (
	"bytes"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/preview"
)

// textOf is the text preview of w, as preview prints it.
func textOf(w *workouts.Workout) []byte {
	var b bytes.Buffer
	preview.New(w).WriteText(&b)
	return b.Bytes()
}

// svgOf is the SVG profile of w.
func svgOf(w *workouts.Workout) []byte {
	var b bytes.Buffer
	preview.New(w).WriteSVG(&b)
	return b.Bytes()
}
