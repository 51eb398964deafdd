package connect

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/catalog"
)

// Encoder is the Connect JSON format for encode.Compile and --format
// ("connect"); its files are named <slug>.json.
type Encoder struct{}

var _ encode.Encoder = Encoder{}

// Format returns "connect".
func (Encoder) Format() string { return "connect" }

// Extension returns "json": build writes DIR/<slug>.json.
func (Encoder) Extension() string { return "json" }

// Encode is the package function Encode.
func (Encoder) Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	return Encode(w, opts)
}

// Limits of Garmin Connect.
const (
	// MaxName is the longest workout name Connect keeps: a longer one is
	// stored as its first MaxName-3 characters and "..." (seen in a
	// recorded reply).
	MaxName = 255
	// MaxSteps is the most steps (repeats included) Connect's own editor
	// makes (reported, not recorded); a longer workout gets a warning.
	MaxSteps = 50
	// MaxNesting is how deep Connect's editor nests repeats (a repeat in a
	// repeat, recorded); deeper ones get a warning.
	MaxNesting = 2
)

// Encode returns the body POST /workout-service/workout takes, for a
// resolved workout: one segment holding every step, indented JSON with a
// fixed key order and a final newline, the same bytes for the same input.
// Warnings say what Connect may not keep (a long name, more than 50 steps,
// deep repeats). When Connect cannot hold w (a percent target, an exercise
// Connect's catalogue lacks, ...) Encode returns no bytes, no warnings and a
// workouts.Diagnostics error locating every such problem. opts is not used:
// the body holds no time or identity. w is not modified or kept.
func Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	if w == nil {
		return nil, nil, errors.New("connect: nil workout")
	}
	e := &encoder{w: w}
	x := e.workout()
	if len(e.errs) > 0 {
		e.errs.Sort()
		return nil, nil, e.errs
	}
	b, err := marshal(x)
	if err != nil {
		return nil, nil, fmt.Errorf("connect: %w", err)
	}
	e.warns.Sort()
	return b, e.warns, nil
}

// marshal writes v as two-space indented JSON with a final newline, and
// "<", ">" and "&" as themselves.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type encoder struct {
	w      *workouts.Workout
	order  int // stepOrder (and stepId) given so far
	groups int // repeat groups numbered so far (childStepId)
	deep   bool
	warns  workouts.Diagnostics
	errs   workouts.Diagnostics
}

func (e *encoder) workout() *jWorkout {
	w := e.w
	sp, ok := sportOf(w.Sport)
	if !ok {
		e.errs.Errorf(w.Pos, "unknown sport %q", w.Sport)
	}
	switch w.Sport {
	case workouts.SportWalking:
		e.warns.Warnf(w.Pos, "sport walking is written as Connect's %s (%d): Connect workouts have no walking sport", sp.Key, sp.ID)
	case workouts.SportSwimming:
		if w.Pool == nil {
			e.warns.Warnf(w.Pos, "a swimming workout without a pool goes to Connect without a pool length; give it \"pool: 25 m\" (or the pool's length) if the watch asks")
		}
	}
	name := cmp.Or(strings.TrimSpace(w.Name), "Workout")
	if n := utf8.RuneCountInString(name); n > MaxName {
		cut := shorten(name)
		e.warns.Warnf(w.Pos, "workout name is %d characters; Connect keeps at most %d, so it is written as %q", n, MaxName, cut)
		name = cut
	}
	if len(w.Steps) == 0 {
		e.errs.Errorf(w.Pos, "the workout has no steps; a Connect workout needs at least one")
	}
	steps := e.steps(w.Steps, nil, 0)
	if n := e.order; n > MaxSteps {
		e.warns.Warnf(w.Pos, "%d steps (repeats included); Connect's editor makes at most %d, and Connect or the watch may refuse more", n, MaxSteps)
	}
	x := &jWorkout{
		WorkoutName:     name,
		Description:     strings.TrimSpace(w.Description),
		SportType:       sp,
		WorkoutSegments: []jSegment{{SegmentOrder: 1, SportType: sp, WorkoutSteps: steps}},
	}
	e.pool(x)
	return x
}

// shorten returns name as Connect stores it: a name of more than MaxName
// characters becomes its first MaxName-3 characters and "...".
func shorten(name string) string {
	if utf8.RuneCountInString(name) <= MaxName {
		return name
	}
	r := []rune(name)
	return string(r[:MaxName-2]) + "..."
}

