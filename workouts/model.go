// Package workouts holds the workout model of workoutc: parsing the YAML
// workout language with line and column kept, validating it (every problem of
// a file in one run), and resolving named zones, loads and repeat ranges
// against an athlete profile.
//
// Data flows one way: Parse → (*Workout).Validate → Resolve → an encoder in
// encode/<format>. A resolved workout has no named zone, no named load and no
// repeat range left; encoders may rely on that.
package workouts

import "fmt"

// Pos is a place in a source file. Line and Col count from 1; a zero Line
// means the problem has no place in the file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as FILE:LINE:COL, or FILE alone when it has no line.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Or returns p, or fallback when p has no line: where a problem with a
// part of a step (a target, a weight) is reported when the part itself has
// no position.
func (p Pos) Or(fallback Pos) Pos {
	if p.Line == 0 {
		return fallback
	}
	return p
}

// Sport is the sport a workout is for, as the workout language spells it.
type Sport string

// The sports of the workout language.
const (
	SportRunning  Sport = "running"
	SportCycling  Sport = "cycling"
	SportWalking  Sport = "walking"
	SportSwimming Sport = "swimming"
	SportStrength Sport = "strength"
	SportCardio   Sport = "cardio"
	SportHIIT     Sport = "hiit"
	SportYoga     Sport = "yoga"
	SportPilates  Sport = "pilates"
	SportGeneric  Sport = "generic"
)

// Sports lists every sport the language accepts, in the order shown to users.
var Sports = []Sport{SportRunning, SportCycling, SportWalking, SportSwimming,
	SportStrength, SportCardio, SportHIIT, SportYoga, SportPilates, SportGeneric}

// Kind is the kind of a step: its key in the language.
type Kind uint8

// The step kinds.
const (
	KindWarmup Kind = iota + 1
	KindRun
	KindRecover
	KindRest
	KindCooldown
	KindExercise
	KindRepeat
)

var kindNames = [...]string{"", "warmup", "run", "recover", "rest", "cooldown", "exercise", "repeat"}

// String returns the kind's key in the language ("warmup", "repeat", ...).
func (k Kind) String() string { return enumString(kindNames[:], k, "kind") }

// enumString returns names[v], or what(v) for a value past them.
func enumString[T ~uint8](names []string, v T, what string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", what, v)
}

// Intensity is how hard a step is meant to be; each kind has a default and
// `intensity:` overrides it. The values follow FIT's intensity enum.
type Intensity uint8

// The intensities, numbered as FIT numbers them.
const (
	IntensityActive   Intensity = 0
	IntensityRest     Intensity = 1
	IntensityWarmup   Intensity = 2
	IntensityCooldown Intensity = 3
	IntensityRecovery Intensity = 4
	IntensityInterval Intensity = 5
	IntensityOther    Intensity = 6
)

var intensityNames = [...]string{"active", "rest", "warmup", "cooldown", "recovery", "interval", "other"}

// String returns the intensity's name in the language.
func (i Intensity) String() string { return enumString(intensityNames[:], i, "intensity") }

// DefaultIntensity is the intensity a step of kind k has unless overridden.
func DefaultIntensity(k Kind) Intensity {
	if int(k) < len(defaultIntensities) {
		return defaultIntensities[k]
	}
	return IntensityActive
}

// defaultIntensities are the kinds' default intensities other than active.
var defaultIntensities = [...]Intensity{KindWarmup: IntensityWarmup, KindRecover: IntensityRecovery,
	KindRest: IntensityRest, KindCooldown: IntensityCooldown}

// DurationKind says what ends a step.
type DurationKind uint8

