package fit

import (
	"cmp"
	"math"

	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/say"
)

// maxUint32 is the largest valid uint32 field value; 0xFFFFFFFF is invalid.
const maxUint32 = math.MaxUint32 - 1

// flatten appends steps to st.steps in file order: a repeat's children,
// then the repeat step. depth is the number of repeats around steps.
func (st *state) flatten(steps []workouts.Step, depth int) {
	for i := range steps {
		s := &steps[i]
		if s.Kind != workouts.KindRepeat {
			if m := st.add(); m != nil {
				st.step(s, m)
			}
			continue
		}
		if depth+1 > connectNesting {
			st.diags.Warnf(s.Pos, "repeat nested %d deep; Garmin Connect nests repeats at most %d deep and watches may not run deeper ones", depth+1, connectNesting)
		}
		switch {
		case s.Until != nil:
		case s.Count < 1 && s.CountMax > 0:
			st.errorf(s.Pos, "repeat %d-%d has no count; resolve the workout before encoding", s.CountMin, s.CountMax)
		case s.Count < 1:
			st.errorf(s.Pos, "repeat count %d; a repeat runs at least once", s.Count)
		case s.Count > maxUint32:
			st.errorf(s.Pos, "repeat count %d is more than FIT holds", s.Count)
		}
		if len(s.Steps) == 0 {
			st.errorf(s.Pos, "repeat has no steps")
			continue
		}
		first := len(st.steps)
		st.flatten(s.Steps, depth+1)
		m := st.add()
		if m == nil {
			continue
		}
		m.DurationType = typedef.WktStepDurationRepeatUntilStepsCmplt
		m.DurationValue = uint32(first)
		m.TargetType = typedef.WktStepTargetOpen
		m.TargetValue = uint32(max(s.Count, 0))
		if s.Until != nil {
			m.DurationType, m.TargetValue = st.repeatUntil(s)
		}
	}
}

// repeatUntil returns the duration type and threshold (target_value) of a
// repeat that runs until a condition (format-notes §4.2: repeat_time ms,
// repeat_distance cm, repeat_calories kcal, repeat_hr percent or bpm + 100,
// repeat_power percent or W + 1000).
func (st *state) repeatUntil(s *workouts.Step) (typedef.WktStepDuration, uint32) {
	u := s.Until
	switch u.Kind {
	case workouts.DurationTime:
		return typedef.WktStepDurationRepeatUntilTime, st.scaled(s.Pos, "repeat time", u.Seconds, 1000, "s", 1)
	case workouts.DurationDistance:
		return typedef.WktStepDurationRepeatUntilDistance, st.scaled(s.Pos, "repeat distance", u.Meters, 100, "m", 1)
	case workouts.DurationCalories:
		return typedef.WktStepDurationRepeatUntilCalories, st.scaled(s.Pos, "repeat calories", u.Value, 1, "kcal", 1)
	case workouts.DurationHRBelow:
		return typedef.WktStepDurationRepeatUntilHrLessThan, st.hrValue(s.Pos, u)
	case workouts.DurationHRAbove:
		return typedef.WktStepDurationRepeatUntilHrGreaterThan, st.hrValue(s.Pos, u)
	case workouts.DurationPowerBelow:
		return typedef.WktStepDurationRepeatUntilPowerLessThan, st.powerValue(s.Pos, u)
	case workouts.DurationPowerAbove:
		return typedef.WktStepDurationRepeatUntilPowerGreaterThan, st.powerValue(s.Pos, u)
	}
	st.errorf(s.Pos, "a repeat until %s cannot be written to FIT", workouts.DescribeDuration(*u))
	return typedef.WktStepDurationRepeatUntilStepsCmplt, 1
}

// hrValue encodes a heart-rate threshold as FIT's workout_hr: percent of
// max HR up to 100, bpm + 100 above.
func (st *state) hrValue(pos workouts.Pos, d *workouts.Duration) uint32 {
	r := math.Round(d.Value)
	switch {
	case d.Percent && r >= 0 && r <= 100:
		return uint32(r)
	case !d.Percent && r >= 1 && r <= 255:
		return uint32(r) + 100
	}
	st.errorf(pos, "heart rate %s is outside what FIT holds (0-100%% of max, 1-255 bpm)", workouts.DescribeDuration(*d))
	return 0
}

