package preview_test

import (
	"io"
	"testing"

	"github.com/workoutc/workoutc/workouts/preview"
)

// BenchmarkSVG renders the seed circuit's profile (18 blocks, labels laid
// out, brackets per round).
func BenchmarkSVG(b *testing.B) {
	w := load(b, "strength-circuit")
	b.ReportAllocs()
	for b.Loop() {
		preview.New(w).WriteSVG(io.Discard)
	}
}

// BenchmarkText renders the nested-repeat workout's text preview.
func BenchmarkText(b *testing.B) {
	w := load(b, "nested-repeats")
	b.ReportAllocs()
	for b.Loop() {
		preview.New(w).WriteText(io.Discard)
	}
}
