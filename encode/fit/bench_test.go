package fit_test

import (
	"testing"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

func benchEncode(b *testing.B, w *workouts.Workout) {
	b.ReportAllocs()
	var n int
	for b.Loop() {
		data, _, err := fitenc.Encode(w, testOpts)
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.SetBytes(int64(n))
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "workouts/s")
}

func BenchmarkEncodeHill(b *testing.B)    { benchEncode(b, hillWorkout()) }
func BenchmarkEncodeCircuit(b *testing.B) { benchEncode(b, circuitWorkout()) }

// BenchmarkAppendEncodeHill reuses the output buffer, as a batch build can.
func BenchmarkAppendEncodeHill(b *testing.B) {
	w := hillWorkout()
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		var err error
		buf, _, err = fitenc.AppendEncode(buf[:0], w, testOpts)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "workouts/s")
}
