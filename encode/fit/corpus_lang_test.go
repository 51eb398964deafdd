package fit_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/internal/testkit/shared"
	"github.com/workoutc/workoutc/workouts"
)

// issue16Flags are the words of an import flag about what issue 16 added
// to the language: conditional durations, repeats until a condition,
// secondary targets, pools, strokes and equipment. None may appear any
// more.
var issue16Flags = []string{"until hr", "until power", "kcal", "repeats this block until", "secondary target",
	"pool", "stroke", "equipment"}

// usesIssue16 reports whether w uses a form issue 16 added.
func usesIssue16(w *workouts.Workout) bool {
	used := w.Pool != nil
	workouts.Walk(w.Steps, func(s *workouts.Step, _ int) {
		if s.Until != nil || workouts.IsCondition(s.Duration) || s.Secondary.Kind != workouts.TargetOpen ||
			s.Stroke != workouts.StrokeNone || s.Equipment != workouts.EquipmentNone {
			used = true
		}
	})
	return used
}

// TestCorpusIssue16: every FIT file of ../shared/corpus/fit that uses a
// condition, a repeat until, a secondary target, a pool, a stroke or
// equipment imports with no "# import:" mark for it, and the definition
// builds into a file that decodes to the same steps (Garmin's SDK accepts
// it).
func TestCorpusIssue16(t *testing.T) {
	dir := shared.Path(t, "corpus", "fit")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.fit"))
	tmp := t.TempDir()
	var built []string
	for _, p := range paths {
		base := filepath.Base(p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, _, err := fitenc.Decode(data)
		if err != nil || !usesIssue16(w) {
			continue
		}
		b, y, diags := reimport(t, data)
		for _, d := range diags {
			for _, f := range issue16Flags {
				if strings.Contains(d.Msg, f) {
					t.Errorf("%s: import still flags %q: %s", base, f, d.Msg)
				}
			}
		}
		for _, line := range strings.Split(string(y), "\n") {
			if strings.Contains(line, "# import:") {
				for _, f := range issue16Flags {
					if strings.Contains(line, f) {
						t.Errorf("%s: import still marks %q:\n%s", base, f, line)
					}
				}
			}
		}
		w2, _, err := fitenc.Decode(b)
		if err != nil {
			t.Fatalf("%s: the rebuilt file does not decode: %v", base, err)
		}
		if got, want := stepLines(w2), stepLines(w); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: rebuilt steps differ\nwant:\n%s\ngot:\n%s\nimported:\n%s", base, strings.Join(want, "\n"), strings.Join(got, "\n"), y)
		}
		out := filepath.Join(tmp, base)
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
		built = append(built, out)
	}
	if len(built) < 4 {
		t.Fatalf("%d corpus files use the forms of issue 16; the four Garmin SDK samples at least do", len(built))
	}
	fitsdk.Require(t, built...)
}

// stepLines is the step tree inspect prints, without the header (the
// sport a file without one is imported as differs by design).
func stepLines(w *workouts.Workout) []string {
	text := workouts.InspectText(w)
	_, steps, _ := strings.Cut(text, "\n\n")
	return strings.Split(strings.TrimSpace(steps), "\n")
}
