package workouts

import (
	"cmp"
	"fmt"
	"math"
)

// ResolveOptions are what a workout is resolved against.
type ResolveOptions struct {
	// Athlete supplies named zones, loads and display units; nil when
	// there is no profile.
	Athlete *Athlete
	// AthleteSource names where the profile came from in messages
	// ("sam.yaml", "roster.csv:3"); defaults to Athlete.Pos.File.
	AthleteSource string
	// Reps picks the count of every ranged repeat ("3-5"); 0 takes the
	// low end. It must lie within each range.
	Reps int
	// RepsFlag names where Reps came from in messages ("--reps").
	RepsFlag string
	// LoadPercent scales every load (100 = as written); 0 means 100.
	// A scaled load is rounded to the nearest step of its unit (loadSteps:
	// 0.5 lb, 0.25 kg), halves away from zero, and never below one step:
	// 15 lb at 90% is 13.5 lb, 6 kg at 90% is 5.5 kg (5.4 rounded).
	LoadPercent float64
}

// Resolve returns a copy of w with named zones and loads replaced by the
// athlete's values, ranged repeats fixed to a count, and display units set.
// It reports every value that cannot be resolved, at the place in w that
// asks for it. w is not modified.
func Resolve(w *Workout, opt ResolveOptions) (*Workout, Diagnostics) {
	r := &resolver{opt: opt}
	if opt.Athlete != nil && opt.AthleteSource == "" {
		r.opt.AthleteSource = opt.Athlete.Pos.String()
	}
	r.opt.RepsFlag = cmp.Or(r.opt.RepsFlag, "--reps")
	out := *w
	out.Steps = r.steps(w.Steps)
	if opt.Athlete != nil {
		out.Units = opt.Athlete.Units
		out.MaxHR = opt.Athlete.MaxHR
	}
	r.diags.Sort()
	return &out, r.diags
}

type resolver struct {
	opt   ResolveOptions
	diags Diagnostics
}

func (r *resolver) steps(in []Step) []Step {
	out := make([]Step, len(in))
	for i := range in {
		s := in[i]
		if s.Kind == KindRepeat {
			s.Steps = r.steps(s.Steps)
			if s.Count == 0 && s.Until == nil {
				s.Count = r.count(&s)
			}
			s.CountMin, s.CountMax = 0, 0
		}
		if s.Target.Named() {
			s.Target = r.target(s.Target)
		}
		if s.Secondary.Named() {
			s.Secondary = r.target(s.Secondary)
		}
		if s.Weight != nil {
			wt := r.weight(*s.Weight)
			s.Weight = &wt
		}
		out[i] = s
	}
	return out
}

func (r *resolver) count(s *Step) int {
	if r.opt.Reps == 0 {
		return s.CountMin
	}
	if r.opt.Reps < s.CountMin || r.opt.Reps > s.CountMax {
		r.diags.Errorf(s.Pos, "%s %d is outside this repeat's range %d-%d", r.opt.RepsFlag, r.opt.Reps, s.CountMin, s.CountMax)
		return s.CountMin
	}
	return r.opt.Reps
}

func targetKindName(k TargetKind) string {
	switch k {
	case TargetHR:
		return "hr"
	case TargetPower:
		return "power"
	}
	return "pace"
}

func (r *resolver) target(t Target) Target {
	kind := targetKindName(t.Kind)
	a := r.opt.Athlete
	if a == nil {
		r.diags.Errorf(t.Pos, "%s %s is a named zone: give an athlete profile (--athlete FILE.yaml) with zones.%s.%s", kind, t.Name, kind, t.Name)
		return t
	}
	z, ok := a.Zones[kind][t.Name]
	if !ok {
		hint := haveHint(t.Name, sortedNames(a.Zones[kind]), "no "+kind+" zones")
		r.diags.Errorf(t.Pos, "athlete profile %s has no zones.%s.%s%s", r.opt.AthleteSource, kind, t.Name, hint)
		return t
	}
	z.Pos = t.Pos
	return z
}

func (r *resolver) weight(w Weight) Weight {
	if w.Name != "" {
		a := r.opt.Athlete
		if a == nil {
			r.diags.Errorf(w.Pos, "weight %s is a named load: give an athlete profile (--athlete FILE.yaml) with loads.%s", w.Name, w.Name)
			return w
		}
		l, ok := a.Loads[w.Name]
		if !ok {
			hint := haveHint(w.Name, sortedNames(a.Loads), "no loads")
			r.diags.Errorf(w.Pos, "athlete profile %s has no loads.%s%s", r.opt.AthleteSource, w.Name, hint)
			return w
		}
		l.Pos = w.Pos
		w = l
	}
	if p := r.opt.LoadPercent; p != 0 && p != 100 {
		w.Value = scaleLoad(w.Value, w.Unit, p)
	}
	return w
}

// loadSteps are the steps scaled loads of a unit are rounded to (none for
// another unit): dumbbells and plates come in such steps, and a watch
// shows no finer.
var loadSteps = map[string]float64{"lb": 0.5, "kg": 0.25}

// scaleLoad returns value (in unit, "lb" or "kg") at percent, rounded to
// the unit's step (loadSteps) and at least one step.
func scaleLoad(value float64, unit string, percent float64) float64 {
	step := loadSteps[unit]
	if step == 0 {
		return math.Round(value*percent) / 100
	}
	// Round the product first so that 15 lb × 90 % is exactly 13.5
	// before stepping, whatever the binary fractions say.
	v := math.Round(value*percent*1e6) / 1e8
	return max(math.Round(v/step)*step, step)
}

// haveHint says what a profile has instead of name: "; it has "a" or "b"
// (did you mean "a"?)", or "; it has " and none when it has nothing.
func haveHint(name string, have []string, none string) string {
	if len(have) == 0 {
		return "; it has " + none
	}
	hint := "; it has " + orList(quoteAll(have))
	if c := suggest(name, have, nil); c != "" {
		hint += fmt.Sprintf(" (did you mean %q?)", c)
	}
	return hint
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}
