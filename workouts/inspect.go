package workouts

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts/say"
)

// This file renders a workout read from a file (or parsed) for people and
// machines: the step tree of `workoutc inspect` and its --json shape.

// InspectText returns the readable step tree of w: a header (name, sport,
// description, step count) and one line per step, numbered as a tree
// ("2.1" is the first step inside the second), with durations in human
// units, paces per km and per mile, HR in bpm or % of max, power in W or %
// of FTP, exercises with reps and load, and notes under their step.
func InspectText(w *Workout) string {
	var b strings.Builder
	// Every text from the file goes through term.Clean: a name with an
	// escape sequence or a line break shows as escapes, on its own line.
	b.WriteString(term.Clean(cmp.Or(w.Name, "(no name)")) + "\n")
	fmt.Fprintf(&b, "sport: %s\n", term.Clean(cmp.Or(string(w.Sport), "(none given)")))
	if w.Pool != nil {
		fmt.Fprintf(&b, "pool: %s\n", w.Pool)
	}
	if w.Description != "" {
		writeText(&b, "description: ", "", w.Description)
	}
	n, reps := 0, 0
	Walk(w.Steps, func(s *Step, _ int) {
		n++
		if s.Kind == KindRepeat {
			reps++
		}
	})
	switch reps {
	case 0:
		fmt.Fprintf(&b, "steps: %d\n", n)
	case 1:
		fmt.Fprintf(&b, "steps: %d (1 of them a repeat)\n", n)
	default:
		fmt.Fprintf(&b, "steps: %d (%d of them repeats)\n", n, reps)
	}
	b.WriteString("\n")
	inspectSteps(&b, w.Steps, w.Sport, "", 0)
	return b.String()
}

// writeText writes label and a possibly multi-line text, continuation lines
// aligned under the first.
func writeText(b *strings.Builder, label, indent, text string) {
	lines := strings.Split(text, "\n")
	pad := strings.Repeat(" ", len([]rune(label)))
	for i, l := range lines {
		if i > 0 && l == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(indent)
		if i == 0 {
			b.WriteString(label)
		} else if l != "" {
			b.WriteString(pad)
		}
		b.WriteString(term.Clean(l))
		b.WriteString("\n")
	}
}

func inspectSteps(b *strings.Builder, steps []Step, sport Sport, prefix string, depth int) {
	indent := strings.Repeat("  ", depth)
	for i := range steps {
		s := &steps[i]
		num := prefix + strconv.Itoa(i+1)
		head := num
		if depth == 0 {
			head += "."
		}
		line := term.Clean(stepText(s, sport))
		fmt.Fprintf(b, "%s%s %s\n", indent, head, line)
		if s.Kind == KindRepeat {
			inspectSteps(b, s.Steps, sport, num+".", depth+1)
			continue
		}
		_, _, notes, _ := eachSideOf(s)
		if notes != "" {
			writeText(b, "notes: ", indent+strings.Repeat(" ", len(head)+1), notes)
		}
	}
}

// eachSideOf reads the each-side convention of the encoders back: an
// exercise whose notes start with "N each side" and whose duration is 2N.
// It returns one side's duration, the step's own name and notes (the label
// taken out), and whether the step is each side.
func eachSideOf(s *Step) (Duration, string, string, bool) {
	if s.Kind != KindExercise {
		return s.Duration, s.Name, s.Notes, false
	}
	if s.EachSide {
		return s.Duration, s.Name, s.Notes, true
	}
	half, ok := halfOf(s.Duration)
	if !ok {
		return s.Duration, s.Name, s.Notes, false
	}
	label := EachSideLabel(half)
	if s.Notes != label && !strings.HasPrefix(s.Notes, label+"\n") {
		return s.Duration, s.Name, s.Notes, false
	}
	name := s.Name
	if name == label {
		name = ""
	}
	return half, name, strings.TrimPrefix(strings.TrimPrefix(s.Notes, label), "\n"), true
}

