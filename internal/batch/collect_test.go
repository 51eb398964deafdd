package batch

import (
	"os"
	"testing"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/workouts"
)

// allFIT collects every FIT workout file this package's tests make through
// the batch (fitEnc), for one judgement by Garmin's SDK after the tests.
var allFIT fitsdk.Collector

// collecting is set while the tests run (not for benchmarks or fuzzing).
var collecting bool

// TestMain runs the tests, then sends every FIT workout file the batches
// made to Garmin's SDK in one fitsdk.Check, and fails the run when the SDK
// rejects any (or cannot run).
func TestMain(m *testing.M) {
	os.Exit(fitsdk.Main(m, &allFIT, func() { collecting, produced = true, allFIT.Add }, func() { collecting, produced = false, nil }))
}

// collectFIT is the FIT encoder with every file its Encode returns
// collected (the files of Compile and Run are collected by produced): the
// batch's tests use it wherever they write FIT.
type collectFIT struct{ fitenc.Encoder }

// fitEnc is the FIT encoder of the batch's tests.
var fitEnc encode.Encoder = collectFIT{}

func (e collectFIT) Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	b, d, err := e.Encoder.Encode(w, opts)
	if err == nil && collecting {
		allFIT.Add(b)
	}
	return b, d, err
}