// powerValue encodes a power threshold as FIT's workout_power: percent of
// FTP up to 1000, W + 1000 above.
func (st *state) powerValue(pos workouts.Pos, d *workouts.Duration) uint32 {
	r := math.Round(d.Value)
	switch {
	case d.Percent && r >= 0 && r <= 1000:
		return uint32(r)
	case !d.Percent && r >= 1 && r+1000 <= maxUint32:
		return uint32(r) + 1000
	}
	st.errorf(pos, "power %s is outside what FIT holds", workouts.DescribeDuration(*d))
	return 0
}

// add appends a workout_step with every field absent but its message_index,
// or returns nil once the file holds MaxSteps steps.
func (st *state) add() *mesgdef.WorkoutStep {
	n := len(st.steps)
	if n >= MaxSteps {
		st.tooMany = true
		return nil
	}
	st.steps = append(st.steps, stepTemplate)
	m := &st.steps[n]
	m.MessageIndex = typedef.MessageIndex(n)
	return m
}

// step fills m from the non-repeat step s.
func (st *state) step(s *workouts.Step, m *mesgdef.WorkoutStep) {
	if !encode.CheckKind(st.errorf, s) {
		return
	}
	if s.Intensity > workouts.IntensityOther {
		st.errorf(s.Pos, "unknown intensity %d", s.Intensity)
	}
	m.Intensity = typedef.Intensity(s.Intensity)

	eachSide := s.EachSide && s.Kind == workouts.KindExercise
	times := uint64(1)
	if eachSide {
		times = 2
	}
	if (s.Stroke != workouts.StrokeNone || s.Equipment != workouts.EquipmentNone) && st.w.Sport != workouts.SportSwimming {
		st.errorf(s.Pos, "a stroke or equipment on a step of a %s workout; FIT gives them to swimming workouts", st.w.Sport)
	}
	st.duration(s, m, times)
	st.target(s, m)
	if s.Equipment != workouts.EquipmentNone {
		if s.Equipment > workouts.EquipmentSnorkel {
			st.errorf(s.Pos, "unknown equipment %d", s.Equipment)
		}
		m.Equipment = typedef.WorkoutEquipment(s.Equipment) // the same numbers
	}

	name, notes := s.Name, s.Notes
	if eachSide {
		label := workouts.EachSideLabel(s.Duration)
		if name == "" {
			name = label
		}
		if notes == "" {
			notes = label
		} else {
			notes = label + "\n" + notes
		}
	}
	m.WktStepName = st.text(s.Pos, "step name", name, connectStepName)
	m.Notes = st.text(s.Pos, "notes", notes, connectNotes)

	if s.Kind == workouts.KindExercise {
		st.exercise(s, m)
	}
}

// duration sets m's duration from s's, times times (2 for each side).
func (st *state) duration(s *workouts.Step, m *mesgdef.WorkoutStep, times uint64) {
	d := &s.Duration
	switch d.Kind {
	case workouts.DurationLap:
		m.DurationType = typedef.WktStepDurationOpen
	case workouts.DurationTime:
		m.DurationType = typedef.WktStepDurationTime
		m.DurationValue = st.scaled(s.Pos, "duration", d.Seconds, 1000, "s", times)
	case workouts.DurationDistance:
		m.DurationType = typedef.WktStepDurationDistance
		m.DurationValue = st.scaled(s.Pos, "distance", d.Meters, 100, "m", times)
	case workouts.DurationReps:
		m.DurationType = typedef.WktStepDurationReps
		if d.Reps < 1 {
			st.errorf(s.Pos, "%d reps; a reps step needs at least 1", d.Reps)
		}
		m.DurationValue = st.scaled(s.Pos, "reps", float64(d.Reps), 1, "reps", times)
	case workouts.DurationHRBelow:
		m.DurationType, m.DurationValue = typedef.WktStepDurationHrLessThan, st.hrValue(s.Pos, d)
	case workouts.DurationHRAbove:
		m.DurationType, m.DurationValue = typedef.WktStepDurationHrGreaterThan, st.hrValue(s.Pos, d)
	case workouts.DurationPowerBelow:
		m.DurationType, m.DurationValue = typedef.WktStepDurationPowerLessThan, st.powerValue(s.Pos, d)
	case workouts.DurationPowerAbove:
		m.DurationType, m.DurationValue = typedef.WktStepDurationPowerGreaterThan, st.powerValue(s.Pos, d)
	case workouts.DurationCalories:
		m.DurationType = typedef.WktStepDurationCalories
		m.DurationValue = st.scaled(s.Pos, "calories", d.Value, 1, "kcal", times)
	default:
		st.errorf(s.Pos, "unknown duration kind %d", d.Kind)
	}
}