// stepText is the one-line summary of a step that inspect prints (without
// its notes or, for a repeat, its steps): `run "Uphill" 2:00`,
// `warmup 1 mi, pace 9:30-10:30 /mi (5:54-6:31 /km)`,
// `exercise Dumbbell Squat [squat/dumbbell_squat]: 10 reps, 15 lb`.
func stepText(s *Step, sport Sport) string {
	if s.Kind == KindRepeat {
		switch {
		case s.Until != nil:
			return "repeat until " + strings.TrimPrefix(DescribeDuration(*s.Until), "until ")
		case s.Count == 0 && s.CountMax > 0:
			return fmt.Sprintf("repeat %d-%d times", s.CountMin, s.CountMax)
		case s.Count == 1:
			return "repeat once"
		}
		return fmt.Sprintf("repeat %d times", s.Count)
	}
	d, name, _, each := eachSideOf(s)
	var b strings.Builder
	b.WriteString(KindName(s.Kind, sport))
	if s.Kind == KindExercise && s.Exercise != nil {
		b.WriteString(" " + cmp.Or(s.Exercise.Title, s.Exercise.Key) + " [" + s.Exercise.Key + "]")
	}
	if name != "" && (s.Exercise == nil || name != s.Exercise.Title) {
		b.WriteString(" " + strconv.Quote(name))
	}
	var parts []string
	dur := DescribeDuration(d)
	if each {
		dur += " each side"
		if d.Kind == DurationReps {
			dur += fmt.Sprintf(" (%d counted)", s.Duration.Reps)
		}
	}
	parts = append(parts, dur)
	if s.Target.Kind != TargetOpen {
		parts = append(parts, DescribeTarget(s.Target, sport))
	}
	if s.Secondary.Kind != TargetOpen {
		parts = append(parts, "secondary "+DescribeTarget(s.Secondary, sport))
	}
	if s.Stroke != StrokeNone {
		parts = append(parts, "stroke "+s.Stroke.String())
	}
	if s.Equipment != EquipmentNone {
		parts = append(parts, "equipment "+s.Equipment.String())
	}
	if s.Weight != nil {
		parts = append(parts, describeWeight(s.Weight))
	}
	if s.Intensity != DefaultIntensity(s.Kind) {
		parts = append(parts, "intensity "+s.Intensity.String())
	}
	if s.Kind == KindExercise {
		b.WriteString(": ")
	} else {
		b.WriteString(" ")
	}
	b.WriteString(strings.Join(parts, ", "))
	return b.String()
}

func describeWeight(w *Weight) string {
	s := weightText(w)
	if w.Name == "" && w.Unit == "lb" {
		s += fmt.Sprintf(" (%.2f kg)", math.Round(w.Kilograms()*100)/100)
	}
	return s
}

// DescribeDuration says what ends a step in words a runner reads: "2:00",
// "45 s", "1 mi", "10 reps", "until lap", "until hr below 125 bpm".
func DescribeDuration(d Duration) string {
	switch d.Kind {
	case DurationLap:
		return "until lap"
	case DurationTime:
		return say.Time(d.Seconds)
	case DurationDistance:
		if s, ok := distanceString(d.Meters); ok {
			return s
		}
		return say.Number(d.Meters) + " m"
	case DurationReps:
		if d.Reps == 1 {
			return "1 rep"
		}
		return strconv.Itoa(d.Reps) + " reps"
	case DurationCalories:
		return "until " + say.Number(d.Value) + " kcal"
	case DurationOther:
		return "until " + d.Other + " " + say.Number(d.Value)
	}
	if t, ok := thresholds[d.Kind]; ok {
		return "until " + t[0] + " " + t[1] + " " + say.Number(d.Value) + measures[t[0]].say(d.Percent)
	}
	return fmt.Sprintf("duration(%d)", d.Kind)
}

