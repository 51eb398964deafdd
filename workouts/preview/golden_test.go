package preview_test

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

var update = flag.Bool("update", false, "rewrite the preview goldens in testdata")

// goldenNames are the definitions of the repository's testdata whose
// previews are kept as goldens: the two seed workouts, a nested repeat,
// every target kind, a metric circuit with a lap-button rest, and the
// forms of issue 16: conditions, repeats until, secondary targets, pools.
var goldenNames = []string{"hill-repeats", "strength-circuit", "nested-repeats", "all-targets", "strength-circuit-metric",
	"hr-conditions", "repeat-until", "power-secondary", "pool-swim", "pool-swim-yards"}

const testdata = "../../testdata"

// load parses and resolves testdata/<name>.yaml with the athlete and
// --reps of its first line ("# golden: --athlete athletes/sam.yaml --reps 4").
func load(t testing.TB, name string) *workouts.Workout {
	t.Helper()
	path := filepath.Join(testdata, name+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(bytes.NewReader(data)).ReadString('\n')
	rest, ok := strings.CutPrefix(line, "# golden:")
	if !ok {
		t.Fatalf("%s: first line is not \"# golden: ARGS\"", path)
	}
	var opt workouts.ResolveOptions
	args := strings.Fields(rest)
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--athlete":
			i++
			ap := filepath.Join(testdata, args[i])
			ab, err := os.ReadFile(ap)
			if err != nil {
				t.Fatal(err)
			}
			a, diags := workouts.ParseAthlete(ap, ab)
			if diags.HasErrors() {
				t.Fatalf("%s: %v", ap, diags)
			}
			opt.Athlete = a
		case "--reps":
			i++
			n, err := strconv.Atoi(args[i])
			if err != nil {
				t.Fatal(err)
			}
			opt.Reps = n
		default:
			t.Fatalf("%s: unknown golden argument %q", path, args[i])
		}
	}
	w, diags := workouts.Parse(path, data)
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	r, diags := workouts.Resolve(w, opt)
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	return r
}

// compareGolden compares got with testdata/<file>, or rewrites it under
// -update.
func compareGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join(testdata, file)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./workouts/preview -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the preview now (go test ./workouts/preview -update rewrites it after a deliberate change)\n--- got:\n%s", path, got)
	}
}

// TestGolden compares the text and SVG previews of the golden definitions
// with testdata/<name>.preview.txt and testdata/<name>.svg.
func TestGolden(t *testing.T) {
	for _, name := range goldenNames {
		t.Run(name, func(t *testing.T) {
			w := load(t, name)
			compareGolden(t, name+".preview.txt", textOf(w))
			compareGolden(t, name+".svg", svgOf(w))
		})
	}
}
