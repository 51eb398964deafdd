package connect

import (
	"github.com/workoutc/workoutc/workouts"
)

// The JSON of a workout, in the order Encode writes its keys. Every field
// a reply adds is read by Decode from a generic tree, not from these.
type jWorkout struct {
	WorkoutName string     `json:"workoutName"`
	Description string     `json:"description,omitempty"`
	SportType   jSportType `json:"sportType"`
	jPool
	WorkoutSegments []jSegment `json:"workoutSegments"`
}

type jSegment struct {
	SegmentOrder int        `json:"segmentOrder"`
	SportType    jSportType `json:"sportType"`
	jPool
	WorkoutSteps []jStep `json:"workoutSteps"`
}

// jPool is the pool length a swim's workout and its segment both carry.
type jPool struct {
	PoolLength     *float64  `json:"poolLength,omitempty"`
	PoolLengthUnit *jUnitKey `json:"poolLengthUnit,omitempty"`
}

// jUnitKey is a unit named by its key alone, as the recorded swim request
// sends its pool's unit: {"unitKey": "meter"}.
type jUnitKey struct {
	Key string `json:"unitKey"`
}

// jStroke and jEquipment are a swim step's stroke and equipment, sent as
// their ids alone, as the recorded swim request does.
type jStroke struct {
	ID int `json:"strokeTypeId"`
}

type jEquipment struct {
	ID int `json:"equipmentTypeId"`
}

type jSportType struct {
	ID  int    `json:"sportTypeId"`
	Key string `json:"sportTypeKey"`
}

type jStepType struct {
	ID  int    `json:"stepTypeId"`
	Key string `json:"stepTypeKey"`
}

type jCondition struct {
	ID          int    `json:"conditionTypeId"`
	Key         string `json:"conditionTypeKey"`
	Displayable bool   `json:"displayable"`
}

type jTargetType struct {
	ID  int    `json:"workoutTargetTypeId"`
	Key string `json:"workoutTargetTypeKey"`
}

type jUnit struct {
	ID     int     `json:"unitId"`
	Key    string  `json:"unitKey"`
	Factor float64 `json:"factor"`
}

type jStep struct {
	Type                    string       `json:"type"`
	StepID                  int          `json:"stepId"`
	StepOrder               int          `json:"stepOrder"`
	ChildStepID             *int         `json:"childStepId,omitempty"`
	StepType                jStepType    `json:"stepType"`
	Description             string       `json:"description,omitempty"`
	NumberOfIterations      int          `json:"numberOfIterations,omitempty"`
	SmartRepeat             *bool        `json:"smartRepeat,omitempty"`
	EndCondition            jCondition   `json:"endCondition"`
	EndConditionValue       *float64     `json:"endConditionValue,omitempty"`
	EndConditionCompare     string       `json:"endConditionCompare,omitempty"`
	TargetType              *jTargetType `json:"targetType,omitempty"`
	TargetValueOne          *float64     `json:"targetValueOne,omitempty"`
	TargetValueTwo          *float64     `json:"targetValueTwo,omitempty"`
	ZoneNumber              *int         `json:"zoneNumber,omitempty"`
	SecondaryTargetType     *jTargetType `json:"secondaryTargetType,omitempty"`
	SecondaryTargetValueOne *float64     `json:"secondaryTargetValueOne,omitempty"`
	SecondaryTargetValueTwo *float64     `json:"secondaryTargetValueTwo,omitempty"`
	SecondaryZoneNumber     *int         `json:"secondaryZoneNumber,omitempty"`
	StrokeType              *jStroke     `json:"strokeType,omitempty"`
	EquipmentType           *jEquipment  `json:"equipmentType,omitempty"`
	Category                string       `json:"category,omitempty"`
	ExerciseName            string       `json:"exerciseName,omitempty"`
	WeightValue             *float64     `json:"weightValue,omitempty"`
	WeightUnit              *jUnit       `json:"weightUnit,omitempty"`
	WorkoutSteps            []jStep      `json:"workoutSteps,omitempty"`
}

// The step DTO types.
const (
	executable  = "ExecutableStepDTO"
	repeatGroup = "RepeatGroupDTO"
)

// sports maps the language's sports to Connect's sport types. Connect's
// ids: 1 running, 2 cycling, 3 other, 4 swimming, 5 strength_training,
// 6 cardio_training, 7 yoga, 8 pilates, 9 hiit, 10 multi_sport,
// 11 mobility.
var sports = []struct {
	sport workouts.Sport
	t     jSportType
}{
	{workouts.SportRunning, jSportType{1, "running"}},
	{workouts.SportCycling, jSportType{2, "cycling"}},
	{workouts.SportGeneric, jSportType{3, "other"}},
	{workouts.SportSwimming, jSportType{4, "swimming"}},
	{workouts.SportStrength, jSportType{5, "strength_training"}},
	{workouts.SportCardio, jSportType{6, "cardio_training"}},
	{workouts.SportYoga, jSportType{7, "yoga"}},
	{workouts.SportPilates, jSportType{8, "pilates"}},
	{workouts.SportHIIT, jSportType{9, "hiit"}},
	{workouts.SportWalking, jSportType{3, "other"}}, // Connect has no walking workouts
}