// steps numbers steps depth-first from e.order, as Connect stores them:
// stepId and stepOrder count every step, a repeat group included, over the
// whole workout; the children of a group carry its number in childStepId.
func (e *encoder) steps(steps []workouts.Step, group *int, depth int) []jStep {
	out := make([]jStep, 0, len(steps))
	for i := range steps {
		s := &steps[i]
		if s.Kind != workouts.KindRepeat {
			x := jStep{Type: executable, ChildStepID: group}
			e.number(&x)
			e.step(s, &x)
			out = append(out, x)
			continue
		}
		if depth >= 32 {
			e.errs.Errorf(s.Pos, "repeats nested more than 32 deep")
			continue
		}
		if depth+1 > MaxNesting && !e.deep {
			e.deep = true
			e.warns.Warnf(s.Pos, "repeat nested %d deep; Connect's editor nests repeats %d deep and deeper ones were never tried", depth+1, MaxNesting)
		}
		switch {
		case s.Until != nil && len(s.Steps) > 0:
		case len(s.Steps) == 0:
			e.errs.Errorf(s.Pos, "repeat has no steps")
			continue
		case s.Count < 1 && s.CountMax > 0:
			e.errs.Errorf(s.Pos, "repeat %d-%d has no count; resolve the workout before encoding", s.CountMin, s.CountMax)
			continue
		case s.Count < 1:
			e.errs.Errorf(s.Pos, "repeat count %d; a repeat runs at least once", s.Count)
			continue
		}
		e.groups++
		num := e.groups
		x := jStep{Type: repeatGroup, ChildStepID: &num, StepType: stepType(stepRepeat), SmartRepeat: new(bool)}
		e.number(&x)
		if s.Until != nil {
			e.end(s.Pos, s.Until, &x, 1, "repeat ")
		} else {
			x.NumberOfIterations = s.Count
			x.EndCondition = condition(condIterations)
			x.EndConditionValue = num64(float64(s.Count))
		}
		x.WorkoutSteps = e.steps(s.Steps, &num, depth+1)
		out = append(out, x)
	}
	return out
}

func (e *encoder) number(x *jStep) {
	e.order++
	x.StepID, x.StepOrder = e.order, e.order
}

// step fills x from the non-repeat step s.
func (e *encoder) step(s *workouts.Step, x *jStep) {
	if !encode.CheckKind(e.errs.Errorf, s) {
		return
	}
	x.StepType = stepType(stepInterval)
	if i := slices.IndexFunc(stepKinds, func(k stepKind) bool { return k.intensity == s.Intensity }); i >= 0 {
		x.StepType = stepType(stepKinds[i].id)
	} else {
		e.errs.Errorf(s.Pos, "unknown intensity %d", s.Intensity)
	}
	if s.Intensity == workouts.IntensityInterval {
		e.warns.Warnf(s.Pos, "intensity interval is Connect's interval step, as every run step is; it reads back as a plain run")
	}

	eachSide := s.EachSide && s.Kind == workouts.KindExercise
	times := 1.0
	if eachSide {
		times = 2
	}
	e.end(s.Pos, &s.Duration, x, times, "")
	e.target(s, x)
	e.swim(s, x)

	// Connect steps have no name: the name goes first in the description,
	// in brackets, then the each-side label, then the notes.
	var lines []string
	if n := strings.Join(strings.Fields(s.Name), " "); n != "" {
		lines = append(lines, "["+n+"]") // one line, whatever the name held
	}
	if eachSide {
		lines = append(lines, workouts.EachSideLabel(s.Duration))
	}
	if n := strings.TrimSpace(s.Notes); n != "" {
		if first, _, _ := strings.Cut(n, "\n"); len(lines) == 0 && isNameLine(first) {
			e.warns.Warnf(s.Pos, "the notes begin with a line in brackets, which reads back as the step's name")
		}
		lines = append(lines, n)
	}
	x.Description = strings.Join(lines, "\n")

	if s.Kind == workouts.KindExercise {
		e.exercise(s, x)
	}
}

// isNameLine reports whether a description line holds a step name: "[NAME]".
func isNameLine(l string) bool {
	return len(l) >= 3 && l[0] == '[' && l[len(l)-1] == ']'
}

