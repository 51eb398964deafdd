package connect

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

const oneStep = `{"workoutName": "X", "sportType": {"sportTypeId": 1},
 "workoutSegments": [{"segmentOrder": 1, "workoutSteps": [
  {"type": "ExecutableStepDTO", "stepOrder": 1, "stepType": {"stepTypeId": 3},
   "endCondition": {"conditionTypeId": 3}, "endConditionValue": 1000,
   "targetType": {"workoutTargetTypeId": 6}, "targetValueOne": %s, "targetValueTwo": %s}]}]}`

// A range reads the same in either order, and as numbers or numeric
// strings (a peer reports that Connect takes both).
func TestDecodeRangeOrder(t *testing.T) {
	for _, vals := range [][2]string{{"3.5", "4.0"}, {"4.0", "3.5"}, {`"3.5"`, `"4"`}, {`"4.0"`, "3.5"}} {
		src := strings.Replace(strings.Replace(oneStep, "%s", vals[0], 1), "%s", vals[1], 1)
		w, warns, err := DecodeFile("x.json", []byte(src))
		if err != nil || len(warns) > 0 {
			t.Fatalf("%v: %v %v", vals, err, warns)
		}
		tg := w.Steps[0].Target
		if tg.Kind != workouts.TargetPace || tg.Low != 3.5 || tg.High != 4 {
			t.Errorf("%v: target %+v, want pace 3.5-4 m/s (Low the slower)", vals, tg)
		}
	}
}

// Our own encoding reads back as the same steps: names from the bracket
// line, each-side labels left in the notes for workouts.Format, loads in
// their units.
func TestDecodeOwn(t *testing.T) {
	b, _ := mustCompile(t, `name: Own
sport: strength
steps:
  - exercise: goblet squat
    name: Goblet
    reps: 10
    weight: 35 lb
  - exercise: walking lunge
    reps: 8
    each_side: true
    weight: 10 kg
  - rest: 1 min
    notes: "[not a name] but notes"
`)
	w, warns, err := DecodeFile("own.json", b)
	if err != nil || len(warns) > 0 {
		t.Fatalf("%v %v", err, warns)
	}
	s := w.Steps
	if s[0].Name != "Goblet" || s[0].Exercise.Key != "squat/goblet_squat" || *s[0].Weight != (workouts.Weight{Value: 35, Unit: "lb", Pos: s[0].Pos}) {
		t.Errorf("step 1: %+v %+v %+v", s[0], s[0].Exercise, s[0].Weight)
	}
	if s[1].Name != "" || s[1].Notes != "8 each side" || s[1].Duration.Reps != 16 || s[1].Weight.Value != 10 || s[1].Weight.Unit != "kg" {
		t.Errorf("step 2: %+v", s[1])
	}
	if s[2].Name != "" || s[2].Notes != "[not a name] but notes" {
		t.Errorf("step 3: name %q notes %q", s[2].Name, s[2].Notes)
	}
	y, fd := workouts.Format(w)
	if len(fd) > 0 || !bytes.Contains(y, []byte("each_side: true")) {
		t.Errorf("format: %v\n%s", fd, y)
	}
}

// Broken input is one located error; the size cap holds.
func TestDecodeRefuses(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"{\n  \"workoutName\": \"x\",\n  \"workoutSegments\": [}\n", "x.json:3:23: not valid JSON"},
		{`{"workoutName": "x"`, "x.json:1:20: not valid JSON: the text ends early"},
		{`{"workoutName": "x"} {}`, "x.json:1:22: more than one JSON value"},
		{`{"workoutName": "x"}`, "x.json:1:1: not a Connect workout: no workoutSegments"},
		{`{"workoutSegments": []}`, "x.json:1:21: workoutSegments holds no segment"},
		{`{"workoutSegments": [{"workoutSteps": []}]}`, "x.json:1:21: the workout has no steps"},
		{`{"workoutSegments": [{"workoutSteps": [{"type": "RepeatGroupDTO", "workoutSteps": [{}]}]}]}`, "x.json:1:40: a repeat group without a count"},
		{`[1, 2]`, "x.json:1:1: a JSON array, not a Connect workout"},
		{strings.Repeat("[", 200) + strings.Repeat("]", 200), "nested more than 100 deep"},
		{`"x"`, "not a Connect workout: the JSON is not an object"},
	} {
		_, _, err := DecodeFile("x.json", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.40q: %v, want %q", c.src, err, c.want)
		}
	}
	big := bytes.Repeat([]byte(" "), MaxSize+1)
	if _, _, err := Decode(big); err == nil || !strings.Contains(err.Error(), "more than 4 MB") {
		t.Errorf("a file over the cap: %v", err)
	}
}

// Positions count lines and characters, also on one long (minified) line.
func TestDecodePositions(t *testing.T) {
	src := `{"workoutName": "é", "sportType": {"sportTypeKey": "boxing"}, "workoutSegments": [{"workoutSteps": [{"stepType": {"stepTypeId": 3}, "endCondition": {"conditionTypeId": 2}, "endConditionValue": 60}, {"stepType": {"stepTypeId": 99}, "endCondition": {"conditionTypeId": 1}}]}]}`
	w, warns, err := DecodeFile("m.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"m.json:1:35: warning: sport boxing is not one the language has; read as generic",
		"m.json:1:199: warning: step type 99 is not one Connect was seen to use; read as a run"}
	if len(warns) != 2 || warns[0].String() != want[0] || warns[1].String() != want[1] {
		t.Errorf("warnings %v, want %v", warns, want)
	}
	if w.Steps[1].Pos.Col != 199 || w.Steps[0].Duration.Seconds != 60 {
		t.Errorf("steps %+v", w.Steps)
	}
}

