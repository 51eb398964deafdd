package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The Benchmark…Process functions measure whole commands as a user runs
// them: one real workoutc process a run, start to exit. Each reports the
// wall time per run (ns/op) and the process's own CPU time (user + system,
// cpu-ms/op). The README's speed figures come from here; no test holds a
// command to a time, since a loaded machine would make such a test fail.

// processBench builds workoutc into a temporary folder and returns a
// runner of one process, which adds that process's CPU time to *cpu.
func processBench(b *testing.B) (run func(args ...string), cpu *time.Duration) {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "workoutc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	cpu = new(time.Duration)
	return func(args ...string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", args[0], err, out)
		}
		*cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}, cpu
}

func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkBuildSeedProcess is `workoutc build` of both seed workouts for
// an athlete.
//
//	go test ./cmd/workoutc -run '^$' -bench BuildSeedProcess -benchtime 40x
func BenchmarkBuildSeedProcess(b *testing.B) {
	run, cpu := processBench(b)
	td, err := filepath.Abs("../../testdata")
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "out")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run("build", "-q", "--athlete", filepath.Join(td, "athletes/sam.yaml"), "--reps", "4",
			"-o", out, filepath.Join(td, "hill-repeats.yaml"), filepath.Join(td, "strength-circuit.yaml"))
	}
	reportCPU(b, *cpu)
}

// BenchmarkBatchClubProcess is `workoutc batch --schedule` of the example
// club (4 athletes, the 8-week plan: 80 workout files and 4 schedules):
// "fresh" into an empty folder each run, "again" over its own unchanged
// output. The 20,000-file batch is internal/batch's BenchmarkRun1000 and
// scripts/bench-batch.sh.
//
//	go test ./cmd/workoutc -run '^$' -bench BatchClubProcess -benchtime 20x
func BenchmarkBatchClubProcess(b *testing.B) {
	run, cpu := processBench(b)
	args := func(out string) []string {
		return []string{"batch", "-q", "--schedule", "--roster", "../../testdata/club/roster.csv", "--plan", "../../testdata/plan.yaml", "-o", out}
	}
	dir := b.TempDir()
	b.Run("fresh", func(b *testing.B) {
		*cpu = 0
		for i := 0; i < b.N; i++ {
			run(args(filepath.Join(dir, fmt.Sprintf("fresh-%d-%d", b.N, i)))...)
		}
		reportCPU(b, *cpu)
	})
	b.Run("again", func(b *testing.B) {
		out := filepath.Join(dir, "again")
		run(args(out)...)
		*cpu = 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			run(args(out)...)
		}
		reportCPU(b, *cpu)
	})
}
