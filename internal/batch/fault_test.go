package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts/club"
)

// snapshot maps every entry under dir (slash paths, the state folder
// included) to what it is: a file's bytes, "dir", or "link -> target".
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			out[rel] = "link -> " + l
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if rel == manifestPath {
				// The run's id differs from run to run; the rest not.
				if i := bytes.Index(b, []byte("\nrun ")); i >= 0 {
					if j := bytes.IndexByte(b[i+1:], '\n'); j >= 0 {
						b = append(b[:i+1:i+1], b[i+1+j+1:]...)
					}
				}
			}
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree reports how got differs from want; the lock file, whose text
// names the last run, is left out when ignoreLock.
func sameTree(want, got map[string]string, ignoreLock bool) string {
	var diffs []string
	for p, w := range want {
		if ignoreLock && p == lockPath {
			continue
		}
		if g, ok := got[p]; !ok {
			diffs = append(diffs, "missing "+p)
		} else if g != w {
			diffs = append(diffs, "changed "+p)
		}
	}
	for p := range got {
		if ignoreLock && p == lockPath {
			continue
		}
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "new "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 8 {
		diffs = append(diffs[:8], fmt.Sprintf("... %d more", len(diffs)-8))
	}
	return strings.Join(diffs, "; ")
}

// copyTree copies a batch folder (files and folders only).
func copyTree(t testing.TB, from, to string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", from, to).CombinedOutput(); err != nil {
		t.Fatalf("cp -a: %v %s", err, out)
	}
}

// scenario is a re-run that changes a lot: from club A (the seed roster
// and plan) to club B, where Ana's loads changed, Zoë left, two athletes
// joined, the plan lost its last two weeks and TCX files were added.
type scenario struct {
	a, b         *club.Club
	rosterA      string
	rosterB      string
	encA, encB   []encode.Encoder
	treeA, treeB string // the folders A wrote, and B over A
}

func newScenario(t *testing.T) *scenario {
	t.Helper()
	s := &scenario{rosterA: seedRoster, encA: fitOnly, encB: []encode.Encoder{fitEnc, tcx.Encoder{}}}
	s.a = load(t, seedRoster, seedPlan)
	orig, _ := os.ReadFile(seedRoster)
	b := strings.Replace(string(orig), "6 kg,10 kg", "7 kg,11 kg", 1)
	b = strings.Replace(b, "\"O'Brien, Zoë\",metric,,\"6:00-6:40 /km\",,5 kg,8 kg\n", "", 1)
	b += "Lee Park,metric,180,5:30-6:00 /km,125-145,8 kg,12 kg\nMia Chen,imperial,190,8:30-9:00 /mi,130-150,12 lb,20 lb\n"
	dir := t.TempDir()
	s.rosterB = filepath.Join(dir, "roster.csv")
	writeFile(t, s.rosterB, b)
	planData, _ := os.ReadFile(seedPlan)
	short := strings.Replace(string(planData), "weeks: 8", "weeks: 6", 1)
	short = strings.Replace(short, "reps: [3, 3, 4, 4, 5, 5, 4, 3]", "reps: [3, 3, 4, 4, 5, 5]", 1)
	td, _ := filepath.Abs("../../testdata")
	short = strings.ReplaceAll(short, "workout: ", "workout: "+td+"/")
	plan := filepath.Join(dir, "plan.yaml")
	writeFile(t, plan, short)
	s.b = load(t, s.rosterB, plan)

	s.treeA = filepath.Join(t.TempDir(), "a")
	s.runA(t, s.treeA)
	writeFile(t, filepath.Join(s.treeA, "notes.txt"), "the coach's own file")
	writeFile(t, filepath.Join(s.treeA, "ana-souza", "my-notes.txt"), "Ana's own file")
	s.treeB = filepath.Join(t.TempDir(), "b")
	copyTree(t, s.treeA, s.treeB)
	if _, err := s.runB(s.treeB); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *scenario) runA(t testing.TB, dir string) {
	t.Helper()
	if _, err := Run(s.a, opener(s.rosterA), Options{Dir: dir, Encoders: s.encA, Workers: 2}); err != nil {
		t.Fatal(err)
	}
}

func (s *scenario) runB(dir string) (Summary, error) {
	return Run(s.b, opener(s.rosterB), Options{Dir: dir, Encoders: s.encB, Workers: 2})
}

var errInjected = errors.New("injected failure")

