package tcx_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts"
)

// expected is what a compiled step should read back as from TCX: repeats
// of 1 are gone, exercises are lap-button steps (or timed, doubled for
// each side), distances are whole metres, paces 1 mm/s.
type expected struct {
	repeat   int // a repeat's count, else 0
	steps    []expected
	duration workouts.Duration
	target   workouts.Target
	kind     workouts.Kind
	name     string
	notes    string
}

func expect(steps []workouts.Step) []expected {
	var out []expected
	for _, s := range steps {
		if s.Kind == workouts.KindRepeat {
			if s.Count == 1 {
				out = append(out, expect(s.Steps)...)
				continue
			}
			out = append(out, expected{repeat: s.Count, steps: expect(s.Steps)})
			continue
		}
		e := expected{duration: s.Duration, target: s.Target, kind: s.Kind, name: s.Name, notes: s.Notes}
		// TCX has no strokes or equipment: they go into the step's notes
		// ("stroke free, fins; NOTES").
		var swim []string
		if s.Stroke != workouts.StrokeNone {
			swim = append(swim, "stroke "+s.Stroke.String())
		}
		if s.Equipment != workouts.EquipmentNone {
			swim = append(swim, s.Equipment.String())
		}
		if len(swim) > 0 {
			e.notes = strings.TrimSuffix(strings.Join(swim, ", ")+"; "+e.notes, "; ")
		}
		d := &e.duration
		times := 1.0
		if s.Kind == workouts.KindExercise {
			e.kind, e.notes = workouts.KindRun, "" // exercises are not recovered
			if e.name == "" {
				e.name = s.Exercise.Title
			}
			if s.EachSide {
				times = 2
			}
			if d.Kind == workouts.DurationReps {
				*d = workouts.Duration{Kind: workouts.DurationLap}
			}
		}
		d.Seconds = math.Round(d.Seconds * times)
		d.Meters = math.Round(d.Meters * times)
		d.Unit = ""
		if e.target.Kind == workouts.TargetPace {
			e.target.Low = math.Round(e.target.Low*1000) / 1000
			e.target.High = math.Round(e.target.High*1000) / 1000
		}
		out = append(out, e)
	}
	return out
}

// compare reports every difference between what was compiled (want) and
// what TCX gave back (got), at the compiled step's place.
func compare(t *testing.T, where string, want []expected, got []workouts.Step) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d steps, want %d", where, len(got), len(want))
		return
	}
	for i, w := range want {
		g := got[i]
		at := fmt.Sprintf("%s step %d", where, i+1)
		if w.repeat > 0 {
			if g.Kind != workouts.KindRepeat || g.Count != w.repeat {
				t.Errorf("%s: %s x%d, want repeat x%d", at, g.Kind, g.Count, w.repeat)
				continue
			}
			compare(t, at, w.steps, g.Steps)
			continue
		}
		gd := g.Duration
		gd.Unit = ""
		if gd != w.duration {
			t.Errorf("%s: duration %+v, want %+v", at, gd, w.duration)
		}
		gt, wt := g.Target, w.target
		gt.Pos, wt.Pos, gt.Unit, wt.Unit = workouts.Pos{}, workouts.Pos{}, "", ""
		if gt != wt {
			t.Errorf("%s: target %+v, want %+v", at, gt, wt)
		}
		if g.Kind != w.kind || g.Name != w.name {
			t.Errorf("%s: %s %q, want %s %q", at, g.Kind, g.Name, w.kind, w.name)
		}
		if w.kind != workouts.KindRun || w.notes != "" {
			if g.Notes != w.notes {
				t.Errorf("%s: notes %q, want %q", at, g.Notes, w.notes)
			}
		}
	}
}

