package fit_test

import (
	"os"
	"testing"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

// BenchmarkDecode reads the seed circuit back (what inspect does per file).
func BenchmarkDecode(b *testing.B) {
	data, err := os.ReadFile("../../testdata/strength-circuit.fit")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := fitenc.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport reads the seed circuit back and writes it in the language.
func BenchmarkImport(b *testing.B) {
	data, err := os.ReadFile("../../testdata/strength-circuit.fit")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w, _, err := fitenc.Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		workouts.Format(w)
	}
}