// end sets x's end condition from d, times times (2 for each side): a
// step's, or with repeat "repeat " a repeat group's until, which has no
// lap button or reps (Connect's editor offers it; no recorded request
// holds one).
func (e *encoder) end(pos workouts.Pos, d *workouts.Duration, x *jStep, times float64, repeat string) {
	timed := "duration" // a step's; a repeat's is "repeat time"
	if repeat != "" {
		timed = "time"
	}
	switch k := d.Kind; {
	case k == workouts.DurationLap && repeat == "":
		x.EndCondition = condition(condLap)
	case k == workouts.DurationTime:
		x.EndCondition = condition(condTime)
		x.EndConditionValue = e.positive(pos, repeat+timed, d.Seconds*times, "s", 3)
	case k == workouts.DurationDistance:
		x.EndCondition = condition(condDistance)
		x.EndConditionValue = e.positive(pos, repeat+"distance", d.Meters*times, "m", 3)
	case k == workouts.DurationReps && repeat == "":
		x.EndCondition = condition(condReps)
		if d.Reps < 1 {
			e.errs.Errorf(pos, "%d reps; a reps step needs at least 1", d.Reps)
		}
		x.EndConditionValue = num64(float64(d.Reps) * times)
	case k == workouts.DurationCalories:
		x.EndCondition = condition(condCalories)
		x.EndConditionValue = e.positive(pos, repeat+"calories", d.Value, "kcal", 0)
	case k == workouts.DurationHRBelow, k == workouts.DurationHRAbove, k == workouts.DurationPowerBelow, k == workouts.DurationPowerAbove:
		e.threshold(pos, d, x)
	case repeat != "":
		e.errs.Errorf(pos, "a repeat until %s cannot be written to Connect", workouts.DescribeDuration(*d))
	default:
		e.errs.Errorf(pos, "a step that ends %s cannot be written to Connect by workoutc yet", workouts.DescribeDuration(*d))
	}
}

// positive returns v rounded to dec decimals, or reports one that is not
// a positive number.
func (e *encoder) positive(pos workouts.Pos, what string, v float64, unit string, dec int) *float64 {
	if !(v > 0) || math.IsInf(v, 0) {
		e.errs.Errorf(pos, "%s %v %s; Connect needs more than 0", what, v, unit)
		return nil
	}
	return num64(round(v, dec))
}

func round(v float64, dec int) float64 {
	p := math.Pow10(dec)
	return math.Round(v*p) / p
}

func num64(v float64) *float64 { return &v }

// target sets x's target from s's.
func (e *encoder) target(s *workouts.Step, x *jStep) {
	t := &s.Target
	pos := t.Pos.Or(s.Pos)
	if !encode.CheckUnnamed(e.errs.Errorf, pos, t) {
		return
	}
	if s.Kind == workouts.KindExercise && t.Kind != workouts.TargetOpen {
		e.errs.Errorf(pos, "an exercise step takes no target")
		return
	}
	e.targetInto(pos, t, &x.TargetType, &x.TargetValueOne, &x.TargetValueTwo, &x.ZoneNumber)
	if s.Secondary.Kind != workouts.TargetOpen {
		e.targetInto(s.Secondary.Pos.Or(pos), &s.Secondary, &x.SecondaryTargetType, &x.SecondaryTargetValueOne, &x.SecondaryTargetValueTwo, &x.SecondaryZoneNumber)
	}
}

func (e *encoder) targetInto(pos workouts.Pos, t *workouts.Target, tt **jTargetType, one, two **float64, zone **int) {
	set := func(id int) { *tt = &jTargetType{id, targetKeys[id]} }
	rng := func(lo, hi float64, dec int) {
		if hi < lo {
			lo, hi = hi, lo
		}
		*one, *two = num64(round(lo, dec)), num64(round(hi, dec))
	}
	switch t.Kind {
	case workouts.TargetOpen:
		set(targetNone)
	case workouts.TargetPace:
		// A ride's pace is Connect's speed.zone, as its editor shows a
		// ride's target (recorded: Kaiord's cycling request); the same
		// m/s either way.
		if e.w.Sport == workouts.SportCycling {
			set(targetSpeed)
		} else {
			set(targetPace)
		}
		if !(t.Low > 0 && t.High > 0) || math.IsInf(t.Low+t.High, 0) {
			e.errs.Errorf(pos, "pace %v-%v m/s; Connect needs speeds above 0", t.Low, t.High)
			return
		}
		rng(t.Low, t.High, 3) // m/s, the slower speed first
	case workouts.TargetHR:
		set(targetHR)
		lo, hi := t.Low, t.High
		if t.Percent {
			var ok bool
			if lo, hi, ok = e.bpm(pos, fmt.Sprintf("hr %v-%v%%", t.Low, t.High), "heart-rate ranges", "write hr in bpm or an hr zone", t.Low, t.High); !ok {
				return
			}
		}
		if !encode.CheckRange(e.errs.Errorf, pos, "heart rate", lo, hi, 1, 255, " bpm") {
			return
		}
		rng(lo, hi, 0)
	case workouts.TargetHRZone:
		set(targetHR)
		*zone = e.zone(pos, "heart-rate", t.Zone, workouts.HRZones)
	case workouts.TargetPower:
		set(targetPower)
		if t.Percent {
			e.errs.Errorf(pos, "power %v-%v%%: Connect holds power ranges in watts only (a percentage would be read as watts); write power in W or a power zone", t.Low, t.High)
			return
		}
		if !encode.CheckRange(e.errs.Errorf, pos, "power", t.Low, t.High, 1, 5000, " W") {
			return
		}
		rng(t.Low, t.High, 0)
	case workouts.TargetPowerZone:
		set(targetPower)
		*zone = e.zone(pos, "power", t.Zone, workouts.PowerZones)
	case workouts.TargetCadence:
		set(targetCadence)
		if !encode.CheckRange(e.errs.Errorf, pos, "cadence", t.Low, t.High, 1, 400, " rpm") {
			return
		}
		rng(t.Low, t.High, 0)
	default:
		e.errs.Errorf(pos, "a %s target cannot be written to Connect by workoutc yet", workouts.DescribeTarget(*t, ""))
	}
}

