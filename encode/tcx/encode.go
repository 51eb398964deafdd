package tcx

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/say"
)

// Encoder implements encode.Encoder for TCX workout files.
type Encoder struct{}

var _ encode.Encoder = Encoder{}

// Format returns "tcx".
func (Encoder) Format() string { return "tcx" }

// Encode is the package function Encode.
func (Encoder) Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	return Encode(w, opts)
}

// Encode returns the TCX file of the resolved workout w, with one warning
// per lossy mapping, sorted by place. When TCX cannot express w (a power
// target, more than 20 steps, ...) it returns no bytes, no warnings and a
// workouts.Diagnostics error that locates every such problem. opts is not
// used: a TCX workout holds no creation time or identity. w is not
// modified or kept.
func Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	if w == nil {
		return nil, nil, errors.New("tcx: nil workout")
	}
	e := &encoder{w: w, names: newNamer()}
	x := e.workout()
	if len(e.errs) > 0 {
		e.errs.Sort()
		return nil, nil, e.errs
	}
	var buf bytes.Buffer
	buf.Grow(2048)
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	db := xDatabase{XSI: xsiNS, SchemaLocation: Namespace + " " + SchemaURL, Workouts: []xWorkout{x}}
	if err := enc.Encode(db); err != nil {
		return nil, nil, fmt.Errorf("tcx: %w", err)
	}
	buf.WriteByte('\n')
	e.warns.Sort()
	return buf.Bytes(), e.warns, nil
}

// encoder is the state of one Encode.
type encoder struct {
	w     *workouts.Workout
	sport workouts.Sport // what DecodeFile reads back from the Sport_t written
	names *namer
	id    int      // StepIds given so far
	over  bool     // reported more than MaxSteps steps
	lines []string // the per-step part of the workout notes
	warns workouts.Diagnostics
	errs  workouts.Diagnostics
}

// Sport_t values.
const (
	sportRunning = "Running"
	sportBiking  = "Biking"
	sportOther   = "Other"
)

// sportNames are the sports TCX has a Sport_t for; the others are Other.
var sportNames = map[workouts.Sport]string{workouts.SportRunning: sportRunning, workouts.SportCycling: sportBiking}

func (e *encoder) workout() xWorkout {
	w := e.w
	x := xWorkout{Sport: sportOther}
	e.sport = workouts.SportGeneric
	switch {
	case sportNames[w.Sport] != "":
		x.Sport, e.sport = sportNames[w.Sport], w.Sport
	case w.Sport == workouts.SportGeneric:
	case slices.Contains(workouts.Sports, w.Sport):
		e.warns.Warnf(w.Pos, "sport %s is written as Other; TCX sports are Running, Biking and Other", w.Sport)
	default:
		e.errs.Errorf(w.Pos, "unknown sport %q", w.Sport)
	}

	full := cmp.Or(collapse(e.clean(w.Pos, "workout name", w.Name)), "Workout")
	x.Name = shorten(full, MaxName)
	if x.Name != full {
		e.warns.Warnf(w.Pos, "workout name %q is %d characters; TCX names hold at most %d, written as %q",
			full, runes(full), MaxName, x.Name)
	}

	if len(w.Steps) == 0 {
		e.errs.Errorf(w.Pos, "the workout has no steps; a TCX workout needs at least one")
	}
	if w.Pool != nil {
		e.warns.Warnf(w.Pool.Pos.Or(w.Pos), "pool %s is not written; TCX has no pool length", w.Pool)
	}
	x.Steps = e.steps(w.Steps, 0)

	if x.Name != full {
		e.lines = append([]string{x.Name + " = " + full}, e.lines...)
	}
	notes := strings.TrimSpace(strings.ReplaceAll(e.clean(w.Pos, "description", w.Description), "\r\n", "\n"))
	x.Notes = text(join("\n\n", notes, strings.Join(e.lines, "\n")))
	return x
}

