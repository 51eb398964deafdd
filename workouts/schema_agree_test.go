package workouts_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/schema"
)

// schemaOf decodes the JSON Schema of a kind for walking.
func schemaOf(t *testing.T, kind string) map[string]any {
	t.Helper()
	b, err := schema.JSON(kind)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// at walks a decoded schema: at(m, "$defs", "step", "properties").
func at(t *testing.T, m map[string]any, path ...string) map[string]any {
	t.Helper()
	cur := m
	for _, p := range path {
		next, ok := cur[p].(map[string]any)
		if !ok {
			t.Fatalf("the schema has no object at %s", strings.Join(path, "."))
		}
		cur = next
	}
	return cur
}

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func strs(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// same fails unless a (the schema's) and b (the parser's) hold the same
// words, in any order.
func same(t *testing.T, what string, schemaSide, parserSide []string) {
	t.Helper()
	a, b := slices.Clone(schemaSide), slices.Clone(parserSide)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		t.Errorf("%s: the schema has %v, the parser %v (add the key to the table in workouts/schema/schema.go, or to the parser)", what, a, b)
	}
}

// TestSchemaAgreesWithParser walks the JSON Schemas that `workoutc schema`
// prints and the parser's tables: the same keys at every level, the same
// step kinds (a step has exactly one), the same sports, intensities, units
// and zone kinds.
func TestSchemaAgreesWithParser(t *testing.T) {
	w := schemaOf(t, "workout")
	same(t, "workout keys", keysOf(at(t, w, "properties")), workouts.ParserWorkoutKeys)
	step := at(t, w, "$defs", "step")
	same(t, "step keys", keysOf(at(t, step, "properties")), workouts.ParserStepKeys)
	var kinds []string
	for _, alt := range step["oneOf"].([]any) {
		kinds = append(kinds, strs(alt.(map[string]any)["required"])...)
	}
	same(t, "step kinds", kinds, workouts.ParserKindKeys)
	var sports []string
	for _, s := range workouts.Sports {
		sports = append(sports, string(s))
	}
	same(t, "sports", strs(at(t, w, "properties", "sport")["enum"]), sports)
	same(t, "intensities", strs(at(t, step, "properties", "intensity")["enum"]), workouts.ParserIntensities)

	a := schemaOf(t, "athlete")
	same(t, "athlete keys", keysOf(at(t, a, "properties")), workouts.ParserAthleteKeys)
	same(t, "zone kinds", keysOf(at(t, a, "properties", "zones", "properties")), workouts.ParserZoneKinds)
	same(t, "units", strs(at(t, a, "properties", "units")["enum"]), workouts.ParserUnits)
}

// TestSchemaExamplesParse: every example and enumerated value the schema
// offers an editor's completion parses without error, on a step of a kind
// that takes it, so that the schema and the parser agree on what each key
// holds.
func TestSchemaExamplesParse(t *testing.T) {
	w := schemaOf(t, "workout")
	props := at(t, w, "$defs", "step", "properties")
	exerciseOnly := map[string]bool{"reps": true, "time": true, "weight": true, "each_side": true}
	n := 0
	for _, k := range keysOf(props) {
		p := props[k].(map[string]any)
		values := append(strs(p["examples"]), strs(p["enum"])...)
		if ex, ok := p["examples"].([]any); ok {
			for _, x := range ex {
				if f, ok := x.(float64); ok { // 3 is written 3
					values = append(values, formatFloat(f))
				}
			}
		}
		for _, v := range values {
			if v == "" {
				continue
			}
			var src string
			// A key of one sport's steps (swim, stroke: swimming) is tried
			// in a workout of that sport, on a step of its own kind.
			if sport := workouts.ParserSportOfKind(k); sport != "" {
				kind := map[workouts.Sport]string{workouts.SportSwimming: "swim", workouts.SportCycling: "ride"}[sport]
				if k == kind {
					src = "name: x\nsport: " + string(sport) + "\nsteps:\n  - " + k + ": " + v + "\n"
				} else {
					src = "name: x\nsport: " + string(sport) + "\nsteps:\n  - " + kind + ": 1 min\n    " + k + ": " + v + "\n"
				}
				if _, diags := workouts.Parse("x.yaml", []byte(src)); diags.HasErrors() {
					t.Errorf("the schema offers %s: %s, which the parser refuses:\n%v", k, v, diags.Errors())
				}
				n++
				continue
			}
			switch {
			case slices.Contains(workouts.ParserKindKeys, k) && k == "exercise":
				src = "name: x\nsport: strength\nsteps:\n  - exercise: " + v + "\n"
			case k == "repeat":
				src = "name: x\nsteps:\n  - repeat: " + v + "\n    steps:\n      - run: 1 min\n"
			case slices.Contains(workouts.ParserKindKeys, k):
				src = "name: x\nsteps:\n  - " + k + ": " + v + "\n"
			case exerciseOnly[k]:
				src = "name: x\nsport: strength\nsteps:\n  - exercise: dumbbell squat\n    " + k + ": " + v + "\n"
			default:
				src = "name: x\nsteps:\n  - run: 1 min\n    " + k + ": " + v + "\n"
			}
			if _, diags := workouts.Parse("x.yaml", []byte(src)); diags.HasErrors() {
				t.Errorf("the schema offers %s: %s, which the parser refuses:\n%v", k, v, diags.Errors())
			}
			n++
		}
	}
	for _, s := range strs(at(t, w, "properties", "sport")["enum"]) {
		if _, diags := workouts.Parse("x.yaml", []byte("name: x\nsport: "+s+"\nsteps:\n  - warmup: 1 min\n")); diags.HasErrors() {
			t.Errorf("sport %s: %v", s, diags.Errors())
		}
		n++
	}
	a := schemaOf(t, "athlete")
	for _, z := range workouts.ParserZoneKinds {
		for _, v := range strs(at(t, a, "properties", "zones", "properties", z, "additionalProperties")["examples"]) {
			if _, diags := workouts.ParseAthlete("a.yaml", []byte("name: a\nmax_hr: 190\nzones:\n  "+z+":\n    easy: "+v+"\n")); diags.HasErrors() {
				t.Errorf("zones.%s example %s: %v", z, v, diags.Errors())
			}
			n++
		}
	}
	if n < 30 {
		t.Errorf("only %d examples and values tried", n)
	}
}

func formatFloat(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}
