// Package connect is a PLACEHOLDER for the Garmin Connect workout JSON
// format that branch connfmt writes; it holds just enough (time, distance,
// lap and reps steps, repeats, exercises) for the account commands to be
// built and tested. It is deleted when connfmt's encoder is merged.
package connect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// Encoder is the connect format for encode.Compile.
type Encoder struct{}

// Format returns "connect".
func (Encoder) Format() string { return "connect" }

// Encode returns the POST body of w.
func (Encoder) Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	return Encode(w, opts)
}

type typeRef struct {
	ID  int    `json:"id"`
	Key string `json:"key"`
}

var sports = map[workouts.Sport]int{workouts.SportRunning: 1, workouts.SportCycling: 2, workouts.SportSwimming: 4,
	workouts.SportStrength: 5, workouts.SportCardio: 6, workouts.SportYoga: 7, workouts.SportPilates: 8, workouts.SportHIIT: 9}

var sportKeys = map[int]string{1: "running", 2: "cycling", 3: "other", 4: "swimming", 5: "strength_training",
	6: "cardio_training", 7: "yoga", 8: "pilates", 9: "hiit"}

var stepKeys = map[int]string{1: "warmup", 2: "cooldown", 3: "interval", 4: "recovery", 5: "rest", 6: "repeat"}

type stepJSON struct {
	Type               string          `json:"type"`
	StepOrder          int             `json:"stepOrder"`
	StepType           json.RawMessage `json:"stepType"`
	NumberOfIterations *int            `json:"numberOfIterations,omitempty"`
	SmartRepeat        *bool           `json:"smartRepeat,omitempty"`
	EndCondition       json.RawMessage `json:"endCondition"`
	EndConditionValue  *float64        `json:"endConditionValue,omitempty"`
	TargetType         json.RawMessage `json:"targetType,omitempty"`
	Description        string          `json:"description,omitempty"`
	Category           string          `json:"category,omitempty"`
	ExerciseName       string          `json:"exerciseName,omitempty"`
	WorkoutSteps       []stepJSON      `json:"workoutSteps,omitempty"`
}

type workoutJSON struct {
	WorkoutID      int64           `json:"workoutId,omitempty"`
	WorkoutName    string          `json:"workoutName"`
	Description    *string         `json:"description"`
	SportType      json.RawMessage `json:"sportType"`
	WorkoutSegment []segmentJSON   `json:"workoutSegments"`
}

type segmentJSON struct {
	SegmentOrder int             `json:"segmentOrder"`
	SportType    json.RawMessage `json:"sportType"`
	WorkoutSteps []stepJSON      `json:"workoutSteps"`
}

func raw(format string, args ...any) json.RawMessage { return json.RawMessage(fmt.Sprintf(format, args...)) }

// Encode returns the POST /workout-service/workout body of the resolved w.
func Encode(w *workouts.Workout, _ encode.Options) ([]byte, workouts.Diagnostics, error) {
	sid, ok := sports[w.Sport]
	if !ok {
		sid = 3
	}
	sport := raw(`{"sportTypeId":%d,"sportTypeKey":%q}`, sid, sportKeys[sid])
	steps, err := encodeSteps(w.Steps)
	if err != nil {
		return nil, nil, err
	}
	var desc *string
	if w.Description != "" {
		desc = &w.Description
	}
	out := workoutJSON{WorkoutName: w.Name, Description: desc, SportType: sport,
		WorkoutSegment: []segmentJSON{{SegmentOrder: 1, SportType: sport, WorkoutSteps: steps}}}
	b, err := json.Marshal(out)
	return b, nil, err
}

