//go:build unix

package batch

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
)

// binScenario is the re-run of scenario, for the real binary: club A (20
// athletes, the seed plan, FIT) and then club B (25 athletes, the plan
// without its last two weeks, FIT and TCX) into the same folder.
type binScenario struct {
	bin              string
	rosterA, rosterB string
	planA, planB     string
	treeA, treeB     string
	snapA, snapB     map[string]string
	took             time.Duration // a slowed re-run from A to B
}

// slow makes every file write and rename of the binary take a little
// longer, so that a kill or a signal lands anywhere in a run.
const slow = "WORKOUTC_BATCH_FAULT_DELAY=300us"

func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary many times")
	}
	bin := filepath.Join(t.TempDir(), "workoutc")
	if out, err := exec.Command("go", "build", "-tags", "batchfault", "-o", bin, "../../cmd/workoutc").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func newBinScenario(t *testing.T) *binScenario {
	t.Helper()
	s := &binScenario{bin: buildBinary(t)}
	in := t.TempDir()
	s.rosterA, s.rosterB = filepath.Join(in, "a.csv"), filepath.Join(in, "b.csv")
	writeRoster(t, s.rosterA, 20)
	writeRoster(t, s.rosterB, 25)
	s.planA, _ = filepath.Abs(seedPlan)
	planData, _ := os.ReadFile(seedPlan)
	short := strings.Replace(string(planData), "weeks: 8", "weeks: 6", 1)
	short = strings.Replace(short, "reps: [3, 3, 4, 4, 5, 5, 4, 3]", "reps: [3, 3, 4, 4, 5, 5]", 1)
	td, _ := filepath.Abs("../../testdata")
	s.planB = filepath.Join(in, "plan.yaml")
	writeFile(t, s.planB, strings.ReplaceAll(short, "workout: ", "workout: "+td+"/"))
	s.treeA = filepath.Join(t.TempDir(), "a")
	if out, err := s.cmd("a", s.treeA).CombinedOutput(); err != nil {
		t.Fatalf("batch A: %v\n%s", err, out)
	}
	writeFile(t, filepath.Join(s.treeA, "notes.txt"), "the coach's own file")
	s.snapA = snapshot(t, s.treeA)
	s.treeB = filepath.Join(t.TempDir(), "b")
	copyTree(t, s.treeA, s.treeB)
	if out, err := s.cmd("b", s.treeB).CombinedOutput(); err != nil {
		t.Fatalf("batch B: %v\n%s", err, out)
	}
	s.snapB = snapshot(t, s.treeB)
	// How long a slowed re-run takes, to spread the kills over it (the
	// tests do not depend on it being right).
	d := filepath.Join(t.TempDir(), "timing")
	copyTree(t, s.treeA, d)
	start := time.Now()
	if out, err := s.cmd("b", d, slow).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	s.took = time.Since(start)
	return s
}

// cmd is the batch of club "a" or "b" into dir.
func (s *binScenario) cmd(club, dir string, env ...string) *exec.Cmd {
	args := []string{"batch", "-q", "--roster", s.rosterA, "--plan", s.planA, "-o", dir, "--schedule"}
	if club == "b" {
		args = []string{"batch", "-q", "--roster", s.rosterB, "--plan", s.planB, "--allow-outside", "-o", dir, "--format", "fit,tcx"}
	}
	c := exec.Command(s.bin, args...)
	c.Env = append(os.Environ(), env...)
	return c
}

// checkMidway holds a folder that a killed run left to promise 2: every
// file under a final name is whole, A's version or B's, and every other
// entry is the state folder's.
func (s *binScenario) checkMidway(t *testing.T, dir, when string) {
	t.Helper()
	for p, got := range snapshot(t, dir) {
		if p == stateDir || strings.HasPrefix(p, stateDir+"/") {
			continue
		}
		a, inA := s.snapA[p]
		b, inB := s.snapB[p]
		if !(inA && got == a || inB && got == b) {
			t.Fatalf("%s: %s is neither A's nor B's (%d bytes)", when, p, len(got))
		}
	}
}

// settled reports how the folder differs from want, bookkeeping aside
// (the lock's text), and that no staging, old files or journal are left.
func settled(t *testing.T, dir string, want map[string]string) string {
	t.Helper()
	got := snapshot(t, dir)
	d := sameTree(want, got, true)
	for _, p := range []string{stagePrefix, oldPrefix, journalPath} {
		if _, ok := got[p]; ok {
			d += "; left " + p
		}
	}
	return d
}