// TestRoundTrip encodes every golden definition that TCX can express,
// reads the file back and compares durations, targets, repeat counts,
// kinds, names and notes with the compiled workout.
func TestRoundTrip(t *testing.T) {
	n := 0
	all := append(goldens(t), golden{name: "targets", src: `name: Every TCX target
sport: cycling
steps:
  - warmup: 10 min
    target: hr zone 1
  - repeat: 1
    steps:
      - run: 2 km
        target: hr 140-155
  - repeat: 3
    steps:
      - run: 90 s
        target: hr 70-80%
        notes: Spin up.
      - repeat: 2
        steps:
          - run: 400 m
            target: cadence 85-95
          - recover: lap
            intensity: active
  - run: 1 mi
    target: pace 4:00-4:10 /km
  - cooldown: 0:10:00
    name: Easy spin to finish
`}, golden{name: "sides", src: `name: Sides
sport: strength
steps:
  - exercise: side plank
    time: 30 s
    each_side: true
  - exercise: plank
    time: 1 min
  - rest: 30 s
`})
	for _, g := range all {
		w := compile(t, g.name+".yaml", g.src, g.athlete, g.reps)
		b, _, err := tcx.Encode(w, encode.Options{})
		if err != nil {
			if !strings.Contains(err.Error(), "TCX has no power targets") && !strings.Contains(err.Error(), "runs until a condition cannot be written to TCX") {
				t.Errorf("%s: %v", g.name, err)
			}
			continue
		}
		n++
		r, diags, err := tcx.DecodeFile(g.name+".tcx", b)
		if err != nil {
			t.Fatalf("%s: Decode: %v", g.name, err)
		}
		if len(diags) > 0 {
			t.Errorf("%s: reading our own file warns:\n%v", g.name, diags)
		}
		if r.Name != w.Name || r.Description != w.Description {
			t.Errorf("%s: name %q, description %q; want %q, %q", g.name, r.Name, r.Description, w.Name, w.Description)
		}
		compare(t, g.name, expect(w.Steps), r.Steps)
	}
	if n < 2 {
		t.Fatalf("%d goldens round-tripped; the two seed workouts at least must", n)
	}
}

// TestReencode: a TCX file of ours without exercises reads back into a
// workout that encodes to the same bytes.
func TestReencode(t *testing.T) {
	for _, name := range []string{"hill-repeats", "nested-repeats"} {
		b, err := os.ReadFile(filepath.Join(testdata, name+".tcx"))
		if err != nil {
			t.Fatal(err)
		}
		w, _, err := tcx.DecodeFile("", b)
		if err != nil {
			t.Fatal(err)
		}
		again, _, err := tcx.Encode(w, encode.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, b) {
			t.Errorf("%s: decode then encode changes the file:\n%s", name, again)
		}
	}
}

// TestForeignReencode: a foreign TCX workout read into the model is written
// again (heart-rate and calorie durations, speed zones included), the file
// validates, and reading it back gives the same durations, targets and
// repeat counts.
func TestForeignReencode(t *testing.T) {
	files := corpusFiles(t) // first: a skip must not run the deferred check
	var p produced
	defer p.validate(t)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, _, err := tcx.DecodeFile("", data)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := p.encodeOK(t, filepath.Base(f), w)
		again, _, err := tcx.DecodeFile("", b)
		if err != nil {
			t.Fatal(err)
		}
		var want, got strings.Builder
		dump(&want, w, nil)
		dump(&got, again, nil)
		strip := func(s string) string { // lines differ; the rest must not
			return regexp.MustCompile(`(?m)^(\s*)\d+: `).ReplaceAllString(s, "$1")
		}
		if strip(got.String()) != strip(want.String()) {
			t.Errorf("%s: read back\n%s\nwant\n%s", filepath.Base(f), got.String(), want.String())
		}
	}
}

// TestForeignKindsRefused: what a foreign FIT file may hold and TCX cannot
// say is an error at its place; a second target is dropped with a warning.
func TestForeignKindsRefused(t *testing.T) {
	src := "name: F\nsteps:\n  - run: 1 min\n  - run: 1 min\n  - run: 1 min\n  - repeat: 2\n    steps:\n      - run: 1 min\n"
	w := compile(t, "f.yaml", src, "", 0)
	w.Steps[0].Duration = workouts.Duration{Kind: workouts.DurationPowerAbove, Value: 300}
	w.Steps[1].Target = workouts.Target{Kind: workouts.TargetCadenceZone, Zone: 2}
	w.Steps[2].Duration = workouts.Duration{Kind: workouts.DurationOther, Other: "training_peaks_tss"}
	w.Steps[3].Until = &workouts.Duration{Kind: workouts.DurationTime, Seconds: 600}
	wantDiags(t, encodeErr(t, w),
		"f.yaml:3:5: a step that ends on a power threshold cannot be written to TCX, which has no power",
		"f.yaml:4:5: cadence zone 2 cannot be written to TCX, which has cadence ranges only",
		`f.yaml:5:5: a step that ends on "training_peaks_tss" cannot be written to TCX`,
		"f.yaml:6:5: a repeat that runs until a condition cannot be written to TCX, whose repeats run a count of times",
	)
	var p produced
	defer p.validate(t)
	w = compile(t, "f.yaml", src, "", 0)
	w.Steps[0].Secondary = workouts.Target{Kind: workouts.TargetCadence, Low: 80, High: 90}
	_, warns := p.encodeOK(t, "secondary", w)
	wantDiags(t, warns, "f.yaml:3:5: warning: the step's second target is not written; a TCX step has one target")
}
