package fit_test

import (
	"bytes"
	"math/rand"
	"testing"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/catalog"
)

// gen makes random valid workouts through the model: every sport, step
// kind, duration, target, intensity, load and display unit the language
// has, with repeats nested up to 3 deep.
type gen struct {
	r       *rand.Rand
	entries []catalog.Entry
}

var texts = []string{"", "", "", "Uphill", "Côte raide", "Walk or slow jog", "Easy", "x", "Rétraction scapulaire\nInspirer en descendant", "Line one\n\nLine three", "Hold 2 s at the top: \"slow\"", "yes", "- dash", "# not a comment", "10 each side", "a: b"}

func (g *gen) text() string { return texts[g.r.Intn(len(texts))] }

func (g *gen) workout() *workouts.Workout {
	w := &workouts.Workout{Name: "Random " + string(rune('A'+g.r.Intn(26))), Sport: workouts.Sports[g.r.Intn(len(workouts.Sports))]}
	if g.r.Intn(3) == 0 {
		w.Description = g.text()
	}
	switch g.r.Intn(3) {
	case 1:
		w.Units = "imperial"
	case 2:
		w.Units = "metric"
	}
	w.Steps = g.steps(w, 0, 1+g.r.Intn(6))
	return w
}

func (g *gen) steps(w *workouts.Workout, depth, n int) []workouts.Step {
	var out []workouts.Step
	for i := 0; i < n; i++ {
		if depth < 3 && g.r.Intn(4) == 0 {
			out = append(out, workouts.Step{Kind: workouts.KindRepeat, Count: 1 + g.r.Intn(99), Steps: g.steps(w, depth+1, 1+g.r.Intn(4))})
			continue
		}
		out = append(out, g.step(w))
	}
	return out
}

func (g *gen) step(w *workouts.Workout) workouts.Step {
	kinds := []workouts.Kind{workouts.KindWarmup, workouts.KindRun, workouts.KindRecover, workouts.KindRest, workouts.KindCooldown}
	if workouts.TrainingSport(w.Sport) {
		kinds = append(kinds, workouts.KindExercise, workouts.KindExercise, workouts.KindExercise)
	}
	s := workouts.Step{Kind: kinds[g.r.Intn(len(kinds))], Name: g.text(), Notes: g.text()}
	s.Intensity = workouts.DefaultIntensity(s.Kind)
	if g.r.Intn(4) == 0 {
		s.Intensity = workouts.Intensity(g.r.Intn(7))
	}
	switch s.Kind {
	case workouts.KindExercise:
		e := g.entries[g.r.Intn(len(g.entries))]
		s.Exercise = &workouts.Exercise{Category: e.Category, Number: e.Number, Key: e.Key(), Title: e.Title}
		switch g.r.Intn(3) {
		case 0:
			s.Duration = workouts.Duration{Kind: workouts.DurationReps, Reps: 1 + g.r.Intn(200)}
		case 1:
			s.Duration = g.time(12 * 3600 * 1000)
		}
		s.EachSide = s.Duration.Kind != workouts.DurationLap && g.r.Intn(3) == 0
		switch g.r.Intn(3) {
		case 0:
			s.Weight = &workouts.Weight{Value: float64(1+g.r.Intn(65500)) / 100, Unit: "kg"}
		case 1:
			s.Weight = &workouts.Weight{Value: float64(1+g.r.Intn(14000)) / 10, Unit: "lb"}
		}
	case workouts.KindRest:
		if g.r.Intn(2) == 0 {
			s.Duration = g.time(24 * 3600 * 1000)
		}
	default:
		switch g.r.Intn(3) {
		case 0:
			s.Duration = g.time(24 * 3600 * 1000)
		case 1:
			s.Duration = workouts.Duration{Kind: workouts.DurationDistance, Meters: float64(1+g.r.Int63n(100_000_000)) / 100}
		}
		s.Target = g.target()
	}
	return s
}

func (g *gen) time(maxMS int64) workouts.Duration {
	var ms int64
	switch g.r.Intn(3) {
	case 0:
		ms = 1000 * (1 + g.r.Int63n(maxMS/1000))
	case 1:
		ms = 60000 * (1 + g.r.Int63n(maxMS/60000))
	default:
		ms = 1 + g.r.Int63n(maxMS)
	}
	return workouts.Duration{Kind: workouts.DurationTime, Seconds: float64(ms) / 1000}
}

func (g *gen) rng(lo, hi int) (float64, float64) {
	a, b := lo+g.r.Intn(hi-lo+1), lo+g.r.Intn(hi-lo+1)
	if a > b {
		a, b = b, a
	}
	return float64(a), float64(b)
}

func (g *gen) target() workouts.Target {
	t := workouts.Target{}
	switch g.r.Intn(10) {
	case 0:
		t.Kind = workouts.TargetPace
		t.Low, t.High = g.rng(278, 16666)
		t.Low, t.High = t.Low/1000, t.High/1000
	case 1:
		t.Kind = workouts.TargetHR
		t.Low, t.High = g.rng(30, 250)
	case 2:
		t.Kind, t.Percent = workouts.TargetHR, true
		t.Low, t.High = g.rng(1, 100)
	case 3:
		t.Kind, t.Zone = workouts.TargetHRZone, 1+g.r.Intn(5)
	case 4:
		t.Kind = workouts.TargetPower
		t.Low, t.High = g.rng(1, 3000)
	case 5:
		t.Kind, t.Percent = workouts.TargetPower, true
		t.Low, t.High = g.rng(1, 1000)
	case 6:
		t.Kind, t.Zone = workouts.TargetPowerZone, 1+g.r.Intn(7)
	case 7:
		t.Kind = workouts.TargetCadence
		t.Low, t.High = g.rng(1, 255)
	}
	return t
}

// TestImportProperty: random valid workouts → FIT → import → parse →
// build give the same bytes, with no warning from the reader or from
// Format.
func TestImportProperty(t *testing.T) {
	g := &gen{r: rand.New(rand.NewSource(4)), entries: catalog.Search("", 0)}
	n := 1000
	if testing.Short() {
		n = 50
	}
	for i := 0; i < n; i++ {
		w := g.workout()
		orig, _, err := fitenc.Encode(w, encode.Options{})
		if err != nil {
			t.Fatalf("case %d: the generator made a workout the encoder refuses: %v", i, err)
		}
		got, y, diags := reimport(t, orig)
		if len(diags) > 0 {
			t.Errorf("case %d: warnings:\n%s\n%s", i, diags, y)
		}
		if !bytes.Equal(got, orig) {
			var a, b bytes.Buffer
			_ = fitenc.Dump(&a, orig)
			_ = fitenc.Dump(&b, got)
			t.Fatalf("case %d: import then build changed the bytes\nimported:\n%s\nwant:\n%s\ngot:\n%s", i, y, a.String(), b.String())
		}
	}
}