// DescribeTarget says a target in a runner's units: "pace 5:54-6:31 /km
// (9:30-10:30 /mi)" (for cycling: "speed 30-35 km/h (18.6-21.7 mph)"),
// "hr 140-155 bpm", "hr 70-80% of max", "hr zone 2", "power 200-250 W",
// "power 85-95% of FTP", "power zone 4", "cadence 85-95 rpm", "open".
func DescribeTarget(t Target, sport Sport) string {
	if t.Named() {
		return targetKindName(t.Kind) + " " + t.Name
	}
	switch t.Kind {
	case TargetOpen:
		return "open"
	case TargetPace:
		if sport == SportSwimming {
			m, yd := say.PaceRange(t.Low, t.High, 100), say.PaceRange(t.Low, t.High, 91.44)
			if t.Unit == "/100yd" {
				return "pace " + yd + " /100yd (" + m + " /100m)"
			}
			return "pace " + m + " /100m (" + yd + " /100yd)"
		}
		km, mi := say.PaceRange(t.Low, t.High, 1000), say.PaceRange(t.Low, t.High, 1609.344)
		s := "pace " + km + " /km (" + mi + " /mi)"
		if p, ok := paceString(t.Low, t.High); ok && strings.HasSuffix(p, "/mi") {
			s = "pace " + mi + " /mi (" + km + " /km)"
		}
		if sport == SportCycling {
			kmh := func(mps float64) float64 { return math.Round(mps*3.6*10) / 10 }
			s += ", speed " + say.Range(kmh(t.Low), kmh(t.High)) + " km/h"
		}
		return s
	case TargetHR, TargetPower:
		m := measures[targetKindName(t.Kind)]
		return m.name + " " + say.Range(t.Low, t.High) + m.say(t.Percent)
	case TargetCadence:
		return "cadence " + say.Range(t.Low, t.High) + " rpm"
	case TargetHRZone, TargetPowerZone, TargetSpeedZone, TargetCadenceZone:
		return strings.ReplaceAll(targetTypes[t.Kind].typ, "_", " ") + " " + strconv.Itoa(t.Zone)
	case TargetOther:
		s := t.Other + " " + strconv.Itoa(t.Zone)
		if t.Low != 0 || t.High != 0 {
			s += " (" + say.Range(t.Low, t.High) + ")"
		}
		return s
	}
	return fmt.Sprintf("target(%d)", t.Kind)
}

// The JSON shape of `workoutc inspect --json`: an array with one
// InspectedWorkout per file. Fields are only ever added, never renamed.

// InspectedWorkout is one file's workout for machines.
type InspectedWorkout struct {
	File        string          `json:"file"`
	Format      string          `json:"format"` // "fit" or "tcx"
	Name        string          `json:"name"`
	Sport       string          `json:"sport"` // the language's sport; "" when the file gives none
	Description string          `json:"description,omitempty"`
	Pool        *InspectedPool  `json:"pool,omitempty"` // pool swims
	StepCount   int             `json:"step_count"`     // steps as the file counts them, repeats included
	Steps       []InspectedStep `json:"steps"`
	Warnings    []string        `json:"warnings"` // what the reader tolerated or could not keep
}

// InspectedStep is one step; a repeat holds its steps.
type InspectedStep struct {
	Number          string             `json:"number"` // "2.1": the first step inside the second
	Kind            string             `json:"kind"`   // warmup, run, recover, rest, cooldown, exercise, repeat
	Text            string             `json:"text"`   // the line inspect prints
	Name            string             `json:"name,omitempty"`
	Notes           string             `json:"notes,omitempty"`
	Intensity       string             `json:"intensity,omitempty"` // not on repeats
	Duration        *InspectedDuration `json:"duration,omitempty"`  // not on repeats
	Target          *InspectedTarget   `json:"target,omitempty"`    // not on repeats and exercises without one
	SecondaryTarget *InspectedTarget   `json:"secondary_target,omitempty"`
	Exercise        *InspectedExercise `json:"exercise,omitempty"`
	Weight          *InspectedWeight   `json:"weight,omitempty"`
	Stroke          string             `json:"stroke,omitempty"`    // swimming: free, back, breast, fly, drill, mixed, im
	Equipment       string             `json:"equipment,omitempty"` // swimming: fins, kickboard, paddles, pull buoy, snorkel
	EachSide        bool               `json:"each_side,omitempty"` // duration is one side's; the watch counts twice as much
	Count           int                `json:"count,omitempty"`     // repeats: how many times the block runs
	Until           *InspectedDuration `json:"until,omitempty"`     // repeats that run until a condition instead
	Steps           []InspectedStep    `json:"steps,omitempty"`
}