// steps returns the TCX steps of steps, numbering them in FIT order (a
// repeat's children before the repeat). depth guards against cycles in a
// hand-built model.
func (e *encoder) steps(steps []workouts.Step, depth int) []xStep {
	var out []xStep
	for i := range steps {
		s := &steps[i]
		if s.Kind != workouts.KindRepeat {
			out = append(out, e.step(s))
			continue
		}
		if depth >= 32 {
			e.errs.Errorf(s.Pos, "repeats nested more than 32 deep")
			continue
		}
		switch {
		case s.Until != nil:
			e.errs.Errorf(s.Pos, "a repeat that runs until a condition cannot be written to TCX, whose repeats run a count of times")
			continue
		case len(s.Steps) == 0:
			e.errs.Errorf(s.Pos, "repeat has no steps")
			continue
		case s.Count < 1 && s.CountMax > 0:
			e.errs.Errorf(s.Pos, "repeat %d-%d has no count; resolve the workout before encoding", s.CountMin, s.CountMax)
			continue
		case s.Count < 1:
			e.errs.Errorf(s.Pos, "repeat count %d; a repeat runs at least once", s.Count)
			continue
		case s.Count == 1:
			e.warns.Warnf(s.Pos, "repeat 1 time is written as its steps alone; a TCX repeat runs %d to %d times", MinRepeat, MaxRepeat)
			out = append(out, e.steps(s.Steps, depth+1)...)
			continue
		case s.Count > MaxRepeat:
			e.errs.Errorf(s.Pos, "repeat %d times; a TCX repeat runs at most %d times (split it into two repeats)", s.Count, MaxRepeat)
		}
		children := e.steps(s.Steps, depth+1)
		out = append(out, xStep{Type: "Repeat_t", StepID: e.nextID(s.Pos), Repetitions: s.Count, Children: children})
	}
	return out
}

// nextID returns the next StepId, reporting the first step over the limit.
func (e *encoder) nextID(pos workouts.Pos) int {
	e.id++
	if e.id > MaxSteps && !e.over {
		e.over = true
		n := stepCount(e.w.Steps)
		e.errs.Errorf(pos, "step %d of %d (repeats included): a TCX workout holds at most %d steps; split the workout or write it as FIT", e.id, n, MaxSteps)
	}
	return e.id
}

// stepCount counts the TCX steps of steps: repeats of 1 are not written.
func stepCount(steps []workouts.Step) int {
	n := 0
	for i := range steps {
		if steps[i].Kind == workouts.KindRepeat {
			n += stepCount(steps[i].Steps)
			if steps[i].Count != 1 {
				n++
			}
			continue
		}
		n++
	}
	return n
}

// kindNames name the steps that have no name, so that a kind that TCX's two
// intensities cannot tell apart stays visible (and the notes can refer to
// every step by name).
var kindNames = map[workouts.Kind]string{
	workouts.KindWarmup:   "Warm up",
	workouts.KindRun:      "Run",
	workouts.KindRecover:  "Recover",
	workouts.KindRest:     "Rest",
	workouts.KindCooldown: "Cool down",
}

// Intensity_t values.
const (
	intensityActive  = "Active"
	intensityResting = "Resting"
)

func (e *encoder) step(s *workouts.Step) xStep {
	x := xStep{Type: "Step_t", StepID: e.nextID(s.Pos), Intensity: intensityActive}
	if !encode.CheckKind(e.errs.Errorf, s) {
		return x
	}
	switch s.Intensity {
	case workouts.IntensityRest, workouts.IntensityRecovery:
		x.Intensity = intensityResting
	case workouts.IntensityActive, workouts.IntensityWarmup, workouts.IntensityCooldown,
		workouts.IntensityInterval, workouts.IntensityOther:
	default:
		e.errs.Errorf(s.Pos, "unknown intensity %d", s.Intensity)
	}
	if s.Kind == workouts.KindExercise {
		e.exercise(s, &x)
	} else {
		x.Duration = e.duration(s, 1)
		name, full := collapse(e.clean(s.Pos, "step name", s.Name)), ""
		switch {
		case name != "":
			x.Name = e.names.name(name, name, "", false)
			if x.Name != name {
				e.warns.Warnf(s.Pos, "step name %q is %d characters; TCX names hold at most %d, written as %q (the full name is in the workout notes)",
					name, runes(name), MaxName, x.Name)
				full = name
			}
		case kindNames[s.Kind] != "":
			x.Name = e.names.name(kindNames[s.Kind], kindNames[s.Kind], "", false)
		}
		kind := ""
		if k, _ := kindFor(x.Name, x.Intensity == intensityResting, e.sport, s.Duration.Kind); k != s.Kind {
			kind = s.Kind.String() // what name and intensity cannot say
		}
		info := oneLine(e.clean(s.Pos, "notes", s.Notes))
		if sw := swimText(s); sw != "" {
			e.warns.Warnf(s.Pos, "%s is not written as such; TCX has no strokes or equipment (it is in the workout notes)", sw)
			info = join("; ", sw, info)
		}
		e.noteLine(x.StepID, x.Name, full, kind, info)
	}
	x.Target = e.target(s)
	if s.Secondary.Kind != workouts.TargetOpen {
		e.warns.Warnf(s.Pos, "the step's second target is not written; a TCX step has one target")
	}
	return x
}

