package connect

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/internal/shared"
	"github.com/workoutc/workoutc/workouts"
)

// corpusFiles returns the recorded workouts of ../shared/corpus/connect,
// requests and replies.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	dir := shared.Path(t, "corpus", "connect")
	var out []string
	for _, pat := range []string{"kaiord/*.gcn", "go-garmin/workout-*.response.json",
		"python-garminconnect/sample_workout.json", "garmin_mcp/poc_walk_run.request.json"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		if len(m) == 0 {
			t.Fatalf("no %s in %s", pat, dir)
		}
		out = append(out, m...)
	}
	if len(out) != 15 {
		t.Fatalf("found %d recorded workouts, want 15 (12 Kaiord, 1 go-garmin, 1 python-garminconnect, 1 garmin_mcp)", len(out))
	}
	return out
}

// Every recorded request and reply decodes, with at least one step and
// with warnings located in the file.
func TestCorpusDecodes(t *testing.T) {
	for _, p := range corpusFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !IsJSON(data) {
			t.Errorf("%s: IsJSON false", p)
		}
		w, warns, err := DecodeFile(p, data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if len(w.Steps) == 0 || w.Name == "" {
			t.Errorf("%s: %d steps, name %q", p, len(w.Steps), w.Name)
		}
		for _, d := range warns {
			if d.Pos.File != p || d.Pos.Line == 0 || d.Severity != workouts.SeverityWarning {
				t.Errorf("%s: diagnostic %v is not a located warning", p, d)
			}
		}
	}
}

// The list of summaries and the calendar are refused, each with a line
// saying what it is and how to get a workout instead.
func TestCorpusNotWorkouts(t *testing.T) {
	dir := shared.Path(t, "corpus", "connect", "go-garmin")
	for file, want := range map[string]string{
		"workouts-list.response.json":            "a list of 7 workout summaries",
		"calendar-week-2026-01-28.response.json": "a Connect calendar",
		"exercises-data.derived.json":            "not a Connect workout",
	} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = DecodeFile(file, data)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), file+":1:1: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line at %s:1:1 with %q", file, err, file, want)
		}
	}
}

// lossy names, per recorded file, what the language cannot say yet (the
// warnings of its import say each); the others must rebuild exactly.
var lossy = map[string][]string{
	"WorkoutCyclingPowerCadenceInput.gcn":   {"secondary target", "kcal"},
	"WorkoutCyclingPowerCadenceOutput.gcn":  {"secondary target", "kcal"},
	"WorkoutRunningNestedRepeatsInput.gcn":  {"secondary target", "kcal"},
	"WorkoutRunningNestedRepeatsOutput.gcn": {"secondary target", "kcal"},
	"WorkoutStrengthRepsInput.gcn":          {"reps"},
	"WorkoutStrengthRepsOutput.gcn":         {"reps"},
	"WorkoutSwimmingAllStrokesInput.gcn":    {"swim_stroke", "swim equipment", "pool length"},
	"WorkoutSwimmingAllStrokesOutput.gcn":   {"swim_stroke", "swim equipment", "pool length"},
	"WorkoutMultisportTriathlonInput.gcn":   {"multi_sport", "segments", "swim_stroke", "pool length"},
	"WorkoutMultisportTriathlonOutput.gcn":  {"multi_sport", "segments", "swim_stroke", "pool length"},
}

