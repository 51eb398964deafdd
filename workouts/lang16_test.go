package workouts_test

import (
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

// TestParseIssue16: the forms of issue 16 parse to the model they say.
func TestParseIssue16(t *testing.T) {
	src := `name: All forms
sport: swimming
pool: 25 yd
steps:
  - warmup: until hr above 130
  - swim: 100 yd
    stroke: free
    equipment: pull buoy
    target: pace 1:30-1:35 /100yd
    secondary_target: hr 140-165
  - recover: until hr below 70%
  - run: until power above 300
  - run: until power below 80%
  - run: 300 kcal
  - rest: until hr below 110
  - repeat: until 20 min
    steps:
      - swim: 50 yd
  - repeat: until 5 km
    steps:
      - swim: 50 yd
  - repeat: until 500 kcal
    steps:
      - swim: 50 yd
  - repeat: until hr above 170
    steps:
      - swim: 50 yd
  - repeat: until power below 200
    steps:
      - swim: 50 yd
`
	w, d := workouts.Parse("x.yaml", []byte(src))
	if d.HasErrors() || len(d) > 0 {
		t.Fatalf("%v", d)
	}
	if w.Pool == nil || w.Pool.Length != 25 || w.Pool.Unit != "yd" || w.Pool.Pos.Line != 3 {
		t.Errorf("pool %+v", w.Pool)
	}
	type cond struct {
		kind    workouts.DurationKind
		value   float64
		percent bool
	}
	for i, want := range map[int]cond{
		0: {workouts.DurationHRAbove, 130, false},
		2: {workouts.DurationHRBelow, 70, true},
		3: {workouts.DurationPowerAbove, 300, false},
		4: {workouts.DurationPowerBelow, 80, true},
		5: {workouts.DurationCalories, 300, false},
		6: {workouts.DurationHRBelow, 110, false},
	} {
		got := w.Steps[i].Duration
		if got.Kind != want.kind || got.Value != want.value || got.Percent != want.percent {
			t.Errorf("step %d: duration %+v, want %+v", i+1, got, want)
		}
	}
	s := w.Steps[1]
	if s.Kind != workouts.KindRun || s.Stroke != workouts.StrokeFree || s.Equipment != workouts.EquipmentPullBuoy ||
		s.Target.Kind != workouts.TargetPace || s.Target.Unit != "/100yd" || s.Secondary.Kind != workouts.TargetHR || s.Secondary.Low != 140 {
		t.Errorf("swim step %+v", s)
	}
	if got, want := s.Target.High, 91.44/90; got != want {
		t.Errorf("pace 1:30 /100yd = %v m/s, want %v", got, want)
	}
	untils := []cond{
		{workouts.DurationTime, 1200, false}, {workouts.DurationDistance, 5000, false}, {workouts.DurationCalories, 500, false},
		{workouts.DurationHRAbove, 170, false}, {workouts.DurationPowerBelow, 200, false},
	}
	for i, want := range untils {
		r := w.Steps[7+i]
		u := r.Until
		if r.Kind != workouts.KindRepeat || u == nil || r.Count != 0 || len(r.Steps) != 1 {
			t.Fatalf("repeat %d: %+v", i, r)
		}
		v := u.Value
		switch u.Kind {
		case workouts.DurationTime:
			v = u.Seconds
		case workouts.DurationDistance:
			v = u.Meters
		}
		if u.Kind != want.kind || v != want.value {
			t.Errorf("repeat %d: until %+v, want %+v", i, u, want)
		}
	}
	r, rd := workouts.Resolve(w, workouts.ResolveOptions{})
	if rd.HasErrors() || r.Steps[7].Count != 0 || r.Steps[7].Until == nil {
		t.Errorf("resolve: %v %+v", rd, r.Steps[7])
	}
}

// TestParseIssue16Errors: every mistake in the new forms is located at the
// part of the value that is wrong, and says what would be valid.
func TestParseIssue16Errors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"  - run: until hr abve 130\n", `x.yaml:4:19: unknown comparison "abve" after hr (did you mean "above"?)`},
		{"  - run: until heart below 130\n", `x.yaml:4:16: unknown condition "heart" (did you mean "hr"?)`},
		{"  - run: until hr below\n", `x.yaml:4:24: missing value after hr below (e.g. "until hr below 130")`},
		{"  - run: until hr below 260\n", `x.yaml:4:25: hr below 260 is outside 30-250 bpm`},
		{"  - run: until hr below 101%\n", `x.yaml:4:25: hr below 101% is outside 1-100 %`},
		{"  - run: until hr below 130.5\n", `x.yaml:4:25: hr below 130.5 must be a whole number`},
		{"  - run: until power above 80 %\n", ``},
		{"  - run: until power above 1001%\n", `x.yaml:4:28: power above 1001% is outside 1-1000 %`},
		{"  - run: until 20 min\n", `x.yaml:4:10: a step runs until hr or power ("until hr below 130"); for a time, distance or calories write it without until ("20 min")`},
		{"  - run: until\n", `x.yaml:4:10: missing condition after until (e.g. "until hr below 130" or "until power above 300")`},
		{"  - run: 300 kcals\n", `x.yaml:4:14: unknown duration unit "kcals" (did you mean "kcal"?)`},
		{"  - run: 0 kcal\n", `x.yaml:4:10: calories "0 kcal" must be a whole number from 1 to 10000 kcal`},
		{"  - run: 20.5 kcal\n", `x.yaml:4:10: calories "20.5 kcal" must be a whole number from 1 to 10000 kcal`},
		{"  - repeat: until 20 mins\n    steps:\n      - run: 1 min\n", `x.yaml:4:22: unknown duration unit "mins" (did you mean "min"?)`},
		{"  - repeat: until pwr below 200\n    steps:\n      - run: 1 min\n", `x.yaml:4:19: unknown condition "pwr" (did you mean "power"?)`},
		{"  - repeat: until lap\n    steps:\n      - run: 1 min\n", `x.yaml:4:19: "until lap" is not a condition (expected "until hr below 130", "until hr above 80%" or "until power above 300")`},
		{"  - repeat: until\n    steps:\n      - run: 1 min\n", `x.yaml:4:18: missing condition after until (e.g. "until 20 min", "until 5 km", "until 500 kcal" or "until hr above 170")`},
		{"  - run: 1 min\n    secondary_target: hr 170-160\n", `x.yaml:5:26: hr range "170-160" runs backwards (write 160-170)`},
		{"  - run: 1 min\n    secondary: hr 150-160\n", `x.yaml:5:5: unknown key "secondary" in a step (did you mean "secondary_target"?)`},
		{"  - rest: 1 min\n    secondary_target: hr 150-160\n", `x.yaml:5:5: a rest step takes no secondary_target; use "recover:" for an easy step with a target`},
		{"  - repeat: 2\n    secondary_target: hr 150-160\n    steps:\n      - run: 1 min\n", `x.yaml:5:5: a repeat takes no secondary_target (FIT repeat steps carry none); put it on the steps inside`},
		{"  - run: 1 min\n    stroke: free\n", `x.yaml:5:5: stroke belongs to swimming steps; this workout's sport is running`},
		{"  - swim: 1 min\n", `x.yaml:4:5: swim: steps belong to swimming workouts; this workout's sport is running (use "run:" or set sport: swimming)`},
	} {
		src := "name: x\nsport: running\nsteps:\n" + c.src
		_, d := workouts.Parse("x.yaml", []byte(src))
		got := ""
		if len(d) > 0 {
			got = d[0].String()
		}
		if got != c.want {
			t.Errorf("%s\n got %q\nwant %q", strings.TrimSpace(c.src), got, c.want)
		}
	}
	for _, c := range []struct{ src, want string }{
		{"pool: 25 m\nsteps:\n  - swim: 110 m\n", `x.yaml:5:11: 110 m is 4.4 lengths of the 25 m pool; a pool distance is whole lengths (e.g. "100 m" or "125 m")`},
		{"pool: 25 yd\nsteps:\n  - swim: 100 m\n", `x.yaml:5:11: 100 m is 4.37 lengths of the 25 yd pool; a pool distance is whole lengths (e.g. "100 yd" or "125 yd")`},
		{"pool: 25 yd\nsteps:\n  - swim: 10 yd\n", `x.yaml:5:11: 10 yd is 0.4 lengths of the 25 yd pool; a pool distance is whole lengths (e.g. "25 yd")`},
		{"pool: 25 ft\nsteps:\n  - swim: 100 m\n", `x.yaml:3:10: unknown pool unit "ft" (expected m or yd)`},
		{"pool: 25\nsteps:\n  - swim: 100 m\n", `x.yaml:3:9: missing unit after 25 (write "25 m" or "25 yd")`},
		{"pool: 5 m\nsteps:\n  - swim: 100 m\n", `x.yaml:3:7: pool length "5 m" is outside 10-200 m`},
		{"steps:\n  - swim: 100 m\n    stroke: fre\n", `x.yaml:5:13: unknown stroke "fre" (did you mean "free"?)`},
		{"steps:\n  - swim: 100 m\n    stroke: freestyle\n", `x.yaml:5:13: unknown stroke "freestyle" (did you mean "free"?)`},
		{"steps:\n  - swim: 100 m\n    equipment: pull boy\n", `x.yaml:5:16: unknown equipment "pull boy" (did you mean "pull buoy"?)`},
		{"steps:\n  - swim: 100 m\n    target: pace 1:45 /100 m\n", ``},
		{"steps:\n  - swim: 100 m\n    target: pace 0:20 /100m\n", `x.yaml:5:18: pace "0:20" is outside 0:30-10:00 per 100m`},
		{"steps:\n  - swim: 100 m\n    target: pace 1:45 /100ft\n", `x.yaml:5:23: unknown pace unit "/100ft" (expected mi, km, 100m or 100yd)`},
		{"steps:\n  - ride: 100 m\n", `x.yaml:4:5: ride: steps belong to cycling workouts; this workout's sport is swimming (use "run:" or set sport: cycling)`},
	} {
		src := "name: x\nsport: swimming\n" + c.src
		_, d := workouts.Parse("x.yaml", []byte(src))
		got := ""
		if len(d) > 0 {
			got = d[0].String()
		}
		if got != c.want {
			t.Errorf("%s\n got %q\nwant %q", strings.TrimSpace(c.src), got, c.want)
		}
	}
	_, d := workouts.Parse("x.yaml", []byte("name: x\nsport: running\npool: 25 m\nsteps:\n  - run: 1 min\n"))
	if len(d) != 1 || d[0].String() != "x.yaml:3:7: pool belongs to swimming workouts; this workout's sport is running" {
		t.Errorf("pool on a run: %v", d)
	}
}
