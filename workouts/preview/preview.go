// Package preview shows a resolved workout before anyone runs it: a text
// step tree with totals ([Profile.WriteText]) and an SVG profile of blocks
// on a time axis ([Profile.WriteSVG]), both of a [New] profile, the way
// Garmin Connect and TrainingPeaks draw a workout.
//
// Both read a workout that workouts.Resolve returned: named zones and loads
// replaced by the athlete's values, ranged repeats fixed to a count, and
// Workout.Units telling how paces, distances and loads are shown
// ("imperial": /mi, mi, lb; "metric": /km, km, kg; "": as written).
//
// Where a workout does not say how long a step lasts, the preview estimates
// it and marks the estimate with "~":
//
//   - a distance step with a pace target lasts as long as the middle of its
//     pace range takes (1 mi at 9:30-10:30 /mi is ~10:00), and a time step
//     with a pace target covers the distance that pace gives;
//   - an exercise given in reps takes secondsPerRep a rep (each_side counts
//     both sides).
//
// What cannot be estimated is never guessed silently: a step that ends on
// the lap button, or a distance with no pace, is left out of the total time
// and the totals say how many such steps there are; a time step with no pace
// target covers an unknown distance, and the totals say for how long. The
// SVG draws such a step nominalSeconds wide (nominalExerciseSeconds for an
// exercise) with a dashed outline.
package preview

import (
	"math"

	"github.com/workoutc/workoutc/workouts"
)

// Estimates the preview makes, documented in the package comment.
const (
	// secondsPerRep is how long one repetition of an exercise is taken to
	// last.
	secondsPerRep = 3
	// nominalSeconds is how wide the SVG draws a running, rest or other
	// step whose time cannot be estimated.
	nominalSeconds = 120
	// nominalExerciseSeconds is how wide the SVG draws an exercise that
	// ends on the lap button.
	nominalExerciseSeconds = 60
	// MaxBlocks is how many executed steps the SVG draws at most; a
	// workout of repeats nested deep can run millions of steps.
	MaxBlocks = 2000
)

// Quality says how a value was found.
type Quality uint8

// The qualities of a value.
const (
	// Exact values are what the workout says.
	Exact Quality = iota
	// Estimated values are derived from a pace target or secondsPerRep.
	Estimated
	// Unknown values cannot be estimated from the workout.
	Unknown
)

// Category is how a step is coloured: what it is for in the session. It
// follows the step's intensity, which defaults to its kind.
type Category uint8

// The categories, in legend order.
const (
	CatWarmup Category = iota
	CatWork
	CatRecovery
	CatRest
	CatCooldown
	numCategories
)

var categoryNames = [numCategories]string{"warm-up", "work", "recovery", "rest", "cool-down"}

// String returns the category as the legend shows it.
func (c Category) String() string {
	if c < numCategories {
		return categoryNames[c]
	}
	return "other"
}

// categories are the categories of the intensities that are not work.
var categories = map[workouts.Intensity]Category{workouts.IntensityWarmup: CatWarmup,
	workouts.IntensityCooldown: CatCooldown, workouts.IntensityRecovery: CatRecovery, workouts.IntensityRest: CatRest}

func categoryOf(s *workouts.Step) Category {
	if c, ok := categories[s.Intensity]; ok {
		return c
	}
	return CatWork
}

// Round places a block inside one round of a repeat.
type Round struct {
	Repeat *workouts.Step // the repeat step
	N, Of  int            // round N (from 1) of Of
	// Start and Seconds are where the round lies on the drawn time axis.
	Start, Seconds float64
}

// Block is one executed step: a step as the watch runs it, with repeats
// drawn out, placed on a time axis.
type Block struct {
	Step *workouts.Step
	// Start is where the block begins on the drawn time axis, in seconds;
	// it counts earlier unknown steps at their nominal width.
	Start float64
	// Seconds is how long the step lasts (Time says how that is known);
	// an Unknown step has its nominal width here.
	Seconds float64
	Time    Quality
	// Rounds are the repeats around the step, outermost first.
	Rounds []Round
	// Level is the step's intensity from 0 (nothing) to 1 (the hardest the
	// drawing shows), from its target, load or kind.
	Level float64
	// Category colours the block.
	Category Category
}