// scaled returns round(v*scale)*times as a uint32 field value, or reports
// that FIT cannot hold it.
func (st *state) scaled(pos workouts.Pos, what string, v, scale float64, unit string, times uint64) uint32 {
	r := math.Round(v * scale)
	if !(r >= 0 && r*float64(times) <= maxUint32) { // also catches NaN
		st.errorf(pos, "%s %v %s is outside what FIT holds", what, v, unit)
		return 0
	}
	return uint32(uint64(r) * times)
}

// target sets m's target and secondary target from s's, and the stroke:
// a stroke alone is the target (swim_stroke), a stroke beside a target is
// the secondary target.
func (st *state) target(s *workouts.Step, m *mesgdef.WorkoutStep) {
	var f targetFields
	if s.Stroke != workouts.StrokeNone && s.Target.Kind == workouts.TargetOpen {
		f = st.stroke(s)
	} else {
		f = st.targetOf(s, &s.Target)
	}
	m.TargetType, m.TargetValue, m.CustomTargetValueLow, m.CustomTargetValueHigh = f.typ, f.value, f.low, f.high
	var sec targetFields
	switch {
	case s.Secondary.Kind != workouts.TargetOpen || s.Secondary.Named():
		if s.Stroke != workouts.StrokeNone && s.Target.Kind != workouts.TargetOpen {
			st.errorf(s.Secondary.Pos.Or(s.Pos), "a step with a stroke, a target and a secondary target: FIT carries the stroke as a target, so it has room for two of the three")
			return
		}
		sec = st.targetOf(s, &s.Secondary)
	case s.Stroke != workouts.StrokeNone && s.Target.Kind != workouts.TargetOpen:
		sec = st.stroke(s)
	default:
		return
	}
	m.SecondaryTargetType, m.SecondaryTargetValue = sec.typ, sec.value
	m.SecondaryCustomTargetValueLow, m.SecondaryCustomTargetValueHigh = sec.low, sec.high
}

// targetFields are the four fields of a (secondary) target.
type targetFields struct {
	typ              typedef.WktStepTarget
	value, low, high uint32
}

// stroke returns the swim_stroke target of s's stroke.
func (st *state) stroke(s *workouts.Step) targetFields {
	f := targetFields{typ: typedef.WktStepTargetSwimStroke, low: invalid32, high: invalid32}
	if s.Stroke > workouts.StrokeIM {
		st.errorf(s.Pos, "unknown stroke %d", s.Stroke)
		return f
	}
	f.value = uint32(s.Stroke - 1) // FIT's swim_stroke: freestyle 0 ... im 6
	return f
}

// invalid32 is FIT's invalid uint32: the field is left out.
const invalid32 = math.MaxUint32

// targetOf returns the fields of target t of step s.
func (st *state) targetOf(s *workouts.Step, t *workouts.Target) targetFields {
	f := targetFields{typ: typedef.WktStepTargetInvalid, value: invalid32, low: invalid32, high: invalid32}
	pos := t.Pos.Or(s.Pos)
	if !encode.CheckUnnamed(st.errorf, pos, t) {
		return f
	}
	f.value = 0
	switch t.Kind {
	case workouts.TargetOpen:
		f.typ = typedef.WktStepTargetOpen
	case workouts.TargetPace:
		f.typ = typedef.WktStepTargetSpeed
		st.customRange(pos, &f, "pace", t.Low, t.High, 1000, 0, 0, "m/s")
	case workouts.TargetHR:
		f.typ = typedef.WktStepTargetHeartRate
		if t.Percent {
			if encode.CheckRange(st.errorf, pos, "heart rate", t.Low, t.High, 0, 100, say.HRUnit(true)) {
				st.customRange(pos, &f, "heart rate", t.Low, t.High, 1, 0, 0, "%")
			}
		} else {
			if encode.CheckRange(st.errorf, pos, "heart rate", t.Low, t.High, 1, 255, say.HRUnit(false)) {
				st.customRange(pos, &f, "heart rate", t.Low, t.High, 1, 100, 1, "bpm")
			}
		}
	case workouts.TargetHRZone:
		f.typ = typedef.WktStepTargetHeartRate
		f.value = st.zone(pos, "heart-rate", t.Zone, workouts.HRZones)
	case workouts.TargetPower:
		f.typ = typedef.WktStepTargetPower
		if t.Percent {
			if encode.CheckRange(st.errorf, pos, "power", t.Low, t.High, 0, 1000, say.PowerUnit(true)) {
				st.customRange(pos, &f, "power", t.Low, t.High, 1, 0, 0, "%")
			}
		} else {
			st.customRange(pos, &f, "power", t.Low, t.High, 1, 1000, 1, "W")
		}
	case workouts.TargetPowerZone:
		f.typ = typedef.WktStepTargetPower
		f.value = st.zone(pos, "power", t.Zone, workouts.PowerZones)
	case workouts.TargetCadence:
		f.typ = typedef.WktStepTargetCadence
		st.customRange(pos, &f, "cadence", t.Low, t.High, 1, 0, 0, "rpm")
	default:
		st.errorf(pos, "unknown target kind %d", t.Kind)
	}
	return f
}

