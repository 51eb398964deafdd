package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitdump"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/workouts/club"
)

var update = flag.Bool("update", false, "rewrite testdata/club/golden")

const (
	seedRoster = "../../testdata/club/roster.csv"
	seedPlan   = "../../testdata/plan.yaml"
	goldenDir  = "../../testdata/club/golden"
)

var fitOnly = []encode.Encoder{fitEnc}

// loadPlan parses the plan file, failing on any error.
func loadPlan(t testing.TB, plan string) *club.Plan {
	t.Helper()
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := club.ParsePlan(plan, data, os.ReadFile)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return p
}

// load parses the plan and checks the roster, failing on any error.
func load(t testing.TB, roster, plan string) *club.Club {
	t.Helper()
	p := loadPlan(t, plan)
	f, err := os.Open(roster)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, diags, err := club.Check(p, roster, f)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	return c
}

func opener(path string) Open {
	return func() (io.ReadCloser, error) { return os.Open(path) }
}

func runBatch(t testing.TB, c *club.Club, roster, dir string, workers int) Summary {
	t.Helper()
	sum, err := Run(c, opener(roster), Options{Dir: dir, Encoders: fitOnly, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// tree maps every file under dir (slash paths) to its bytes.
func tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == stateDir {
			return filepath.SkipDir // the batch's bookkeeping
		}
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./internal/batch -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the batch writes now (go test ./internal/batch -update rewrites it after a deliberate change)", path)
	}
}

// goldenDumps are the files of the golden batch kept as readable dumps: a
// progression and a taper of the hills, loads at 100%, 90% and 70%,
// imperial and metric.
var goldenDumps = []string{
	"sam-rivera/2027-01-05-hill-repeats.fit",              // week 1: 3 reps
	"sam-rivera/2027-02-02-hill-repeats.fit",              // week 5: 5 reps
	"sam-rivera/2027-02-08-runner-strength-circuit.fit",   // week 6: 70% of 15/25 lb
	"ana-souza/2027-01-25-runner-strength-circuit.fit",    // week 4: 90% of 6/10 kg
	"o-brien-zoe/2027-02-23-hill-repeats.fit",             // week 8 taper, metric pace
	"sam-rivera-2/2027-01-04-runner-strength-circuit.fit", // the namesake's own loads
}

// TestGolden writes the batch of testdata/club and compares the listing
// (every file with its size, FIT serial and SHA-256), the index and a few
// readable dumps with testdata/club/golden. Garmin's SDK must accept every
// file, and no two files share a serial number.
func TestGolden(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	dir := t.TempDir()
	sum := runBatch(t, c, seedRoster, dir, 0)
	if sum.Athletes != 4 || sum.Files != 80 || sum.Written != 80 || sum.Unchanged != 0 || sum.Removed != 0 {
		t.Errorf("summary %+v", sum)
	}
	files := tree(t, dir)
	var listing bytes.Buffer
	fmt.Fprintf(&listing, "# every file of the batch of testdata/club: size, FIT serial number, SHA-256 (first 16 hex digits)\n")
	serials := map[uint32]string{}
	var fits []string
	var total int64
	for _, p := range sortedKeys(files) {
		b := files[p]
		sum256 := sha256.Sum256(b)
		if !strings.HasSuffix(p, ".fit") {
			fmt.Fprintf(&listing, "%-55s %6d %10s %x\n", p, len(b), "-", sum256[:8])
			continue
		}
		total += int64(len(b))
		id, err := fitenc.Identify(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		s, ok := fitSerial(b)
		if !ok || s != id.SerialNumber {
			t.Errorf("%s: fitSerial %d %v, Identify %d", p, s, ok, id.SerialNumber)
		}
		if prev, dup := serials[s]; dup {
			t.Errorf("%s and %s share serial number %d", prev, p, s)
		}
		serials[s] = p
		fmt.Fprintf(&listing, "%-55s %6d %10d %x\n", p, len(b), s, sum256[:8])
		fits = append(fits, filepath.Join(dir, p))
	}
	if len(serials) != 80 || total != sum.Bytes {
		t.Errorf("%d distinct serials of 80 files; %d bytes, summary says %d", len(serials), total, sum.Bytes)
	}
	compareGolden(t, "listing.txt", listing.Bytes())
	compareGolden(t, "index.csv", files["index.csv"])
	for _, p := range goldenDumps {
		var dump bytes.Buffer
		if err := fitdump.Dump(&dump, files[p]); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		compareGolden(t, p+".txt", dump.Bytes())
	}
	fitsdk.Require(t, fits...)
}

// TestTwoRunsIdentical: two runs, one worker and four, give the same tree
// byte for byte; a third over the first changes nothing.
func TestTwoRunsIdentical(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	a, b := t.TempDir(), t.TempDir()
	runBatch(t, c, seedRoster, a, 1)
	runBatch(t, c, seedRoster, b, 4)
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != 81 || len(ta) != len(tb) {
		t.Fatalf("%d and %d files", len(ta), len(tb))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
	sum := runBatch(t, c, seedRoster, a, 2)
	if sum.Written != 0 || sum.Unchanged != 80 || sum.Removed != 0 {
		t.Errorf("a re-run over the same input: %+v", sum)
	}
}

func inodes(t testing.TB, dir string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == stateDir {
			return filepath.SkipDir // the batch's bookkeeping
		}
		if err != nil || d.IsDir() {
			return err
		}
		id, err := fileNumber(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = id
		return nil
	})
	return out
}

func writeFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRerunRewritesOnlyChanged: after Ana's medium load changes, a re-run
// replaces her 12 strength files and nothing else (every other file keeps
// its inode); a file of the coach's in DIR is left alone; the index,
// unchanged, is not rewritten.
func TestRerunRewritesOnlyChanged(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	dir := t.TempDir()
	runBatch(t, c, seedRoster, dir, 0)
	writeFile(t, filepath.Join(dir, "notes.txt"), "the coach's own file")
	writeFile(t, filepath.Join(dir, "ana-souza", "extra.fit"), "a file someone put there")
	before := inodes(t, dir)

	orig, _ := os.ReadFile(seedRoster)
	changed := strings.Replace(string(orig), "6 kg,10 kg", "7 kg,10 kg", 1)
	roster := filepath.Join(t.TempDir(), "roster.csv")
	writeFile(t, roster, changed)
	c2 := load(t, roster, seedPlan)
	c2.File = c.File // same names in messages
	sum := runBatch(t, c2, roster, dir, 0)
	if sum.Written != 12 || sum.Unchanged != 68 || sum.Removed != 0 {
		t.Errorf("summary %+v", sum)
	}
	after := inodes(t, dir)
	var rewritten []string
	for p, ino := range before {
		if after[p] == 0 {
			t.Errorf("%s was removed", p)
		} else if after[p] != ino {
			rewritten = append(rewritten, p)
		}
	}
	sort.Strings(rewritten)
	for _, p := range rewritten {
		if !strings.HasPrefix(p, "ana-souza/") || !strings.Contains(p, "strength") {
			t.Errorf("%s was rewritten", p)
		}
	}
	if len(rewritten) != 12 {
		t.Errorf("%d files rewritten, want Ana's 12 strength files: %v", len(rewritten), rewritten)
	}
}

// TestStaleFilesRemoved: when the plan drops a session, the files the
// previous run wrote for it go (and are counted); files the batch did not
// write stay, even when they look like its own.
func TestStaleFilesRemoved(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	dir := t.TempDir()
	runBatch(t, c, seedRoster, dir, 0)
	lookalike := filepath.Join(dir, "sam-rivera", "2027-03-02-hill-repeats.fit")
	writeFile(t, lookalike, "not ours")
	writeFile(t, filepath.Join(dir, "gone-athlete", "keep.txt"), "a folder the batch never wrote")

	planData, _ := os.ReadFile(seedPlan)
	short := strings.Replace(string(planData), "weeks: 8", "weeks: 6", 1)
	short = strings.Replace(short, "reps: [3, 3, 4, 4, 5, 5, 4, 3]", "reps: [3, 3, 4, 4, 5, 5]", 1)
	td, _ := filepath.Abs("../../testdata")
	short = strings.ReplaceAll(short, "workout: ", "workout: "+td+"/")
	planDir := t.TempDir()
	plan := filepath.Join(planDir, "a", "b", "plan.yaml")
	writeFile(t, plan, short)
	// The plan's workouts must resolve relative to the new place.
	c2 := load(t, seedRoster, plan)
	sum := runBatch(t, c2, seedRoster, dir, 0)
	if sum.Files != 72 || sum.Removed != 8 || sum.Written != 0 {
		t.Errorf("summary %+v", sum)
	}
	files := tree(t, dir)
	for p := range files {
		if strings.Contains(p, "2027-02-16") || strings.Contains(p, "2027-02-23") {
			t.Errorf("%s of a dropped week is still there", p)
		}
	}
	if _, ok := files["sam-rivera/2027-03-02-hill-repeats.fit"]; !ok {
		t.Error("a file the batch did not write was removed")
	}
	if _, ok := files["gone-athlete/keep.txt"]; !ok {
		t.Error("a folder the batch did not write was touched")
	}
}

// TestForeignIndexRefused: an index.csv that a batch did not write is
// never replaced; nothing is written.
func TestForeignIndexRefused(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "index.csv"), "my,own,spreadsheet\n")
	_, err := Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly})
	if err == nil || !strings.Contains(err.Error(), "is not the index of a batch") {
		t.Fatalf("err = %v", err)
	}
	if files := tree(t, dir); len(files) != 1 {
		t.Errorf("a refused run wrote %d files", len(files)-1)
	}
}

