// Package decode reads a workout file in any format workoutc reads, FIT,
// TCX or Garmin Connect JSON, told apart by its content rather than its
// name, with the reader of encode/fit, encode/tcx or encode/connect.
package decode

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/workoutc/workoutc/encode/connect"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

// File reads data, the content of the file name, into the workout model.
// format is "fit" (data has ".FIT" in a FIT header), "tcx" (data is XML)
// or "connect" (data is a JSON object); positions in w and diags name the
// file. The error names the file too: a [workouts.Diagnostics] when the
// problems have a place (FILE:LINE:COL: message, one a line), else one
// line "NAME: why" with the name and the reason's control characters
// escaped.
func File(name string, data []byte) (format string, w *workouts.Workout, diags workouts.Diagnostics, err error) {
	switch {
	case fitenc.IsFIT(data):
		format = "fit"
		w, diags, err = fitenc.Decode(data)
	case isXML(data):
		format = "tcx"
		w, diags, err = tcx.DecodeFile(name, data)
	case connect.IsJSON(data):
		format = "connect"
		w, diags, err = connect.DecodeFile(name, data)
	default:
		if len(bytes.TrimSpace(data)) == 0 {
			return "", nil, nil, fmt.Errorf("%s: empty file; not a workout file", term.Clean(name))
		}
		return "", nil, nil, fmt.Errorf("%s: neither a FIT, a TCX nor a Connect JSON file (a FIT file has \".FIT\" in its header, a TCX file is XML, Connect JSON is an object)", term.Clean(name))
	}
	var located workouts.Diagnostics
	if errors.As(err, &located) {
		locate(located, name)
		return "", nil, nil, located
	}
	if err != nil {
		return "", nil, nil, fmt.Errorf("%s: %s", term.Clean(name), term.Clean(err.Error()))
	}
	locate(diags, name)
	return format, w, diags, nil
}

// locate names the file in the positions of ds that have none (FIT's
// reader does not know it).
func locate(ds workouts.Diagnostics, name string) {
	for i := range ds {
		if ds[i].Pos.File == "" {
			ds[i].Pos.File = name
		}
	}
}

// isXML reports whether data starts (after a BOM and blanks) with "<".
func isXML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '<'
}
