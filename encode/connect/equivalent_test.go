package connect

import (
	"strings"
	"testing"
)

// equivalent ignores what Connect changes (numbering, nulls, floats, key
// order) and sees every change of the workout.
func TestEquivalent(t *testing.T) {
	a := `{"workoutName": "X", "sportType": {"sportTypeId": 1}, "workoutSegments": [{"workoutSteps": [
	 {"type": "ExecutableStepDTO", "stepId": 1, "stepOrder": 1, "stepType": {"stepTypeId": 3},
	  "endCondition": {"conditionTypeId": 2}, "endConditionValue": 60,
	  "targetType": {"workoutTargetTypeId": 6}, "targetValueOne": 3.5, "targetValueTwo": 4}]}]}`
	stored := `{"workoutId": 9, "workoutName": "X", "description": null, "sportType": {"sportTypeId": 1.0, "displayOrder": 1},
	 "workoutSegments": [{"segmentOrder": 1, "workoutSteps": [
	 {"stepOrder": 1.0, "stepId": 12368371258, "childStepId": null, "type": "ExecutableStepDTO", "stepType": {"stepTypeId": 3, "stepTypeKey": "interval"},
	  "endCondition": {"conditionTypeId": 2.0}, "endConditionValue": 60.0, "category": null,
	  "targetType": {"workoutTargetTypeId": 6.0}, "targetValueOne": 4.0, "targetValueTwo": 3.5}]}]}`
	if same, err := equivalent([]byte(a), []byte(stored)); err != nil || !same {
		t.Errorf("a request and its stored form: %v %v", same, err)
	}
	for _, change := range [][2]string{
		{`"endConditionValue": 60,`, `"endConditionValue": 61,`},
		{`"stepTypeId": 3}`, `"stepTypeId": 4}`},
		{`"targetValueTwo": 4}`, `"targetValueTwo": 4.5}`},
		{`"workoutName": "X"`, `"workoutName": "Y"`},
		{`"sportTypeId": 1}`, `"sportTypeId": 2}`},
		{`"conditionTypeId": 2}`, `"conditionTypeId": 3}`},
	} {
		b := strings.Replace(a, change[0], change[1], 1)
		if b == a {
			t.Fatalf("%v does not apply", change)
		}
		if same, err := equivalent([]byte(b), []byte(stored)); err != nil || same {
			t.Errorf("%v: still equivalent (%v)", change, err)
		}
	}
	if _, err := equivalent([]byte(`[]`), []byte(a)); err == nil {
		t.Error("an array is equivalent to something")
	}
}