// noteLine records the notes line of step id, "N. NAME = FULL (kind):
// info", when full, kind or info has something to say.
func (e *encoder) noteLine(id int, name, full, kind, info string) {
	if full == "" && kind == "" && info == "" {
		return
	}
	line := strconv.Itoa(id) + ". " + name
	if full != "" {
		line += " = " + full
	}
	if kind != "" {
		line += " (" + kind + ")"
	}
	if info != "" {
		line += ": " + info
	}
	e.lines = append(e.lines, line)
}

// clean returns s with what XML cannot hold (invalid UTF-8, control
// characters other than tab and line breaks, U+FFFE and U+FFFF) replaced by
// U+FFFD, with a warning at pos naming what (e.g. "notes").
func (e *encoder) clean(pos workouts.Pos, what, s string) string {
	bad := !utf8.ValidString(s) // strings.Map makes each bad byte U+FFFD
	out := strings.Map(func(r rune) rune {
		if !xmlChar(r) {
			bad = true
			return utf8.RuneError
		}
		return r
	}, s)
	if !bad {
		return s
	}
	e.warns.Warnf(pos, "%s holds characters XML cannot (control characters or invalid UTF-8); written as U+FFFD", what)
	return out
}

// xmlChar reports whether XML 1.0 allows r in text.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// oneLine collapses the white space of notes so that each step's notes
// take one line of the workout notes.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// exercise fills x from the exercise step s: TCX has no exercises, so the
// step ends at the lap button (or after its time), its name says the
// exercise and the prescription, and the rest goes into the notes.
func (e *encoder) exercise(s *workouts.Step, x *xStep) {
	title := ""
	if s.Exercise != nil {
		title = cmp.Or(collapse(s.Exercise.Title), s.Exercise.Key)
	} else {
		e.errs.Errorf(s.Pos, "exercise step has no exercise")
	}
	own := collapse(e.clean(s.Pos, "step name", s.Name))
	base, isTitle := cmp.Or(own, title, "Exercise"), own == ""

	d := &s.Duration
	var suffix, prescription string
	ea, times := "", 1.0 // each side: the watch runs both sides in one step
	if s.EachSide {
		ea, times = "ea", 2
	}
	switch d.Kind {
	case workouts.DurationReps:
		suffix = " x" + strconv.Itoa(d.Reps) + ea
		prescription = strconv.Itoa(d.Reps) + " reps"
		if d.Reps == 1 {
			prescription = "1 rep"
		}
		x.Duration = &xDuration{Type: "UserInitiated_t"}
		if d.Reps < 1 {
			e.errs.Errorf(s.Pos, "%d reps; a reps step needs at least 1", d.Reps)
		}
	case workouts.DurationTime:
		prescription = say.Time(d.Seconds)
		if s.EachSide {
			suffix = " " + compactClock(d.Seconds) + " ea"
		}
		x.Duration = e.duration(s, times)
	default:
		if s.EachSide {
			suffix = " ea"
		}
		x.Duration = e.duration(s, times)
	}
	if s.EachSide {
		prescription = join(" ", prescription, "each side")
	}

	full := base + suffix
	x.Name = e.names.name(full, base, suffix, isTitle)

	other, load := "", ""
	if own != "" && !strings.EqualFold(title, own) {
		other = title
	}
	if s.Weight != nil {
		load = e.load(s.Weight)
	}
	full = base
	if full == x.Name {
		full = "" // nothing to add
	}
	e.noteLine(x.StepID, x.Name, full, "", join("; ", other, prescription, load, oneLine(e.clean(s.Pos, "notes", s.Notes))))

	lost := "exercises"
	switch {
	case d.Kind == workouts.DurationReps && load != "":
		lost = "exercises, reps or loads"
	case d.Kind == workouts.DurationReps:
		lost = "exercises or reps"
	case load != "":
		lost = "exercises or loads"
	}
	how := "lap-button step"
	if x.Duration != nil && x.Duration.Type != "UserInitiated_t" {
		how = "timed step"
	}
	detail := join(", ", prescription, load)
	if detail != "" {
		detail = " (" + detail + ")"
	}
	e.warns.Warnf(s.Pos, "exercise %q%s is written as %s %q; TCX has no %s (they are in the workout notes)", title, detail, how, x.Name, lost)
}

