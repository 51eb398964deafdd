package connect

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// compile parses and resolves a definition and encodes it.
func compile(t *testing.T, src string) ([]byte, workouts.Diagnostics, error) {
	t.Helper()
	w, diags := workouts.Parse("w.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("parse: %v", diags)
	}
	r, diags := workouts.Resolve(w, workouts.ResolveOptions{})
	if diags.HasErrors() {
		t.Fatalf("resolve: %v", diags)
	}
	return Encode(r, encode.Options{})
}

func mustCompile(t *testing.T, src string) ([]byte, workouts.Diagnostics) {
	t.Helper()
	b, warns, err := compile(t, src)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b, warns
}

// steps flattens the encoded steps depth-first.
func steps(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var w struct {
		WorkoutSegments []struct {
			WorkoutSteps []map[string]any `json:"workoutSteps"`
		} `json:"workoutSegments"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	var walk func([]any)
	walk = func(xs []any) {
		for _, x := range xs {
			m := x.(map[string]any)
			out = append(out, m)
			if c, ok := m["workoutSteps"].([]any); ok {
				walk(c)
			}
		}
	}
	for _, s := range w.WorkoutSegments {
		xs := make([]any, len(s.WorkoutSteps))
		for i := range s.WorkoutSteps {
			xs[i] = s.WorkoutSteps[i]
		}
		walk(xs)
	}
	return out
}

func id(m map[string]any, obj, key string) float64 {
	o, _ := m[obj].(map[string]any)
	v, _ := o[key].(float64)
	return v
}

// The ids, numbering and values of each kind of step.
func TestEncodeSteps(t *testing.T) {
	b, _ := mustCompile(t, `name: Ids
sport: running
steps:
  - warmup: lap
  - repeat: 2
    steps:
      - run: 400 m
        target: pace 4:00-4:10 /km
      - repeat: 3
        steps:
          - run: 30 s
            target: hr 150-160
          - recover: 1 min
            target: hr zone 2
      - rest: 90 s
  - run: 1 km
    target: power 250-300
  - run: 2 min
    target: power zone 5
  - run: 1 min
    target: cadence 170-180
  - cooldown: 5 min
`)
	want := []struct {
		typ                  string
		order, child         float64
		stepType, cond       float64
		value                float64
		target, one, two, zn float64
	}{
		{"ExecutableStepDTO", 1, 0, 1, 1, 0, 1, 0, 0, 0},
		{"RepeatGroupDTO", 2, 1, 6, 7, 2, 0, 0, 0, 0},
		{"ExecutableStepDTO", 3, 1, 3, 3, 400, 6, 4, 4.167, 0},
		{"RepeatGroupDTO", 4, 2, 6, 7, 3, 0, 0, 0, 0},
		{"ExecutableStepDTO", 5, 2, 3, 2, 30, 4, 150, 160, 0},
		{"ExecutableStepDTO", 6, 2, 4, 2, 60, 4, 0, 0, 2},
		{"ExecutableStepDTO", 7, 1, 5, 2, 90, 1, 0, 0, 0},
		{"ExecutableStepDTO", 8, 0, 3, 3, 1000, 2, 250, 300, 0},
		{"ExecutableStepDTO", 9, 0, 3, 2, 120, 2, 0, 0, 5},
		{"ExecutableStepDTO", 10, 0, 3, 2, 60, 3, 170, 180, 0},
		{"ExecutableStepDTO", 11, 0, 2, 2, 300, 1, 0, 0, 0},
	}
	got := steps(t, b)
	if len(got) != len(want) {
		t.Fatalf("%d steps, want %d\n%s", len(got), len(want), b)
	}
	for i, w := range want {
		g := got[i]
		child, _ := g["childStepId"].(float64)
		val, _ := g["endConditionValue"].(float64)
		one, _ := g["targetValueOne"].(float64)
		two, _ := g["targetValueTwo"].(float64)
		zn, _ := g["zoneNumber"].(float64)
		have := []float64{g["stepOrder"].(float64), g["stepId"].(float64), child, id(g, "stepType", "stepTypeId"),
			id(g, "endCondition", "conditionTypeId"), val, id(g, "targetType", "workoutTargetTypeId"), one, two, zn}
		exp := []float64{w.order, w.order, w.child, w.stepType, w.cond, w.value, w.target, w.one, w.two, w.zn}
		if g["type"] != w.typ || !equal(have, exp) {
			t.Errorf("step %d: %v %v, want %v %v", i+1, g["type"], have, w.typ, exp)
		}
		if w.typ == "RepeatGroupDTO" && (g["numberOfIterations"].(float64) != w.value || g["smartRepeat"] != false) {
			t.Errorf("step %d: numberOfIterations %v smartRepeat %v", i+1, g["numberOfIterations"], g["smartRepeat"])
		}
	}
}

func equal(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// Exercises: Connect's keys, reps and time doubled for each side, the load
// in its unit, and names and notes in the description.
func TestEncodeExercises(t *testing.T) {
	b, _ := mustCompile(t, `name: Lift
sport: strength
steps:
  - exercise: 3 way calf raise
    reps: 12
    weight: 20 lb
  - exercise: single leg romanian deadlift with dumbbell
    name: SL RDL
    reps: 8
    each_side: true
    weight: 7.5 kg
    notes: Slow down.
  - exercise: side plank
    time: 30 s
    each_side: true
  - rest: 1 min
    notes: Breathe.
`)
	got := steps(t, b)
	type ex struct {
		cat, name, desc, unit string
		value, weight         float64
	}
	want := []ex{
		{"CALF_RAISE", "_3_WAY_CALF_RAISE", "", "pound", 12, 20},
		{"DEADLIFT", "SINGLE_LEG_ROMANIAN_DEADLIFT_WITH_DUMBBELL", "[SL RDL]\n8 each side\nSlow down.", "kilogram", 16, 7.5},
		{"PLANK", "SIDE_PLANK", "30 s each side", "", 60, 0},
		{"", "", "Breathe.", "", 60, 0},
	}
	for i, w := range want {
		g := got[i]
		cat, _ := g["category"].(string)
		name, _ := g["exerciseName"].(string)
		desc, _ := g["description"].(string)
		wv, _ := g["weightValue"].(float64)
		unit := ""
		if u, ok := g["weightUnit"].(map[string]any); ok {
			unit = u["unitKey"].(string)
		}
		val, _ := g["endConditionValue"].(float64)
		if (ex{cat, name, desc, unit, val, wv}) != w {
			t.Errorf("step %d: %+v, want %+v", i+1, ex{cat, name, desc, unit, val, wv}, w)
		}
	}
}

// What Connect cannot hold is an error at its place; nothing is written.
func TestEncodeRefuses(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"  - run: 1 min\n    target: hr 70-80%\n", "w.yaml:6:13: hr 70-80%: Connect holds heart-rate ranges in bpm only"},
		{"  - run: 1 min\n    target: power 90-95%\n", "w.yaml:6:13: power 90-95%: Connect holds power ranges in watts only"},
		// A FIT-only exercise, with the nearest Connect has.
		{"  - exercise: core/seated_side_bend\n    reps: 5\n", `w.yaml:5:5: exercise core/seated_side_bend is not in Garmin Connect's exercise catalogue; Connect knows "`},
	} {
		src := "name: X\nsport: strength\nsteps:\n  - warmup: 1 min\n" + c.src
		b, warns, err := compile(t, src)
		if err == nil || b != nil || warns != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %d bytes, %v, error %v; want %q", c.src, len(b), warns, err, c.want)
		}
	}
}

