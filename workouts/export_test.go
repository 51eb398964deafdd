package workouts

// The parser's tables, for the schema agreement test (schema_agree_test.go,
// package workouts_test): the JSON Schema of workouts/schema must list the
// same keys, step kinds and values.
var (
	ParserWorkoutKeys = workoutKeys
	ParserStepKeys    = stepKeys
	ParserKindKeys    = kindKeys
	ParserAthleteKeys = athleteKeys
	ParserZoneKinds   = zoneKinds
	ParserUnits       = unitSystems
	ParserIntensities = intensityNames[:]
)
