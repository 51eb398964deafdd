package main

import (
	"path/filepath"
	"testing"
)

// BenchmarkInspectGoldensProcess is `workoutc inspect` of every FIT and
// TCX golden of testdata in one process.
//
//	go test ./cmd/workoutc -run '^$' -bench InspectGoldensProcess -benchtime 40x
func BenchmarkInspectGoldensProcess(b *testing.B) {
	run, cpu := processBench(b)
	var files []string
	for _, pat := range []string{"*.fit", "*.tcx"} {
		m, err := filepath.Glob(filepath.Join("../../testdata", pat))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		b.Fatal("no FIT or TCX goldens in ../../testdata")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run(append([]string{"inspect"}, files...)...)
	}
	reportCPU(b, *cpu)
}