// A heart rate in percent of max HR goes to Connect in bpm when the
// athlete's max_hr is known (Connect holds bpm only), rounded; the FIT
// file keeps the percentage.
func TestEncodePercentHRWithMaxHR(t *testing.T) {
	src := "name: P\nsport: running\nsteps:\n  - run: 5 min\n    target: hr 70-80%\n  - recover: until hr below 65%\n"
	w, diags := workouts.Parse("p.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	r, diags := workouts.Resolve(w, workouts.ResolveOptions{Athlete: &workouts.Athlete{Name: "A", MaxHR: 190}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b, _, err := Encode(r, encode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		WorkoutSegments []struct {
			WorkoutSteps []map[string]any
		}
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	steps := got.WorkoutSegments[0].WorkoutSteps
	if lo, hi := steps[0]["targetValueOne"], steps[0]["targetValueTwo"]; lo != 133.0 || hi != 152.0 {
		t.Errorf("hr 70-80%% of 190: %v-%v, want 133-152 bpm", lo, hi)
	}
	if v := steps[1]["endConditionValue"]; v != 124.0 {
		t.Errorf("until hr below 65%% of 190: %v, want 124 bpm", v)
	}
	// Without a max_hr it stays an error that says how to mend it.
	r0, _ := workouts.Resolve(w, workouts.ResolveOptions{})
	if _, _, err := Encode(r0, encode.Options{}); err == nil || !strings.Contains(err.Error(), "give an athlete profile with max_hr (--athlete)") {
		t.Errorf("without max_hr: %v", err)
	}
}