// Connect sport type ids the language has no sport for.
const (
	sportMulti    = 10
	sportMobility = 11
)

func sportOf(s workouts.Sport) (jSportType, bool) {
	for _, x := range sports {
		if x.sport == s {
			return x.t, true
		}
	}
	return jSportType{3, "other"}, false
}

// Step types (stepTypeId).
const (
	stepWarmup   = 1
	stepCooldown = 2
	stepInterval = 3
	stepRecovery = 4
	stepRest     = 5
	stepRepeat   = 6
	stepOther    = 7
	stepMain     = 8
)

// End conditions (conditionTypeId).
const (
	condLap        = 1
	condTime       = 2
	condDistance   = 3
	condCalories   = 4
	condPower      = 5
	condHeartRate  = 6
	condIterations = 7
	condReps       = 10
)

// Target types (workoutTargetTypeId).
const (
	targetNone    = 1
	targetPower   = 2
	targetCadence = 3
	targetHR      = 4
	targetSpeed   = 5
	targetPace    = 6
)

// The keys of Connect's step types, end conditions, target types, swim
// strokes and equipment, by id: Encode writes the first three beside the
// id, Decode reads any given by its key alone. An id without a key is not
// one Connect was seen (or reported) to use.
var (
	stepKeys      = []string{stepWarmup: "warmup", "cooldown", "interval", "recovery", "rest", "repeat", "other", "main"}
	conditionKeys = []string{condLap: "lap.button", "time", "distance", "calories", "power", "heart.rate", "iterations", condReps: "reps"}
	targetKeys    = []string{targetNone: "no.target", "power.zone", "cadence.zone", "heart.rate.zone", "speed.zone", "pace.zone"}
	strokeKeys    = []string{1: "any_stroke", "backstroke", "breaststroke", "drill", "fly", "free", "individual_medley"}
	equipmentKeys = []string{1: "fins", "kickboard", "paddles", "pull_buoy", "snorkel"}
)

func stepType(id int) jStepType { return jStepType{id, stepKeys[id]} }

// condition is end condition id; every one but iterations is displayable.
func condition(id int) jCondition { return jCondition{id, conditionKeys[id], id != condIterations} }

type stepKind struct {
	id        int
	kind      workouts.Kind
	intensity workouts.Intensity
}

// stepKinds are the step types the language's steps are written as and
// read back from. Encode goes by the intensity (the language's kinds reach
// Connect through their intensities, as they reach FIT), the first row
// that has it; Decode by the id, the first row that has it (interval and
// Connect's main read as an active run).
var stepKinds = []stepKind{
	{stepWarmup, workouts.KindWarmup, workouts.IntensityWarmup},
	{stepCooldown, workouts.KindCooldown, workouts.IntensityCooldown},
	{stepInterval, workouts.KindRun, workouts.IntensityActive},
	{stepInterval, workouts.KindRun, workouts.IntensityInterval},
	{stepRecovery, workouts.KindRecover, workouts.IntensityRecovery},
	{stepRest, workouts.KindRest, workouts.IntensityRest},
	{stepOther, workouts.KindRun, workouts.IntensityOther},
	{stepMain, workouts.KindRun, workouts.IntensityActive},
}

// Weight units (weightUnit). The factor is grams per unit, as distance
// units give centimetres per unit.
var (
	unitKilogram = jUnit{8, "kilogram", 1000}
	unitPound    = jUnit{9, "pound", 453.59237}
)

// weightValue is the one place that decides how a load is sent to Connect:
// weightValue is the load in the unit weightUnit names (15 lb is 15 with
// {9, pound}, 7.5 kg is 7.5 with {8, kilogram}), to 2 decimals, as
// Connect's editor shows it; the unit's factor turns it into grams.
// Nothing recorded shows a non-null weight, so this was never checked
// against the service; one peer sends grams with the kilogram unit instead
// (see docs/connect.md). unit is "kg" or "lb"; kg is the load in kilograms.
func weightValue(kg float64, unit string) (float64, jUnit) {
	if unit == "lb" {
		return round(kg/0.45359237, 2), unitPound
	}
	return round(kg, 2), unitKilogram
}

// weightUnit is the unit ("kg" or "lb") of a weightValue whose weightUnit
// has the id and key: the inverse of weightValue, whose value is in it.
func weightUnit(id int, key string) string {
	if id == unitPound.ID || key == unitPound.Key {
		return "lb"
	}
	return "kg"
}
