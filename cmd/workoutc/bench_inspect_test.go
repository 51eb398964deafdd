package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkInspectGoldensProcess measures `workoutc inspect` as a user runs
// it: one real process reading back every FIT and TCX golden of testdata,
// start to exit. It reports the wall time per run (ns/op) and the process's
// own CPU time (cpu-ms/op). No test holds the command to a time.
//
//	go test ./cmd/workoutc -run '^$' -bench InspectGoldensProcess -benchtime 40x
func BenchmarkInspectGoldensProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "workoutc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
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
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, append([]string{"inspect"}, files...)...)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("inspect: %v\n%s", err, out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