// A recorded workout imported (Decode, then workouts.Format) and rebuilt
// (Parse, Resolve, Encode) gives a request equivalent to the recorded
// request: Kaiord's Output files are compared with their Input, the
// others with themselves. Equivalent is strict: the same tree of steps,
// step types, end conditions and their values, targets with their values
// or zones, exercises, loads and step texts, the same sport, and the name
// as Connect stores it. A file the language cannot say whole must say why
// in its warnings, only for the reasons listed in lossy.
func TestCorpusRebuild(t *testing.T) {
	rebuilt := 0
	for _, p := range corpusFiles(t) {
		base := filepath.Base(p)
		data, _ := os.ReadFile(p)
		w, warns, err := DecodeFile(base, data)
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		y, fdiags := workouts.Format(w)
		all := append(warns, fdiags...)
		if reasons, ok := lossy[base]; ok {
			if len(all) == 0 {
				t.Errorf("%s: imported without a warning, but lossy says %v (update it)", base, reasons)
			}
			for _, d := range all {
				found := false
				for _, r := range reasons {
					found = found || strings.Contains(d.Msg, r)
				}
				if !found {
					t.Errorf("%s: warning %q is none of %v", base, d.Msg, reasons)
				}
			}
			continue
		}
		if len(all) > 0 {
			t.Errorf("%s: import warns %v", base, all)
			continue
		}
		pw, diags := workouts.Parse(base+".yaml", y)
		if diags.HasErrors() {
			t.Errorf("%s: the import does not parse: %v\n%s", base, diags, y)
			continue
		}
		r, diags := workouts.Resolve(pw, workouts.ResolveOptions{})
		if diags.HasErrors() {
			t.Errorf("%s: %v", base, diags)
			continue
		}
		got, _, err := Encode(r, encode.Options{})
		if err != nil {
			t.Errorf("%s: rebuild: %v\n%s", base, err, y)
			continue
		}
		refPath := p
		if strings.HasSuffix(base, "Output.gcn") {
			refPath = strings.TrimSuffix(p, "Output.gcn") + "Input.gcn"
		}
		ref, _ := os.ReadFile(refPath)
		want, err := canon(ref)
		if err != nil {
			t.Fatalf("%s: %v", refPath, err)
		}
		have, err := canon(got)
		if err != nil {
			t.Fatalf("%s rebuilt: %v", base, err)
		}
		if have != want {
			t.Errorf("%s rebuilt is not equivalent to %s:\nrebuilt:\n%s\nrecorded:\n%s", base, filepath.Base(refPath), have, want)
		}
		rebuilt++
	}
	if rebuilt < 5 {
		t.Errorf("%d recorded workouts rebuilt; want the 5 that the language can say whole", rebuilt)
	}
}

// canon writes what "equivalent" compares, one line a step, from the JSON
// itself (not through Decode): types by id, values to 3 decimals, ranges
// low-high, the lap button's unused value left out.
func canon(data []byte) (string, error) {
	root, _, err := parse(data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	id := func(n *node, key string) string {
		if v, ok := n.get(key).number(); ok {
			return fmt.Sprint(v)
		}
		return "-"
	}
	num := func(n *node) string {
		if v, ok := n.number(); ok {
			return fmt.Sprintf("%.3f", math.Round(v*1000)/1000)
		}
		return "-"
	}
	fmt.Fprintf(&b, "name %q sport %s\n", Shorten(root.get("workoutName").text()), id(root.get("sportType"), "sportTypeId"))
	var steps func(n *node, depth int)
	steps = func(n *node, depth int) {
		for _, s := range n.elems {
			ind := strings.Repeat("  ", depth)
			if s.has("workoutSteps") {
				it := num(s.get("numberOfIterations"))
				if it == "-" {
					it = num(s.get("endConditionValue"))
				}
				fmt.Fprintf(&b, "%srepeat %s\n", ind, it)
				steps(s.get("workoutSteps"), depth+1)
				continue
			}
			cond := id(s.get("endCondition"), "conditionTypeId")
			val := num(s.get("endConditionValue"))
			if cond == "1" {
				val = "-"
			}
			tt := id(s.get("targetType"), "workoutTargetTypeId")
			if tt == "-" {
				tt = "1"
			}
			vals := []string{num(s.get("targetValueOne")), num(s.get("targetValueTwo"))}
			sort.Strings(vals)
			fmt.Fprintf(&b, "%sstep type %s end %s %s target %s %s zone %s ex %s/%s weight %s %s text %q\n", ind,
				id(s.get("stepType"), "stepTypeId"), cond, val, tt, strings.Join(vals, "-"), num(s.get("zoneNumber")),
				s.get("category").text(), s.get("exerciseName").text(), num(s.get("weightValue")),
				s.get("weightUnit").get("unitKey").text(), s.get("description").text())
		}
	}
	for _, seg := range root.get("workoutSegments").elems {
		steps(seg.get("workoutSteps"), 0)
	}
	return b.String(), nil
}
