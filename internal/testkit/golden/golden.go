// Package golden lists the golden definitions of the repository's testdata
// and compares or rewrites golden files. It is a test helper shared by the
// tests of several packages (the CLI, the encoders), internal because it is
// not an API.
//
// A golden definition is a testdata/*.yaml whose first line is
// "# golden: ARGS", where ARGS are the build flags it is compiled with
// (--athlete FILE relative to testdata, --reps N).
package golden

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

// Def is one golden definition.
type Def struct {
	YAML    string   // path of the definition
	Base    string   // the path without ".yaml": goldens are Base + ".fit", ".tcx", ...
	Args    []string // build flags, with --athlete made a path from the caller's folder
	Athlete string   // the --athlete path, "" when none
	Reps    int      // the --reps count, 0 when none
}

// List returns every golden definition in the folder testdata (a path from
// the caller's folder, e.g. "../../testdata"). It fails the test when there
// are fewer than two: the seed workouts at least must be there.
func List(t testing.TB, testdata string) []Def {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(testdata, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []Def
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(f).ReadString('\n')
		f.Close()
		rest, ok := strings.CutPrefix(line, "# golden:")
		if !ok {
			continue
		}
		d := Def{YAML: p, Base: strings.TrimSuffix(p, ".yaml"), Args: strings.Fields(rest)}
		for i := 1; i < len(d.Args); i++ {
			switch d.Args[i-1] {
			case "--athlete":
				d.Args[i] = filepath.Join(testdata, d.Args[i])
				d.Athlete = d.Args[i]
			case "--reps":
				if d.Reps, err = strconv.Atoi(d.Args[i]); err != nil {
					t.Fatalf("%s: --reps %q", p, d.Args[i])
				}
			}
		}
		out = append(out, d)
	}
	if len(out) < 2 {
		t.Fatalf("found %d golden definitions in %s; the two seed workouts at least must be there", len(out), testdata)
	}
	return out
}

// Resolve parses and resolves the definition as build would, failing the
// test on any error.
func (d Def) Resolve(t testing.TB) *workouts.Workout {
	t.Helper()
	src, err := os.ReadFile(d.YAML)
	if err != nil {
		t.Fatal(err)
	}
	var a *workouts.Athlete
	if d.Athlete != "" {
		asrc, err := os.ReadFile(d.Athlete)
		if err != nil {
			t.Fatal(err)
		}
		var diags workouts.Diagnostics
		if a, diags = workouts.ParseAthlete(d.Athlete, asrc); diags.HasErrors() {
			t.Fatal(diags)
		}
	}
	w, diags := workouts.Parse(d.YAML, src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	r, diags := workouts.Resolve(w, workouts.ResolveOptions{Athlete: a, Reps: d.Reps})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return r
}

// Compare compares got with the golden file at path, or rewrites the file
// when update is set (the -update flag of the calling package).
func Compare(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the code produces now (-update rewrites it after a deliberate change)", path)
	}
}
