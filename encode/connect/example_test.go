package connect_test

import (
	"bytes"
	"fmt"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/connect"
	"github.com/workoutc/workoutc/workouts"
)

func ExampleEncode() {
	src := []byte(`name: Tempo
sport: running
steps:
  - warmup: 10 min
  - run: 20 min
    target: hr zone 3
`)
	w, diags := workouts.Parse("tempo.yaml", src)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	r, _ := workouts.Resolve(w, workouts.ResolveOptions{})
	body, warns, err := connect.Encode(r, encode.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(warns), "warnings")
	fmt.Print(string(body[:bytes.Index(body, []byte("["))+1]), "\n")
	// Output:
	// 0 warnings
	// {
	//   "workoutName": "Tempo",
	//   "sportType": {
	//     "sportTypeId": 1,
	//     "sportTypeKey": "running"
	//   },
	//   "workoutSegments": [
}

func ExampleDecode() {
	reply := []byte(`{"workoutId": 1, "workoutName": "Easy", "sportType": {"sportTypeId": 1.0},
  "workoutSegments": [{"workoutSteps": [
    {"type": "ExecutableStepDTO", "stepType": {"stepTypeId": 3.0},
     "endCondition": {"conditionTypeId": 2.0}, "endConditionValue": 1800.0,
     "targetType": {"workoutTargetTypeId": 4.0}, "zoneNumber": 2.0}]}]}`)
	w, warns, err := connect.Decode(reply)
	if err != nil {
		fmt.Println(err)
		return
	}
	yaml, _ := workouts.Format(w)
	fmt.Println(len(warns), "warnings")
	fmt.Print(string(yaml))
	// Output:
	// 0 warnings
	// name: Easy
	// sport: running
	// steps:
	//   - run: 30 min
	//     target: hr zone 2
}

func ExampleIsJSON() {
	fmt.Println(connect.IsJSON([]byte(" {\"workoutName\": \"x\"}")), connect.IsJSON([]byte("<?xml")))
	// Output: true false
}
