package tcx_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/internal/testkit/tcxtest"
	"github.com/workoutc/workoutc/workouts"
)

const testdata = "../../testdata"

// compile parses and resolves a definition; athlete is a file of
// testdata/athletes or "".
func compile(t testing.TB, name, src, athlete string, reps int) *workouts.Workout {
	t.Helper()
	w, diags := workouts.Parse(name, []byte(src))
	if diags.HasErrors() {
		t.Fatalf("parse:\n%v", diags)
	}
	opt := workouts.ResolveOptions{Reps: reps}
	if athlete != "" {
		b, err := os.ReadFile(filepath.Join(testdata, "athletes", athlete))
		if err != nil {
			t.Fatal(err)
		}
		a, ad := workouts.ParseAthlete(athlete, b)
		if ad.HasErrors() {
			t.Fatalf("athlete:\n%v", ad)
		}
		opt.Athlete = a
	}
	r, rd := workouts.Resolve(w, opt)
	if rd.HasErrors() {
		t.Fatalf("resolve:\n%v", rd)
	}
	return r
}

// produced collects every TCX file a test writes, so that all of them are
// validated against the schema in one xmllint run at the end of the test.
type produced struct {
	mu   sync.Mutex
	docs map[string][]byte
}

// encodeOK encodes w, fails on error, and records the file for validation.
func (p *produced) encodeOK(t *testing.T, name string, w *workouts.Workout) ([]byte, workouts.Diagnostics) {
	t.Helper()
	b, diags, err := tcx.Encode(w, encode.Options{})
	if err != nil {
		t.Fatalf("%s: Encode: %v", name, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.docs == nil {
		p.docs = map[string][]byte{}
	}
	p.docs[name+".tcx"] = b
	return b, diags
}

// validate checks every recorded file against the XSD.
func (p *produced) validate(t *testing.T) {
	t.Helper()
	if len(p.docs) == 0 {
		t.Fatal("no TCX file was produced")
	}
	tcxtest.ValidateData(t, p.docs)
}

// golden is one definition of the repository's testdata with the build
// flags its first line gives ("# golden: --athlete athletes/sam.yaml").
type golden struct {
	name    string // base name, e.g. "hill-repeats"
	src     string
	athlete string // file name in testdata/athletes, or ""
	reps    int
}

func goldens(t testing.TB) []golden {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(testdata, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []golden
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		rest, ok := strings.CutPrefix(line, "# golden:")
		if !ok {
			continue
		}
		g := golden{name: strings.TrimSuffix(filepath.Base(p), ".yaml"), src: string(b)}
		args := strings.Fields(rest)
		for i := 0; i+1 < len(args); i++ {
			switch args[i] {
			case "--athlete":
				g.athlete = filepath.Base(args[i+1])
			case "--reps":
				g.reps, _ = strconv.Atoi(args[i+1])
			}
		}
		out = append(out, g)
	}
	if len(out) < 2 {
		t.Fatalf("found %d golden definitions in %s; the two seed workouts at least must be there", len(out), testdata)
	}
	return out
}

// goldenTCX lists the repository's golden .tcx files.
func goldenTCX(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(testdata, "*.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// lines reads a file's lines.
func lines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}