// Every end condition and target id Connect has reads into the model.
func TestDecodeKinds(t *testing.T) {
	step := func(body string) workouts.Step {
		t.Helper()
		src := `{"workoutSegments": [{"workoutSteps": [{"stepType": {"stepTypeId": 3}, ` + body + `}]}]}`
		w, _, err := Decode([]byte(src))
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		return w.Steps[0]
	}
	for _, c := range []struct {
		body string
		d    workouts.Duration
	}{
		{`"endCondition": {"conditionTypeKey": "lap.button"}, "endConditionValue": 1000`, workouts.Duration{Kind: workouts.DurationLap}},
		{`"endCondition": {"conditionTypeId": 4}, "endConditionValue": 50.0`, workouts.Duration{Kind: workouts.DurationCalories, Value: 50}},
		{`"endCondition": {"conditionTypeId": 6}, "endConditionValue": 120, "endConditionCompare": "lt"`, workouts.Duration{Kind: workouts.DurationHRBelow, Value: 120}},
		{`"endCondition": {"conditionTypeId": 6}, "endConditionValue": 160, "endConditionCompare": "gt"`, workouts.Duration{Kind: workouts.DurationHRAbove, Value: 160}},
		{`"endCondition": {"conditionTypeId": 5}, "endConditionValue": 200, "endConditionCompare": "gt"`, workouts.Duration{Kind: workouts.DurationPowerAbove, Value: 200}},
		{`"endCondition": {"conditionTypeId": 10}, "endConditionValue": 12.0`, workouts.Duration{Kind: workouts.DurationReps, Reps: 12}},
		{`"endCondition": {"conditionTypeId": 42, "conditionTypeKey": "fixed.rest"}, "endConditionValue": 3`, workouts.Duration{Kind: workouts.DurationOther, Other: "fixed.rest", Value: 3}},
	} {
		if got := step(c.body).Duration; got != c.d {
			t.Errorf("%s: %+v, want %+v", c.body, got, c.d)
		}
	}
	for _, c := range []struct {
		body string
		k    workouts.TargetKind
		zone int
		lo   float64
	}{
		{`"targetType": {"workoutTargetTypeId": 4}, "zoneNumber": 3`, workouts.TargetHRZone, 3, 0},
		{`"targetType": {"workoutTargetTypeId": 4}, "targetValueOne": 120, "targetValueTwo": 140`, workouts.TargetHR, 0, 120},
		{`"targetType": {"workoutTargetTypeId": 2}, "zoneNumber": 2.0`, workouts.TargetPowerZone, 2, 0},
		{`"targetType": {"workoutTargetTypeId": 2}, "targetValueOne": 200, "targetValueTwo": 250`, workouts.TargetPower, 0, 200},
		{`"targetType": {"workoutTargetTypeKey": "cadence"}, "targetValueOne": 95, "targetValueTwo": 105`, workouts.TargetCadence, 0, 95},
		{`"targetType": {"workoutTargetTypeId": 5}, "targetValueOne": 7, "targetValueTwo": 8.5`, workouts.TargetPace, 0, 7},
		{`"targetType": {"workoutTargetTypeId": 5}, "zoneNumber": 4`, workouts.TargetSpeedZone, 4, 0},
		{`"targetType": {"workoutTargetTypeId": 1}, "zoneNumber": 4`, workouts.TargetOpen, 0, 0},
	} {
		got := step(c.body + `, "endCondition": {"conditionTypeId": 1}`).Target
		if got.Kind != c.k || got.Zone != c.zone || got.Low != c.lo {
			t.Errorf("%s: %+v", c.body, got)
		}
	}
}

// FuzzDecode: no input panics or takes more than linear work, and
// whatever decodes formats as a definition.
func FuzzDecode(f *testing.F) {
	seeds := 0
	for _, g := range []string{"hill-repeats", "nested-repeats", "strength-circuit", "strength-circuit-metric", "connect-targets"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", g+".json")); err == nil {
			f.Add(b)
			seeds++
		}
	}
	for _, s := range []string{oneStep, `{"workoutSegments": [{"workoutSteps": [{"type": "RepeatGroupDTO", "numberOfIterations": 2, "workoutSteps": [{"stepType": {"stepTypeId": 1}}]}]}]}`, `[]`, `{`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
		seeds++
	}
	if seeds < 8 {
		f.Fatalf("only %d seeds; the goldens in ../../testdata are missing", seeds)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, warns, err := Decode(data)
		if err != nil {
			if w != nil || warns != nil {
				t.Fatal("an error with a workout or warnings")
			}
			return
		}
		if len(w.Steps) == 0 {
			t.Fatal("a workout without steps")
		}
		workouts.Format(w)
		if same, err := equivalent(data, data); err != nil || !same {
			t.Fatalf("a workout is not equivalent to itself: %v", err)
		}
	})
}