// customRange sets f's custom low and high to round(x*scale)+offset, the
// smaller first. Values below min (before the offset) cannot be encoded.
func (st *state) customRange(pos workouts.Pos, f *targetFields, what string, lo, hi, scale, offset, min float64, unit string) {
	if hi < lo {
		lo, hi = hi, lo
	}
	for i, v := range [2]float64{lo, hi} {
		r := math.Round(v * scale)
		if !(r >= min && r+offset <= maxUint32) {
			st.errorf(pos, "%s %v %s is outside what FIT holds", what, v, unit)
			return
		}
		if i == 0 {
			f.low = uint32(r + offset)
		} else {
			f.high = uint32(r + offset)
		}
	}
}

// zone returns a zone number for target_value, or reports one outside 1-max.
func (st *state) zone(pos workouts.Pos, what string, z, max int) uint32 {
	if !encode.CheckZone(st.errorf, pos, what, z, max) {
		return 0
	}
	return uint32(z)
}

// exercise sets m's exercise fields and records its exercise title.
func (st *state) exercise(s *workouts.Step, m *mesgdef.WorkoutStep) {
	ex := s.Exercise
	if ex == nil {
		st.errorf(s.Pos, "exercise step has no exercise")
		return
	}
	m.ExerciseCategory = typedef.ExerciseCategory(ex.Category)
	m.ExerciseName = ex.Number
	if w := s.Weight; w != nil {
		st.weight(w.Pos.Or(s.Pos), w, m)
	}
	st.title(s, ex)
}

// weight sets m's exercise_weight (kg × 100, rounded) and display unit.
func (st *state) weight(pos workouts.Pos, w *workouts.Weight, m *mesgdef.WorkoutStep) {
	if !encode.CheckWeight(st.errorf, pos, w) {
		return
	}
	unit := typedef.FitBaseUnitKilogram
	if st.w.Units == "imperial" || w.Unit == "lb" && st.w.Units != "metric" {
		unit = typedef.FitBaseUnitPound
	}
	kg := w.Kilograms()
	v := math.Round(kg * 100)
	if !(v >= 0 && v <= MaxWeightKg*100) {
		st.errorf(pos, "weight %v %s is outside 0-%v kg, what FIT holds", w.Value, w.Unit, MaxWeightKg)
		return
	}
	m.ExerciseWeight = uint16(v) // SetExerciseWeightScaled would truncate
	m.WeightDisplayUnit = unit
}

// title records the exercise_title of ex's (category, name) pair when s is
// the first step to use it.
func (st *state) title(s *workouts.Step, ex *workouts.Exercise) {
	cat := typedef.ExerciseCategory(ex.Category)
	for i := range st.titles {
		if st.titles[i].ExerciseCategory == cat && st.titles[i].ExerciseName == ex.Number {
			return
		}
	}
	text := cmp.Or(s.Name, ex.Title, ex.Key)
	n := len(st.titles)
	st.titles = append(st.titles, titleTemplate)
	t := &st.titles[n]
	t.MessageIndex = typedef.MessageIndex(n)
	t.ExerciseCategory = cat
	t.ExerciseName = ex.Number
	if text = st.text(s.Pos, "exercise title", text, 0); text != "" {
		st.names = append(st.names, text)
		k := len(st.names) - 1
		t.WktStepName = st.names[k : k+1 : k+1]
	}
}