// load formats an exercise's weight in the workout's display units.
func (e *encoder) load(w *workouts.Weight) string {
	if !encode.CheckWeight(e.errs.Errorf, w.Pos, w) {
		return ""
	}
	v, unit := w.Value, w.Unit
	switch {
	case e.w.Units == "imperial" && unit == "kg":
		v, unit = math.Round(w.Kilograms()/0.45359237*10)/10, "lb"
	case e.w.Units == "metric" && unit == "lb":
		v, unit = math.Round(w.Kilograms()*10)/10, "kg"
	}
	return say.Number(v) + " " + unit
}

// compactClock formats seconds for a name: "45s", "1:30", "1:00:00".
func compactClock(secs float64) string {
	s := int(math.Round(secs))
	if s < 60 {
		return strconv.Itoa(s) + "s"
	}
	return say.Clock(float64(s))
}

// duration returns s's duration as TCX holds it, times times (2 for each
// side).
func (e *encoder) duration(s *workouts.Step, times float64) *xDuration {
	d := &s.Duration
	switch d.Kind {
	case workouts.DurationLap:
		return &xDuration{Type: "UserInitiated_t"}
	case workouts.DurationTime:
		v := d.Seconds * times
		n := whole(v, MaxSeconds)
		if n == nil {
			e.errs.Errorf(s.Pos, "time %s is longer than TCX holds: a TCX step lasts at most %d s (%s)", say.Time(v), MaxSeconds, say.Clock(MaxSeconds))
			return nil
		}
		if float64(*n) != v {
			e.warns.Warnf(s.Pos, "time %v s is written as %v s; TCX holds whole seconds", v, *n)
		}
		return &xDuration{Type: "Time_t", Seconds: n}
	case workouts.DurationDistance:
		v := d.Meters * times
		n := whole(v, MaxMeters) // whole metres: 1 mi is 1609 m, by design not a warning
		if n == nil {
			e.errs.Errorf(s.Pos, "distance %v m is longer than TCX holds: a TCX step covers at most %d m", v, MaxMeters)
			return nil
		}
		return &xDuration{Type: "Distance_t", Meters: n}
	case workouts.DurationReps:
		e.errs.Errorf(s.Pos, "reps duration on a %s step", s.Kind)
		return nil
	case workouts.DurationHRAbove, workouts.DurationHRBelow:
		typ := "HeartRateAbove_t"
		if d.Kind == workouts.DurationHRBelow {
			typ = "HeartRateBelow_t"
		}
		rate := e.heartRate(s.Pos, d.Value, d.Percent)
		if rate == nil {
			return nil
		}
		return &xDuration{Type: typ, HeartRate: rate}
	case workouts.DurationCalories:
		n := whole(d.Value, math.MaxUint16)
		if n == nil {
			e.errs.Errorf(s.Pos, "%v kcal is more than TCX holds (%d)", d.Value, math.MaxUint16)
			return nil
		}
		return &xDuration{Type: "CaloriesBurned_t", Calories: n}
	case workouts.DurationPowerAbove, workouts.DurationPowerBelow:
		e.errs.Errorf(s.Pos, "a step that ends on a power threshold cannot be written to TCX, which has no power")
		return nil
	case workouts.DurationOther:
		e.errs.Errorf(s.Pos, "a step that ends on %q cannot be written to TCX", d.Other)
		return nil
	}
	e.errs.Errorf(s.Pos, "unknown duration kind %d", d.Kind)
	return nil
}

// whole returns v rounded to a whole number, or nil when that is outside
// 0..limit (or v is not a number).
func whole(v, limit float64) *int {
	r := math.Round(v)
	if !(r >= 0 && r <= limit) {
		return nil
	}
	n := int(r)
	return &n
}

// heartRate returns a HeartRateValue_t: bpm 1-255 or percent of max 0-100.
func (e *encoder) heartRate(pos workouts.Pos, v float64, percent bool) *xHRRate {
	typ, minV, maxV := "HeartRateInBeatsPerMinute_t", 1.0, 255.0
	if percent {
		typ, minV, maxV = "HeartRateAsPercentOfMax_t", 0, 100
	}
	r := math.Round(v)
	if !(r >= minV && r <= maxV) {
		e.errs.Errorf(pos, "heart rate %v%s is outside %v-%v, what TCX holds", v, say.HRUnit(percent), minV, maxV)
		return nil
	}
	return &xHRRate{Type: typ, Value: int(r)}
}