// The duration kinds.
const (
	// DurationLap ends the step when the lap button is pressed (FIT "open").
	DurationLap DurationKind = iota
	// DurationTime ends the step after Duration.Seconds.
	DurationTime
	// DurationDistance ends the step after Duration.Meters.
	DurationDistance
	// DurationReps ends the step after Duration.Reps repetitions.
	DurationReps

	// The conditions below end a step on a threshold: the language writes
	// "until hr below 130", "until power above 80%" and "300 kcal"
	// (see until.go).

	// DurationHRBelow ends the step when the heart rate drops below
	// Duration.Value (bpm, or percent of max HR when Percent is set).
	DurationHRBelow
	// DurationHRAbove ends the step when the heart rate rises above
	// Duration.Value (bpm, or percent of max HR when Percent is set).
	DurationHRAbove
	// DurationPowerBelow ends the step when the power drops below
	// Duration.Value (W, or percent of FTP when Percent is set).
	DurationPowerBelow
	// DurationPowerAbove ends the step when the power rises above
	// Duration.Value (W, or percent of FTP when Percent is set).
	DurationPowerAbove
	// DurationCalories ends the step after Duration.Value kcal.
	DurationCalories
	// DurationOther is read from files made elsewhere only (inspect,
	// import): a condition of the file format with no better model: Duration.Other names it as the format does, Duration.Value
	// holds its raw value.
	DurationOther
)

// Duration is what ends a step. Exactly one of Seconds, Meters and Reps is
// meaningful, chosen by Kind. Unit keeps the unit the user wrote ("mi",
// "km", "min", ...) so that tools can show the value back the same way.
type Duration struct {
	Kind    DurationKind
	Seconds float64 // DurationTime
	Meters  float64 // DurationDistance
	Reps    int     // DurationReps
	Unit    string

	// DurationHRBelow ... DurationOther.
	Value   float64 // the threshold: bpm, W, percent, kcal or a raw value
	Percent bool    // Value is percent of max HR or of FTP
	Other   string  // DurationOther: the format's name for the condition
}

// amount is what d counts to: its seconds (DurationTime), its meters
// (DurationDistance), 0 for any other kind.
func (d Duration) amount() float64 {
	switch d.Kind {
	case DurationTime:
		return d.Seconds
	case DurationDistance:
		return d.Meters
	}
	return 0
}

// TargetKind says what a step's target is.
type TargetKind uint8

// The target kinds.
const (
	TargetOpen TargetKind = iota
	// TargetPace is a pace range, held as speeds in m/s: Low is the slower
	// end (the larger pace), High the faster.
	TargetPace
	// TargetHR is a heart-rate range in bpm, or in percent of max HR when
	// Percent is set.
	TargetHR
	// TargetHRZone is a heart-rate zone, 1 to 5.
	TargetHRZone
	// TargetPower is a power range in watts, or in percent of FTP when
	// Percent is set.
	TargetPower
	// TargetPowerZone is a power zone, 1 to 7.
	TargetPowerZone
	// TargetCadence is a cadence range (steps or revolutions per minute).
	TargetCadence

	// The kinds below are read from files made elsewhere; the workout
	// language does not write them and the encoders refuse them.

	// TargetSpeedZone is a speed zone of the watch, 1 to 10 (in Zone).
	TargetSpeedZone
	// TargetCadenceZone is a cadence zone of the watch (in Zone).
	TargetCadenceZone
	// TargetOther is a target of the file format with no better model:
	// Other names it as the format does ("swim_stroke", "grade"), Zone
	// holds its value and Low/High its raw custom range, if any.
	TargetOther
)

// HRZones and PowerZones are how many heart-rate and power zones there
// are: a zone target is 1 to these.
const (
	HRZones    = 5
	PowerZones = 7
)

// Target is a step's target. Before resolution a target may be a named zone
// of the athlete profile (Zone == 0, Name != ""): TargetPace with Name "easy"
// is "pace easy", TargetHR with Name "easy" is "hr easy".
type Target struct {
	Kind      TargetKind
	Low, High float64 // range targets; pace in m/s (Low slower), HR bpm, power W, cadence
	Percent   bool    // Low/High are percent of max HR (TargetHR) or of FTP (TargetPower)
	Zone      int     // TargetHRZone, TargetPowerZone
	Name      string  // a named zone, resolved from the athlete profile
	Unit      string  // pace: "/mi" or "/km", how the user wrote it
	Pos       Pos     // where the target was written
	Other     string  // TargetOther: the format's name for the target
}