// Totals sum a workout over every executed step.
type Totals struct {
	Seconds       float64 // time of the steps whose time is known or estimated
	TimeEstimated bool    // part of Seconds is an estimate
	UnknownTime   float64 // executed steps whose time cannot be estimated

	Meters            float64 // distance of the steps whose distance is known or estimated
	DistanceEstimated bool    // part of Meters is an estimate
	// UnknownDistanceSeconds is the time spent in steps that move but have
	// no pace to estimate their distance from; UnknownDistance counts
	// steps whose distance is unknown.
	UnknownDistanceSeconds float64
	UnknownDistance        float64
	HasDistance            bool // some step is given as a distance or has a pace target

	Sets           float64 // executed exercise steps
	Reps           float64 // repetitions, each_side counting both sides
	BodyweightReps float64 // repetitions with no load, not in Volume
	TimedSets      float64 // exercise steps given as a time
	Volume         float64 // reps × load, in VolumeUnit
	VolumeUnit     string  // "kg" or "lb"
}

// Profile is a workout laid out for showing.
type Profile struct {
	Workout *workouts.Workout
	// Blocks are the executed steps in order, at most MaxBlocks of them.
	Blocks []Block
	// Executed counts the executed steps, which may exceed len(Blocks).
	Executed float64
	Totals   Totals
	// System is the unit system shown: "imperial" or "metric"; for a
	// workout without athlete units, the system of its first distance,
	// pace or load.
	System string
	// Depth is how deep repeats nest (0: no repeat).
	Depth int

	scales scales
}

// New lays out the resolved workout w. It never fails: values a resolved
// workout should not hold (a named zone, a repeat without a count) are shown
// as they are.
func New(w *workouts.Workout) *Profile {
	p := &Profile{Workout: w, System: system(w)}
	p.scales = collectScales(w.Steps)
	p.Totals = p.sum(w.Steps)
	p.Totals.VolumeUnit = p.loadUnit()
	p.Totals.Volume = kgIn(p.Totals.Volume, p.Totals.VolumeUnit)
	p.Executed = countExecuted(w.Steps)
	var t float64
	p.expand(w.Steps, nil, &t)
	return p
}

// system picks the unit system to show w in.
func system(w *workouts.Workout) string {
	if w.Units == "imperial" || w.Units == "metric" {
		return w.Units
	}
	out := ""
	workouts.Walk(w.Steps, func(s *workouts.Step, _ int) {
		if out != "" {
			return
		}
		switch {
		case s.Duration.Kind == workouts.DurationDistance:
			out = systemOfUnit(s.Duration.Unit)
		case s.Target.Kind == workouts.TargetPace && s.Target.Unit != "":
			out = systemOfUnit(s.Target.Unit)
		case s.Weight != nil && s.Weight.Unit != "":
			out = systemOfUnit(s.Weight.Unit)
		}
	})
	if out == "" {
		out = "metric"
	}
	return out
}

func systemOfUnit(u string) string {
	switch u {
	case "mi", "yd", "/mi", "lb":
		return "imperial"
	}
	return "metric"
}

// loadUnit is the unit loads and volume are shown in.
func (p *Profile) loadUnit() string {
	if p.Workout.Units == "" {
		unit := ""
		workouts.Walk(p.Workout.Steps, func(s *workouts.Step, _ int) {
			if unit == "" && s.Weight != nil && (s.Weight.Unit == "kg" || s.Weight.Unit == "lb") {
				unit = s.Weight.Unit
			}
		})
		if unit != "" {
			return unit
		}
	}
	if p.System == "imperial" {
		return "lb"
	}
	return "kg"
}

const lbKg = 0.45359237

// repeatCount is how often a repeat runs; an unresolved range runs its low
// end, as Resolve would make it.
func repeatCount(s *workouts.Step) int {
	if s.Count > 0 {
		return s.Count
	}
	return max(s.CountMin, 1)
}