// A FIT-only exercise gets three Connect exercises as hints, and each
// hint is an exercise the language can name.
func TestEncodeExerciseHints(t *testing.T) {
	_, _, err := compile(t, "name: X\nsport: strength\nsteps:\n  - exercise: weighted donkey calf raise\n    reps: 5\n")
	if err != nil {
		t.Fatalf("weighted donkey calf raise is in Connect's catalogue: %v", err)
	}
	_, _, err = compile(t, "name: X\nsport: strength\nsteps:\n  - exercise: seated side bend\n    reps: 5\n")
	if err == nil || strings.Count(err.Error(), `"`) != 6 || !strings.Contains(err.Error(), " or ") {
		t.Errorf("error %v; want three hints", err)
	}
}

// Names Connect cuts, more steps than its editor makes and deep repeats
// are warnings; the name is written as Connect would store it.
func TestEncodeWarnings(t *testing.T) {
	long := strings.Repeat("Long name ", 30)
	var src strings.Builder
	src.WriteString("name: " + long + "\nsport: running\nsteps:\n")
	for i := 0; i < 51; i++ {
		src.WriteString("  - run: 1 min\n")
	}
	src.WriteString("  - repeat: 2\n    steps:\n      - repeat: 2\n        steps:\n          - repeat: 2\n            steps:\n              - run: 1 min\n")
	b, warns := mustCompile(t, src.String())
	var w jWorkout
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(w.WorkoutName)); n != 256 || !strings.HasSuffix(w.WorkoutName, "...") || !strings.HasPrefix(long, strings.TrimSuffix(w.WorkoutName, "...")) {
		t.Errorf("name %q (%d characters); want the first 253 and ...", w.WorkoutName, n)
	}
	msgs := warns.Error()
	for _, want := range []string{"w.yaml:1:1: warning: workout name is 299 characters; Connect keeps at most 255",
		"w.yaml:1:1: warning: 55 steps (repeats included); Connect's editor makes at most 50",
		"warning: repeat nested 3 deep"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("warnings lack %q:\n%s", want, msgs)
		}
	}
	if shorten(w.WorkoutName) != w.WorkoutName {
		t.Error("shorten of a stored name changes it")
	}
}

// Every sport has a Connect sport type; walking goes as other, with a
// warning.
func TestEncodeSports(t *testing.T) {
	for _, s := range workouts.Sports {
		b, warns := mustCompile(t, "name: X\nsport: "+string(s)+"\nsteps:\n  - run: 1 min\n")
		var w jWorkout
		json.Unmarshal(b, &w)
		want, _ := sportOf(s)
		if w.SportType != want || w.WorkoutSegments[0].SportType != want {
			t.Errorf("%s: sport %v, want %v", s, w.SportType, want)
		}
		if (s == workouts.SportWalking || s == workouts.SportSwimming) != (len(warns) > 0) {
			t.Errorf("%s: warnings %v", s, warns)
		}
	}
}

// Same input, same bytes; no HTML escaping; a final newline.
func TestEncodeDeterministic(t *testing.T) {
	src := "name: A & B <1>\nsport: running\nsteps:\n  - run: 1 min\n    notes: x < y & z\n"
	a, _ := mustCompile(t, src)
	for i := 0; i < 20; i++ {
		if b, _ := mustCompile(t, src); !bytes.Equal(a, b) {
			t.Fatal("two encodes differ")
		}
	}
	if !bytes.Contains(a, []byte(`"A & B <1>"`)) || !bytes.HasSuffix(a, []byte("}\n")) {
		t.Errorf("got %s", a)
	}
}

// Notes whose first line looks like a name read back as one: a warning.
func TestEncodeBracketNotes(t *testing.T) {
	_, warns := mustCompile(t, "name: X\nsport: running\nsteps:\n  - run: 1 min\n    notes: \"[Fast]\"\n")
	if len(warns) != 1 || !strings.Contains(warns[0].Msg, "reads back as the step's name") {
		t.Errorf("warnings %v", warns)
	}
	b, warns := mustCompile(t, "name: X\nsport: running\nsteps:\n  - run: 1 min\n    name: Fast\n    notes: \"[Fast]\"\n")
	if len(warns) != 0 || !strings.Contains(string(b), `"description": "[Fast]\n[Fast]"`) {
		t.Errorf("warnings %v\n%s", warns, b)
	}
}

// A category Connect lacks altogether (yoga poses) says so instead of
// naming unrelated exercises.
func TestEncodeCategoryConnectLacks(t *testing.T) {
	_, _, err := compile(t, "name: X\nsport: yoga\nsteps:\n  - exercise: pose/warrior_one\n    time: 30 s\n")
	if err == nil || !strings.Contains(err.Error(), "w.yaml:4:5: exercise pose/warrior_one is not in Garmin Connect's exercise catalogue, which has no pose category") {
		t.Errorf("error %v", err)
	}
}