// Named reports whether t is a named zone that still needs an athlete profile.
func (t Target) Named() bool {
	return t.Name != "" && t.Kind != TargetHRZone && t.Kind != TargetPowerZone
}

// Weight is the load of an exercise step: Value in Unit ("kg" or "lb"), or,
// before resolution, a named load of the athlete profile (Name != "").
type Weight struct {
	Value float64
	Unit  string // "kg" or "lb"
	Name  string // a named load ("medium"), resolved from the athlete profile
	Pos   Pos
}

// Kilograms returns the weight in kilograms.
func (w Weight) Kilograms() float64 {
	if w.Unit == "lb" {
		return w.Value * 0.45359237
	}
	return w.Value
}

// Exercise is a strength exercise of the FIT catalog, as matched from the
// user's free text.
type Exercise struct {
	Query    string // what the user wrote
	Category uint16 // FIT exercise_category
	Number   uint16 // FIT exercise_name within the category
	Key      string // "category/name" in FIT's snake_case, e.g. "squat/dumbbell_squat"
	Title    string // the display title, e.g. "Dumbbell Squat"
}

// NoExerciseName is Exercise.Number when a file names only the exercise
// category, as Garmin Connect does for its warm-up steps (category
// warm_up, no name); Key is then the category alone ("warm_up").
const NoExerciseName = 0xFFFF

// Step is one step of a workout. Repeat steps hold their children in Steps.
type Step struct {
	Pos       Pos
	Kind      Kind
	Name      string
	Notes     string
	Intensity Intensity
	Duration  Duration
	Target    Target

	// Exercise steps.
	Exercise *Exercise
	Weight   *Weight
	EachSide bool

	// Repeat steps: Count times (after resolution); before resolution a
	// range CountMin-CountMax with CountMin < CountMax and Count == 0.
	Count    int
	CountMin int
	CountMax int
	Steps    []Step

	// Until is set on a repeat that runs until a condition (time,
	// distance, calories, heart rate, power) rather than Count times
	// ("repeat: until 20 min"); Count is then 0.
	Until *Duration
	// Secondary is a second target ("secondary_target:", FIT's
	// secondary_target_*); the zero Target is none.
	Secondary Target

	// Pool swimming steps (sport swimming): the stroke and the equipment,
	// zero when not given (see swim.go).
	Stroke    Stroke
	Equipment Equipment
}

// Workout is one workout definition.
type Workout struct {
	Pos         Pos // the file, line 1
	Name        string
	Sport       Sport
	Description string
	Steps       []Step
	// Units is how paces and loads are shown: "" (as written), "imperial"
	// or "metric". Set by resolution from the athlete profile.
	Units string
	// Pool is the pool of a pool swim ("pool: 25 m"); nil when none.
	Pool *Pool
	// MaxHR is the athlete's maximum heart rate in bpm, for formats that
	// hold heart rates in bpm only (Connect): 0 when unknown. Set by
	// resolution from the athlete profile.
	MaxHR int
}

// Walk calls fn for every step of steps in order, children before nothing:
// a repeat is visited before its children (pre-order). depth is 0 for the
// top level.
func Walk(steps []Step, fn func(s *Step, depth int)) {
	walk(steps, 0, fn)
}

func walk(steps []Step, depth int, fn func(*Step, int)) {
	for i := range steps {
		fn(&steps[i], depth)
		if steps[i].Kind == KindRepeat {
			walk(steps[i].Steps, depth+1, fn)
		}
	}
}

// CountSteps returns how many workout steps the steps flatten to in a file
// (repeat steps count as one step each, their children once, not per round).
func CountSteps(steps []Step) int {
	n := 0
	Walk(steps, func(*Step, int) { n++ })
	return n
}