// withFault runs fn with the file-system layer failing at the k-th
// operation (counting every write, folder creation, sync and rename) and
// returns how many operations there were.
func withFault(k int, fn func()) int {
	var mu sync.Mutex
	n := 0
	fault = func(op, name string) error {
		if op == "locked" {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		n++
		if n == k {
			return fmt.Errorf("%s %s: %w", op, name, syscall.ENOSPC)
		}
		return nil
	}
	defer func() { fault = nil }()
	fn()
	return n
}

// TestFailedRerunKeepsOldFiles: the re-run from A to B fails at every one
// of its file-system operations in turn (a full disk, an I/O error): each
// time the folder is byte for byte as A left it, bookkeeping included, and
// nothing the run made is left. A run without the fault then gives B.
func TestFailedRerunKeepsOldFiles(t *testing.T) {
	s := newScenario(t)
	want := snapshot(t, s.treeA)
	wantB := snapshot(t, s.treeB)
	total := withFault(0, func() {
		d := filepath.Join(t.TempDir(), "count")
		copyTree(t, s.treeA, d)
		s.runB(d)
	})
	if total < 100 {
		t.Fatalf("only %d file-system operations in the re-run", total)
	}
	// A spread of about 25 points, the first five and the last six (the
	// commit's end).
	var points []int
	for k := 1; k <= total; k++ {
		if k <= 5 || k%(total/25+1) == 0 || k > total-6 {
			points = append(points, k)
		}
	}
	base := t.TempDir()
	committed := 0
	for i, k := range points {
		dir := filepath.Join(base, fmt.Sprint(i))
		copyTree(t, s.treeA, dir)
		var err error
		withFault(k, func() { _, err = s.runB(dir) })
		if err == nil {
			// A failure after the commit point (the clean-up's) is the
			// next run's to finish: the run has done its work.
			if d := sameTree(wantB, snapshot(t, dir), true); d != "" && !strings.Contains(d, "new .workoutc-batch/old") {
				t.Fatalf("fault at operation %d of %d, after the commit: %s", k, total, d)
			}
			committed++
			continue
		}
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("fault at operation %d of %d: err = %v", k, total, err)
		}
		if d := sameTree(want, snapshot(t, dir), true); d != "" {
			t.Fatalf("fault at operation %d of %d (%v): the folder changed: %s", k, total, err, d)
		}
	}
	// And then the same run, without the fault, over the last of them.
	dir := filepath.Join(base, fmt.Sprint(len(points)-1))
	if _, err := s.runB(dir); err != nil {
		t.Fatal(err)
	}
	if d := sameTree(wantB, snapshot(t, dir), true); d != "" {
		t.Errorf("after the failures, a good run: %s", d)
	}
	if committed > 3 {
		t.Errorf("%d faults came after the commit point; only the clean-up's last few should", committed)
	}
	t.Logf("%d file-system operations; failed at %d of them (%d after the commit point)", total, len(points), committed)
}

// TestFailedFreshRunLeavesNothing: a fresh run into a folder that does not
// exist fails at every operation in turn: the folder (and the one above
// it that it made) is gone again.
func TestFailedFreshRunLeavesNothing(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	run := func(dir string) error {
		_, err := Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly, Workers: 2})
		return err
	}
	total := withFault(0, func() { run(filepath.Join(t.TempDir(), "count")) })
	base := t.TempDir()
	for k := 1; k <= total; k++ {
		parent := filepath.Join(base, fmt.Sprint(k))
		var err error
		withFault(k, func() { err = run(filepath.Join(parent, "out")) })
		if err == nil {
			t.Fatalf("fault at %d of %d: no error", k, total)
		}
		if _, serr := os.Lstat(parent); !os.IsNotExist(serr) {
			t.Fatalf("fault at %d of %d (%v): %s is still there: %v", k, total, err, parent, sortedKeys(tree(t, base)))
		}
	}
}

