package connect

import (
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// equivalent sees a change of the forms of issue 16: the pool, a stroke,
// equipment, a secondary target, a condition's compare; a reply's {0, null}
// stroke and equipment and a no.target secondary target are none.
func TestEquivalentIssue16(t *testing.T) {
	a := `{"workoutName": "S", "sportType": {"sportTypeId": 4}, "poolLength": 25, "poolLengthUnit": {"unitKey": "meter"},
	 "workoutSegments": [{"workoutSteps": [
	 {"type": "ExecutableStepDTO", "stepType": {"stepTypeId": 3}, "endCondition": {"conditionTypeId": 6}, "endConditionValue": 130,
	  "endConditionCompare": "lt", "targetType": {"workoutTargetTypeId": 1}, "strokeType": {"strokeTypeId": 6},
	  "equipmentType": {"equipmentTypeId": 1}, "secondaryTargetType": {"workoutTargetTypeId": 4}, "secondaryZoneNumber": 2},
	 {"type": "ExecutableStepDTO", "stepType": {"stepTypeId": 5}, "endCondition": {"conditionTypeId": 2}, "endConditionValue": 20,
	  "strokeType": {"strokeTypeId": 0, "strokeTypeKey": null}, "equipmentType": {"equipmentTypeId": 0},
	  "secondaryTargetType": {"workoutTargetTypeId": 1}}]}]}`
	plain := strings.NewReplacer(`"strokeType": {"strokeTypeId": 0, "strokeTypeKey": null}, "equipmentType": {"equipmentTypeId": 0},
	  "secondaryTargetType": {"workoutTargetTypeId": 1}`, `"targetType": {"workoutTargetTypeId": 1}`).Replace(a)
	if same, err := equivalent([]byte(a), []byte(plain)); err != nil || !same {
		t.Errorf("empty stroke, equipment and secondary target are not none: %v %v", same, err)
	}
	for _, change := range [][2]string{
		{`"poolLength": 25,`, `"poolLength": 50,`},
		{`"unitKey": "meter"`, `"unitKey": "yard"`},
		{`"strokeTypeId": 6}`, `"strokeTypeId": 5}`},
		{`"equipmentTypeId": 1}`, `"equipmentTypeId": 2}`},
		{`"secondaryZoneNumber": 2`, `"secondaryZoneNumber": 3`},
		{`"endConditionCompare": "lt"`, `"endConditionCompare": "gt"`},
	} {
		b := strings.Replace(a, change[0], change[1], 1)
		if b == a {
			t.Fatalf("%v does not apply", change)
		}
		if same, err := equivalent([]byte(b), []byte(a)); err != nil || same {
			t.Errorf("%v: still equivalent (%v)", change, err)
		}
	}
}

// The forms of issue 16 go to Connect with the ids and fields of
// lang16.go, and come back as they went.
func TestEncodeIssue16(t *testing.T) {
	src := `name: Swim
sport: swimming
pool: 25 yd
steps:
  - swim: until hr above 150
    stroke: im
    equipment: snorkel
  - repeat: until power below 200
    steps:
      - swim: 100 yd
        stroke: mixed
        secondary_target: hr zone 2
  - cooldown: 300 kcal
`
	w, d := workouts.Parse("s.yaml", []byte(src))
	if d.HasErrors() {
		t.Fatal(d)
	}
	r, _ := workouts.Resolve(w, workouts.ResolveOptions{})
	b, warns, err := Encode(r, encode.Options{})
	if err != nil || len(warns) > 0 {
		t.Fatalf("%v %v", err, warns)
	}
	out := string(b)
	for _, want := range []string{
		`"poolLength": 25,`, `"unitKey": "yard"`,
		`"conditionTypeId": 6,`, `"endConditionCompare": "gt"`, `"endConditionValue": 150,`,
		`"strokeTypeId": 7`, `"equipmentTypeId": 5`, `"strokeTypeId": 1`,
		`"conditionTypeId": 5,`, `"endConditionCompare": "lt"`, `"endConditionValue": 200,`,
		`"secondaryZoneNumber": 2`, `"conditionTypeId": 4,`, `"endConditionValue": 300`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	if strings.Contains(out, "numberOfIterations") {
		t.Errorf("a repeat until a condition has a count:\n%s", out)
	}
	back, diags, err := Decode(b)
	if err != nil || len(diags) > 0 {
		t.Fatalf("%v %v", err, diags)
	}
	if back.Pool == nil || *back.Pool != (workouts.Pool{Length: 25, Unit: "yd", Pos: back.Pool.Pos}) {
		t.Errorf("pool %+v", back.Pool)
	}
	s := back.Steps[0]
	if s.Stroke != workouts.StrokeIM || s.Equipment != workouts.EquipmentSnorkel || s.Duration.Kind != workouts.DurationHRAbove || s.Duration.Value != 150 {
		t.Errorf("step 1 %+v", s)
	}
	rep := back.Steps[1]
	if rep.Until == nil || rep.Until.Kind != workouts.DurationPowerBelow || rep.Until.Value != 200 || rep.Steps[0].Stroke != workouts.StrokeMixed ||
		rep.Steps[0].Secondary.Kind != workouts.TargetHRZone {
		t.Errorf("repeat %+v", rep)
	}
	// Percentages are refused, located, as for targets.
	w2, _ := workouts.Parse("p.yaml", []byte("name: P\nsport: running\nsteps:\n  - run: until hr below 70%\n"))
	r2, _ := workouts.Resolve(w2, workouts.ResolveOptions{})
	if _, _, err := Encode(r2, encode.Options{}); err == nil || !strings.Contains(err.Error(), "p.yaml:4:5: until hr below 70% of max: Connect holds heart rate conditions in bpm only") {
		t.Errorf("percent condition: %v", err)
	}
}