func countExecuted(steps []workouts.Step) float64 {
	n := 0.0
	for i := range steps {
		if steps[i].Kind == workouts.KindRepeat {
			n += float64(repeatCount(&steps[i])) * countExecuted(steps[i].Steps)
		} else {
			n++
		}
	}
	return n
}

func sides(s *workouts.Step) float64 {
	if s.EachSide && s.Kind == workouts.KindExercise {
		return 2
	}
	return 1
}

// midPace returns the seconds per meter in the middle of a pace target's
// range (the mean of the two paces, so 9:30-10:30 /mi is 10:00 /mi), or 0
// when t has no usable pace.
func midPace(t *workouts.Target) float64 {
	if t.Kind != workouts.TargetPace || t.Name != "" || !(t.Low > 0) || !(t.High > 0) {
		return 0
	}
	return (1/t.Low + 1/t.High) / 2
}

// stepTime returns how long one execution of the non-repeat step s lasts
// and how that is known.
func stepTime(s *workouts.Step) (float64, Quality) {
	d := &s.Duration
	switch d.Kind {
	case workouts.DurationTime:
		return d.Seconds * sides(s), Exact
	case workouts.DurationDistance:
		if p := midPace(&s.Target); p > 0 {
			return d.Meters * p, Estimated
		}
	case workouts.DurationReps:
		return float64(d.Reps) * sides(s) * secondsPerRep, Estimated
	}
	return 0, Unknown
}

// stepDistance returns the distance one execution of the non-repeat step s
// covers and how that is known. Exercises and rests cover none.
func stepDistance(s *workouts.Step) (float64, Quality) {
	if s.Kind == workouts.KindExercise || s.Kind == workouts.KindRest {
		return 0, Exact
	}
	d := &s.Duration
	switch d.Kind {
	case workouts.DurationDistance:
		return d.Meters, Exact
	case workouts.DurationTime:
		if p := midPace(&s.Target); p > 0 {
			return d.Seconds / p, Estimated
		}
	}
	return 0, Unknown
}

// sum adds up steps, multiplying repeats rather than drawing them out.
func (p *Profile) sum(steps []workouts.Step) Totals {
	var t Totals
	for i := range steps {
		s := &steps[i]
		if s.Kind == workouts.KindRepeat {
			if c := p.sum(s.Steps); s.Until != nil {
				t.add(untilTotals(c, s.Until), 1)
			} else {
				t.add(c, float64(repeatCount(s)))
			}
			continue
		}
		sec, q := stepTime(s)
		c := Totals{Seconds: sec, TimeEstimated: q == Estimated}
		if q == Unknown {
			c.UnknownTime = 1
		}
		if s.Kind != workouts.KindExercise {
			m, mq := stepDistance(s)
			c.Meters, c.DistanceEstimated = m, mq == Estimated
			if mq == Unknown {
				c.UnknownDistance, c.UnknownDistanceSeconds = 1, sec
			}
			c.HasDistance = s.Duration.Kind == workouts.DurationDistance || midPace(&s.Target) > 0
		} else {
			c.Sets = 1
			switch s.Duration.Kind {
			case workouts.DurationReps:
				c.Reps = float64(s.Duration.Reps) * sides(s)
				if s.Weight != nil && s.Weight.Name == "" {
					c.Volume = c.Reps * s.Weight.Kilograms()
				} else {
					c.BodyweightReps = c.Reps
				}
			case workouts.DurationTime:
				c.TimedSets = 1
			}
		}
		t.add(c, 1)
	}
	return t
}

func (t *Totals) add(c Totals, n float64) {
	t.Seconds += c.Seconds * n
	t.TimeEstimated = t.TimeEstimated || c.TimeEstimated
	t.UnknownTime += c.UnknownTime * n
	t.Meters += c.Meters * n
	t.DistanceEstimated = t.DistanceEstimated || c.DistanceEstimated
	t.UnknownDistanceSeconds += c.UnknownDistanceSeconds * n
	t.UnknownDistance += c.UnknownDistance * n
	t.HasDistance = t.HasDistance || c.HasDistance
	t.Sets += c.Sets * n
	t.Reps += c.Reps * n
	t.BodyweightReps += c.BodyweightReps * n
	t.TimedSets += c.TimedSets * n
	t.Volume += c.Volume * n
}

