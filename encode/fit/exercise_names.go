package fit

// This switch was written by a shell loop over the 51 <Category>ExerciseName
// types of github.com/muktihari/fit v0.26.1 (profile 21.188); Dump uses it to
// name exercises.

import (
	"strings"

	"github.com/muktihari/fit/profile/typedef"
)

// exerciseName returns the snake_case name of exercise n in category c, or
// "" when the profile has no such exercise.
func exerciseName(c typedef.ExerciseCategory, n uint16) string {
	var s string
	switch c {
	case typedef.ExerciseCategoryBandedExercises:
		s = typedef.BandedExercisesExerciseName(n).String()
	case typedef.ExerciseCategoryBattleRope:
		s = typedef.BattleRopeExerciseName(n).String()
	case typedef.ExerciseCategoryBenchPress:
		s = typedef.BenchPressExerciseName(n).String()
	case typedef.ExerciseCategoryBike:
		s = typedef.BikeExerciseName(n).String()
	case typedef.ExerciseCategoryBikeOutdoor:
		s = typedef.BikeOutdoorExerciseName(n).String()
	case typedef.ExerciseCategoryCalfRaise:
		s = typedef.CalfRaiseExerciseName(n).String()
	case typedef.ExerciseCategoryCardio:
		s = typedef.CardioExerciseName(n).String()
	case typedef.ExerciseCategoryCarry:
		s = typedef.CarryExerciseName(n).String()
	case typedef.ExerciseCategoryChop:
		s = typedef.ChopExerciseName(n).String()
	case typedef.ExerciseCategoryCore:
		s = typedef.CoreExerciseName(n).String()
	case typedef.ExerciseCategoryCrunch:
		s = typedef.CrunchExerciseName(n).String()
	case typedef.ExerciseCategoryCurl:
		s = typedef.CurlExerciseName(n).String()
	case typedef.ExerciseCategoryDeadlift:
		s = typedef.DeadliftExerciseName(n).String()
	case typedef.ExerciseCategoryElliptical:
		s = typedef.EllipticalExerciseName(n).String()
	case typedef.ExerciseCategoryFloorClimb:
		s = typedef.FloorClimbExerciseName(n).String()
	case typedef.ExerciseCategoryFlye:
		s = typedef.FlyeExerciseName(n).String()
	case typedef.ExerciseCategoryHipRaise:
		s = typedef.HipRaiseExerciseName(n).String()
	case typedef.ExerciseCategoryHipStability:
		s = typedef.HipStabilityExerciseName(n).String()
	case typedef.ExerciseCategoryHipSwing:
		s = typedef.HipSwingExerciseName(n).String()
	case typedef.ExerciseCategoryHyperextension:
		s = typedef.HyperextensionExerciseName(n).String()
	case typedef.ExerciseCategoryIndoorBike:
		s = typedef.IndoorBikeExerciseName(n).String()
	case typedef.ExerciseCategoryIndoorRow:
		s = typedef.IndoorRowExerciseName(n).String()
	case typedef.ExerciseCategoryLadder:
		s = typedef.LadderExerciseName(n).String()
	case typedef.ExerciseCategoryLateralRaise:
		s = typedef.LateralRaiseExerciseName(n).String()
	case typedef.ExerciseCategoryLegCurl:
		s = typedef.LegCurlExerciseName(n).String()
	case typedef.ExerciseCategoryLegRaise:
		s = typedef.LegRaiseExerciseName(n).String()
	case typedef.ExerciseCategoryLunge:
		s = typedef.LungeExerciseName(n).String()
	case typedef.ExerciseCategoryMove:
		s = typedef.MoveExerciseName(n).String()
	case typedef.ExerciseCategoryOlympicLift:
		s = typedef.OlympicLiftExerciseName(n).String()
	case typedef.ExerciseCategoryPlank:
		s = typedef.PlankExerciseName(n).String()
	case typedef.ExerciseCategoryPlyo:
		s = typedef.PlyoExerciseName(n).String()
	case typedef.ExerciseCategoryPose:
		s = typedef.PoseExerciseName(n).String()
	case typedef.ExerciseCategoryPullUp:
		s = typedef.PullUpExerciseName(n).String()
	case typedef.ExerciseCategoryPushUp:
		s = typedef.PushUpExerciseName(n).String()
	case typedef.ExerciseCategoryRow:
		s = typedef.RowExerciseName(n).String()
	case typedef.ExerciseCategoryRun:
		s = typedef.RunExerciseName(n).String()
	case typedef.ExerciseCategoryRunIndoor:
		s = typedef.RunIndoorExerciseName(n).String()
	case typedef.ExerciseCategorySandbag:
		s = typedef.SandbagExerciseName(n).String()
	case typedef.ExerciseCategoryShoulderPress:
		s = typedef.ShoulderPressExerciseName(n).String()
	case typedef.ExerciseCategoryShoulderStability:
		s = typedef.ShoulderStabilityExerciseName(n).String()
	case typedef.ExerciseCategoryShrug:
		s = typedef.ShrugExerciseName(n).String()
	case typedef.ExerciseCategorySitUp:
		s = typedef.SitUpExerciseName(n).String()
	case typedef.ExerciseCategorySled:
		s = typedef.SledExerciseName(n).String()
	case typedef.ExerciseCategorySledgeHammer:
		s = typedef.SledgeHammerExerciseName(n).String()
	case typedef.ExerciseCategorySquat:
		s = typedef.SquatExerciseName(n).String()
	case typedef.ExerciseCategoryStairStepper:
		s = typedef.StairStepperExerciseName(n).String()
	case typedef.ExerciseCategorySuspension:
		s = typedef.SuspensionExerciseName(n).String()
	case typedef.ExerciseCategoryTire:
		s = typedef.TireExerciseName(n).String()
	case typedef.ExerciseCategoryTotalBody:
		s = typedef.TotalBodyExerciseName(n).String()
	case typedef.ExerciseCategoryTricepsExtension:
		s = typedef.TricepsExtensionExerciseName(n).String()
	case typedef.ExerciseCategoryWarmUp:
		s = typedef.WarmUpExerciseName(n).String()
	default:
		return ""
	}
	if strings.HasSuffix(s, ")") { // "SquatExerciseNameInvalid(999)"
		return ""
	}
	return s
}
