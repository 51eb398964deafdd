package batch

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

// TestMemberKeySeesEveryField: a member's key changes with every value of
// the profile, and not with where the profile was written or in which
// order its maps were filled.
func TestMemberKeySeesEveryField(t *testing.T) {
	base := func() *workouts.Athlete {
		return &workouts.Athlete{
			Pos: workouts.Pos{File: "roster.csv", Line: 2, Col: 1}, Name: "Ana", Units: "metric", MaxHR: 190,
			Zones: map[string]map[string]workouts.Target{
				"pace": {"easy": {Kind: workouts.TargetPace, Low: 2.5, High: 2.8, Unit: "/km", Pos: workouts.Pos{Line: 2, Col: 5}}},
				"hr":   {"easy": {Kind: workouts.TargetHR, Low: 120, High: 140}, "hard": {Kind: workouts.TargetHR, Low: 160, High: 175}},
			},
			Loads: map[string]workouts.Weight{"medium": {Value: 6, Unit: "kg", Pos: workouts.Pos{Line: 2, Col: 9}}},
		}
	}
	key := func(a *workouts.Athlete) []byte { return appendValue(nil, reflect.ValueOf(*a)) }
	want := key(base())
	for name, change := range map[string]func(a *workouts.Athlete){
		"name":      func(a *workouts.Athlete) { a.Name = "Anna" },
		"units":     func(a *workouts.Athlete) { a.Units = "imperial" },
		"max hr":    func(a *workouts.Athlete) { a.MaxHR = 191 },
		"zone low":  func(a *workouts.Athlete) { z := a.Zones["pace"]["easy"]; z.Low = 2.51; a.Zones["pace"]["easy"] = z },
		"zone kind": func(a *workouts.Athlete) { z := a.Zones["hr"]["easy"]; z.Percent = true; a.Zones["hr"]["easy"] = z },
		"zone unit": func(a *workouts.Athlete) { z := a.Zones["pace"]["easy"]; z.Unit = "/mi"; a.Zones["pace"]["easy"] = z },
		"zone renamed": func(a *workouts.Athlete) {
			a.Zones["hr"]["tempo"] = a.Zones["hr"]["hard"]
			delete(a.Zones["hr"], "hard")
		},
		"zone added":     func(a *workouts.Athlete) { a.Zones["power"] = map[string]workouts.Target{} },
		"load value":     func(a *workouts.Athlete) { a.Loads["medium"] = workouts.Weight{Value: 6.5, Unit: "kg"} },
		"load unit":      func(a *workouts.Athlete) { a.Loads["medium"] = workouts.Weight{Value: 6, Unit: "lb"} },
		"load name":      func(a *workouts.Athlete) { a.Loads["heavy"] = a.Loads["medium"]; delete(a.Loads, "medium") },
		"name and units": func(a *workouts.Athlete) { a.Name, a.Units = "Anametric", "" },
	} {
		a := base()
		change(a)
		if bytes.Equal(key(a), want) {
			t.Errorf("%s: the key did not change", name)
		}
	}
	for name, change := range map[string]func(a *workouts.Athlete){
		"row moved":   func(a *workouts.Athlete) { a.Pos.Line = 40 },
		"cell moved":  func(a *workouts.Athlete) { z := a.Zones["pace"]["easy"]; z.Pos.Col = 7; a.Zones["pace"]["easy"] = z },
		"load moved":  func(a *workouts.Athlete) { w := a.Loads["medium"]; w.Pos.Line = 3; a.Loads["medium"] = w },
		"maps refill": func(a *workouts.Athlete) { hr := a.Zones["hr"]; delete(a.Zones, "hr"); a.Zones["hr"] = hr },
	} {
		a := base()
		change(a)
		if !bytes.Equal(key(a), want) {
			t.Errorf("%s: the key changed", name)
		}
	}
}
