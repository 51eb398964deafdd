package club_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/workoutc/workoutc/workouts/club"
	"github.com/workoutc/workoutc/workouts/schema"
)

// TestSchemaAgreesWithParser walks the plan's JSON Schema (`workoutc
// schema plan`) and the plan parser's tables: the same keys for the plan
// and a session, the same weekdays.
func TestSchemaAgreesWithParser(t *testing.T) {
	b, err := schema.JSON("plan")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]any `json:"properties"`
		Defs       struct {
			Session struct {
				Properties struct {
					Days struct {
						AnyOf []struct {
							Enum []string `json:"enum"`
						} `json:"anyOf"`
					} `json:"days"`
				} `json:"properties"`
			} `json:"session"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Defs struct {
			Session struct {
				Properties map[string]any `json:"properties"`
			} `json:"session"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	same := func(what string, schemaSide, parserSide []string) {
		t.Helper()
		a, p := slices.Clone(schemaSide), slices.Clone(parserSide)
		slices.Sort(a)
		slices.Sort(p)
		if !slices.Equal(a, p) {
			t.Errorf("%s: the schema has %v, the parser %v (add the key to the table in workouts/schema/schema.go, or to the parser)", what, a, p)
		}
	}
	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		return ks
	}
	same("plan keys", keys(s.Properties), club.ParserPlanKeys)
	same("session keys", keys(raw.Defs.Session.Properties), club.ParserSessionKeys)
	if len(s.Defs.Session.Properties.Days.AnyOf) == 0 {
		t.Fatal("the schema's days has no anyOf")
	}
	same("weekdays", s.Defs.Session.Properties.Days.AnyOf[0].Enum, club.ParserDays)
}