// TestDiskFull: on a small tmpfs (when the tests run as root), a re-run
// that needs more room than there is fails with "no space left" and
// leaves the folder as it was.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root; TestFailedRerunKeepsOldFiles injects the same failures")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("mount -t tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	s := &scenario{a: load(t, seedRoster, seedPlan), rosterA: seedRoster, encA: fitOnly}
	dir := filepath.Join(mnt, "out")
	s.runA(t, dir)
	want := snapshot(t, dir)
	// The same club with TCX files too, five times over: more than fits.
	orig, _ := os.ReadFile(seedRoster)
	big := string(orig)
	for i := 0; i < 4; i++ {
		for _, line := range strings.Split(string(orig), "\n")[1:] {
			if line != "" {
				big += strings.Replace(line, "Sam Rivera", fmt.Sprintf("Sam Rivera %d", i), 1) + "\n"
			}
		}
	}
	roster := filepath.Join(t.TempDir(), "roster.csv")
	writeFile(t, roster, big)
	b := load(t, roster, seedPlan)
	_, err := Run(b, opener(roster), Options{Dir: dir, Encoders: []encode.Encoder{fitEnc, tcx.Encoder{}}})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want no space left", err)
	}
	if d := sameTree(want, snapshot(t, dir), true); d != "" {
		t.Errorf("the failed run changed the folder: %s", d)
	}
	// Room again: the first club's run works and changes nothing.
	if sum, err := Run(s.a, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly}); err != nil || sum.Written != 0 {
		t.Errorf("after the failure: %+v %v", sum, err)
	}
}

// TestLockRefused: while another holder has the folder's lock, a run is
// refused at once with a LockedError naming it, and changes nothing; once
// the lock is dropped, the run goes through.
func TestLockRefused(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	dir := t.TempDir()
	runBatch(t, c, seedRoster, dir, 0)
	o, err := openOut(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.lock(encode.DefaultTime); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	_, err = Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly})
	var le *LockedError
	host, _ := os.Hostname()
	if !errors.As(err, &le) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d on %s, started %s", os.Getpid(), host, encode.DefaultTime.Format(time.RFC3339))) {
		t.Fatalf("err = %v", err)
	}
	if d := sameTree(before, snapshot(t, dir), false); d != "" {
		t.Errorf("the refused run changed the folder: %s", d)
	}
	o.release(false)
	if _, err := Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly}); err != nil {
		t.Errorf("after the lock was dropped: %v", err)
	}
}

// TestSymlinksNotFollowed: a symlink in place of an athlete folder, of a
// file of the batch, of the state folder or of index.csv is never followed:
// the run is refused (or, for a stale file, leaves the link), and nothing
// outside DIR changes.
func TestSymlinksNotFollowed(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "precious.fit"), "keep me")
	writeFile(t, filepath.Join(outside, "2027-01-05-hill-repeats.fit"), "keep me too")
	wantOutside := snapshot(t, outside)
	run := func(dir string) error {
		_, err := Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly, Workers: 2})
		return err
	}
	cases := []struct {
		name  string
		setup func(dir string)
		want  string
	}{
		{"athlete folder", func(dir string) {
			os.RemoveAll(filepath.Join(dir, "sam-rivera"))
			os.Symlink(outside, filepath.Join(dir, "sam-rivera"))
		}, "sam-rivera is in the way: it is not a folder"},
		{"workout file", func(dir string) {
			p := filepath.Join(dir, "ana-souza", "2027-01-05-hill-repeats.fit")
			os.Remove(p)
			os.Symlink(filepath.Join(outside, "2027-01-05-hill-repeats.fit"), p)
		}, "2027-01-05-hill-repeats.fit is in the way: it is not a file"},
		{"state folder", func(dir string) {
			os.RemoveAll(filepath.Join(dir, stateDir))
			os.Symlink(outside, filepath.Join(dir, stateDir))
		}, ".workoutc-batch is in the way"},
		{"index", func(dir string) {
			os.Remove(filepath.Join(dir, IndexName))
			os.Symlink(filepath.Join(outside, "precious.fit"), filepath.Join(dir, IndexName))
		}, "index.csv is in the way"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			runBatch(t, c, seedRoster, dir, 0)
			tc.setup(dir)
			before := snapshot(t, dir)
			err := run(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if d := sameTree(before, snapshot(t, dir), true); d != "" {
				t.Errorf("the refused run changed DIR: %s", d)
			}
			if d := sameTree(wantOutside, snapshot(t, outside), false); d != "" {
				t.Errorf("outside DIR changed: %s", d)
			}
		})
	}
	t.Run("stale link", func(t *testing.T) {
		// A file of the last run replaced by a link; the new plan drops
		// it: the link is not the batch's file, so it stays.
		dir := t.TempDir()
		runBatch(t, c, seedRoster, dir, 0)
		p := filepath.Join(dir, "sam-rivera", "2027-02-23-hill-repeats.fit")
		os.Remove(p)
		os.Symlink(filepath.Join(outside, "precious.fit"), p)
		s := newScenario(t)
		if _, err := Run(s.b, opener(s.rosterB), Options{Dir: dir, Encoders: fitOnly}); err != nil {
			t.Fatal(err)
		}
		if l, err := os.Readlink(p); err != nil || !strings.HasSuffix(l, "precious.fit") {
			t.Errorf("the link: %q %v", l, err)
		}
		if d := sameTree(wantOutside, snapshot(t, outside), false); d != "" {
			t.Errorf("outside DIR changed: %s", d)
		}
	})
}