func (e *encoder) zone(pos workouts.Pos, what string, z, max int) *int {
	if !encode.CheckZone(e.errs.Errorf, pos, what, z, max) {
		return nil
	}
	return &z
}

// exercise sets x's category, exerciseName and weight.
func (e *encoder) exercise(s *workouts.Step, x *jStep) {
	ex := s.Exercise
	if ex == nil {
		e.errs.Errorf(s.Pos, "exercise step has no exercise")
		return
	}
	entry, ok := catalog.ByNumber(ex.Category, ex.Number)
	if !ok && ex.Number == workouts.NoExerciseName {
		if c, found := catalog.CategoryName(ex.Category); found {
			entry, ok = catalog.Entry{Category: ex.Category, Number: catalog.NoName, CategoryName: c}, true
		}
	}
	if !ok {
		e.errs.Errorf(s.Pos, "exercise %s (%d/%d) is not in the FIT catalogue of this version", ex.Key, ex.Category, ex.Number)
		return
	}
	cat, name, known := entry.Connect()
	if !known && !catalog.ConnectCategory(cat) {
		e.errs.Errorf(s.Pos, "exercise %s is not in Garmin Connect's exercise catalogue, which has no %s category; write the step without an exercise (a timed step with a name) or build it as fit", entry.Key(), entry.CategoryName)
		return
	}
	if !known {
		var hints []string
		for _, h := range catalog.ConnectSuggest(entry, 3) {
			hints = append(hints, fmt.Sprintf("%q", h.Key()))
		}
		what := entry.Key()
		if entry.Number == catalog.NoName {
			what = entry.CategoryName
		}
		e.errs.Errorf(s.Pos, "exercise %s is not in Garmin Connect's exercise catalogue; Connect knows %s (or build it as fit)", what, orList(hints))
		return
	}
	x.Category, x.ExerciseName = cat, name
	if w := s.Weight; w != nil {
		e.weight(w.Pos.Or(s.Pos), w, x)
	}
}

func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// weight sets x's weightValue and weightUnit; see weightValue.
func (e *encoder) weight(pos workouts.Pos, w *workouts.Weight, x *jStep) {
	if !encode.CheckWeight(e.errs.Errorf, pos, w) {
		return
	}
	if !(w.Value > 0) || math.IsInf(w.Value, 0) {
		e.errs.Errorf(pos, "weight %v %s; a load is more than 0", w.Value, w.Unit)
		return
	}
	unit := w.Unit
	switch e.w.Units {
	case "imperial":
		unit = "lb"
	case "metric":
		unit = "kg"
	}
	v, u := weightValue(w.Kilograms(), unit)
	x.WeightValue, x.WeightUnit = &v, &u
}

// bpm turns heart rates in percent of max HR into bpm with the athlete's
// max_hr, since Connect holds heart rates in bpm only (a percentage would
// be read as bpm). Without a max_hr it is an error at pos; what names the
// value ("hr 70-80%"), held what Connect holds ("heart-rate ranges"),
// instead the other way to write it.
func (e *encoder) bpm(pos workouts.Pos, what, held, instead string, lo, hi float64) (float64, float64, bool) {
	if e.w.MaxHR <= 0 {
		e.errs.Errorf(pos, "%s: Connect holds %s in bpm only (a percentage would be read as bpm); give an athlete profile with max_hr (--athlete), or %s", what, held, instead)
		return 0, 0, false
	}
	maxHR := float64(e.w.MaxHR)
	return math.Round(lo * maxHR / 100), math.Round(hi * maxHR / 100), true
}
