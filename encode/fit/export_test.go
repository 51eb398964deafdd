package fit

import (
	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// AppendEncode is Encode appending the file to dst; it returns dst
// unchanged on error. No package but this one's tests used it, so it is a
// test helper now.
func AppendEncode(dst []byte, w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	b, diags, err := Encode(w, opts)
	if err != nil {
		return dst, nil, err
	}
	return append(dst, b...), diags, nil
}

// Internals under test.
var (
	RemapSerial = remapSerial
	CutUTF8     = cutUTF8
	ErrPanic    = errPanic
)

// SetProduced makes f see every file Encode and EncodeSchedule return.
func SetProduced(f func([]byte)) { produced = f }
