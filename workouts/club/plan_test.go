package club

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// files serves workout definitions from memory, as ParsePlan's ReadFile.
func files(m map[string]string) ReadFile {
	return func(path string) ([]byte, error) {
		if s, ok := m[filepath.ToSlash(path)]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
}

var testWorkouts = map[string]string{
	"club/hills.yaml":   "name: Hills\nsteps:\n  - warmup: 1 mi\n    target: pace easy\n  - repeat: 3-5\n    steps:\n      - run: 2 min\n",
	"club/circuit.yaml": "name: Circuit\nsport: strength\nsteps:\n  - exercise: dumbbell squat\n    reps: 10\n    weight: medium\n  - exercise: plank\n    time: 30 s\n    weight: 400 kg\n",
	"club/plain.yaml":   "name: Plain\nsteps:\n  - run: 30 min\n",
	"club/hills2.yaml":  "name: Hills\nsteps:\n  - run: 10 min\n",
	"club/broken.yaml":  "name: Broken\nsteps:\n  - run: 2 mins\n",
}

// TestPlanErrors: each problem of a plan, at its line and column.
func TestPlanErrors(t *testing.T) {
	const head = "start: 2027-01-04\nweeks: 4\nsessions:\n"
	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "club/p.yaml: empty plan (expected keys start, weeks and sessions)"},
		{"not a mapping", "- a\n", "club/p.yaml:1:1: a plan is a mapping with keys start, weeks and sessions, not a list"},
		{"missing keys", "name: x\n", "club/p.yaml:1:1: the plan has no sessions (a list of workout, days, and optional weeks, reps and load)\n" +
			"club/p.yaml:1:1: the plan has no start (the first day of week 1, e.g. \"start: 2027-01-04\")\n" +
			"club/p.yaml:1:1: the plan has no weeks (how many weeks it lasts, e.g. \"weeks: 8\")"},
		{"bad top values", "start: 4 Jan 2027\nweeks: 0\nsesions: []\nsessions: []\n",
			"club/p.yaml:1:8: start \"4 Jan 2027\" is not a date; write the first day of week 1 as YYYY-MM-DD (e.g. 2027-01-04)\n" +
				"club/p.yaml:2:8: weeks \"0\" is not a number of weeks from 1 to 104\n" +
				"club/p.yaml:3:1: unknown key \"sesions\" in the plan (did you mean \"sessions\"?)\n" +
				"club/p.yaml:4:11: sessions is a list of sessions (\"- workout: hills.yaml\"), not a list"},
		{"session keys", head + "  - workout: hills.yaml\n    day: [tue]\n",
			"club/p.yaml:4:5: the session has no days (e.g. \"days: [tue]\" or \"days: [mon, thu]\")\n" +
				"club/p.yaml:5:5: unknown key \"day\" in a session (did you mean \"days\"?)"},
		{"missing workout", head + "  - workout: nope.yaml\n    days: [tue]\n  - days: [wed]\n",
			"club/p.yaml:4:14: cannot read workout nope.yaml: file does not exist\n" +
				"club/p.yaml:6:5: the session has no workout (a workout file, relative to the plan: \"workout: hill-repeats.yaml\")"},
		{"broken workout", head + "  - workout: broken.yaml\n    days: [tue]\n",
			"club/broken.yaml:3:12: unknown duration unit \"mins\" (did you mean \"min\"?)"},
		{"days", head + "  - workout: plain.yaml\n    days: [tues, Thursday, fry, tue, [x]]\n",
			"club/p.yaml:5:28: unknown day \"fry\" (did you mean \"fri\"?)\n" +
				"club/p.yaml:5:33: day tue is listed twice\n" +
				"club/p.yaml:5:38: a day is a weekday (mon, tue, wed, thu, fri, sat, sun), not a list"},
		{"weeks", head + "  - workout: plain.yaml\n    days: [mon]\n    weeks: 2-6\n  - workout: plain.yaml\n    days: [tue]\n    weeks: 3-1\n  - workout: plain.yaml\n    days: [wed]\n    weeks: soon\n",
			"club/p.yaml:6:12: weeks 2-6 is outside the plan's weeks 1-4\n" +
				"club/p.yaml:9:12: weeks 3-1 goes backwards; write the first week first (e.g. \"1-6\")\n" +
				"club/p.yaml:12:12: weeks \"soon\" is not a week or a range of weeks (e.g. \"3\" or \"1-6\")"},
		{"reps", head + "  - workout: hills.yaml\n    days: [tue]\n    weeks: 2-4\n    reps: [3, 4, 5, 5]\n" +
			"  - workout: hills.yaml\n    days: [thu]\n    reps: [3, 6, x, 4]\n  - workout: plain.yaml\n    days: [sat]\n    reps: 3\n",
			"club/p.yaml:7:11: reps lists 4 weeks; the session covers weeks 2-4, so it needs 3 values (one a week)\n" +
				"club/p.yaml:10:15: reps 6 (week 2) is outside the range 3-5 of the repeat at club/hills.yaml:5:5\n" +
				"club/p.yaml:10:18: reps \"x\" is not a repeat count from 1 to 99\n" +
				"club/p.yaml:13:11: reps: workout plain.yaml has no ranged repeat (such as \"repeat: 3-5\") for reps to set"},
		{"load", head + "  - workout: circuit.yaml\n    days: [mon]\n    load: [100%, 90%, 80%]\n" +
			"  - workout: circuit.yaml\n    days: [thu]\n    load: [100%, 0%, 170%, heavy]\n  - workout: plain.yaml\n    days: [sat]\n    load: 90%\n",
			"club/p.yaml:6:11: load lists 3 weeks; the session covers weeks 1-4, so it needs 4 values (one a week)\n" +
				"club/p.yaml:9:18: load 0% is outside 1%-200%\n" +
				"club/p.yaml:9:22: load 170% makes circuit.yaml's heaviest weight 680.0 kg, over FIT's maximum of 655.34 kg\n" +
				"club/p.yaml:9:28: load \"heavy\" is not a percentage (e.g. \"90%\")\n" +
				"club/p.yaml:12:11: load: workout plain.yaml has no weights for load to scale"},
		{"same day twice", head + "  - workout: hills.yaml\n    days: [tue]\n  - workout: hills2.yaml\n    days: [tue, wed]\n    weeks: 3\n",
			"club/p.yaml:6:5: hills on 2027-01-19 is already planned by the session at club/p.yaml:4:5; one workout a day per name (rename one workout or move a day)"},
		{"alias", "start: &s 2027-01-04\nweeks: *s\n", "club/p.yaml:2:8: YAML aliases (*s) are not supported; write the entries out"},
		{"yaml syntax", "start: [\n", "club/p.yaml:1:1: invalid YAML: did not find expected node content"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, ds := ParsePlan("club/p.yaml", []byte(c.in), files(testWorkouts))
			if got := ds.Error(); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestPlanSeed expands the contract's plan: 8 tuesdays of hills with the
// progression and taper of reps, 12 strength days with lighter loads.
func TestPlanSeed(t *testing.T) {
	plan := seedPlan(t)
	if plan.Name != "Spring 10K block" || plan.Weeks != 8 || !plan.Start.Equal(time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("plan: %+v", plan)
	}
	var got []string
	for _, j := range plan.Jobs() {
		got = append(got, fmt.Sprintf("%s w%d %s reps=%d load=%v", j.Date.Format("Mon 2006-01-02"), j.Week, j.Base, j.Reps, j.LoadPercent))
	}
	want := []string{
		"Mon 2027-01-04 w1 2027-01-04-runner-strength-circuit reps=0 load=100",
		"Tue 2027-01-05 w1 2027-01-05-hill-repeats reps=3 load=100",
		"Thu 2027-01-07 w1 2027-01-07-runner-strength-circuit reps=0 load=100",
		"Mon 2027-01-11 w2 2027-01-11-runner-strength-circuit reps=0 load=100",
		"Tue 2027-01-12 w2 2027-01-12-hill-repeats reps=3 load=100",
		"Thu 2027-01-14 w2 2027-01-14-runner-strength-circuit reps=0 load=100",
		"Mon 2027-01-18 w3 2027-01-18-runner-strength-circuit reps=0 load=100",
		"Tue 2027-01-19 w3 2027-01-19-hill-repeats reps=4 load=100",
		"Thu 2027-01-21 w3 2027-01-21-runner-strength-circuit reps=0 load=100",
		"Mon 2027-01-25 w4 2027-01-25-runner-strength-circuit reps=0 load=90",
		"Tue 2027-01-26 w4 2027-01-26-hill-repeats reps=4 load=100",
		"Thu 2027-01-28 w4 2027-01-28-runner-strength-circuit reps=0 load=90",
		"Mon 2027-02-01 w5 2027-02-01-runner-strength-circuit reps=0 load=80",
		"Tue 2027-02-02 w5 2027-02-02-hill-repeats reps=5 load=100",
		"Thu 2027-02-04 w5 2027-02-04-runner-strength-circuit reps=0 load=80",
		"Mon 2027-02-08 w6 2027-02-08-runner-strength-circuit reps=0 load=70",
		"Tue 2027-02-09 w6 2027-02-09-hill-repeats reps=5 load=100",
		"Thu 2027-02-11 w6 2027-02-11-runner-strength-circuit reps=0 load=70",
		"Tue 2027-02-16 w7 2027-02-16-hill-repeats reps=4 load=100",
		"Tue 2027-02-23 w8 2027-02-23-hill-repeats reps=3 load=100",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("jobs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if cols := strings.Join(columns(plan), ","); cols != "pace.easy,load.medium,load.heavy" {
		t.Errorf("columns the plan needs: %s", cols)
	}
}

// TestPlanStartMidWeek: a week starts on the plan's start day, whatever
// weekday that is.
func TestPlanStartMidWeek(t *testing.T) {
	plan, ds := ParsePlan("club/p.yaml", []byte("start: 2027-01-06\nweeks: 2\nsessions:\n  - workout: plain.yaml\n    days: [mon, wed]\n"), files(testWorkouts))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, j := range plan.Jobs() {
		got = append(got, j.Date.Format("Mon 01-02"))
	}
	if s := strings.Join(got, ", "); s != "Wed 01-06, Mon 01-11, Wed 01-13, Mon 01-18" {
		t.Errorf("dates %s", s)
	}
}

// FuzzPlan: no plan panics and every problem has a place.
func FuzzPlan(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/plan.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(strings.ReplaceAll(string(seed), "../", ""))
	f.Add("start: 2027-01-04\nweeks: 4\nsessions:\n  - workout: hills.yaml\n    days: [tue]\n    reps: [3, 4, 5, 5]\n")
	f.Add("start: 2027-01-04\nweeks: 2\nsessions:\n  - workout: circuit.yaml\n    days: mon\n    weeks: 2\n    load: 90%\n")
	m := map[string]string{"club/hill-repeats.yaml": testWorkouts["club/hills.yaml"], "club/strength-circuit.yaml": testWorkouts["club/circuit.yaml"]}
	for k, v := range testWorkouts {
		m[k] = v
	}
	read := files(m)
	f.Fuzz(func(t *testing.T, s string) {
		plan, ds := ParsePlan("club/p.yaml", []byte(s), read)
		for _, d := range ds {
			if d.Pos.File == "" || d.Msg == "" {
				t.Fatalf("bad diagnostic %q", d)
			}
		}
		if !ds.HasErrors() {
			if plan == nil {
				t.Fatal("no plan and no error")
			}
			for _, j := range plan.Jobs() {
				if j.Week < 1 || j.Week > plan.Weeks || j.Base == "" {
					t.Fatalf("bad job %+v", j)
				}
			}
		}
	})
}

// columns returns the roster columns the plan's workouts need
// ("pace.easy", "load.medium"), in order of first use.
func columns(plan *Plan) []string {
	out := make([]string, len(plan.needs))
	for i, n := range plan.needs {
		out[i] = n.column
	}
	return out
}
