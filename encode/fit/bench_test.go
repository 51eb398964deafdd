package fit_test

import (
	"os"
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

// BenchmarkAppendEncodeHill appends to a reused buffer (AppendEncode is a
// test helper now; see export_test.go).
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

// seed parses and resolves a definition of the repository's testdata for
// the benchmarks, as build does.
func seed(b *testing.B, file string) *workouts.Workout {
	src, err := os.ReadFile("../../testdata/" + file)
	if err != nil {
		b.Fatal(err)
	}
	asrc, err := os.ReadFile("../../testdata/athletes/sam.yaml")
	if err != nil {
		b.Fatal(err)
	}
	a, diags := workouts.ParseAthlete("sam.yaml", asrc)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	w, diags := workouts.Parse(file, src)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	r, diags := workouts.Resolve(w, workouts.ResolveOptions{Athlete: a, Reps: 4})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	return r
}

// BenchmarkEncodeSeedHill and BenchmarkEncodeSeedCircuit compile the seed
// definitions, parsed and resolved once, to FIT bytes: the hot path of a
// batch build. The aim is at least 150,000 hill workouts/s on one core.
func BenchmarkEncodeSeedHill(b *testing.B) { benchEncode(b, seed(b, "hill-repeats.yaml")) }

// BenchmarkEncodeSeedCircuit: see BenchmarkEncodeSeedHill.
func BenchmarkEncodeSeedCircuit(b *testing.B) { benchEncode(b, seed(b, "strength-circuit.yaml")) }

// BenchmarkCompileSeedHill is the whole pipeline from YAML bytes: parse,
// resolve, encode.
func BenchmarkCompileSeedHill(b *testing.B) {
	src, err := os.ReadFile("../../testdata/hill-repeats.yaml")
	if err != nil {
		b.Fatal(err)
	}
	a := &workouts.Athlete{Name: "Sam"}
	if err := a.SetZone("pace", "easy", "9:30-10:30 /mi"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w, diags := workouts.Parse("hill-repeats.yaml", src)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		r, diags := workouts.Resolve(w, workouts.ResolveOptions{Athlete: a, Reps: 4})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		if _, _, err := fitenc.Encode(r, testOpts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "workouts/s")
}
