// Package schema describes the YAML files of workoutc (a workout
// definition, an athlete profile, a club plan) as JSON Schemas (draft
// 2020-12), so that editors with a YAML language server complete and check
// their keys: `workoutc schema workout > workout.schema.json`, then
// `# yaml-language-server: $schema=workout.schema.json` on a file's first
// line.
//
// Each mapping of the language is one table of keys below (workoutKeys,
// stepKeys, athleteKeys, zoneKeys, planKeys, sessionKeys): adding a key to
// the language is one entry there. Tests in the packages that parse the
// files (workouts, workouts/club) walk the generated schemas and fail when
// a parser and its table disagree on keys, step kinds or enumerations.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

// Kinds are the YAML file kinds, in the order `workoutc schema` lists them.
var Kinds = []string{"workout", "athlete", "plan"}

// JSON returns the JSON Schema of one kind of YAML file ("workout",
// "athlete" or "plan"), indented, ending in a newline. The output is the
// same for the same kind, byte for byte.
func JSON(kind string) ([]byte, error) {
	var s obj
	switch kind {
	case "workout":
		s = workoutSchema()
	case "athlete":
		s = athleteSchema()
	case "plan":
		s = planSchema()
	default:
		return nil, fmt.Errorf("unknown kind %q (kinds: %s)", kind, strings.Join(Kinds, ", "))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// obj is one JSON Schema (or part of one). encoding/json writes map keys
// sorted, so the output is deterministic.
type obj = map[string]any

// key is one key of a mapping in the language.
type key struct {
	name string
	// kind marks a step kind (warmup, run, ...): a step has exactly one.
	kind   bool
	schema obj
}

const draft = "https://json-schema.org/draft/2020-12/schema"

// Reusable value shapes.

func text(desc string, examples ...string) obj {
	s := obj{"type": "string", "description": desc}
	if len(examples) > 0 {
		s["examples"] = examples
	}
	return s
}

func enum(desc string, values []string) obj {
	return obj{"type": "string", "description": desc, "enum": values}
}

func ref(def, desc string) obj { return obj{"$ref": "#/$defs/" + def, "description": desc} }

func oneOrList(desc string, one obj) obj {
	return obj{"description": desc, "anyOf": []any{one, obj{"type": "array", "items": one, "minItems": 1}}}
}

func intOrText(desc string, examples ...any) obj {
	return obj{"type": []string{"integer", "string"}, "description": desc, "examples": examples}
}

const durationDoc = "a time (90 s, 2 min, 1:30, 1:02:03, 1 h), a distance (400 m, 1.5 km, 1 mi, 800 yd), lap (until the lap button is pressed), " +
	"calories (300 kcal), or a condition: until hr below 130, until hr above 165 (bpm), until hr below 70% (of max HR), until power above 300 (W), until power below 80% (of FTP)"

func duration(desc string) obj {
	return text(desc+". The value is the duration: "+durationDoc+".", "2 min", "1 mi", "400 m", "lap")
}

const targetDoc = "open (the default), pace 8:00-8:30 /mi (or /km, or /100m and /100yd for swims), hr 140-155, hr 70-80% (of max HR), hr zone 2, " +
	"power 200-250, power 85-95% (of FTP), power zone 4, cadence 170-180, or a zone named in the athlete profile: pace easy, hr easy, power tempo"

// mapping is an object with exactly the keys of the table.
func mapping(desc string, keys []key, required ...string) obj {
	props := obj{}
	for _, k := range keys {
		props[k.name] = k.schema
	}
	s := obj{"type": "object", "description": desc, "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// names maps a text of the user's choosing (a zone, a load) to a value.
func names(desc string, value obj) obj {
	return obj{"type": "object", "description": desc, "additionalProperties": value,
		"propertyNames": obj{"minLength": 1}}
}

// The workout definition.

var workoutKeys = []key{
	{name: "name", schema: text("The workout's name, shown on the watch (required; Garmin Connect writes at most 31 bytes).", "Hill Repeats")},
	{name: "sport", schema: enum("The sport (default running). Exercise steps need strength, cardio, yoga or pilates.", sports())},
	{name: "description", schema: text("What the workout is for (Garmin Connect writes at most 159 bytes).")},
	{name: "steps", schema: ref("steps", "The steps, in order (required).")},
	{name: "pool", schema: text("Pool swims (sport swimming): the pool's length, 25 m, 25 yd or 50 m (10-200). Distances of swim steps must then be whole lengths.", "25 m", "25 yd", "50 m")},
}

// stepKeys are the keys of a step. The step's kind is its key; a step has
// exactly one kind key. The lead adds the language's new step keys here.
var stepKeys = []key{
	{name: "warmup", kind: true, schema: duration("A warm-up step")},
	{name: "run", kind: true, schema: duration("A running (or riding, ...) step")},
	{name: "recover", kind: true, schema: duration("A recovery step (an easy jog or walk)")},
	{name: "rest", kind: true, schema: text("A rest step. The value is a time (90 s, 2 min) or lap.", "2 min", "lap")},
	{name: "cooldown", kind: true, schema: duration("A cool-down step")},
	{name: "swim", kind: true, schema: duration("A swimming step (sport swimming)")},
	{name: "ride", kind: true, schema: duration("A riding step (sport cycling)")},
	{name: "exercise", kind: true, schema: text("A strength exercise: free text matched against the FIT exercise catalog, or category/name "+
		"(see `workoutc exercises QUERY`). Needs sport strength, cardio, yoga or pilates.", "dumbbell squat", "squat/dumbbell_squat")},
	{name: "repeat", kind: true, schema: intOrText("Repeat the steps under it: a count from 1 to 99, a range (3-5: --reps, the plan's reps, else the low end), "+
		"or until a condition: until 20 min, until 5 km, until 500 kcal, until hr above 170, until power below 200. "+
		"Repeats nest 10 deep; watches handle 2.", 3, "3-5", "until 20 min")},
	{name: "name", schema: text("The step's name, shown on the watch (Garmin Connect writes at most 15 bytes). Not on a repeat.", "Uphill")},
	{name: "notes", schema: text("Notes shown on the watch during the step (Garmin Connect writes at most 199 bytes). Not on a repeat.")},
	{name: "intensity", schema: enum("Overrides the intensity the kind implies. Not on a repeat.", []string{"active", "rest", "warmup", "cooldown", "recovery", "interval", "other"})},
	{name: "target", schema: text("What to hold during the step (not on exercise, rest or repeat steps): "+targetDoc+".", "pace easy", "hr 140-155", "pace 8:00-8:30 /mi")},
	{name: "secondary_target", schema: text("A second target to hold during the step, any form target takes: "+targetDoc+".", "hr 140-165", "cadence 85-95", "power zone 3")},
	{name: "stroke", schema: enum("Swim steps: the stroke.", []string{"free", "back", "breast", "fly", "im", "mixed", "drill"})},
	{name: "equipment", schema: enum("Swim steps: the equipment.", []string{"fins", "kickboard", "paddles", "pull buoy", "snorkel"})},
	{name: "reps", schema: obj{"type": "integer", "minimum": 1, "description": "Exercise steps: the number of repetitions (leave reps and time out for until-lap)."}},
	{name: "time", schema: text("Exercise steps: how long, a time such as 30 s or 1 min.", "30 s")},
	{name: "weight", schema: text("Exercise steps: the load, 15 lb, 7.5 kg, or a load named in the athlete profile (medium).", "15 lb", "7.5 kg", "medium")},
	{name: "each_side", schema: obj{"type": "boolean", "description": "Exercise steps: true when reps or time is per side (10 each side is 20 reps on the watch)."}},
	{name: "steps", schema: ref("steps", "Repeat steps: the steps to repeat.")},
}

func stepSchema() obj {
	s := mapping("One step. Its kind is its key, for running kinds with the duration as the value: - run: 2 min.", stepKeys)
	var kinds []any
	for _, k := range stepKeys {
		if k.kind {
			kinds = append(kinds, obj{"required": []string{k.name}})
		}
	}
	s["oneOf"] = kinds // exactly one kind key
	return s
}

func workoutSchema() obj {
	s := mapping("A workoutc workout definition: one workout, compiled by `workoutc build` into FIT or TCX.", workoutKeys, "name", "steps")
	s["$schema"] = draft
	s["title"] = "workoutc workout"
	s["$defs"] = obj{
		"steps": obj{"type": "array", "minItems": 1, "description": "A list of steps.", "items": obj{"$ref": "#/$defs/step"}},
		"step":  stepSchema(),
	}
	return s
}

func sports() []string {
	out := make([]string, len(workouts.Sports))
	for i, s := range workouts.Sports {
		out[i] = string(s)
	}
	return out
}

// The athlete profile.

var athleteKeys = []key{
	{name: "name", schema: text("The athlete's name.", "Sam Rivera")},
	{name: "units", schema: enum("How paces and loads are shown on the watch.", []string{"imperial", "metric"})},
	{name: "max_hr", schema: intOrText("Maximum heart rate in bpm, for hr 70-80% targets.", 188)},
	{name: "zones", schema: mapping("Named zones for targets such as pace easy or hr easy.", zoneKeys)},
	{name: "loads", schema: names("Named loads for weight: medium and the like.", text("A weight: 15 lb or 7.5 kg.", "15 lb", "7.5 kg"))},
}

var zoneKeys = []key{
	{name: "pace", schema: names("Pace zones by name.", text("A pace range per mile or km.", "9:30-10:30 /mi", "5:45-6:20 /km"))},
	{name: "hr", schema: names("Heart-rate zones by name.", text("A heart-rate range in bpm, or % of max_hr.", "125-145", "70-80%"))},
	{name: "power", schema: names("Power zones by name.", text("A power range in W, or % of FTP.", "200-250", "85-95%"))},
}

func athleteSchema() obj {
	s := mapping("A workoutc athlete profile (--athlete FILE.yaml): named zones, loads and units.", athleteKeys)
	s["$schema"] = draft
	s["title"] = "workoutc athlete profile"
	return s
}

// The club plan.

var planKeys = []key{
	{name: "name", schema: text("The plan's name.", "Spring 10K block")},
	{name: "start", schema: obj{"type": "string", "format": "date", "description": "The first day of week 1, YYYY-MM-DD (required).", "examples": []string{"2027-01-04"}}},
	{name: "weeks", schema: obj{"type": "integer", "minimum": 1, "maximum": club.MaxWeeks, "description": "How many weeks the plan lasts (required)."}},
	{name: "sessions", schema: obj{"type": "array", "minItems": 1, "description": "The planned sessions (required).", "items": obj{"$ref": "#/$defs/session"}}},
}

var sessionKeys = []key{
	{name: "workout", schema: text("The workout definition, a path relative to the plan (required).", "hill-repeats.yaml")},
	{name: "days", schema: oneOrList("The weekdays of the session (required).", enum("A weekday.", []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}))},
	{name: "weeks", schema: intOrText("The weeks the session runs in: one week (3) or a range (1-6); default all.", 3, "1-6")},
	{name: "reps", schema: oneOrList("The count of the workout's ranged repeat: one for all weeks, or one a week covered.",
		obj{"type": "integer", "minimum": 1, "maximum": 99})},
	{name: "load", schema: oneOrList("Scales the workout's loads: one percentage for all weeks, or one a week covered.",
		obj{"type": []string{"string", "number"}, "examples": []string{"90%"}})},
}

func planSchema() obj {
	s := mapping("A workoutc club plan (workoutc batch --plan): which workouts on which days of which weeks.", planKeys, "start", "weeks", "sessions")
	s["$schema"] = draft
	s["title"] = "workoutc plan"
	s["$defs"] = obj{"session": mapping("One planned session.", sessionKeys, "workout", "days")}
	return s
}
