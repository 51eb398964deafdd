package tcx_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
)

// BenchmarkEncodeHill encodes the seed hill workout (resolved for
// testdata/athletes/sam.yaml, 4 repeats) to TCX.
func BenchmarkEncodeHill(b *testing.B) {
	var src string
	for _, g := range goldens(b) {
		if g.name == "hill-repeats" {
			src = g.src
		}
	}
	w := compile(b, "hill-repeats.yaml", src, "sam.yaml", 4)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := tcx.Encode(w, encode.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeHill reads the hill's golden TCX file.
func BenchmarkDecodeHill(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(testdata, "hill-repeats.tcx"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := tcx.DecodeFile("", data); err != nil {
			b.Fatal(err)
		}
	}
}
