package workouts

import "slices"

// The parser's tables, for the schema agreement test (schema_agree_test.go,
// package workouts_test): the JSON Schema of workouts/schema must list the
// same keys, step kinds and values.
var (
	ParserWorkoutKeys = workoutKeys
	ParserStepKeys    = stepKeys
	ParserKindKeys    = parserKindKeys()
	ParserAthleteKeys = athleteKeys
	ParserZoneKinds   = zoneKinds
	ParserUnits       = unitSystems
	ParserIntensities = intensityNames[:]
)

// parserKindKeys are the step kinds: the kinds of every sport and those
// of one sport (swim, ride).
func parserKindKeys() []string {
	keys := append([]string{}, kindKeys...)
	for k := range sportKinds {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ParserSportOfKind is the sport a step kind or step key belongs to
// ("swim" and "stroke": swimming), "" for every sport.
func ParserSportOfKind(key string) Sport {
	switch key {
	case "stroke", "equipment":
		return SportSwimming
	}
	return sportKinds[key]
}

// ParseDuration, ParseTarget and ParseWeight parse one value, for
// parse_test.go: the duration of a running step, a step's target, a load.
func ParseDuration(s string) (Duration, error) { return value(parseDuration(s, true)) }

// ParseTarget: see ParseDuration.
func ParseTarget(s string) (Target, error) { return value(parseTarget(s)) }

// ParseWeight: see ParseDuration.
func ParseWeight(s string) (Weight, error) { return value(parseWeight(s)) }

// value returns err as an error that is nil when err is.
func value[T any](v T, err *valueError) (T, error) {
	if err != nil {
		return v, err
	}
	return v, nil
}

// ScaleLoad is scaleLoad, for resolve_load_test.go.
var ScaleLoad = scaleLoad
