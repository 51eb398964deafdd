package fit_test

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/profile/mesgdef"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

func serialOf(t *testing.T, b []byte) uint32 {
	t.Helper()
	return mesgdef.NewFileId(&decodeMuktihari(t, b).Messages[0]).SerialNumber
}

func TestEncoderInterface(t *testing.T) {
	var e encode.Encoder = fitenc.Encoder{}
	if e.Format() != "fit" {
		t.Errorf("Format() = %q", e.Format())
	}
	a, _, err := e.Encode(hillWorkout(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, mustEncode(t, hillWorkout())) {
		t.Errorf("Encoder.Encode and Encode differ")
	}
	pre := []byte("prefix")
	c, _, err := fitenc.AppendEncode(pre, hillWorkout(), testOpts)
	if err != nil || !bytes.Equal(c[:6], pre) || !bytes.Equal(c[6:], a) {
		t.Errorf("AppendEncode did not append the same file (err %v)", err)
	}
}

func TestDeterminism(t *testing.T) {
	for _, tw := range testWorkouts {
		a, b := mustEncode(t, tw.w()), mustEncode(t, tw.w())
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two encodes differ", tw.name)
		}
	}
	// Default time.
	a, _, err := fitenc.Encode(hillWorkout(), encode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := mesgdef.NewFileId(&decodeMuktihari(t, a).Messages[0])
	if !id.TimeCreated.Equal(encode.DefaultTime) {
		t.Errorf("zero Time gave time_created %v, want %v", id.TimeCreated, encode.DefaultTime)
	}
}

func TestModelNotModified(t *testing.T) {
	for _, tw := range testWorkouts {
		w := tw.w()
		mustEncode(t, w)
		a, b := mustEncode(t, w), mustEncode(t, tw.w())
		if !bytes.Equal(a, b) {
			t.Errorf("%s: encoding modified the model", tw.name)
		}
	}
}

func TestSerial(t *testing.T) {
	base := serialOf(t, mustEncode(t, hillWorkout()))
	if base == 0 || base == 0xFFFFFFFF {
		t.Fatalf("serial %#x", base)
	}
	seen := map[uint32]string{base: "hill"}
	check := func(name string, w *workouts.Workout, opts encode.Options) {
		t.Helper()
		b, _, err := fitenc.Encode(w, opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s := serialOf(t, b)
		if s == 0 || s == 0xFFFFFFFF {
			t.Errorf("%s: serial %#x", name, s)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("%s: same serial %#x as %s", name, s, prev)
		}
		seen[s] = name
	}
	check("salt", hillWorkout(), encode.Options{Time: testTime, Salt: "sam/2026-01-05"})
	check("other salt", hillWorkout(), encode.Options{Time: testTime, Salt: "ana/2026-01-05"})
	mutations := map[string]func(w *workouts.Workout){
		"name":        func(w *workouts.Workout) { w.Name += "!" },
		"description": func(w *workouts.Workout) { w.Description = "" },
		"sport":       func(w *workouts.Workout) { w.Sport = workouts.SportWalking },
		"step name":   func(w *workouts.Workout) { w.Steps[1].Steps[0].Name = "Up" },
		"notes":       func(w *workouts.Workout) { w.Steps[1].Steps[0].Notes += " " },
		"duration":    func(w *workouts.Workout) { w.Steps[1].Steps[0].Duration.Seconds = 121 },
		"lap":         func(w *workouts.Workout) { w.Steps[2].Duration = workouts.Duration{Kind: workouts.DurationLap} },
		"count":       func(w *workouts.Workout) { w.Steps[1].Count = 5 },
		"pace":        func(w *workouts.Workout) { w.Steps[0].Target.High += 0.01 },
		"open":        func(w *workouts.Workout) { w.Steps[0].Target = workouts.Target{} },
		"intensity":   func(w *workouts.Workout) { w.Steps[1].Steps[1].Intensity = workouts.IntensityRest },
		"order": func(w *workouts.Workout) {
			s := w.Steps[1].Steps
			s[0], s[1] = s[1], s[0]
		},
		"flat": func(w *workouts.Workout) { w.Steps = append(w.Steps[:1], w.Steps[1].Steps...) },
	}
	for name, mutate := range mutations {
		w := hillWorkout()
		mutate(w)
		check(name, w, testOpts)
	}
	circuitMutations := map[string]func(w *workouts.Workout){
		"circuit":   func(w *workouts.Workout) {},
		"weight":    func(w *workouts.Workout) { w.Steps[0].Steps[0].Weight.Value = 20 },
		"units":     func(w *workouts.Workout) { w.Units = "metric" },
		"each side": func(w *workouts.Workout) { w.Steps[0].Steps[0].EachSide = true },
		"exercise":  func(w *workouts.Workout) { w.Steps[0].Steps[0].Exercise.Number = 37 },
		"title":     func(w *workouts.Workout) { w.Steps[0].Steps[0].Exercise.Title = "DB Squat" },
		"no weight": func(w *workouts.Workout) { w.Steps[0].Steps[0].Weight = nil },
		"rest lap": func(w *workouts.Workout) {
			w.Steps[0].Steps[5].Duration = workouts.Duration{Kind: workouts.DurationLap}
		},
		"circuit sets": func(w *workouts.Workout) { w.Steps[0].Count = 4 },
	}
	for name, mutate := range circuitMutations {
		w := circuitWorkout()
		mutate(w)
		check(name, w, testOpts)
	}
	// The serial identifies content, not the build time.
	later, _, err := fitenc.Encode(hillWorkout(), encode.Options{Time: testTime.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if s := serialOf(t, later); s != base {
		t.Errorf("another time changed the serial: %#x, want %#x", s, base)
	}
}

func warnings(t *testing.T, w *workouts.Workout) (workouts.Diagnostics, []byte) {
	t.Helper()
	b, diags, err := fitenc.Encode(w, testOpts)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	for _, d := range diags {
		if d.Severity != workouts.SeverityWarning {
			t.Errorf("not a warning: %v", d)
		}
		if d.Msg == "" || strings.ToLower(d.Msg[:1]) != d.Msg[:1] || strings.HasSuffix(d.Msg, ".") {
			t.Errorf("message style: %q", d.Msg)
		}
	}
	return diags, b
}

func hasWarning(diags workouts.Diagnostics, p workouts.Pos, parts ...string) bool {
	for _, d := range diags {
		ok := d.Pos == p
		for _, s := range parts {
			ok = ok && strings.Contains(d.Msg, s)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestSeedWarnings(t *testing.T) {
	for _, tw := range testWorkouts {
		diags, _ := warnings(t, tw.w())
		want := 0
		if tw.name == "hill" {
			// "Walk or slow jog" is 16 bytes, one more than Garmin Connect writes.
			want = 1
			if !hasWarning(diags, pos(14), "step name", "16", "15") {
				t.Errorf("hill: no warning about the 16-byte step name: %v", diags)
			}
		}
		if len(diags) != want {
			t.Errorf("%s: %d warnings, want %d:\n%v", tw.name, len(diags), want, diags)
		}
	}
}

func TestTextCut(t *testing.T) {
	long := strings.Repeat("a", 100000)
	w := hillWorkout()
	w.Name = long
	w.Steps[1].Steps[0].Name = strings.Repeat("é", 200)
	w.Steps[1].Steps[0].Notes = "x" + strings.Repeat("é", 200) // cut must step back a byte
	w.Description = "bad \xff utf-8"
	diags, b := warnings(t, w)
	f := decodeMuktihari(t, b)
	name := mesgdef.NewWorkout(&f.Messages[1]).WktName
	if !validText(name, 254) || len(name) != 254 || name != long[:254] {
		t.Errorf("name cut to %d bytes", len(name))
	}
	if !hasWarning(diags, w.Pos, "workout name", "100000", "254") {
		t.Errorf("no warning for the long name: %v", diags)
	}
	// muktihari's decoder drops every U+FFFD it reads, even a valid one:
	// look at the bytes.
	if !bytes.Contains(b, []byte("bad \uFFFD utf-8\x00")) || !hasWarning(diags, w.Pos, "description", "UTF-8") {
		t.Errorf("description not repaired, warnings %v", diags)
	}
	s := mesgdef.NewWorkoutStep(&f.Messages[2+1])
	if s.WktStepName != strings.Repeat("é", 127) {
		t.Errorf("step name cut to %d bytes, %q", len(s.WktStepName), s.WktStepName)
	}
	if s.Notes != "x"+strings.Repeat("é", 126) || !validText(s.Notes, 254) {
		t.Errorf("notes cut to %d bytes", len(s.Notes))
	}
	if !hasWarning(diags, pos(11), "step name", "400", "254") || !hasWarning(diags, pos(11), "notes", "401", "253") {
		t.Errorf("no warnings for the cut step texts: %v", diags)
	}

	// The title of an exercise is cut too, and NUL bytes are removed.
	c := circuitWorkout()
	c.Steps[0].Steps[0].Exercise.Title = strings.Repeat("ü", 300)
	c.Steps[0].Steps[1].Name = "a\x00b"
	diags, b = warnings(t, c)
	f = decodeMuktihari(t, b)
	title := mesgdef.NewExerciseTitle(&f.Messages[2+7]).WktStepName
	if len(title) != 1 || title[0] != strings.Repeat("ü", 127) {
		t.Errorf("title %q", title)
	}
	if s := mesgdef.NewWorkoutStep(&f.Messages[2+1]); s.WktStepName != "ab" || !hasWarning(diags, pos(11), "NUL") {
		t.Errorf("step name %q, warnings %v", s.WktStepName, diags)
	}
}

func TestBudgetWarnings(t *testing.T) {
	w := hillWorkout()
	w.Name = strings.Repeat("n", 32)
	w.Description = strings.Repeat("d", 160)
	w.Steps[1].Steps[0].Name = strings.Repeat("s", 15) // at the limit: no warning
	w.Steps[1].Steps[0].Notes = strings.Repeat("o", 200)
	w.Steps[1].Steps[1].Name = "Walk"
	diags, _ := warnings(t, w)
	for _, want := range [][]string{{"workout name", "32", "31"}, {"description", "160", "159"}} {
		if !hasWarning(diags, w.Pos, want...) {
			t.Errorf("no warning %q in %v", want, diags)
		}
	}
	if !hasWarning(diags, pos(11), "notes", "200", "199") {
		t.Errorf("no notes warning in %v", diags)
	}
	if len(diags) != 3 {
		t.Errorf("%d warnings, want 3: %v", len(diags), diags)
	}
}

func runs(n int) []workouts.Step {
	s := make([]workouts.Step, n)
	for i := range s {
		s[i] = workouts.Step{Pos: pos(100 + i), Kind: workouts.KindRun,
			Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 60}}
	}
	return s
}

func TestStepCounts(t *testing.T) {
	w := hillWorkout()
	w.Steps = runs(50)
	if diags, _ := warnings(t, w); len(diags) != 0 {
		t.Errorf("50 steps: %v", diags)
	}
	w.Steps = append(runs(49), workouts.Step{Pos: pos(9), Kind: workouts.KindRepeat, Count: 2, Steps: runs(1)})
	diags, b := warnings(t, w)
	if !hasWarning(diags, w.Pos, "51 steps", "50") {
		t.Errorf("51 steps: %v", diags)
	}
	if n := mesgdef.NewWorkout(&decodeMuktihari(t, b).Messages[1]).NumValidSteps; n != 51 {
		t.Errorf("num_valid_steps %d", n)
	}

	w.Steps = runs(fitenc.MaxSteps)
	b, _, err := fitenc.Encode(w, testOpts)
	if err != nil {
		t.Fatalf("%d steps: %v", fitenc.MaxSteps, err)
	}
	f := decodeMuktihari(t, b)
	if last := mesgdef.NewWorkoutStep(&f.Messages[len(f.Messages)-1]); last.MessageIndex != fitenc.MaxSteps-1 {
		t.Errorf("last message_index %d", last.MessageIndex)
	}

	w.Steps = append(runs(fitenc.MaxSteps-1), workouts.Step{Pos: pos(9), Kind: workouts.KindRepeat, Count: 2, Steps: runs(2)})
	b, diags, err = fitenc.Encode(w, testOpts)
	if err == nil || b != nil || diags != nil || !strings.Contains(err.Error(), "4097 steps") {
		t.Errorf("4097 steps: %d bytes, err %v, diags %v", len(b), err, diags)
	}
}

func TestNestingWarning(t *testing.T) {
	w := nestedWorkout()
	if diags, _ := warnings(t, w); len(diags) != 0 {
		t.Errorf("2 deep: %v", diags)
	}
	inner := &w.Steps[1].Steps[0]
	inner.Steps = append(inner.Steps, workouts.Step{Pos: pos(40), Kind: workouts.KindRepeat, Count: 2, Steps: runs(1)})
	diags, b := warnings(t, w)
	if !hasWarning(diags, pos(40), "3 deep", "2") || len(diags) != 1 {
		t.Errorf("3 deep: %v", diags)
	}
	// The innermost repeat points at its own first step, 3.
	f := decodeMuktihari(t, b)
	if s := mesgdef.NewWorkoutStep(&f.Messages[2+4]); s.DurationValue != 3 || s.TargetValue != 2 {
		t.Errorf("innermost repeat: %+v", *s)
	}
}

func TestErrors(t *testing.T) {
	cases := map[string]struct {
		mutate func(w *workouts.Workout)
		want   string
	}{
		"named zone": {func(w *workouts.Workout) {
			w.Steps[0].Target = workouts.Target{Kind: workouts.TargetPace, Name: "easy", Pos: pos(8)}
		}, "test.yaml:8:5: target \"easy\" is a named zone"},
		"ranged":     {func(w *workouts.Workout) { w.Steps[1].Count, w.Steps[1].CountMin, w.Steps[1].CountMax = 0, 3, 5 }, "test.yaml:9:5: repeat 3-5 has no count"},
		"count 0":    {func(w *workouts.Workout) { w.Steps[1].Count = 0 }, "repeat count 0"},
		"empty":      {func(w *workouts.Workout) { w.Steps[1].Steps = nil }, "repeat has no steps"},
		"no steps":   {func(w *workouts.Workout) { w.Steps = nil }, "no steps"},
		"sport":      {func(w *workouts.Workout) { w.Sport = "curling" }, "unknown sport \"curling\""},
		"kind":       {func(w *workouts.Workout) { w.Steps[0].Kind = 0 }, "unknown step kind"},
		"intensity":  {func(w *workouts.Workout) { w.Steps[0].Intensity = 9 }, "unknown intensity"},
		"negative":   {func(w *workouts.Workout) { w.Steps[0].Duration.Meters = -1 }, "distance -1 m"},
		"NaN":        {func(w *workouts.Workout) { w.Steps[0].Duration.Meters = math.NaN() }, "distance NaN m"},
		"huge":       {func(w *workouts.Workout) { w.Steps[1].Steps[0].Duration.Seconds = 5e6 }, "duration 5e+06 s"},
		"hr zone":    {func(w *workouts.Workout) { w.Steps[0].Target = workouts.Target{Kind: workouts.TargetHRZone, Zone: 6} }, "heart-rate zone 6 is outside 1-5"},
		"power zone": {func(w *workouts.Workout) { w.Steps[0].Target = workouts.Target{Kind: workouts.TargetPowerZone} }, "power zone 0"},
		"hr percent": {func(w *workouts.Workout) {
			w.Steps[0].Target = workouts.Target{Kind: workouts.TargetHR, Low: 90, High: 110, Percent: true}
		}, "heart rate 90-110"},
		"hr 0 bpm": {func(w *workouts.Workout) {
			w.Steps[0].Target = workouts.Target{Kind: workouts.TargetHR, Low: 0, High: 110}
		}, "heart rate 0-110"},
		"power 0 W": {func(w *workouts.Workout) {
			w.Steps[0].Target = workouts.Target{Kind: workouts.TargetPower, Low: 0, High: 100}
		}, "power 0 W"},
		"target kind": {func(w *workouts.Workout) { w.Steps[0].Target.Kind = 42 }, "unknown target kind"},
		"duration":    {func(w *workouts.Workout) { w.Steps[0].Duration.Kind = 42 }, "unknown duration kind"},
		"no exercise": {func(w *workouts.Workout) { w.Steps[0].Kind = workouts.KindExercise }, "exercise step has no exercise"},
	}
	strength := map[string]struct {
		mutate func(w *workouts.Workout)
		want   string
	}{
		"heavy":      {func(w *workouts.Workout) { w.Steps[0].Steps[0].Weight.Value = 1445 }, "test.yaml:10:5: weight 1445 lb is outside 0-655.34 kg"},
		"named load": {func(w *workouts.Workout) { *w.Steps[0].Steps[0].Weight = workouts.Weight{Name: "medium"} }, "weight \"medium\" is a named load"},
		"unit":       {func(w *workouts.Workout) { w.Steps[0].Steps[0].Weight.Unit = "stone" }, "weight unit \"stone\""},
		"0 reps":     {func(w *workouts.Workout) { w.Steps[0].Steps[0].Duration.Reps = 0 }, "0 reps"},
	}
	run := func(name string, w *workouts.Workout, want string) {
		b, diags, err := fitenc.Encode(w, testOpts)
		if err == nil || b != nil || diags != nil {
			t.Errorf("%s: %d bytes, %v, err %v; want an error", name, len(b), diags, err)
			return
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q, want %q", name, err, want)
		}
		var ds workouts.Diagnostics
		if d, ok := err.(workouts.Diagnostics); ok {
			ds = d
		}
		if len(ds) == 0 || ds.Errors() == nil {
			t.Errorf("%s: error is not located: %T", name, err)
		}
	}
	for name, c := range cases {
		w := hillWorkout()
		c.mutate(w)
		run(name, w, c.want)
	}
	for name, c := range strength {
		w := circuitWorkout()
		c.mutate(w)
		run(name, w, c.want)
	}

	// Several problems are all reported.
	w := hillWorkout()
	w.Sport = "curling"
	w.Steps[1].Count = 0
	_, _, err := fitenc.Encode(w, testOpts)
	if ds, ok := err.(workouts.Diagnostics); !ok || len(ds) != 2 {
		t.Errorf("two problems: %v", err)
	}

	if _, _, err := fitenc.Encode(nil, testOpts); err == nil {
		t.Errorf("nil workout: no error")
	}
	if _, _, err := fitenc.Encode(hillWorkout(), encode.Options{Time: time.Unix(0, 0)}); err == nil {
		t.Errorf("1970: no error")
	}
	if _, _, err := fitenc.Encode(hillWorkout(), encode.Options{Time: encode.MinTime}); err != nil {
		t.Errorf("MinTime: %v", err)
	}
}
