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
	e.workout = expWorkout{sport: sp[0], subSport: sp[1], name: w.Name, desc: w.Description}
	e.walk(w, w.Steps)
	e.workout.numValidSteps = uint16(len(e.steps))
	return e
}

func (e *expFile) walk(w *workouts.Workout, steps []workouts.Step) {
	for _, s := range steps {
		if s.Kind == workouts.KindRepeat {
			first := len(e.steps)
			e.walk(w, s.Steps)
			e.steps = append(e.steps, expStep{
				index: uint16(len(e.steps)), durType: 6, durValue: uint32(first),
				tgtType: 2, tgtValue: uint32(s.Count), low: absent32, high: absent32,
				intensity: absent8, category: absent16, exercise: absent16, weight: absent16, unit: absent16,
			})
			continue
		}
		x := expStep{
			index: uint16(len(e.steps)), name: s.Name, notes: s.Notes, intensity: uint8(s.Intensity),
			durValue: absent32, tgtValue: 0, low: absent32, high: absent32,
			category: absent16, exercise: absent16, weight: absent16, unit: absent16,
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
		}
		t := s.Target
		switch t.Kind {
		case workouts.TargetOpen:
			x.tgtType = 2
		case workouts.TargetPace:
			x.tgtType = 0
			x.low, x.high = uint32(math.Round(t.Low*1000)), uint32(math.Round(t.High*1000))
		case workouts.TargetHR:
			x.tgtType = 1
			x.low, x.high = uint32(t.Low+100), uint32(t.High+100)
			if t.Percent {
				x.low, x.high = uint32(t.Low), uint32(t.High)
			}
		case workouts.TargetHRZone:
			x.tgtType, x.tgtValue = 1, uint32(t.Zone)
		case workouts.TargetPower:
			x.tgtType = 4
			x.low, x.high = uint32(t.Low+1000), uint32(t.High+1000)
			if t.Percent {
				x.low, x.high = uint32(t.Low), uint32(t.High)
			}
		case workouts.TargetPowerZone:
			x.tgtType, x.tgtValue = 4, uint32(t.Zone)
		case workouts.TargetCadence:
			x.tgtType = 3
			x.low, x.high = uint32(t.Low), uint32(t.High)
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