func encodeSteps(steps []workouts.Step) ([]stepJSON, error) {
	var out []stepJSON
	for i, s := range steps {
		j := stepJSON{StepOrder: i + 1, Description: s.Notes}
		if s.Kind == workouts.KindRepeat {
			n, f, no := s.Count, float64(s.Count), false
			kids, err := encodeSteps(s.Steps)
			if err != nil {
				return nil, err
			}
			j.Type, j.StepType = "RepeatGroupDTO", raw(`{"stepTypeId":6,"stepTypeKey":"repeat"}`)
			j.NumberOfIterations, j.SmartRepeat, j.EndConditionValue, j.WorkoutSteps = &n, &no, &f, kids
			j.EndCondition = raw(`{"conditionTypeId":7,"conditionTypeKey":"iterations"}`)
			out = append(out, j)
			continue
		}
		st := map[workouts.Kind]int{workouts.KindWarmup: 1, workouts.KindCooldown: 2, workouts.KindRecover: 4, workouts.KindRest: 5}[s.Kind]
		if st == 0 {
			st = 3
		}
		j.Type, j.StepType = "ExecutableStepDTO", raw(`{"stepTypeId":%d,"stepTypeKey":%q}`, st, stepKeys[st])
		j.TargetType = raw(`{"workoutTargetTypeId":1,"workoutTargetTypeKey":"no.target"}`)
		var v float64
		switch s.Duration.Kind {
		case workouts.DurationLap:
			j.EndCondition = raw(`{"conditionTypeId":1,"conditionTypeKey":"lap.button"}`)
		case workouts.DurationTime:
			j.EndCondition, v = raw(`{"conditionTypeId":2,"conditionTypeKey":"time"}`), s.Duration.Seconds
		case workouts.DurationDistance:
			j.EndCondition, v = raw(`{"conditionTypeId":3,"conditionTypeKey":"distance"}`), s.Duration.Meters
		case workouts.DurationReps:
			j.EndCondition, v = raw(`{"conditionTypeId":10,"conditionTypeKey":"reps"}`), float64(s.Duration.Reps)
		default:
			return nil, errors.New("stub: duration not supported")
		}
		if v != 0 {
			j.EndConditionValue = &v
		}
		if s.Exercise != nil {
			cat, name, _ := strings.Cut(s.Exercise.Key, "/")
			j.Category, j.ExerciseName = strings.ToUpper(cat), strings.ToUpper(name)
		}
		out = append(out, j)
	}
	return out, nil
}

// IsJSON reports whether data looks like a Connect workout.
func IsJSON(data []byte) bool {
	t := bytes.TrimSpace(data)
	return len(t) > 0 && t[0] == '{' && bytes.Contains(t, []byte(`"workoutSegments"`))
}

// Decode reads a workout body back into the model (stub: names, sport,
// time/distance/lap/reps steps, repeats).
func Decode(data []byte) (*workouts.Workout, workouts.Diagnostics, error) {
	var in struct {
		WorkoutName string  `json:"workoutName"`
		Description *string `json:"description"`
		SportType   struct {
			ID int `json:"sportTypeId"`
		} `json:"sportType"`
		WorkoutSegments []struct {
			WorkoutSteps []decStep `json:"workoutSteps"`
		} `json:"workoutSegments"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, nil, fmt.Errorf("not a Connect workout: %w", err)
	}
	w := &workouts.Workout{Name: in.WorkoutName, Sport: workouts.SportGeneric}
	if in.Description != nil {
		w.Description = *in.Description
	}
	for sp, id := range sports {
		if id == in.SportType.ID {
			w.Sport = sp
		}
	}
	for _, seg := range in.WorkoutSegments {
		w.Steps = append(w.Steps, decodeSteps(seg.WorkoutSteps)...)
	}
	return w, nil, nil
}

type decStep struct {
	Type     string `json:"type"`
	StepType struct {
		ID int `json:"stepTypeId"`
	} `json:"stepType"`
	NumberOfIterations int `json:"numberOfIterations"`
	EndCondition       struct {
		ID int `json:"conditionTypeId"`
	} `json:"endCondition"`
	EndConditionValue *float64  `json:"endConditionValue"`
	Description       *string   `json:"description"`
	WorkoutSteps      []decStep `json:"workoutSteps"`
}

func decodeSteps(in []decStep) []workouts.Step {
	var out []workouts.Step
	for _, d := range in {
		var s workouts.Step
		if d.Type == "RepeatGroupDTO" {
			s.Kind, s.Count, s.Steps = workouts.KindRepeat, d.NumberOfIterations, decodeSteps(d.WorkoutSteps)
			out = append(out, s)
			continue
		}
		s.Kind = map[int]workouts.Kind{1: workouts.KindWarmup, 2: workouts.KindCooldown, 4: workouts.KindRecover, 5: workouts.KindRest}[d.StepType.ID]
		if s.Kind == 0 {
			s.Kind = workouts.KindRun
		}
		s.Intensity = workouts.DefaultIntensity(s.Kind)
		if d.Description != nil {
			s.Notes = *d.Description
		}
		v := 0.0
		if d.EndConditionValue != nil {
			v = *d.EndConditionValue
		}
		switch d.EndCondition.ID {
		case 2:
			s.Duration = workouts.Duration{Kind: workouts.DurationTime, Seconds: v}
		case 3:
			s.Duration = workouts.Duration{Kind: workouts.DurationDistance, Meters: v}
		case 10:
			s.Duration = workouts.Duration{Kind: workouts.DurationReps, Reps: int(v)}
		}
		out = append(out, s)
	}
	return out
}
