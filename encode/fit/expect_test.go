package fit_test

import (
	"fmt"
	"math"
	"strings"

	"github.com/workoutc/workoutc/workouts"
)

// The expectation walker: what a file must hold for a model, derived from
// the model and format-notes alone (not from the encoder). Absent fields
// are the FIT invalid values, as decoders report them.

const (
	absent8  = 0xFF
	absent16 = 0xFFFF
	absent32 = 0xFFFFFFFF
)

type expWorkout struct {
	sport, subSport uint8
	numValidSteps   uint16
	name, desc      string
	pool            uint16 // pool_length, m × 100; absent16 when none
	poolUnit        uint8  // display_measure: metric 0, statute 1
}

type expStep struct {
	index              uint16
	name, notes        string
	durType            uint8
	durValue           uint32
	tgtType            uint8
	tgtValue           uint32
	low, high          uint32
	intensity          uint8
	category, exercise uint16
	weight, unit       uint16
	equipment          uint8
	sTgtType           uint8
	sTgtValue          uint32
	sLow, sHigh        uint32
}

type expTitle struct {
	index              uint16
	category, exercise uint16
	name               string
}

type expFile struct {
	workout expWorkout
	steps   []expStep
	titles  []expTitle
}

func expectFile(w *workouts.Workout) expFile {
	var e expFile
	sports := map[workouts.Sport][2]uint8{
		"running": {1, 0}, "cycling": {2, 0}, "walking": {11, 0}, "swimming": {5, 17},
		"strength": {10, 20}, "cardio": {10, 26}, "hiit": {62, 70}, "yoga": {10, 43},
		"pilates": {10, 44}, "generic": {0, 0},
	}
	sp, ok := sports[w.Sport]
	if !ok {
		panic("test model has an unknown sport")
	}
	e.workout = expWorkout{sport: sp[0], subSport: sp[1], name: w.Name, desc: w.Description, pool: absent16, poolUnit: absent8}
	if p := w.Pool; p != nil {
		m := p.Length
		e.workout.poolUnit = 0
		if p.Unit == "yd" {
			m, e.workout.poolUnit = p.Length*0.9144, 1
		}
		e.workout.pool = uint16(math.Round(m * 100))
	}
	e.walk(w, w.Steps)
	e.workout.numValidSteps = uint16(len(e.steps))
	return e
}

func (e *expFile) walk(w *workouts.Workout, steps []workouts.Step) {
	for _, s := range steps {
		if s.Kind == workouts.KindRepeat {
			first := len(e.steps)
			e.walk(w, s.Steps)
			x := expStep{
				index: uint16(len(e.steps)), durType: 6, durValue: uint32(first),
				tgtType: 2, tgtValue: uint32(s.Count), low: absent32, high: absent32,
				intensity: absent8, category: absent16, exercise: absent16, weight: absent16, unit: absent16,
				equipment: absent8, sTgtType: absent8, sTgtValue: absent32, sLow: absent32, sHigh: absent32,
			}
			if u := s.Until; u != nil {
				// format-notes §4.2: repeat_until_time 7 (ms), _distance 8
				// (cm), _calories 9, _hr_less_than 10 / _greater 11 (%
				// or bpm + 100), _power_less_than 12 / _greater 13 (% or
				// W + 1000).
				dt, v := untilExpect(u)
				x.durType, x.tgtValue = dt+6, v
			}
			e.steps = append(e.steps, x)
			continue
		}
		x := expStep{
			index: uint16(len(e.steps)), name: s.Name, notes: s.Notes, intensity: uint8(s.Intensity),
			durValue: absent32, tgtValue: 0, low: absent32, high: absent32,
			category: absent16, exercise: absent16, weight: absent16, unit: absent16,
			equipment: absent8, sTgtType: absent8, sTgtValue: absent32, sLow: absent32, sHigh: absent32,
		}
		if s.Equipment != workouts.EquipmentNone {
			x.equipment = uint8(s.Equipment) // swim_fins 1 ... swim_snorkel 5
		}
		sides := 1.0
		if s.EachSide {
			sides = 2
			var each string
			switch s.Duration.Kind {
			case workouts.DurationReps:
				each = fmt.Sprintf("%d each side", s.Duration.Reps)
			case workouts.DurationTime:
				each = fmt.Sprintf("%g s each side", s.Duration.Seconds)
			}
			if x.name == "" {
				x.name = each
			}
			x.notes = strings.TrimSuffix(each+"\n"+s.Notes, "\n")
		}
		switch s.Duration.Kind {
		case workouts.DurationTime:
			x.durType, x.durValue = 0, uint32(sides*math.Round(s.Duration.Seconds*1000))
		case workouts.DurationDistance:
			x.durType, x.durValue = 1, uint32(sides*math.Round(s.Duration.Meters*100))
		case workouts.DurationLap:
			x.durType = 5
		case workouts.DurationReps:
			x.durType, x.durValue = 29, uint32(sides*float64(s.Duration.Reps))
		default:
			// hr_less_than 2 / _greater 3 (% or bpm + 100), calories
			// 4, power_less_than 14 / _greater 15 (% or W + 1000).
			dt, v := untilExpect(&s.Duration)
			x.durType, x.durValue = map[uint8]uint8{4: 2, 5: 3, 3: 4, 6: 14, 7: 15}[dt], v
		}
		// A stroke alone is the target (swim_stroke 11, freestyle 0 ...
		// im 6); beside a target it is the secondary target.
		stroke := uint32(s.Stroke) - 1
		switch {
		case s.Stroke != workouts.StrokeNone && s.Target.Kind == workouts.TargetOpen:
			x.tgtType, x.tgtValue = 11, stroke
		default:
			x.tgtType, x.tgtValue, x.low, x.high = targetExpect(s.Target)
		}
		switch {
		case s.Secondary.Kind != workouts.TargetOpen:
			x.sTgtType, x.sTgtValue, x.sLow, x.sHigh = targetExpect(s.Secondary)
		case s.Stroke != workouts.StrokeNone && s.Target.Kind != workouts.TargetOpen:
			x.sTgtType, x.sTgtValue = 11, stroke
		}
		if s.Kind == workouts.KindExercise {
			x.category, x.exercise = s.Exercise.Category, s.Exercise.Number
			if wt := s.Weight; wt != nil {
				kg := wt.Value
				if wt.Unit == "lb" {
					kg = wt.Value * 0.45359237
				}
				x.weight = uint16(math.Round(kg * 100))
				switch {
				case w.Units == "imperial", w.Units == "" && wt.Unit == "lb":
					x.unit = 2
				default:
					x.unit = 1
				}
			}
			seen := false
			for _, t := range e.titles {
				seen = seen || t.category == x.category && t.exercise == x.exercise
			}
			if !seen {
				name := s.Name
				if name == "" {
					name = s.Exercise.Title
				}
				e.titles = append(e.titles, expTitle{index: uint16(len(e.titles)), category: x.category, exercise: x.exercise, name: name})
			}
		}
		e.steps = append(e.steps, x)
	}
}

