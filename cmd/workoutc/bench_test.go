package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkBuildSeedProcess measures the whole command as a user runs it:
// one real `workoutc build` process compiling both seed workouts, start to
// exit. It reports the wall time per build (ns/op) and the process's own
// CPU time (user + system, cpu-ms/op). The README's speed figures come from
// here; no test holds the command to a time, since a loaded machine would
// make such a test fail.
//
//	go test ./cmd/workoutc -run '^$' -bench BuildSeedProcess -benchtime 40x
func BenchmarkBuildSeedProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "workoutc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	td, err := filepath.Abs("../../testdata")
	if err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "build", "-q", "--athlete", filepath.Join(td, "athletes/sam.yaml"), "--reps", "4",
			"-o", filepath.Join(dir, "out"), filepath.Join(td, "hill-repeats.yaml"), filepath.Join(td, "strength-circuit.yaml"))
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("build: %v\n%s", err, out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