// InspectedPool is the pool of a pool swim.
type InspectedPool struct {
	Length float64 `json:"length"`
	Unit   string  `json:"unit"` // m or yd
	Meters float64 `json:"meters"`
}

// InspectedDuration is what ends a step.
type InspectedDuration struct {
	// Type is lap, time, distance, reps, hr_below, hr_above, power_below,
	// power_above, calories or other.
	Type    string   `json:"type"`
	Seconds *float64 `json:"seconds,omitempty"` // time
	Meters  *float64 `json:"meters,omitempty"`  // distance
	Reps    *int     `json:"reps,omitempty"`    // reps
	Value   *float64 `json:"value,omitempty"`   // hr_*, power_*, calories, other
	Unit    string   `json:"unit,omitempty"`    // of value: bpm, percent_max_hr, W, percent_ftp, kcal
	FITName string   `json:"fit_name,omitempty"`
}

// InspectedTarget is a step's target.
type InspectedTarget struct {
	// Type is open, pace, hr, hr_zone, power, power_zone, cadence,
	// speed_zone, cadence_zone or other.
	Type      string   `json:"type"`
	Low       *float64 `json:"low,omitempty"`  // ranges: the lower value (pace: the slower speed)
	High      *float64 `json:"high,omitempty"` // ranges: the higher value
	Unit      string   `json:"unit,omitempty"` // m/s, bpm, percent_max_hr, W, percent_ftp, rpm
	Zone      *int     `json:"zone,omitempty"`
	PacePerKm string   `json:"pace_per_km,omitempty"` // pace: "5:54-6:31", fast-slow
	PacePerMi string   `json:"pace_per_mi,omitempty"`
	FITName   string   `json:"fit_name,omitempty"` // other
}

// InspectedExercise is the exercise of an exercise step.
type InspectedExercise struct {
	Key      string `json:"key"` // "squat/dumbbell_squat"; the category alone when the file names no exercise
	Category int    `json:"category"`
	Number   *int   `json:"number,omitempty"`
	Title    string `json:"title,omitempty"`
}

// InspectedWeight is a load.
type InspectedWeight struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"` // kg or lb, as the file shows it
	Kg    float64 `json:"kg"`
}

