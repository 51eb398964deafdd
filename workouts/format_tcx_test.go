package workouts_test

import (
	"bytes"
	"math/rand"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts"
)

// tcxGen makes random workouts of what TCX holds: running, cycling or
// generic; whole seconds and metres up to 65,535; lap steps; steps until
// a heart rate (bpm or % of max) or calories (issue 16); open, pace,
// hr (bpm, % of max, zone) and cadence targets; repeats of 2-99 nested
// up to 3 deep; at most 20 steps counting repeats.
type tcxGen struct {
	r    *rand.Rand
	left int
}

var tcxNames = []string{"", "", "", "Uphill", "Côte", "Walk or slow jog", "Strides", "Tempo block"}
var tcxNotes = []string{"", "", "Hinge forward slightly.", "Relax the shoulders", "Côte: stay tall"}

func (g *tcxGen) workout() *workouts.Workout {
	sports := []workouts.Sport{workouts.SportRunning, workouts.SportCycling, workouts.SportGeneric}
	w := &workouts.Workout{Name: []string{"Hills", "Tempo Tuesday", "Long run"}[g.r.Intn(3)], Sport: sports[g.r.Intn(3)]}
	if g.r.Intn(3) == 0 {
		w.Description = "Easy does it."
	}
	g.left = 20
	w.Steps = g.steps(0, 1+g.r.Intn(6))
	return w
}

func (g *tcxGen) steps(depth, n int) []workouts.Step {
	var out []workouts.Step
	for i := 0; i < n && g.left > 0; i++ {
		if depth < 3 && g.left >= 3 && g.r.Intn(4) == 0 {
			g.left-- // the repeat itself
			s := workouts.Step{Kind: workouts.KindRepeat, Count: 2 + g.r.Intn(98)}
			s.Steps = g.steps(depth+1, 1+g.r.Intn(3))
			if len(s.Steps) == 0 {
				g.left++
				continue
			}
			out = append(out, s)
			continue
		}
		g.left--
		out = append(out, g.step())
	}
	return out
}

func (g *tcxGen) step() workouts.Step {
	kinds := []workouts.Kind{workouts.KindWarmup, workouts.KindRun, workouts.KindRecover, workouts.KindRest, workouts.KindCooldown}
	s := workouts.Step{Kind: kinds[g.r.Intn(len(kinds))], Name: tcxNames[g.r.Intn(len(tcxNames))], Notes: tcxNotes[g.r.Intn(len(tcxNotes))]}
	s.Intensity = workouts.DefaultIntensity(s.Kind)
	switch g.r.Intn(5) {
	case 0:
		s.Duration = workouts.Duration{Kind: workouts.DurationTime, Seconds: float64(1 + g.r.Intn(65535))}
	case 1:
		if s.Kind != workouts.KindRest {
			s.Duration = workouts.Duration{Kind: workouts.DurationDistance, Meters: float64(1 + g.r.Intn(65535))}
		}
	case 2:
		k := []workouts.DurationKind{workouts.DurationHRBelow, workouts.DurationHRAbove}[g.r.Intn(2)]
		if g.r.Intn(2) == 0 {
			s.Duration = workouts.Duration{Kind: k, Value: float64(1 + g.r.Intn(100)), Percent: true}
		} else {
			s.Duration = workouts.Duration{Kind: k, Value: float64(30 + g.r.Intn(221))}
		}
	case 3:
		s.Duration = workouts.Duration{Kind: workouts.DurationCalories, Value: float64(1 + g.r.Intn(10000))}
	}
	if s.Kind == workouts.KindRest {
		return s
	}
	rng := func(lo, hi int) (float64, float64) {
		a, b := lo+g.r.Intn(hi-lo+1), lo+g.r.Intn(hi-lo+1)
		return float64(min(a, b)), float64(max(a, b))
	}
	switch g.r.Intn(6) {
	case 0:
		lo, hi := rng(278, 16666)
		s.Target = workouts.Target{Kind: workouts.TargetPace, Low: lo / 1000, High: hi / 1000}
	case 1:
		lo, hi := rng(30, 250)
		s.Target = workouts.Target{Kind: workouts.TargetHR, Low: lo, High: hi}
	case 2:
		lo, hi := rng(1, 100)
		s.Target = workouts.Target{Kind: workouts.TargetHR, Low: lo, High: hi, Percent: true}
	case 3:
		s.Target = workouts.Target{Kind: workouts.TargetHRZone, Zone: 1 + g.r.Intn(5)}
	case 4:
		lo, hi := rng(1, 255)
		s.Target = workouts.Target{Kind: workouts.TargetCadence, Low: lo, High: hi}
	}
	return s
}

// TestImportPropertyTCX: random workouts of what TCX holds → TCX → import
// (tcx.DecodeFile, Format) → parse → build TCX give the same bytes.
func TestImportPropertyTCX(t *testing.T) {
	g := &tcxGen{r: rand.New(rand.NewSource(7))}
	n := 500
	if testing.Short() {
		n = 50
	}
	conditions := 0
	for i := 0; i < n; i++ {
		w := g.workout()
		workouts.Walk(w.Steps, func(s *workouts.Step, _ int) {
			if workouts.IsCondition(s.Duration) {
				conditions++
			}
		})
		orig, _, err := tcx.Encode(w, encode.Options{})
		if err != nil {
			t.Fatalf("case %d: the generator made a workout TCX refuses: %v", i, err)
		}
		back, _, err := tcx.DecodeFile("", orig)
		if err != nil {
			t.Fatalf("case %d: tcx.DecodeFile: %v\n%s", i, err, orig)
		}
		y, fd := workouts.Format(back)
		if len(fd) > 0 {
			t.Errorf("case %d: Format warns:\n%s\n%s", i, fd, y)
		}
		p, pd := workouts.Parse("imported.yaml", y)
		if pd.HasErrors() {
			t.Fatalf("case %d: the import does not parse:\n%s\n%s", i, pd, y)
		}
		r, _ := workouts.Resolve(p, workouts.ResolveOptions{})
		got, _, err := tcx.Encode(r, encode.Options{})
		if err != nil {
			t.Fatalf("case %d: the import does not encode: %v\n%s", i, err, y)
		}
		if !bytes.Equal(got, orig) {
			t.Fatalf("case %d: import then build changed the TCX\nimported:\n%s\nwant:\n%s\ngot:\n%s", i, y, orig, got)
		}
	}
	if conditions == 0 {
		t.Errorf("the generator made no heart-rate or calorie duration in %d cases", n)
	}
}
