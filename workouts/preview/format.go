package preview

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/say"
)

// num formats v with at most prec decimals, trailing zeros dropped.
func num(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// count formats a whole number with thousands separators: 4050 → "4,050".
func count(v float64) string {
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var distanceFactor = map[string]float64{"m": 1, "km": 1000, "mi": 1609.344, "yd": 0.9144}

// written formats a distance in the unit it was written in ("1 mi", "600 m").
func written(d *workouts.Duration) string {
	f, ok := distanceFactor[d.Unit]
	if !ok {
		return num(d.Meters, 1) + " m"
	}
	return num(d.Meters/f, 3) + " " + d.Unit
}

// distanceText formats meters as the workout counts them: whole metres or
// yards (the pool's unit) for a swim, else as distance does.
func (p *Profile) distanceText(m float64) string {
	if p.Workout.Sport == workouts.SportSwimming {
		if pl := p.Workout.Pool; pl != nil && pl.Unit == "yd" {
			return say.Number(math.Round(m/0.9144)) + " yd"
		}
		return say.Number(math.Round(m)) + " m"
	}
	return distance(m, p.System)
}

// distance formats meters in the system: "2.00 mi", "4.80 km".
func distance(m float64, system string) string {
	if system == "imperial" {
		return strconv.FormatFloat(m/1609.344, 'f', 2, 64) + " mi"
	}
	return strconv.FormatFloat(m/1000, 'f', 2, 64) + " km"
}

// sameSystem reports whether a unit ("mi", "/km", "lb") belongs to system.
func sameSystem(unit, system string) bool {
	return systemOfUnit(strings.TrimPrefix(unit, "/")) == system
}

// durationText formats a step's duration in the workout's units: a distance
// as written, followed by the athlete's unit when it is of the other
// system ("600 m (0.37 mi)").
func (p *Profile) durationText(s *workouts.Step) string {
	d := &s.Duration
	side := ""
	if s.EachSide && s.Kind == workouts.KindExercise {
		side = " each side"
	}
	switch d.Kind {
	case workouts.DurationTime:
		return say.Time(d.Seconds) + side
	case workouts.DurationDistance:
		out := written(d)
		if p.Workout.Units != "" && !sameSystem(d.Unit, p.System) {
			out += " (" + distance(d.Meters, p.System) + ")"
		}
		return out
	case workouts.DurationLap:
		return "lap"
	}
	if d.Kind == workouts.DurationReps && side != "" {
		return strconv.Itoa(d.Reps) + side
	}
	if d.Kind == workouts.DurationReps || workouts.IsCondition(*d) {
		return strings.TrimPrefix(workouts.DescribeDuration(*d), "until ")
	}
	return "until a condition"
}

// paceUnit is the pace unit a target is shown in.
func (p *Profile) paceUnit(t *workouts.Target) string {
	if p.Workout.Sport == workouts.SportSwimming {
		if t.Unit == "/100yd" || t.Unit != "/100m" && p.Workout.Pool != nil && p.Workout.Pool.Unit == "yd" {
			return "/100yd"
		}
		return "/100m"
	}
	if u := p.Workout.Units; u == "imperial" || u != "metric" && t.Unit == "/mi" {
		return "/mi"
	}
	return "/km"
}

// paceMeters is the distance a pace unit is per.
var paceMeters = map[string]float64{"/km": 1000, "/mi": 1609.344, "/100m": 100, "/100yd": 91.44}

// paceRange formats a pace target fast-slow: "9:30-10:30 /mi".
func (p *Profile) paceRange(t *workouts.Target) string {
	u := p.paceUnit(t)
	return say.PaceRange(t.Low, t.High, paceMeters[u]) + " " + u
}

// targetText formats a target as inspect says it, paces in the
// athlete's unit.
func (p *Profile) targetText(t *workouts.Target) string {
	switch {
	case t.Kind == workouts.TargetPace && !t.Named():
		return "pace " + p.paceRange(t)
	case t.Named(), slices.Contains(describedTargets, t.Kind):
		return workouts.DescribeTarget(*t, p.Workout.Sport)
	}
	return "open"
}

// describedTargets are the targets the preview says as inspect does; it
// shows the others (speed and cadence zones, targets of other files) as
// open.
var describedTargets = []workouts.TargetKind{workouts.TargetHR, workouts.TargetHRZone,
	workouts.TargetPower, workouts.TargetPowerZone, workouts.TargetCadence}

// shortTarget is the target as a block label shows it: "9:30-10:30 /mi",
// "HR Z1", "140-155 bpm"; "" for an open target.
func (p *Profile) shortTarget(s *workouts.Step) string {
	t := &s.Target
	if t.Named() {
		return t.Name
	}
	switch t.Kind {
	case workouts.TargetPace:
		return p.paceRange(t)
	case workouts.TargetHRZone:
		return "HR Z" + strconv.Itoa(t.Zone)
	case workouts.TargetPowerZone:
		return "Power Z" + strconv.Itoa(t.Zone)
	}
	if u, ok := shortUnits[t.Kind]; ok {
		if t.Percent {
			return say.Range(t.Low, t.High) + u[1]
		}
		return say.Range(t.Low, t.High) + u[0]
	}
	return ""
}

// shortUnits are what follows a range target's values in a block label,
// then what follows them in percent.
var shortUnits = map[workouts.TargetKind][2]string{workouts.TargetHR: {" bpm", "% HR"},
	workouts.TargetPower: {" W", "% FTP"}, workouts.TargetCadence: {" rpm", " rpm"}}

// weightText formats a load in the athlete's unit, the written value
// after it when converted: "16.5 lb (7.5 kg)".
func (p *Profile) weightText(w *workouts.Weight) string {
	if w == nil {
		return ""
	}
	if w.Name != "" {
		return w.Name
	}
	unit := p.Totals.VolumeUnit
	if p.Workout.Units == "" || unit == w.Unit {
		return num(w.Value, 2) + " " + w.Unit
	}
	return num(convertLoad(w, unit), 1) + " " + unit + " (" + num(w.Value, 2) + " " + w.Unit + ")"
}

// convertLoad returns w in unit ("kg" or "lb").
func convertLoad(w *workouts.Weight, unit string) float64 {
	if unit == w.Unit {
		return w.Value
	}
	return kgIn(w.Kilograms(), unit)
}

// kgIn converts kg to unit ("kg" or "lb").
func kgIn(kg float64, unit string) float64 {
	if unit == "lb" {
		return kg / lbKg
	}
	return kg
}

// kindLabels name the kinds of step for people; any other is "Exercise".
var kindLabels = map[workouts.Kind]string{workouts.KindWarmup: "Warm-up", workouts.KindRun: "Run",
	workouts.KindRecover: "Recover", workouts.KindRest: "Rest", workouts.KindCooldown: "Cool-down"}

// title is what a step is called: its name, its exercise's title, or its
// kind (a swim's active steps "Swim").
func (p *Profile) title(s *workouts.Step) string {
	switch {
	case s.Name != "":
		return s.Name
	case s.Kind == workouts.KindExercise && s.Exercise != nil:
		return cmp.Or(s.Exercise.Title, s.Exercise.Key, s.Exercise.Query)
	case s.Kind == workouts.KindRun && p.Workout.Sport == workouts.SportSwimming:
		return "Swim"
	}
	return cmp.Or(kindLabels[s.Kind], "Exercise")
}