// Inspect returns w in the JSON shape of `workoutc inspect --json`; file and
// format name the source, warnings are what the reader reported.
func Inspect(w *Workout, file, format string, warnings []string) InspectedWorkout {
	out := InspectedWorkout{File: file, Format: format, Name: w.Name, Sport: string(w.Sport),
		Description: w.Description, StepCount: CountSteps(w.Steps), Warnings: warnings}
	if p := w.Pool; p != nil {
		out.Pool = &InspectedPool{Length: p.Length, Unit: p.Unit, Meters: math.Round(p.Meters()*100) / 100}
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	out.Steps = inspectJSON(w.Steps, w.Sport, "")
	return out
}

func inspectJSON(steps []Step, sport Sport, prefix string) []InspectedStep {
	out := make([]InspectedStep, 0, len(steps))
	for i := range steps {
		s := &steps[i]
		j := InspectedStep{Number: prefix + strconv.Itoa(i+1), Kind: s.Kind.String(), Text: stepText(s, sport)}
		if s.Kind == KindRepeat {
			j.Count = s.Count
			if s.Until != nil {
				j.Until = inspectDuration(*s.Until)
			}
			j.Steps = inspectJSON(s.Steps, sport, j.Number+".")
			out = append(out, j)
			continue
		}
		d, name, notes, each := eachSideOf(s)
		j.Name, j.Notes, j.EachSide = name, notes, each
		j.Intensity = s.Intensity.String()
		j.Duration = inspectDuration(d)
		if s.Target.Kind != TargetOpen || s.Kind != KindExercise {
			j.Target = inspectTarget(s.Target)
		}
		if s.Secondary.Kind != TargetOpen {
			j.SecondaryTarget = inspectTarget(s.Secondary)
		}
		if ex := s.Exercise; ex != nil {
			j.Exercise = &InspectedExercise{Key: ex.Key, Category: int(ex.Category), Title: ex.Title}
			if ex.Number != NoExerciseName {
				n := int(ex.Number)
				j.Exercise.Number = &n
			}
		}
		j.Stroke, j.Equipment = s.Stroke.String(), s.Equipment.String() // "" for none
		if w := s.Weight; w != nil && w.Name == "" {
			j.Weight = &InspectedWeight{Value: w.Value, Unit: w.Unit, Kg: math.Round(w.Kilograms()*100) / 100}
		}
		out = append(out, j)
	}
	return out
}

func fp(v float64) *float64 { return &v }

func inspectDuration(d Duration) *InspectedDuration {
	j := &InspectedDuration{}
	switch d.Kind {
	case DurationLap:
		j.Type = "lap"
	case DurationTime:
		j.Type, j.Seconds = "time", fp(d.Seconds)
	case DurationDistance:
		j.Type, j.Meters = "distance", fp(d.Meters)
	case DurationReps:
		r := d.Reps
		j.Type, j.Reps = "reps", &r
	case DurationHRBelow, DurationHRAbove, DurationPowerBelow, DurationPowerAbove:
		t := thresholds[d.Kind]
		m := measures[t[0]]
		j.Type, j.Value, j.Unit = t[0]+"_"+t[1], fp(d.Value), m.unit
		if d.Percent {
			j.Unit = m.pctJSON
		}
	case DurationCalories:
		j.Type, j.Value, j.Unit = "calories", fp(d.Value), "kcal"
	default:
		j.Type, j.Value, j.FITName = "other", fp(d.Value), d.Other
	}
	return j
}

// targetTypes are, by target kind, inspect's JSON type, the unit of its
// range and of a range in percent, and whether it has a zone.
var targetTypes = [...]struct {
	typ, unit, pctUnit string
	zone               bool
}{
	TargetOpen:        {typ: "open"},
	TargetPace:        {typ: "pace", unit: "m/s"},
	TargetHR:          {"hr", "bpm", "percent_max_hr", false},
	TargetHRZone:      {typ: "hr_zone", zone: true},
	TargetPower:       {"power", "W", "percent_ftp", false},
	TargetPowerZone:   {typ: "power_zone", zone: true},
	TargetCadence:     {typ: "cadence", unit: "rpm"},
	TargetSpeedZone:   {typ: "speed_zone", zone: true},
	TargetCadenceZone: {typ: "cadence_zone", zone: true},
	TargetOther:       {typ: "other", zone: true},
}

func inspectTarget(t Target) *InspectedTarget {
	k := min(t.Kind, TargetOther)
	tt := targetTypes[k]
	j := &InspectedTarget{Type: tt.typ}
	if tt.zone {
		z := t.Zone
		j.Zone = &z
	}
	if tt.unit != "" || k == TargetOther && (t.Low != 0 || t.High != 0) {
		j.Low, j.High, j.Unit = fp(math.Min(t.Low, t.High)), fp(math.Max(t.Low, t.High)), tt.unit
		if t.Percent && tt.pctUnit != "" {
			j.Unit = tt.pctUnit
		}
	}
	switch k {
	case TargetPace:
		j.PacePerKm = say.PaceRange(t.Low, t.High, 1000)
		j.PacePerMi = say.PaceRange(t.Low, t.High, 1609.344)
	case TargetOther:
		j.FITName = t.Other
	}
	if t.Named() {
		j.Type = targetKindName(t.Kind) + "_named"
		j.FITName = t.Name
	}
	return j
}
