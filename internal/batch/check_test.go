package batch

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/connect"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

var allFormats = []encode.Encoder{fitEnc, tcx.Encoder{}, connect.Encoder{}}

// TestEncoderProblemBeforeFirstWrite: a workout that an encoder refuses
// (TCX cannot hold a repeat that runs until a condition) is an error at
// its place before the batch touches DIR: no folder is made, nothing is
// written.
func TestEncoderProblemBeforeFirstWrite(t *testing.T) {
	root := t.TempDir()
	w, err := os.ReadFile("../../testdata/repeat-until.yaml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "repeat-until.yaml"), string(w))
	plan := filepath.Join(root, "plan.yaml")
	writeFile(t, plan, "start: 2027-01-04\nweeks: 2\nsessions:\n  - workout: repeat-until.yaml\n    days: [tue]\n")
	c := load(t, seedRoster, plan)
	dir := filepath.Join(root, "new", "out")
	var ops []string
	fault = func(op, name string) error { ops = append(ops, op+" "+name); return nil }
	_, err = Run(c, opener(seedRoster), Options{Dir: dir, Encoders: []encode.Encoder{tcx.Encoder{}}})
	fault = nil
	var ds workouts.Diagnostics
	if !errors.As(err, &ds) || !strings.Contains(ds.Error(), "repeat-until.yaml:") || !strings.Contains(ds.Error(), "cannot be written to TCX") {
		t.Fatalf("err = %v, want the located TCX error", err)
	}
	if len(ops) > 0 {
		t.Errorf("the run did %q before it failed", ops)
	}
	if _, err := os.Lstat(filepath.Join(root, "new")); !os.IsNotExist(err) {
		t.Errorf("the run made %s: %v", filepath.Join(root, "new"), err)
	}
}

// TestCheckedRowsCompile: a roster row that club.Check accepts compiles
// in every format a sane row compiles in, however extreme its values; or,
// when a kind of row cannot (a heart rate in percent for Connect without
// max_hr), a batch of it fails before its first write with an error that
// names its line. The batch compiles only a sample of each kind of row
// before it writes (trial), so Check must catch every value out of range.
// 1,500 random rows a plan, one to three cells of each from the smallest to far
// past anything human, against the seed plan, a plan of HR and power
// zones and a plan of HR conditions.
func TestCheckedRowsCompile(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "zones.yaml"), `name: Zones
sport: cycling
steps:
  - warmup: 10 min
    target: hr easy
  - repeat: 3
    steps:
      - ride: 3 min
        target: power threshold
      - recover: until hr below 60%
  - ride: 5 min
    target: power 80-90%
    secondary_target: hr easy
  - cooldown: 2 km
    target: hr 60-70%
`)

	writeFile(t, filepath.Join(root, "hr.yaml"), `name: By heart rate
sport: running
steps:
  - warmup: until hr above 60%
  - repeat: 4
    steps:
      - run: 800 m
        target: pace easy
        secondary_target: hr 80-90%
      - recover: until hr below 130
  - run: 10 min
    target: hr easy
  - cooldown: until hr below 65%
`)
	td, _ := filepath.Abs("../../testdata")
	plans := map[string]string{
		"seed":  seedPlan,
		"zones": filepath.Join(root, "plan.yaml"),
		"hr":    filepath.Join(root, "hr-plan.yaml"),
	}
	writeFile(t, plans["hr"], "start: 2027-01-04\nweeks: 1\nsessions:\n  - workout: hr.yaml\n    days: [tue]\n")
	writeFile(t, plans["zones"], "start: 2027-01-04\nweeks: 1\nsessions:\n  - workout: zones.yaml\n    days: [tue]\n  - workout: "+td+"/strength-circuit.yaml\n    days: [thu]\n    load: [150%]\n")
	header := "name,units,max_hr,pace.easy,hr.easy,power.threshold,load.medium,load.heavy\n"
	sane := []string{"", "metric", "185", "5:30-6:00 /km", "120-140", "230-250 W", "6 kg", "10 kg"}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	num := func() string {
		return pick("0", "1", "2", "9", "30", "99", "100", "120", "181", "220", "255", "256", "300", "999", "1000",
			"2000", "65535", "65536", "100000", "0.5", "0.01", "1e3", "-5", fmt.Sprint(r.IntN(400)), fmt.Sprintf("%.2f", r.Float64()*300))
	}
	pace := func() string {
		return pick("0:01", "0:30", "1:00", "2:30", "3:00", "4:59", "9:30", "15:00", "59:59", "99:00", "600:00", fmt.Sprintf("%d:%02d", r.IntN(30), r.IntN(60)))
	}
	rng := func(f func() string, unit string) string {
		if r.IntN(4) == 0 {
			return f() + unit
		}
		return f() + "-" + f() + unit
	}
	wild := []func() string{
		nil,
		func() string { return pick("metric", "imperial", "") },
		func() string { return pick(num(), "") },
		func() string { return rng(pace, pick(" /km", " /mi", "/100m", "")) },
		func() string { return rng(num, pick("", " bpm", "%")) },
		func() string { return rng(num, pick("", " W", "%")) },
		func() string { return num() + pick(" kg", " lb", "") },
		func() string { return num() + pick(" kg", " lb", "") },
	}
	member := func(c *club.Club, roster string) club.Member {
		var m club.Member
		if err := c.Members(strings.NewReader(roster), func(x club.Member) error { m = x; return nil }); err != nil {
			t.Fatal(err)
		}
		return m
	}
	accepted, tried, failed := 0, 0, 0
	for name, plan := range plans {
		p := loadPlan(t, plan)
		// The formats a sane athlete compiles in: what the others fail
		// in is a workout's problem, which trial finds.
		base := "A," + strings.Join(sane[1:], ",") + "\n"
		c, ds, err := club.Check(p, "roster.csv", strings.NewReader(header+base))
		if err != nil || c == nil || ds.HasErrors() {
			t.Fatalf("plan %s: the sane row: %v %v", name, err, ds)
		}
		var encs []encode.Encoder
		for _, e := range allFormats {
			if _, _, err := Compile(c, member(c, header+base), Options{Encoders: []encode.Encoder{e}}); err == nil {
				encs = append(encs, e)
			}
		}
		for i := 0; i < 1500; i++ {
			cells := append([]string{fmt.Sprintf("A%d", i)}, sane[1:]...)
			for k := 0; k < 1+r.IntN(3); k++ {
				f := 1 + r.IntN(len(wild)-1)
				cells[f] = wild[f]()
			}
			row := strings.Join(cells, ",") + "\n"
			tried++
			c, ds, err := club.Check(p, "roster.csv", strings.NewReader(header+row))
			if err != nil {
				t.Fatal(err)
			}
			if c == nil || ds.HasErrors() {
				continue
			}
			accepted++
			cerr := func() error { _, _, err := Compile(c, member(c, header+row), Options{Encoders: encs}); return err }()
			if cerr == nil {
				continue
			}
			// A row of a kind that cannot compile: the batch of the sane
			// row and this one must fail before its first write.
			failed++
			roster := header + base + row
			c2, ds, err := club.Check(p, "roster.csv", strings.NewReader(roster))
			if err != nil || c2 == nil || ds.HasErrors() {
				t.Fatalf("%v %v", err, ds)
			}
			var ops []string
			fault = func(op, name string) error { ops = append(ops, op+" "+name); return nil }
			_, err = Run(c2, func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(roster)), nil },
				Options{Dir: filepath.Join(root, "out"), Encoders: encs})
			fault = nil
			switch {
			case err == nil:
				t.Errorf("plan %s, row %q: Compile says %v, the batch succeeded", name, strings.TrimSpace(row), cerr)
			case len(ops) > 0:
				t.Errorf("plan %s, row %q: the batch failed (%v) after it wrote: %q", name, strings.TrimSpace(row), err, ops)
			case !strings.Contains(err.Error(), "roster.csv:3:1: A"):
				t.Errorf("plan %s, row %q: the error does not name the row: %v", name, strings.TrimSpace(row), err)
			}
		}
	}
	if accepted < tried/4 {
		t.Errorf("only %d of %d rows were accepted: the rows are too wild to show anything", accepted, tried)
	}
	t.Logf("%d of %d rows accepted by Check; %d of them of a kind that cannot compile, each refused before the batch wrote anything", accepted, tried, failed)
}
