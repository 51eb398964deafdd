// Package encode is what every output format of workoutc shares: the small
// Encoder interface that encode/fit, encode/tcx and encode/connect
// implement, [Compile] (resolve a parsed workout and encode it), the
// options that make output deterministic, and the atomic writes of the
// files ([WriteFileAtomic], [WriteFiles]). Reading a file of any format
// back is encode/decode.
package encode

import (
	"time"

	"github.com/workoutc/workoutc/workouts"
)

// Options are the inputs of an encode besides the workout itself. The zero
// value gives deterministic output.
type Options struct {
	// Time is the file's creation time. The zero Time means DefaultTime.
	// Callers honour SOURCE_DATE_EPOCH by setting it (see TimeFromEnv).
	Time time.Time
	// Salt is mixed into identities derived from content (the FIT serial
	// number), so that the same workout written for two athletes or two
	// dates still gets two identities. Empty for a plain build.
	Salt string
	// Serial, when not zero, sets the FIT serial number
	// (file_id.serial_number) of a workout file, which otherwise comes
	// whole from the content and Salt. With SerialMask zero it is the
	// serial number itself (0xFFFFFFFF, FIT's invalid value, is an
	// error). Otherwise only the bits outside SerialMask come from Serial
	// and the bits inside it still come from the content and Salt: a block
	// of serial numbers, as internal/batch gives each athlete, within which
	// different workouts still differ. The FIT encoder honours it; other
	// formats ignore it.
	Serial uint32
	// SerialMask is the part of a non-zero Serial left to the content.
	SerialMask uint32
}

// Encoder turns a resolved workout into the bytes of one file format.
type Encoder interface {
	// Format is the format's name as --format spells it ("fit", "tcx").
	Format() string
	// Encode returns the file's bytes and warnings about what the format
	// or devices may not take (text cut to fit, too many steps, ...). The
	// workout must be resolved and valid; an error means nothing usable
	// was produced. Encode must not keep w or modify it.
	Encode(w *workouts.Workout, opts Options) ([]byte, workouts.Diagnostics, error)
}