// expand draws the repeats out into blocks, placing them on the time axis.
func (p *Profile) expand(steps []workouts.Step, rounds []Round, t *float64) {
	for i := range steps {
		if len(p.Blocks) >= MaxBlocks {
			return
		}
		s := &steps[i]
		if s.Kind == workouts.KindRepeat {
			p.Depth = max(p.Depth, len(rounds)+1)
			n := repeatCount(s)
			for r := 1; r <= n && len(p.Blocks) < MaxBlocks; r++ {
				inner := append(rounds[:len(rounds):len(rounds)], Round{Repeat: s, N: r, Of: n, Start: *t})
				first := len(p.Blocks)
				p.expand(s.Steps, inner, t)
				// The blocks of this round share the inner slice: set the
				// round's width once for all of them.
				for b := first; b < len(p.Blocks); b++ {
					p.Blocks[b].Rounds[len(rounds)].Seconds = *t - inner[len(rounds)].Start
				}
			}
			continue
		}
		sec, q := stepTime(s)
		if q == Unknown {
			sec = nominalSeconds
			if s.Kind == workouts.KindExercise {
				sec = nominalExerciseSeconds
			}
		}
		p.Blocks = append(p.Blocks, Block{
			Step: s, Start: *t, Seconds: sec, Time: q,
			Rounds: rounds, Level: p.scales.level(s), Category: categoryOf(s),
		})
		*t += sec
	}
}

// drawnSeconds is the length of the drawn time axis: the blocks' times,
// unknown steps at their nominal width.
func (p *Profile) drawnSeconds() float64 {
	if len(p.Blocks) == 0 {
		return 0
	}
	b := p.Blocks[len(p.Blocks)-1]
	return b.Start + b.Seconds
}

// span is the range of a value over a workout.
type span struct {
	lo, hi float64
	n      int
	// def sums the default levels of the steps that have the value, so
	// that a value alone in its workout draws all its steps at one height.
	def float64
}

func (s *span) add(v float64, def float64) {
	if !(v > 0) || math.IsInf(v, 0) {
		return
	}
	s.def += def
	if s.n == 0 {
		s.lo, s.hi = v, v
	}
	s.lo, s.hi = min(s.lo, v), max(s.hi, v)
	s.n++
}

// rel places v within the span: lo → 0, hi → 1; ok is false when the span
// has one value only.
func (s *span) rel(v float64) (float64, bool) {
	if s.n == 0 || s.hi-s.lo < 1e-9 {
		return 0, false
	}
	return math.Min(1, math.Max(0, (v-s.lo)/(s.hi-s.lo))), true
}

// single is the height of every step of a span that has one value only:
// the mean of their kinds' default heights.
func (s *span) single() (float64, bool) {
	if s.n == 0 || s.hi-s.lo >= 1e-9 {
		return 0, false
	}
	return s.def / float64(s.n), true
}

// scales hold the workout's ranges of the targets that have no absolute
// scale of their own (pace, bpm, watts, cadence) and of loads.
type scales struct {
	speed, bpm, watts, cadence, load span
}

func collectScales(steps []workouts.Step) scales {
	var sc scales
	workouts.Walk(steps, func(s *workouts.Step, _ int) {
		def := defaultLevel(s)
		if sp, v := sc.spanOf(&s.Target); sp != nil {
			sp.add(v, def)
		}
		if s.Weight != nil && s.Weight.Name == "" {
			sc.load.add(s.Weight.Kilograms(), def)
		}
	})
	return sc
}

// spanOf returns the span of the workout that t's value lies in, and the
// value (a speed, bpm, watts or a cadence); nil for a target with none.
func (sc *scales) spanOf(t *workouts.Target) (*span, float64) {
	mid := (t.Low + t.High) / 2
	switch {
	case t.Kind == workouts.TargetPace:
		if p := midPace(t); p > 0 {
			return &sc.speed, 1 / p
		}
	case t.Kind == workouts.TargetHR && !t.Percent:
		return &sc.bpm, mid
	case t.Kind == workouts.TargetPower && !t.Percent:
		return &sc.watts, mid
	case t.Kind == workouts.TargetCadence:
		return &sc.cadence, mid
	}
	return nil, 0
}