// TestKilledRunRecovered kills the real binary (SIGKILL) at random moments
// of the re-run from A to B, a bounded number of times: the folder it
// leaves never holds a partial or foreign file under a final name, and
// the next run, of B or of A, cleans up whatever the killed run left and
// gives exactly the folder that run would give.
func TestKilledRunRecovered(t *testing.T) {
	s := newBinScenario(t)
	took := s.took
	rng := rand.New(rand.NewPCG(12, 2026))
	base := t.TempDir()
	recovered := map[string]int{}
	for i := 0; i < 16; i++ {
		dir := filepath.Join(base, fmt.Sprint(i))
		copyTree(t, s.treeA, dir)
		after := time.Duration(rng.Int64N(int64(took) * 11 / 10))
		c := s.cmd("b", dir, slow)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		when := fmt.Sprintf("killed after %v of %v", after.Round(time.Millisecond), took.Round(time.Millisecond))
		s.checkMidway(t, dir, when)
		// The next run: B again, or back to A.
		club, want := "b", s.snapB
		if i%2 == 1 {
			club, want = "a", s.snapA
		}
		out, err := s.cmd(club, dir).CombinedOutput()
		if err != nil {
			t.Fatalf("%s, the run of %s after it: %v\n%s", when, club, err, out)
		}
		if m := bytes.Index(out, []byte(dir+": ")); m >= 0 {
			note := string(out[m+len(dir)+2:])
			recovered[note[:strings.IndexAny(note, ":\n")]]++
		} else {
			recovered["nothing"]++
		}
		if df := settled(t, dir, want); df != "" {
			t.Fatalf("%s, the run of %s after it: %s", when, club, df)
		}
	}
	t.Logf("a re-run of %v, killed 16 times; what the next run found: %v", took.Round(time.Millisecond), recovered)
	var fits []string
	for p := range s.snapB {
		if strings.HasSuffix(p, ".fit") && strings.HasPrefix(p, "athlete-00021") {
			fits = append(fits, filepath.Join(s.treeB, p))
		}
	}
	fitsdk.Require(t, fits...)
}

// TestSignalledRunChangesNothing: SIGTERM or SIGINT at a random moment
// from when the command handles them (it does so before it reads its
// inputs) to past the end of the run: the run either had committed (exit 0, the folder is B) or stops with
// exit 3 and leaves the folder exactly as it was (A), with nothing of its
// own left.
func TestSignalledRunChangesNothing(t *testing.T) {
	s := newBinScenario(t)
	rng := rand.New(rand.NewPCG(7, 12))
	base := t.TempDir()
	done, stopped := 0, 0
	for i := 0; i < 10; i++ {
		dir := filepath.Join(base, fmt.Sprint(i))
		copyTree(t, s.treeA, dir)
		ready := filepath.Join(base, fmt.Sprint(i, ".ready"))
		c := s.cmd("b", dir, slow, "WORKOUTC_BATCH_FAULT_READY="+ready)
		var stderr bytes.Buffer
		c.Stderr = &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		// From the moment the command handles signals (before that, a
		// signal ends any process at once, as a kill does: that case
		// is TestKilledRunRecovered's) to past the end of the run.
		for k := 0; k < 12000; k++ {
			if _, err := os.Stat(ready); err == nil {
				break
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(s.took) * 11 / 10)))
		sig := syscall.SIGTERM
		if i%2 == 1 {
			sig = syscall.SIGINT
		}
		c.Process.Signal(sig)
		err := c.Wait()
		switch {
		case err == nil:
			done++
			if d := settled(t, dir, s.snapB); d != "" {
				t.Fatalf("%v after the commit: %s", sig, d)
			}
		default:
			stopped++
			if code := c.ProcessState.ExitCode(); code != 3 || !strings.Contains(stderr.String(), "interrupted") {
				t.Fatalf("%v: exit %d, %s", sig, code, stderr.String())
			}
			if d := settled(t, dir, s.snapA); d != "" {
				t.Fatalf("%v, stopped: the folder changed: %s", sig, d)
			}
		}
	}
	t.Logf("10 signals: %d runs stopped, unchanged; %d had committed", stopped, done)
}

// TestConcurrentRunRefused: while one batch writes a folder, a second is
// refused at once (exit 3) with a message naming the first (pid, host,
// start); the first then finishes as if alone. A batch killed while it
// holds the lock does not block the next one.
func TestConcurrentRunRefused(t *testing.T) {
	s := newBinScenario(t)
	dir := filepath.Join(t.TempDir(), "out")
	copyTree(t, s.treeA, dir)
	release := filepath.Join(t.TempDir(), "release")
	first := s.cmd("b", dir, "WORKOUTC_BATCH_FAULT_HOLD="+release)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	holder := fmt.Sprintf("pid %d on ", first.Process.Pid)
	waitLock := func() {
		for i := 0; ; i++ {
			if b, _ := os.ReadFile(filepath.Join(dir, lockPath)); strings.Contains(string(b), holder) {
				return
			}
			if i == 3000 {
				t.Fatal("the first run never took the lock")
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitLock()
	second := s.cmd("a", dir)
	out, err := second.CombinedOutput()
	host, _ := os.Hostname()
	if err == nil || second.ProcessState.ExitCode() != 3 || !strings.Contains(string(out), "is being written by another batch ("+holder+host+", started ") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	os.WriteFile(release, nil, 0o644)
	if err := first.Wait(); err != nil {
		t.Fatalf("first run: %v", err)
	}
	if d := settled(t, dir, s.snapB); d != "" {
		t.Fatalf("after both: %s", d)
	}

	// A holder killed: its lock goes with it.
	os.Remove(release)
	third := s.cmd("a", dir, "WORKOUTC_BATCH_FAULT_HOLD="+release)
	if err := third.Start(); err != nil {
		t.Fatal(err)
	}
	holder = fmt.Sprintf("pid %d on ", third.Process.Pid)
	waitLock()
	third.Process.Signal(syscall.SIGKILL)
	third.Wait()
	if out, err := s.cmd("a", dir).CombinedOutput(); err != nil {
		t.Fatalf("after a killed holder: %v\n%s", err, out)
	}
	if d := settled(t, dir, s.snapA); d != "" {
		t.Errorf("after a killed holder: %s", d)
	}
}