// TestFailedRunLeavesNothing: a run that fails half-way (a file is in the
// way of one athlete's folder; the roster changes between the passes)
// removes every file and folder it created, and the output folder itself
// when it made it.
func TestFailedRunLeavesNothing(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	t.Run("blocked folder", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "o-brien-zoe"), "in the way")
		_, err := Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly, Workers: 2})
		if err == nil || !strings.Contains(err.Error(), "is in the way") {
			t.Fatalf("err = %v", err)
		}
		files := tree(t, dir)
		if len(files) != 1 || files["o-brien-zoe"] == nil {
			t.Errorf("left behind: %v", sortedKeys(files))
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("%d entries left in DIR", len(entries))
		}
	})
	t.Run("roster changed", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		other := filepath.Join(t.TempDir(), "roster.csv")
		orig, _ := os.ReadFile(seedRoster)
		writeFile(t, other, strings.Replace(string(orig), "Ana Souza", "Ana Souza-Lima", 1))
		_, err := Run(c, opener(other), Options{Dir: dir, Encoders: fitOnly})
		if err == nil || !strings.Contains(err.Error(), "changed while it was read") {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("the output folder the run made is still there: %v %v", err, sortedKeys(tree(t, dir)))
		}
	})
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestHostileNamesStayInside: names made to escape, collide or trip
// Windows all land in distinct plain folders directly inside DIR.
func TestHostileNamesStayInside(t *testing.T) {
	root := t.TempDir()
	names := []string{"..", ".", "../../etc/passwd", "/etc/passwd", `..\..\windows`, ".bashrc", "CON", "con.txt", "Nul", "COM1",
		"lpt9", "!!!", "🏃‍♀️", "名前", "Sam Rivera", "sam rivera", "SAM-RIVERA", "sam-rivera-2", "Zoë", "Zoe", strings.Repeat("a/", 100),
		"-lead-", "athlete", `"quoted"`, "~", "$HOME", "*", "nul.fit", " .. "}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"name"})
	for _, n := range names {
		w.Write([]string{n})
	}
	w.Flush()
	roster := filepath.Join(root, "in", "roster.csv")
	writeFile(t, roster, b.String())
	writeFile(t, filepath.Join(root, "in", "easy.yaml"), "name: Easy\nsteps:\n  - run: 20 min\n")
	writeFile(t, filepath.Join(root, "in", "plan.yaml"), "start: 2027-01-04\nweeks: 1\nsessions:\n  - workout: easy.yaml\n    days: [wed]\n")
	data, _ := os.ReadFile(filepath.Join(root, "in", "plan.yaml"))
	p, ds := club.ParsePlan(filepath.Join(root, "in", "plan.yaml"), data, os.ReadFile)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	f, _ := os.Open(roster)
	c, ds, err := club.Check(p, roster, f)
	f.Close()
	if err != nil || ds.HasErrors() {
		t.Fatalf("%v %v", err, ds)
	}
	out := filepath.Join(root, "deep", "out")
	runBatch(t, c, roster, out, 0)
	folders := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || strings.HasPrefix(rel, "in/") {
			return nil
		}
		inOut, ok := strings.CutPrefix(rel, "deep/out/")
		if !ok {
			t.Errorf("%s is outside DIR", rel)
			return nil
		}
		if inOut == "index.csv" || inOut == stateDir+"/lock" || inOut == stateDir+"/manifest" {
			return nil // the index and the batch's bookkeeping
		}
		folder, file, ok := strings.Cut(inOut, "/")
		if !ok || strings.Contains(file, "/") || !slugRE.MatchString(folder) || file != "2027-01-06-easy.fit" {
			t.Errorf("unexpected file %s", inOut)
		}
		folders[folder] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) != len(names) {
		t.Errorf("%d folders for %d athletes", len(folders), len(names))
	}
}
