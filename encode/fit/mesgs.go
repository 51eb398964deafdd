package fit

import (
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// The append*Fields functions append the fields that mesgdef's ToMesg would
// give a message, in the same order and with the same values, but into a
// shared array instead of one new slice per message. TestFieldsMatchToMesg
// holds them to ToMesg. They cover the fields this package sets; unknown and
// developer fields are never set here.

// Upper bounds of the fields each function appends.
const (
	fileIDFieldsMax  = 7
	workoutFieldsMax = 9
	stepFieldsMax    = 19
	titleFieldsMax   = 4
)

func field(num typedef.MesgNum, n byte, v proto.Value) proto.Field {
	f := factory.CreateField(num, n)
	f.Value = v
	return f
}

func appendFileIDFields(f []proto.Field, m *mesgdef.FileId) []proto.Field {
	const num = typedef.MesgNumFileId
	if m.Type != typedef.FileInvalid {
		f = append(f, field(num, 0, proto.Uint8(byte(m.Type))))
	}
	if m.Manufacturer != typedef.ManufacturerInvalid {
		f = append(f, field(num, 1, proto.Uint16(uint16(m.Manufacturer))))
	}
	if m.Product != basetype.Uint16Invalid {
		f = append(f, field(num, 2, proto.Uint16(m.Product)))
	}
	if m.SerialNumber != basetype.Uint32zInvalid {
		f = append(f, field(num, 3, proto.Uint32(m.SerialNumber)))
	}
	if !m.TimeCreated.Before(fitEpoch) {
		f = append(f, field(num, 4, proto.Uint32(uint32(m.TimeCreated.Sub(fitEpoch).Seconds()))))
	}
	if m.Number != basetype.Uint16Invalid {
		f = append(f, field(num, 5, proto.Uint16(m.Number)))
	}
	if m.ProductName != basetype.StringInvalid {
		f = append(f, field(num, 8, proto.String(m.ProductName)))
	}
	return f
}

func appendWorkoutFields(f []proto.Field, m *mesgdef.Workout) []proto.Field {
	const num = typedef.MesgNumWorkout
	if m.MessageIndex != typedef.MessageIndexInvalid {
		f = append(f, field(num, 254, proto.Uint16(uint16(m.MessageIndex))))
	}
	if m.Sport != typedef.SportInvalid {
		f = append(f, field(num, 4, proto.Uint8(byte(m.Sport))))
	}
	if m.Capabilities != typedef.WorkoutCapabilitiesInvalid {
		f = append(f, field(num, 5, proto.Uint32(uint32(m.Capabilities))))
	}
	if m.NumValidSteps != basetype.Uint16Invalid {
		f = append(f, field(num, 6, proto.Uint16(m.NumValidSteps)))
	}
	if m.WktName != basetype.StringInvalid {
		f = append(f, field(num, 8, proto.String(m.WktName)))
	}
	if m.SubSport != typedef.SubSportInvalid {
		f = append(f, field(num, 11, proto.Uint8(byte(m.SubSport))))
	}
	if m.PoolLength != basetype.Uint16Invalid {
		f = append(f, field(num, 14, proto.Uint16(m.PoolLength)))
	}
	if m.PoolLengthUnit != typedef.DisplayMeasureInvalid {
		f = append(f, field(num, 15, proto.Uint8(byte(m.PoolLengthUnit))))
	}
	if m.WktDescription != basetype.StringInvalid {
		f = append(f, field(num, 17, proto.String(m.WktDescription)))
	}
	return f
}

func appendStepFields(f []proto.Field, m *mesgdef.WorkoutStep) []proto.Field {
	const num = typedef.MesgNumWorkoutStep
	if m.MessageIndex != typedef.MessageIndexInvalid {
		f = append(f, field(num, 254, proto.Uint16(uint16(m.MessageIndex))))
	}
	if m.WktStepName != basetype.StringInvalid {
		f = append(f, field(num, 0, proto.String(m.WktStepName)))
	}
	if m.DurationType != typedef.WktStepDurationInvalid {
		f = append(f, field(num, 1, proto.Uint8(byte(m.DurationType))))
	}
	if m.DurationValue != basetype.Uint32Invalid {
		f = append(f, field(num, 2, proto.Uint32(m.DurationValue)))
	}
	if m.TargetType != typedef.WktStepTargetInvalid {
		f = append(f, field(num, 3, proto.Uint8(byte(m.TargetType))))
	}
	if m.TargetValue != basetype.Uint32Invalid {
		f = append(f, field(num, 4, proto.Uint32(m.TargetValue)))
	}
	if m.CustomTargetValueLow != basetype.Uint32Invalid {
		f = append(f, field(num, 5, proto.Uint32(m.CustomTargetValueLow)))
	}
	if m.CustomTargetValueHigh != basetype.Uint32Invalid {
		f = append(f, field(num, 6, proto.Uint32(m.CustomTargetValueHigh)))
	}
	if m.Intensity != typedef.IntensityInvalid {
		f = append(f, field(num, 7, proto.Uint8(byte(m.Intensity))))
	}
	if m.Notes != basetype.StringInvalid {
		f = append(f, field(num, 8, proto.String(m.Notes)))
	}
	if m.Equipment != typedef.WorkoutEquipmentInvalid {
		f = append(f, field(num, 9, proto.Uint8(byte(m.Equipment))))
	}
	if m.ExerciseCategory != typedef.ExerciseCategoryInvalid {
		f = append(f, field(num, 10, proto.Uint16(uint16(m.ExerciseCategory))))
	}
	if m.ExerciseName != basetype.Uint16Invalid {
		f = append(f, field(num, 11, proto.Uint16(m.ExerciseName)))
	}
	if m.ExerciseWeight != basetype.Uint16Invalid {
		f = append(f, field(num, 12, proto.Uint16(m.ExerciseWeight)))
	}
	if m.WeightDisplayUnit != typedef.FitBaseUnitInvalid {
		f = append(f, field(num, 13, proto.Uint16(uint16(m.WeightDisplayUnit))))
	}
	if m.SecondaryTargetType != typedef.WktStepTargetInvalid {
		f = append(f, field(num, 19, proto.Uint8(byte(m.SecondaryTargetType))))
	}
	if m.SecondaryTargetValue != basetype.Uint32Invalid {
		f = append(f, field(num, 20, proto.Uint32(m.SecondaryTargetValue)))
	}
	if m.SecondaryCustomTargetValueLow != basetype.Uint32Invalid {
		f = append(f, field(num, 21, proto.Uint32(m.SecondaryCustomTargetValueLow)))
	}
	if m.SecondaryCustomTargetValueHigh != basetype.Uint32Invalid {
		f = append(f, field(num, 22, proto.Uint32(m.SecondaryCustomTargetValueHigh)))
	}
	return f
}

func appendTitleFields(f []proto.Field, m *mesgdef.ExerciseTitle) []proto.Field {
	const num = typedef.MesgNumExerciseTitle
	if m.MessageIndex != typedef.MessageIndexInvalid {
		f = append(f, field(num, 254, proto.Uint16(uint16(m.MessageIndex))))
	}
	if m.ExerciseCategory != typedef.ExerciseCategoryInvalid {
		f = append(f, field(num, 0, proto.Uint16(uint16(m.ExerciseCategory))))
	}
	if m.ExerciseName != basetype.Uint16Invalid {
		f = append(f, field(num, 1, proto.Uint16(m.ExerciseName)))
	}
	if m.WktStepName != nil {
		f = append(f, field(num, 2, proto.SliceString(m.WktStepName)))
	}
	return f
}