// targetExpect is the target_type, target_value and custom low and high of
// t (format-notes §4.3).
func targetExpect(t workouts.Target) (typ uint8, value, low, high uint32) {
	low, high = absent32, absent32
	switch t.Kind {
	case workouts.TargetOpen:
		typ = 2
	case workouts.TargetPace:
		typ = 0
		low, high = uint32(math.Round(t.Low*1000)), uint32(math.Round(t.High*1000))
	case workouts.TargetHR:
		typ = 1
		low, high = uint32(t.Low+100), uint32(t.High+100)
		if t.Percent {
			low, high = uint32(t.Low), uint32(t.High)
		}
	case workouts.TargetHRZone:
		typ, value = 1, uint32(t.Zone)
	case workouts.TargetPower:
		typ = 4
		low, high = uint32(t.Low+1000), uint32(t.High+1000)
		if t.Percent {
			low, high = uint32(t.Low), uint32(t.High)
		}
	case workouts.TargetPowerZone:
		typ, value = 4, uint32(t.Zone)
	case workouts.TargetCadence:
		typ = 3
		low, high = uint32(t.Low), uint32(t.High)
	}
	return typ, value, low, high
}

// untilExpect numbers a condition 1 time, 2 distance, 3 calories, 4 hr
// below, 5 hr above, 6 power below, 7 power above (the repeat_until_*
// duration types less 6) and gives its value as FIT holds it.
func untilExpect(u *workouts.Duration) (uint8, uint32) {
	hr := func() uint32 {
		if u.Percent {
			return uint32(u.Value)
		}
		return uint32(u.Value) + 100
	}
	power := func() uint32 {
		if u.Percent {
			return uint32(u.Value)
		}
		return uint32(u.Value) + 1000
	}
	switch u.Kind {
	case workouts.DurationTime:
		return 1, uint32(math.Round(u.Seconds * 1000))
	case workouts.DurationDistance:
		return 2, uint32(math.Round(u.Meters * 100))
	case workouts.DurationCalories:
		return 3, uint32(u.Value)
	case workouts.DurationHRBelow:
		return 4, hr()
	case workouts.DurationHRAbove:
		return 5, hr()
	case workouts.DurationPowerBelow:
		return 6, power()
	case workouts.DurationPowerAbove:
		return 7, power()
	}
	panic("test model has a condition the expectations do not know")
}