// TestIndexOutsideRefused: an index (of a workoutc before the manifest)
// or a manifest with an entry outside DIR is refused; nothing is removed,
// inside DIR or out.
func TestIndexOutsideRefused(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "x", "2027-01-05-hill-repeats.fit"), "keep me")
	rel, _ := filepath.Rel(t.TempDir(), outside)
	for name, setup := range map[string]func(dir string){
		"index": func(dir string) {
			writeFile(t, filepath.Join(dir, IndexName), "athlete,date,workout,file\nX,2027-01-05,Hills,"+rel+"/x/2027-01-05-hill-repeats.fit\n")
		},
		"index absolute": func(dir string) {
			writeFile(t, filepath.Join(dir, IndexName), "athlete,date,workout,file\nX,2027-01-05,Hills,"+outside+"/x/2027-01-05-hill-repeats.fit\n")
		},
		"manifest": func(dir string) {
			runBatch(t, c, seedRoster, dir, 0)
			m, _ := os.ReadFile(filepath.Join(dir, manifestPath))
			m = bytes.Replace(m, []byte("f sam-rivera/2027-01-04"), []byte("f ../x/2027-01-04"), 1)
			os.WriteFile(filepath.Join(dir, manifestPath), m, 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			setup(dir)
			before := snapshot(t, dir)
			err := func() error { _, err := Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly}); return err }()
			if err == nil || !strings.Contains(err.Error(), "not a file of the") {
				t.Fatalf("err = %v", err)
			}
			if d := sameTree(before, snapshot(t, dir), true); d != "" {
				t.Errorf("DIR changed: %s", d)
			}
			if _, err := os.Stat(filepath.Join(outside, "x", "2027-01-05-hill-repeats.fit")); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestIndexSafeInSpreadsheet: names a spreadsheet would run as formulas
// are written with a leading apostrophe, no cell of index.csv starts with
// =, +, -, @, tab or CR, and ReadIndex gives every name back as written.
func TestIndexSafeInSpreadsheet(t *testing.T) {
	root := t.TempDir()
	names := []string{"-Ana", "=cmd|' /C calc'!A0", "+1 Sam", "@SUM(A1)", "'Quoted", "''Two", "Plain Name", "-", "'"}
	roster := "name\n"
	for _, n := range names {
		roster += `"` + strings.ReplaceAll(n, `"`, `""`) + "\"\n"
	}
	writeFile(t, filepath.Join(root, "roster.csv"), roster)
	writeFile(t, filepath.Join(root, "easy.yaml"), "name: =HYPERLINK(\"x\")\nsteps:\n  - run: 20 min\n")
	writeFile(t, filepath.Join(root, "plan.yaml"), "start: 2027-01-04\nweeks: 1\nsessions:\n  - workout: easy.yaml\n    days: [wed]\n")
	c := load(t, filepath.Join(root, "roster.csv"), filepath.Join(root, "plan.yaml"))
	dir := filepath.Join(root, "out")
	runBatch(t, c, filepath.Join(root, "roster.csv"), dir, 0)
	raw, err := os.ReadFile(filepath.Join(dir, IndexName))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csvRecords(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run in a spreadsheet", cell)
			}
		}
	}
	var got []string
	err = ReadIndex("index.csv", bytes.NewReader(raw), func(r IndexRow) error {
		got = append(got, r.Athlete)
		if r.Workout != `=HYPERLINK("x")` {
			t.Errorf("workout read back as %q", r.Workout)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", names) {
		t.Errorf("read back %q, want %q", got, names)
	}
	// And a re-run reads its own index back: nothing changes.
	if sum := runBatch(t, c, filepath.Join(root, "roster.csv"), dir, 0); sum.Written != 0 || sum.Unchanged != len(names) {
		t.Errorf("re-run: %+v", sum)
	}
	for _, n := range append(names, "", "a'b", "x=y", "\tTab", "\rCR") {
		if Unneutralise(Neutralise(n)) != n {
			t.Errorf("%q does not round-trip", n)
		}
	}
}

func csvRecords(b []byte) ([][]string, error) {
	return csv.NewReader(bytes.NewReader(b)).ReadAll()
}

// killedAt runs fn in a goroutine that stops dead (runtime.Goexit, as a
// kill would, but with the process alive) at the k-th rename of a commit,
// before it happens; k < 0 stops it right after the commit point, the
// manifest's rename. It reports the number of renames.
func killedAt(k int, fn func()) int {
	var mu sync.Mutex
	n := 0
	committed := false
	fault = func(op, name string) error {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case op == "rename":
			n++
			if n == k {
				runtime.Goexit()
			}
			if name == manifestPath {
				committed = true
			}
		case op == "sync" && name == stateDir && committed && k < 0:
			runtime.Goexit()
		}
		return nil
	}
	defer func() { fault = nil }()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	<-done
	return n
}