// Levels of the drawing: relative targets and loads run from relLow (the
// easiest of the workout) to relHigh (the hardest).
const (
	relLow  = 0.35
	relHigh = 0.95
	// Loads run from loadLow (the lightest of the workout) to loadHigh.
	loadLow  = 0.45
	loadHigh = 0.8
)

// defaultLevels are the heights of the categories' steps whose target says
// nothing about intensity; an exercise's work is exerciseLevel.
var defaultLevels = [numCategories]float64{CatWarmup: 0.4, CatWork: 0.7, CatRecovery: 0.25, CatRest: 0.12, CatCooldown: 0.35}

const exerciseLevel = 0.6

// defaultLevel is the height of a step whose target says nothing about
// intensity.
func defaultLevel(s *workouts.Step) float64 {
	c := categoryOf(s)
	if c == CatWork && s.Kind == workouts.KindExercise {
		return exerciseLevel
	}
	return defaultLevels[c]
}

// level is the drawn height of step s, from 0 to 1:
//   - pace, bpm, watts and cadence: relative to the workout's range of that
//     target (the easiest relLow, the hardest relHigh); a value alone in
//     its workout draws its steps at one height, the mean of their
//     categories' defaults;
//   - heart-rate and power zones and percentages: absolute (HR zone 5 or
//     95% of max, power zone 7 or 130% of FTP and over reach the top);
//   - exercises: relative to the workout's range of loads;
//   - anything else: the default of the step's category.
func (sc *scales) level(s *workouts.Step) float64 {
	t := &s.Target
	mid := (t.Low + t.High) / 2
	switch {
	case t.Kind == workouts.TargetHR && t.Percent:
		return clampLevel((mid - 45) / 50)
	case t.Kind == workouts.TargetPower && t.Percent:
		return clampLevel(mid / 130)
	case t.Kind == workouts.TargetHRZone:
		return clampLevel(float64(t.Zone) / 5)
	case t.Kind == workouts.TargetPowerZone:
		return clampLevel(float64(t.Zone) / 7)
	}
	var r float64
	ok := false
	if sp, v := sc.spanOf(t); sp != nil {
		if l, one := sp.single(); one {
			return l
		}
		r, ok = sp.rel(v)
	}
	if !ok && s.Kind == workouts.KindExercise && s.Weight != nil && s.Weight.Name == "" {
		if r, ok = sc.load.rel(s.Weight.Kilograms()); ok {
			return loadLow + r*(loadHigh-loadLow)
		}
	}
	if ok {
		return relLow + r*(relHigh-relLow)
	}
	return defaultLevel(s)
}

func clampLevel(v float64) float64 {
	return math.Min(1, math.Max(0.1, v))
}

// untilTotals are the totals of a repeat that runs until u, one round of
// which totals c: a time or a distance is the condition's (estimated: the
// last round may run over), anything else is not known. Sets, reps and
// volume are one round's.
func untilTotals(c Totals, u *workouts.Duration) Totals {
	t := c
	t.Seconds, t.TimeEstimated, t.UnknownTime = 0, false, 1
	t.Meters, t.DistanceEstimated, t.UnknownDistance, t.UnknownDistanceSeconds = 0, false, 1, 0
	switch u.Kind {
	case workouts.DurationTime:
		t.Seconds, t.TimeEstimated, t.UnknownTime = u.Seconds, true, 0
		t.UnknownDistanceSeconds = u.Seconds
		if c.UnknownDistance == 0 && c.Seconds > 0 {
			t.Meters, t.DistanceEstimated, t.UnknownDistance, t.UnknownDistanceSeconds = c.Meters*u.Seconds/c.Seconds, true, 0, 0
		}
	case workouts.DurationDistance:
		t.Meters, t.DistanceEstimated, t.UnknownDistance = u.Meters, true, 0
		t.HasDistance = true
		if c.UnknownTime == 0 && c.Meters > 0 {
			t.Seconds, t.TimeEstimated, t.UnknownTime = c.Seconds*u.Meters/c.Meters, true, 0
		}
	}
	return t
}
