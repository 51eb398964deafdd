package workouts_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/hostile"
	"github.com/workoutc/workoutc/workouts"
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, path string) *workouts.Workout {
	t.Helper()
	w, diags := workouts.Parse(path, readFile(t, path))
	if diags.HasErrors() {
		t.Fatalf("parse %s:\n%v", path, diags)
	}
	return w
}

func mustAthlete(t testing.TB, path string) *workouts.Athlete {
	t.Helper()
	a, diags := workouts.ParseAthlete(path, readFile(t, path))
	if diags.HasErrors() {
		t.Fatalf("athlete %s:\n%v", path, diags)
	}
	return a
}

var wantRE = regexp.MustCompile("`([^`]*)`")

// TestErrorFiles parses every testdata/errors file and checks that the
// errors reported are exactly those its "# want `re`" comments ask for, on
// those lines.
func TestErrorFiles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/errors/*.yaml")
	if len(files) == 0 {
		t.Fatal("no error test files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data := readFile(t, f)
			wants := map[int][]*regexp.Regexp{}
			for i, line := range strings.Split(string(data), "\n") {
				_, c, ok := strings.Cut(line, "# want ")
				if !ok {
					continue
				}
				for _, m := range wantRE.FindAllStringSubmatch(c, -1) {
					wants[i+1] = append(wants[i+1], regexp.MustCompile(m[1]))
				}
			}
			_, diags := workouts.Parse(f, data)
			for _, d := range diags.Errors() {
				if d.Pos.File != f {
					t.Errorf("error without the file name: %v", d)
				}
				matched := false
				for i, re := range wants[d.Pos.Line] {
					if re != nil && re.MatchString(d.Msg) {
						wants[d.Pos.Line][i] = nil
						matched = true
						break
					}
				}
				if !matched {
					t.Errorf("unexpected error %v", d)
				}
				if d.Msg != strings.ToLower(d.Msg[:1])+d.Msg[1:] || strings.HasSuffix(d.Msg, ".") {
					t.Errorf("message not lower-case or ends with a period: %q", d.Msg)
				}
			}
			for line, res := range wants {
				for _, re := range res {
					if re != nil {
						t.Errorf("%s:%d: no error matching %q", f, line, re)
					}
				}
			}
		})
	}
}

func TestErrorColumns(t *testing.T) {
	src := "name: x\nsteps:\n  - run: 2 mins\n"
	_, diags := workouts.Parse("x.yaml", []byte(src))
	if len(diags) != 1 {
		t.Fatalf("got %v", diags)
	}
	// "  - run: 2 mins": the unit starts at column 12.
	if got, want := diags[0].String(), `x.yaml:3:12: unknown duration unit "mins" (did you mean "min"?)`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSeedHill(t *testing.T) {
	w := mustParse(t, "../testdata/hill-repeats.yaml")
	if w.Name != "Hill Repeats" || w.Sport != workouts.SportRunning || w.Description != "Posterior-chain strength run." {
		t.Errorf("header: %+v", w)
	}
	if len(w.Steps) != 3 {
		t.Fatalf("steps: %d", len(w.Steps))
	}
	wu, rep, cd := w.Steps[0], w.Steps[1], w.Steps[2]
	if wu.Kind != workouts.KindWarmup || wu.Duration.Kind != workouts.DurationDistance || wu.Duration.Meters != 1609.344 ||
		wu.Target.Kind != workouts.TargetPace || wu.Target.Name != "easy" || wu.Intensity != workouts.IntensityWarmup {
		t.Errorf("warmup: %+v", wu)
	}
	if wu.Pos.Line != 7 || wu.Pos.Col != 5 || wu.Target.Pos.Line != 8 || wu.Target.Pos.Col != 13 {
		t.Errorf("positions: step %v target %v", wu.Pos, wu.Target.Pos)
	}
	if rep.Kind != workouts.KindRepeat || rep.CountMin != 3 || rep.CountMax != 5 || rep.Count != 0 || len(rep.Steps) != 2 {
		t.Errorf("repeat: %+v", rep)
	}
	up, rec := rep.Steps[0], rep.Steps[1]
	if up.Kind != workouts.KindRun || up.Duration.Seconds != 120 || up.Name != "Uphill" || !strings.HasPrefix(up.Notes, "Hinge forward") || up.Intensity != workouts.IntensityActive {
		t.Errorf("uphill: %+v", up)
	}
	if rec.Kind != workouts.KindRecover || rec.Duration.Seconds != 60 || rec.Name != "Walk or slow jog" || rec.Intensity != workouts.IntensityRecovery {
		t.Errorf("recover: %+v", rec)
	}
	if cd.Kind != workouts.KindCooldown || cd.Intensity != workouts.IntensityCooldown || cd.Target.Name != "easy" {
		t.Errorf("cooldown: %+v", cd)
	}
}

func TestSeedCircuit(t *testing.T) {
	w := mustParse(t, "../testdata/strength-circuit.yaml")
	if w.Sport != workouts.SportStrength || len(w.Steps) != 1 || w.Steps[0].Count != 3 {
		t.Fatalf("header: %+v", w)
	}
	want := []struct {
		cat, num uint16
		key      string
		each     bool
		load     string
	}{
		{28, 29, "squat/dumbbell_squat", false, "medium"},
		{8, 2, "deadlift/dumbbell_deadlift", false, "medium"},
		{8, 14, "deadlift/single_leg_romanian_deadlift_with_dumbbell", true, "medium"},
		{10, 12, "hip_raise/weighted_hip_raise", false, "heavy"},
		{10, 31, "hip_raise/weighted_single_leg_hip_raise", true, "heavy"},
	}
	steps := w.Steps[0].Steps
	if len(steps) != 6 {
		t.Fatalf("circuit steps: %d", len(steps))
	}
	for i, e := range want {
		s := steps[i]
		if s.Exercise == nil || s.Exercise.Category != e.cat || s.Exercise.Number != e.num || s.Exercise.Key != e.key {
			t.Errorf("step %d exercise: %+v", i, s.Exercise)
		}
		if s.Duration.Kind != workouts.DurationReps || s.Duration.Reps != 10 || s.EachSide != e.each || s.Weight == nil || s.Weight.Name != e.load {
			t.Errorf("step %d: %+v", i, s)
		}
	}
	if r := steps[5]; r.Kind != workouts.KindRest || r.Duration.Seconds != 120 || r.Intensity != workouts.IntensityRest || r.Exercise != nil {
		t.Errorf("rest: %+v", r)
	}
}

func TestValues(t *testing.T) {
	durs := map[string]workouts.Duration{
		"90 s":    {Kind: workouts.DurationTime, Seconds: 90, Unit: "s"},
		"2 min":   {Kind: workouts.DurationTime, Seconds: 120, Unit: "min"},
		"1:30":    {Kind: workouts.DurationTime, Seconds: 90, Unit: "clock"},
		"1:02:03": {Kind: workouts.DurationTime, Seconds: 3723, Unit: "clock"},
		"1 h":     {Kind: workouts.DurationTime, Seconds: 3600, Unit: "h"},
		"400 m":   {Kind: workouts.DurationDistance, Meters: 400, Unit: "m"},
		"1.5 km":  {Kind: workouts.DurationDistance, Meters: 1500, Unit: "km"},
		"1 mi":    {Kind: workouts.DurationDistance, Meters: 1609.344, Unit: "mi"},
		"800 yd":  {Kind: workouts.DurationDistance, Meters: 731.52, Unit: "yd"},
		"lap":     {Kind: workouts.DurationLap},
		"400m":    {Kind: workouts.DurationDistance, Meters: 400, Unit: "m"},
	}
	for in, want := range durs {
		got, err := workouts.ParseDuration(in)
		if err != nil || math.Abs(got.Meters-want.Meters) > 1e-9 || got.Seconds != want.Seconds || got.Kind != want.Kind || got.Unit != want.Unit {
			t.Errorf("ParseDuration(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0 s", "-1 min", "25 h", "1:3", "1:60", "2 furlongs", "1e9 m", "NaN s", "lapp", ":", "1::2", "1.2.3 km"} {
		if _, err := workouts.ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) succeeded", bad)
		}
	}
	mi := 1609.344
	targets := map[string]workouts.Target{
		"open":                {Kind: workouts.TargetOpen},
		"pace 9:30-10:30 /mi": {Kind: workouts.TargetPace, Low: mi / 630, High: mi / 570, Unit: "/mi"},
		"pace 10:30-9:30/mi":  {Kind: workouts.TargetPace, Low: mi / 630, High: mi / 570, Unit: "/mi"},
		"pace 5:00 /km":       {Kind: workouts.TargetPace, Low: 1000.0 / 300, High: 1000.0 / 300, Unit: "/km"},
		"pace easy":           {Kind: workouts.TargetPace, Name: "easy"},
		"hr 140-155":          {Kind: workouts.TargetHR, Low: 140, High: 155},
		"hr 140-155 bpm":      {Kind: workouts.TargetHR, Low: 140, High: 155},
		"hr 70-80%":           {Kind: workouts.TargetHR, Low: 70, High: 80, Percent: true},
		"hr zone 2":           {Kind: workouts.TargetHRZone, Zone: 2},
		"hr easy":             {Kind: workouts.TargetHR, Name: "easy"},
		"power 200-250":       {Kind: workouts.TargetPower, Low: 200, High: 250},
		"power 200-250 W":     {Kind: workouts.TargetPower, Low: 200, High: 250},
		"power zone 7":        {Kind: workouts.TargetPowerZone, Zone: 7},
		"cadence 170-180":     {Kind: workouts.TargetCadence, Low: 170, High: 180},
	}
	for in, want := range targets {
		got, err := workouts.ParseTarget(in)
		if err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "pace", "pace 8:00", "pace 8:00 /fathom", "hr zone 6", "hr zone 0", "power zone 8",
		"hr 10-300", "hr 101-110%", "cadence easy", "open 3", "speed 3", "hr 140.5-150", "pace 0:10 /km"} {
		if _, err := workouts.ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q) succeeded", bad)
		}
	}
	weights := map[string]workouts.Weight{
		"15 lb": {Value: 15, Unit: "lb"}, "7.5 kg": {Value: 7.5, Unit: "kg"}, "10kg": {Value: 10, Unit: "kg"}, "medium": {Name: "medium"},
	}
	for in, want := range weights {
		got, err := workouts.ParseWeight(in)
		if err != nil || got != want {
			t.Errorf("ParseWeight(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "15", "0 kg", "700 kg", "15 stone", "-3 kg"} {
		if _, err := workouts.ParseWeight(bad); err == nil {
			t.Errorf("ParseWeight(%q) succeeded", bad)
		}
	}
}

func TestResolve(t *testing.T) {
	hill := mustParse(t, "../testdata/hill-repeats.yaml")
	sam := mustAthlete(t, "../testdata/athletes/sam.yaml")

	r, diags := workouts.Resolve(hill, workouts.ResolveOptions{Athlete: sam})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if r.Steps[1].Count != 3 {
		t.Errorf("range without --reps: count %d, want the low end 3", r.Steps[1].Count)
	}
	if tg := r.Steps[0].Target; tg.Named() || tg.Kind != workouts.TargetPace || math.Round(tg.Low*1000) != 2555 || math.Round(tg.High*1000) != 2823 {
		t.Errorf("pace easy resolved to %+v", tg)
	}
	if r.Units != "imperial" || hill.Steps[0].Target.Name != "easy" || hill.Steps[1].Count != 0 {
		t.Errorf("resolve changed its input or missed units: %+v", r)
	}
	r, diags = workouts.Resolve(hill, workouts.ResolveOptions{Athlete: sam, Reps: 5})
	if diags.HasErrors() || r.Steps[1].Count != 5 {
		t.Errorf("--reps 5: %v %d", diags, r.Steps[1].Count)
	}
	_, diags = workouts.Resolve(hill, workouts.ResolveOptions{Athlete: sam, Reps: 7})
	if got := diags.Error(); got != "../testdata/hill-repeats.yaml:9:5: --reps 7 is outside this repeat's range 3-5" {
		t.Errorf("--reps 7: %s", got)
	}
	// No profile: every named value is a located error naming what is missing.
	_, diags = workouts.Resolve(hill, workouts.ResolveOptions{})
	want := "../testdata/hill-repeats.yaml:8:13: pace easy is a named zone: give an athlete profile (--athlete FILE.yaml) with zones.pace.easy\n" +
		"../testdata/hill-repeats.yaml:17:13: pace easy is a named zone: give an athlete profile (--athlete FILE.yaml) with zones.pace.easy"
	if got := diags.Error(); got != want {
		t.Errorf("no athlete:\n%s\nwant\n%s", got, want)
	}
	// A profile without the zone names it and says what it has.
	a := &workouts.Athlete{Pos: workouts.Pos{File: "p.yaml"}}
	if err := a.SetZone("pace", "tempo", "7:00-7:10 /mi"); err != nil {
		t.Fatal(err)
	}
	_, diags = workouts.Resolve(hill, workouts.ResolveOptions{Athlete: a})
	if got := diags.Errors()[0].Msg; got != `athlete profile p.yaml has no zones.pace.easy; it has "tempo"` {
		t.Errorf("missing zone: %s", got)
	}

	circuit := mustParse(t, "../testdata/strength-circuit.yaml")
	_, diags = workouts.Resolve(circuit, workouts.ResolveOptions{})
	if n := len(diags.Errors()); n != 5 || !strings.Contains(diags.Error(), "strength-circuit.yaml:10:17: weight medium is a named load") {
		t.Errorf("circuit without profile: %d errors\n%v", n, diags)
	}
	r, diags = workouts.Resolve(circuit, workouts.ResolveOptions{Athlete: sam, LoadPercent: 80})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if w := r.Steps[0].Steps[0].Weight; w.Value != 12 || w.Unit != "lb" || w.Name != "" {
		t.Errorf("80%% of medium: %+v", w)
	}
}

func TestAthleteErrors(t *testing.T) {
	src := "name: X\nunits: imperal\nmax_hr: 400\nzones:\n  pace:\n    easy: 9:30-10:30\n  hr:\n    easy: zone 9\nloads:\n  medium: 15 stone\nweight: 3\n"
	_, diags := workouts.ParseAthlete("a.yaml", []byte(src))
	want := []string{
		`a.yaml:2:8: unknown units "imperal" (did you mean "imperial"?)`,
		`a.yaml:3:9: max_hr "400" is not a heart rate from 100 to 250 bpm`,
		`a.yaml:6:21: pace "9:30-10:30" needs a unit: /mi or /km (e.g. "9:30-10:30 /mi")`,
		`a.yaml:8:11: hr zone "9" is not a zone number from 1 to 5`,
		`a.yaml:10:14: unknown weight unit "stone" (expected kg or lb)`,
		`a.yaml:11:1: unknown key "weight" in the athlete profile (expected name, units, max_hr, zones or loads)`,
	}
	if got := diags.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestHostile feeds inputs meant to hurt: each must give a located error or
// a clean refusal, within a bounded allocation, and never panic.
func TestHostile(t *testing.T) {
	cases := map[string]struct {
		src  string
		want string
	}{
		"alias bomb":    {hostile.AliasBomb(), `x.yaml:5:\d+: YAML aliases \(\*a\) are not supported`},
		"300 nested":    {hostile.DeepRepeats(300), `x.yaml:\d+:\d+: nested more than 64 levels deep \(repeats nest at most 10 deep\)`},
		"2^32 repeats":  {"name: x\nsteps:\n  - repeat: 4294967296\n    steps:\n      - run: 1 min\n", `x.yaml:3:13: repeat count 4294967296 is out of range \(use 1 to 99\)`},
		"NUL":           {"name: x\x00\nsteps: []\n", `x.yaml:1:8: NUL byte in input`},
		"garbage":       {string(hostile.Garbage(4096)), `^x.yaml:\d+:\d+: `},
		"empty":         {"", `^x.yaml: empty workout definition`},
		"blank":         {"\n\n   \n", `^x.yaml: empty workout definition`},
		"list":          {"- a\n- b\n", `x.yaml:1:1: a workout definition is a mapping`},
		"bad yaml":      {"name: [x\nsteps:\n", `x.yaml:\d+:1: invalid YAML: `},
		"two docs":      {"name: x\nsteps:\n  - run: 1 min\n---\nname: y\n", `x.yaml:4:1: a second YAML document`},
		"huge":          {strings.Repeat("#", workouts.MaxFileSize+1), `x.yaml: file is 1048577 bytes`},
		"bad utf8":      {"name: \xff\xfe\nsteps: []\n", `x.yaml:1:7: invalid UTF-8`},
		"control chars": {"name: \"a\\u0007b\"\nsteps:\n  - run: 1 min\n", `x.yaml:1:7: name holds control character U\+0007`},
		"merge key":     {"base: &b {run: 1 min}\nname: x\nsteps:\n  - <<: *b\n", `YAML (aliases|merge keys)`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, diags := workouts.Parse("x.yaml", []byte(c.src))
			runtime.ReadMemStats(&after)
			// TotalAlloc counts every byte allocated, freed or not: an
			// upper bound on the memory the parse needed, and a bound on
			// its work that does not depend on the machine's load (no
			// test here is timed; a hang meets go test's -timeout).
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			errs := diags.Errors()
			if len(errs) > 20 {
				t.Errorf("%d errors for one problem", len(errs))
			}
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			if !regexp.MustCompile(c.want).MatchString(errs[0].String()) {
				t.Errorf("first error %q does not match %q (all: %v)", errs[0], c.want, errs)
			}
		})
	}
	// A 100,000-character name parses (the encoder cuts it with a warning).
	long := "name: " + strings.Repeat("n", 100000) + "\nsteps:\n  - run: 1 min\n"
	w, diags := workouts.Parse("x.yaml", []byte(long))
	if diags.HasErrors() || len(w.Name) != 100000 {
		t.Errorf("long name: %v", diags)
	}
}

func TestCountSteps(t *testing.T) {
	w := mustParse(t, "../testdata/nested-repeats.yaml")
	if n := workouts.CountSteps(w.Steps); n != 7 {
		t.Errorf("nested: %d steps, want 7", n)
	}
}

func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/*.yaml")
	errs, _ := filepath.Glob("../testdata/errors/*.yaml")
	seeds = append(seeds, errs...)
	if len(seeds) == 0 {
		f.Fatal("no seeds")
	}
	for _, s := range seeds {
		f.Add(readFile(f, s))
	}
	sam := mustAthlete(f, "../testdata/athletes/sam.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		w, diags := workouts.Parse("f.yaml", data)
		for _, d := range diags {
			if d.Pos.File != "f.yaml" || d.Msg == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if w == nil || diags.HasErrors() {
			return
		}
		r, rd := workouts.Resolve(w, workouts.ResolveOptions{Athlete: sam, Reps: 3})
		if rd.HasErrors() {
			return
		}
		workouts.Walk(r.Steps, func(s *workouts.Step, _ int) {
			if s.Target.Named() || (s.Weight != nil && s.Weight.Name != "") || (s.Kind == workouts.KindRepeat && s.Until == nil && (s.Count < 1 || s.Count > 99)) {
				t.Fatalf("unresolved step %+v", s)
			}
		})
	})
}

func ExampleParse() {
	src := `name: Strides
sport: running
steps:
  - warmup: 10 min
  - repeat: 6
    steps:
      - run: 20 s
        target: pace 5:00-5:20 /mi
      - recover: 1:00
  - cooldown: 1 mi
`
	w, diags := workouts.Parse("strides.yaml", []byte(src))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	workouts.Walk(w.Steps, func(s *workouts.Step, depth int) {
		fmt.Printf("%s%s %s\n", strings.Repeat("  ", depth), s.Kind, describeStep(s))
	})
	// Output:
	// warmup 600 s
	// repeat ×6
	//   run 20 s, pace 5.03-5.36 m/s
	//   recover 60 s
	// cooldown 1609.344 m
}

func describeStep(s *workouts.Step) string {
	switch {
	case s.Kind == workouts.KindRepeat:
		return "×" + strconv.Itoa(s.Count)
	case s.Duration.Kind == workouts.DurationTime && s.Target.Kind == workouts.TargetPace:
		return fmt.Sprintf("%g s, pace %.2f-%.2f m/s", s.Duration.Seconds, s.Target.Low, s.Target.High)
	case s.Duration.Kind == workouts.DurationTime:
		return fmt.Sprintf("%g s", s.Duration.Seconds)
	}
	return fmt.Sprintf("%g m", s.Duration.Meters)
}

func ExampleParse_errors() {
	src := "name: Oops\nstpes:\n  - run: 2 mins\n"
	_, diags := workouts.Parse("oops.yaml", []byte(src))
	fmt.Println(diags)
	// Output:
	// oops.yaml:1:1: missing key "steps" (the list of steps)
	// oops.yaml:2:1: unknown key "stpes" in the workout (did you mean "steps"?)
}

func ExampleResolve() {
	w, _ := workouts.Parse("easy.yaml", []byte("name: Easy\nsteps:\n  - run: 30 min\n    target: hr easy\n"))
	a := &workouts.Athlete{Name: "Sam"}
	_ = a.SetZone("hr", "easy", "125-145")
	r, diags := workouts.Resolve(w, workouts.ResolveOptions{Athlete: a})
	fmt.Println(len(diags), r.Steps[0].Target.Low, r.Steps[0].Target.High)
	// Output: 0 125 145
}

var _ = bytes.Equal