// TestCommitKilledAtEveryStep stops a commit dead before its renames in
// turn (the first and last few, and a spread), and right after its commit
// point: the next run, of B
// or of A, undoes or finishes it and gives exactly the folder it would
// give alone.
func TestCommitKilledAtEveryStep(t *testing.T) {
	s := newScenario(t)
	wantA, wantB := snapshot(t, s.treeA), snapshot(t, s.treeB)
	count := filepath.Join(t.TempDir(), "count")
	copyTree(t, s.treeA, count)
	total := killedAt(0, func() { s.runB(count) })
	base := t.TempDir()
	notes := map[string]int{}
	for k := -1; k <= total; k++ {
		// Every step would take minutes on a busy machine: the first and
		// last few, and a spread.
		if k == 0 || k > 4 && k < total-4 && k%(total/16+1) != 0 {
			continue
		}
		dir := filepath.Join(base, fmt.Sprint(k))
		copyTree(t, s.treeA, dir)
		killedAt(k, func() { s.runB(dir) })
		next, want := "b", wantB
		var sum Summary
		var err error
		if k%2 == 0 {
			next, want = "a", wantA
			sum, err = Run(s.a, opener(s.rosterA), Options{Dir: dir, Encoders: s.encA})
		} else {
			sum, err = s.runB(dir)
		}
		if err != nil {
			t.Fatalf("stopped before rename %d of %d, the run of %s after it: %v", k, total, next, err)
		}
		notes[sum.Recovered]++
		if d := sameTree(want, snapshot(t, dir), true); d != "" {
			t.Fatalf("stopped before rename %d of %d, the run of %s after it (%s): %s", k, total, next, sum.Recovered, d)
		}
	}
	if len(notes) != 3 || notes["finished the clean-up of an interrupted run, which had committed"] != 1 || notes["removed the staging files of an interrupted run"] != 1 {
		t.Errorf("what the next runs did: %v", notes)
	}
	t.Logf("%d renames in the commit; %v", total, notes)
}

// TestOlderFolderAdopted: a folder written by a workoutc before the
// manifest (an index.csv, no .workoutc-batch) and the temporary files a
// killed run of it left: the batch adopts the files the index lists
// (removing those the plan no longer has), removes the temporary files,
// rewrites nothing that is the same, and keeps files of others.
func TestOlderFolderAdopted(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	dir := t.TempDir()
	runBatch(t, c, seedRoster, dir, 0)
	os.RemoveAll(filepath.Join(dir, stateDir))
	writeFile(t, filepath.Join(dir, "sam-rivera", ".2027-01-05-hill-repeats.fit.tmp-123456"), "half a file")
	writeFile(t, filepath.Join(dir, ".index.csv.tmp-42"), "half an index")
	writeFile(t, filepath.Join(dir, "sam-rivera", ".hidden-of-mine"), "not a temporary file of ours")
	s := newScenario(t)
	sum, err := Run(s.b, opener(s.rosterB), Options{Dir: dir, Encoders: fitOnly})
	if err != nil {
		t.Fatal(err)
	}
	files := tree(t, dir)
	for p := range files {
		if strings.Contains(p, ".tmp-") {
			t.Errorf("%s is still there", p)
		}
		if strings.HasPrefix(p, "o-brien-zoe/") || strings.Contains(p, "2027-02-23") {
			t.Errorf("%s, of the older run and no longer planned, is still there", p)
		}
	}
	if files["sam-rivera/.hidden-of-mine"] == nil {
		t.Error("a file of someone else's was removed")
	}
	// Zoë left (20 files), and 3 athletes lost 2 weeks of hills (2 each).
	if sum.Removed != 26 || sum.Written != 12+18+18 {
		t.Errorf("summary %+v", sum)
	}
}