// target returns s's target as TCX holds it.
func (e *encoder) target(s *workouts.Step) *xTarget {
	t := &s.Target
	pos := t.Pos.Or(s.Pos)
	if !encode.CheckUnnamed(e.errs.Errorf, pos, t) {
		return nil
	}
	lo, hi := min(t.Low, t.High), max(t.Low, t.High)
	switch t.Kind {
	case workouts.TargetOpen:
		return &xTarget{Type: "None_t"}
	case workouts.TargetPace:
		l, h := speed(lo), speed(hi)
		if l == "" || h == "" {
			e.errs.Errorf(pos, "pace %v-%v m/s is outside what TCX holds (more than 0 m/s)", lo, hi)
			return nil
		}
		return &xTarget{Type: "Speed_t", SpeedZone: &xSpeedZone{Type: "CustomSpeedZone_t", ViewAs: "Pace", Low: l, High: h}}
	case workouts.TargetHR:
		l, h := e.heartRate(pos, lo, t.Percent), e.heartRate(pos, hi, t.Percent)
		if l == nil || h == nil {
			return nil
		}
		return &xTarget{Type: "HeartRate_t", HeartRateZone: &xHRZone{Type: "CustomHeartRateZone_t", Low: l, High: h}}
	case workouts.TargetSpeedZone:
		if t.Zone < 1 || t.Zone > 10 {
			e.errs.Errorf(pos, "speed zone %d is outside 1-10, the zones TCX has", t.Zone)
			return nil
		}
		return &xTarget{Type: "Speed_t", SpeedZone: &xSpeedZone{Type: "PredefinedSpeedZone_t", Number: t.Zone}}
	case workouts.TargetCadenceZone:
		e.errs.Errorf(pos, "cadence zone %d cannot be written to TCX, which has cadence ranges only", t.Zone)
		return nil
	case workouts.TargetOther:
		e.errs.Errorf(pos, "target %q cannot be written to TCX", t.Other)
		return nil
	case workouts.TargetHRZone:
		if t.Zone < 1 || t.Zone > 5 {
			e.errs.Errorf(pos, "heart-rate zone %d is outside 1-5, the zones TCX has", t.Zone)
			return nil
		}
		return &xTarget{Type: "HeartRate_t", HeartRateZone: &xHRZone{Type: "PredefinedHeartRateZone_t", Number: t.Zone}}
	case workouts.TargetPower, workouts.TargetPowerZone:
		e.errs.Errorf(pos, "%s: TCX has no power targets (TrainingCenterDatabase v2 targets are speed, heart rate and cadence); use --format fit, or an hr or pace target", describeTarget(t))
		return nil
	case workouts.TargetCadence:
		if !(lo >= 0 && hi < math.Inf(1)) {
			e.errs.Errorf(pos, "cadence %v-%v is outside what TCX holds", lo, hi)
			return nil
		}
		return &xTarget{Type: "Cadence_t", Low: say.Number(lo), High: say.Number(hi)}
	}
	e.errs.Errorf(pos, "unknown target kind %d", t.Kind)
	return nil
}

// describeTarget spells a power target as the language writes it.
func describeTarget(t *workouts.Target) string {
	if t.Kind == workouts.TargetPowerZone {
		return "power zone " + strconv.Itoa(t.Zone)
	}
	if t.Percent {
		return "power " + say.Range(t.Low, t.High) + "%"
	}
	return "power " + say.Range(t.Low, t.High) + " W"
}

// speed formats a speed in m/s with 3 decimals (1 mm/s), or returns ""
// when it rounds to a speed TCX does not hold (0 or less).
func speed(v float64) string {
	r := math.Round(v*1000) / 1000
	if !(r > 0 && r < math.Inf(1)) {
		return ""
	}
	return say.Number(r)
}

// swimText says a step's stroke and equipment for the notes: "stroke free,
// fins"; "" when it has neither.
func swimText(s *workouts.Step) string {
	stroke, equipment := "", ""
	if s.Stroke != workouts.StrokeNone {
		stroke = "stroke " + s.Stroke.String()
	}
	if s.Equipment != workouts.EquipmentNone {
		equipment = s.Equipment.String()
	}
	return join(", ", stroke, equipment)
}

// join joins the parts that are not empty with sep.
func join(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), sep)
}
