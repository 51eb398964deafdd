package preview_test

import (
	"math"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/preview"
)

// parse parses and resolves a definition written in the test.
func parse(t testing.TB, src string, athlete string) *workouts.Workout {
	t.Helper()
	var opt workouts.ResolveOptions
	if athlete != "" {
		a, diags := workouts.ParseAthlete("athlete.yaml", []byte(athlete))
		if diags.HasErrors() {
			t.Fatalf("%v", diags)
		}
		opt.Athlete = a
	}
	w, diags := workouts.Parse("test.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	r, diags := workouts.Resolve(w, opt)
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	return r
}

const imperial = "units: imperial\nzones:\n  pace:\n    easy: 9:30-10:30 /mi\nloads:\n  medium: 15 lb\n"
const metric = "units: metric\nloads:\n  medium: 15 lb\n"

func near(a, b float64) bool { return math.Abs(a-b) < 0.5 }

// The seed's example: a 1 mi warm-up at 9:30-10:30 /mi lasts about ten
// minutes, an estimate.
func TestEstimateFromPace(t *testing.T) {
	w := parse(t, "name: W\nsteps:\n  - warmup: 1 mi\n    target: pace easy\n  - run: 20 min\n    target: pace 8:00 /mi\n", imperial)
	sec, q := preview.StepTime(&w.Steps[0])
	if !near(sec, 600) || q != preview.Estimated {
		t.Errorf("1 mi at 9:30-10:30 /mi: %v s (%v), want ~600 s, estimated", sec, q)
	}
	m, q := preview.StepDistance(&w.Steps[1])
	if !near(m, 2.5*1609.344) || q != preview.Estimated {
		t.Errorf("20 min at 8:00 /mi: %v m (%v), want ~2.5 mi, estimated", m, q)
	}
	p := preview.New(w)
	if !near(p.Totals.Seconds, 1800) || !p.Totals.TimeEstimated || p.Totals.UnknownTime != 0 {
		t.Errorf("totals %+v", p.Totals)
	}
	text := string(textOf(w))
	for _, want := range []string{
		"warmup  1 mi      pace 9:30-10:30 /mi  ~10:00  1.00 mi",
		"run     20:00     pace 8:00 /mi        20:00   ~2.50 mi",
		"time      ~30:00\n",
		"distance  ~3.50 mi\n",
		"~ estimated: time and distance at the middle of the step's pace range\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "?") {
		t.Errorf("nothing is unknown, but the text has a \"?\":\n%s", text)
	}
}

// Steps whose time cannot be estimated (lap button, a distance with no
// pace) are left out of the total time, and the totals say so; time steps
// with no pace have an unknown distance, also said.
func TestUnknownIsSaid(t *testing.T) {
	w := parse(t, "name: W\nsteps:\n  - warmup: lap\n  - run: 5 km\n    target: hr 150-160\n  - run: 10 min\n  - run: 1 km\n    target: pace 4:00 /km\n", "")
	if _, q := preview.StepTime(&w.Steps[0]); q != preview.Unknown {
		t.Errorf("lap: %v, want unknown", q)
	}
	if _, q := preview.StepTime(&w.Steps[1]); q != preview.Unknown {
		t.Errorf("5 km at an HR target: %v, want unknown", q)
	}
	p := preview.New(w)
	tt := p.Totals
	if tt.UnknownTime != 2 || !near(tt.Seconds, 840) || !near(tt.Meters, 6000) || tt.UnknownDistance != 2 || !near(tt.UnknownDistanceSeconds, 600) {
		t.Errorf("totals %+v", tt)
	}
	text := string(textOf(w))
	for _, want := range []string{
		"time      ~14:00 + ? for 2 steps of unknown length (until the lap button, or a distance with no pace target)\n",
		"distance  6.00 km + ? for 2 steps with no pace target (10:00 of the time)\n",
		"? not estimated and not in the totals: the workout does not say\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	// The SVG still draws every step: the unknown ones dashed, at their
	// nominal width.
	if n := strings.Count(string(svgOf(w)), `class="step unknown"`); n != 2 {
		t.Errorf("%d dashed blocks, want 2", n)
	}
	if d := p.DrawnSeconds(); !near(d, 840+2*preview.NominalSeconds) {
		t.Errorf("drawn %v s, want %v", d, 840+2*preview.NominalSeconds)
	}
}

// Strength totals: sets, reps (each side counts both sides) and volume in
// the athlete's unit.
func TestStrengthTotals(t *testing.T) {
	src := `name: S
sport: strength
steps:
  - repeat: 2
    steps:
      - exercise: dumbbell squat
        reps: 10
        weight: medium
      - exercise: single leg romanian deadlift with dumbbell
        reps: 8
        each_side: true
        weight: 10 kg
      - exercise: push up
        reps: 12
      - exercise: plank
        time: 30 s
        each_side: true
      - rest: 1 min
`
	for _, c := range []struct {
		athlete, unit string
		volume        float64
		load          string
	}{
		// 2 × (10 × 15 lb + 16 × 10 kg); 10 kg is 22.05 lb.
		{imperial, "lb", 2 * (10*15 + 16*10/0.45359237), "22 lb (10 kg)"},
		{metric, "kg", 2 * (10*15*0.45359237 + 16*10), "6.8 kg (15 lb)"},
	} {
		w := parse(t, src, c.athlete)
		p := preview.New(w)
		tt := p.Totals
		if tt.Sets != 8 || tt.Reps != 2*(10+16+12) || tt.BodyweightReps != 24 || tt.TimedSets != 2 || tt.VolumeUnit != c.unit || !near(tt.Volume, c.volume) {
			t.Errorf("%s: totals %+v, want volume %v", c.unit, tt, c.volume)
		}
		// Time: 2 × ((10 + 16 + 12) reps × 3 s + 60 s plank + 60 s rest).
		if !near(tt.Seconds, 2*(38*3+60+60)) || !tt.TimeEstimated {
			t.Errorf("%s: time %v", c.unit, tt.Seconds)
		}
		text := string(textOf(w))
		for _, want := range []string{
			"sets      8 (2 timed)\n",
			"reps      76 (each side counts both sides)\n",
			" " + c.unit + " (reps × load) + 24 reps with no load\n",
			"8 each side",
			c.load,
			"~ estimated: 3 s a rep\n",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: text lacks %q:\n%s", c.unit, want, text)
			}
		}
	}
}

// Units: paces and loads in the athlete's units; without an athlete, as
// written.
func TestUnits(t *testing.T) {
	src := "name: U\nsteps:\n  - run: 1 km\n    target: pace 8:00 /mi\n"
	for _, c := range []struct{ athlete, want string }{
		{"", "run   1 km      pace 8:00 /mi"},
		{imperial, "run   1 km (0.62 mi)  pace 8:00 /mi"},
		{metric, "run   1 km      pace 4:58 /km"},
	} {
		if text := string(textOf(parse(t, src, c.athlete))); !strings.Contains(text, c.want) {
			t.Errorf("athlete %q: text lacks %q:\n%s", c.athlete, c.want, text)
		}
	}
}

// Heights follow the target's intensity: the harder zone, the faster pace
// and the heavier load draw taller blocks; open targets by their kind.
func TestLevels(t *testing.T) {
	w := parse(t, `name: L
steps:
  - warmup: 10 min
  - run: 5 min
    target: hr zone 2
  - run: 5 min
    target: hr zone 4
  - run: 1 km
    target: pace 5:00 /km
  - run: 1 km
    target: pace 4:00 /km
  - recover: 2 min
  - rest: 1 min
`, "")
	b := preview.New(w).Blocks
	if len(b) != 7 {
		t.Fatalf("%d blocks", len(b))
	}
	less := func(i, j int) {
		t.Helper()
		if !(b[i].Level < b[j].Level) {
			t.Errorf("block %d (%v) is not lower than block %d (%v)", i+1, b[i].Level, j+1, b[j].Level)
		}
	}
	less(1, 2) // zone 2 < zone 4
	less(3, 4) // 5:00 /km < 4:00 /km
	less(6, 5) // rest < recover
	less(5, 0) // recover < warm-up
	for i, want := range []preview.Category{preview.CatWarmup, preview.CatWork, preview.CatWork, preview.CatWork, preview.CatWork, preview.CatRecovery, preview.CatRest} {
		if b[i].Category != want {
			t.Errorf("block %d: %v, want %v", i+1, b[i].Category, want)
		}
	}
}

// Repeats nested deep can run for ever: the preview counts them without
// drawing them out, and draws at most MaxBlocks.
func TestDeepRepeats(t *testing.T) {
	src := "name: D\nsteps:\n"
	indent := "  "
	for i := 0; i < 8; i++ {
		src += indent + "- repeat: 99\n" + indent + "  steps:\n"
		indent += "    "
	}
	src += indent + "- run: 1 s\n"
	w := parse(t, src, "")
	p := preview.New(w)
	if len(p.Blocks) != preview.MaxBlocks || p.Executed != math.Pow(99, 8) {
		t.Errorf("%d blocks, %v executed", len(p.Blocks), p.Executed)
	}
	if !near(p.Totals.Seconds, math.Pow(99, 8)) {
		t.Errorf("total %v s", p.Totals.Seconds)
	}
	svg := string(svgOf(w))
	if !strings.Contains(svg, "Showing the first 2,000 of ") {
		t.Error("the SVG does not say it shows only part of the workout")
	}
	textOf(w)
}

// A workout that was not resolved (a named zone left, a repeat range) is
// shown as it is, without a panic.
func TestUnresolved(t *testing.T) {
	for _, src := range []string{
		"name: U\nsteps:\n  - warmup: 1 mi\n    target: pace easy\n  - repeat: 3-5\n    steps:\n      - run: 1 min\n",
		"name: U\nsport: strength\nsteps:\n  - exercise: squat\n    reps: 5\n    weight: heavy\n",
	} {
		w, diags := workouts.Parse("u.yaml", []byte(src))
		if diags.HasErrors() {
			t.Fatalf("%v", diags)
		}
		text := string(textOf(w))
		if !strings.Contains(text, "pace easy") && !strings.Contains(text, "heavy") {
			t.Errorf("text:\n%s", text)
		}
		if strings.Contains(src, "3-5") && !strings.Contains(text, "repeat  3 × 1:00") {
			t.Errorf("text:\n%s", text)
		}
		svgOf(w)
	}
	textOf(&workouts.Workout{})
	svgOf(&workouts.Workout{})
}
