package tcx_test

import (
	"fmt"
	"os"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts"
)

// Encode a workout definition as TCX: the step named "Walk or slow jog"
// (16 characters) gets a 15-character name and a warning, and its full
// name goes into the workout notes.
func ExampleEncode() {
	src := `name: Hills
steps:
  - repeat: 4
    steps:
      - run: 2 min
        name: Uphill
      - recover: 1 min
        name: Walk or slow jog
`
	w, _ := workouts.Parse("hills.yaml", []byte(src))
	r, _ := workouts.Resolve(w, workouts.ResolveOptions{})
	b, warnings, err := tcx.Encode(r, encode.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range warnings {
		fmt.Println(d)
	}
	os.Stdout.Write(b)
	// Output:
	// hills.yaml:7:9: warning: step name "Walk or slow jog" is 16 characters; TCX names hold at most 15, written as "Walk/slow jog" (the full name is in the workout notes)
	// <?xml version="1.0" encoding="UTF-8"?>
	// <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd">
	//   <Workouts>
	//     <Workout Sport="Running">
	//       <Name>Hills</Name>
	//       <Step xsi:type="Repeat_t">
	//         <StepId>3</StepId>
	//         <Repetitions>4</Repetitions>
	//         <Child xsi:type="Step_t">
	//           <StepId>1</StepId>
	//           <Name>Uphill</Name>
	//           <Duration xsi:type="Time_t">
	//             <Seconds>120</Seconds>
	//           </Duration>
	//           <Intensity>Active</Intensity>
	//           <Target xsi:type="None_t"></Target>
	//         </Child>
	//         <Child xsi:type="Step_t">
	//           <StepId>2</StepId>
	//           <Name>Walk/slow jog</Name>
	//           <Duration xsi:type="Time_t">
	//             <Seconds>60</Seconds>
	//           </Duration>
	//           <Intensity>Resting</Intensity>
	//           <Target xsi:type="None_t"></Target>
	//         </Child>
	//       </Step>
	//       <Notes>2. Walk/slow jog = Walk or slow jog</Notes>
	//     </Workout>
	//   </Workouts>
	// </TrainingCenterDatabase>
}

// DecodeFile reads a TCX workout, from any tool, into the workout model.
func ExampleDecodeFile() {
	data := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Workouts>
    <Workout Sport="Biking">
      <Name>Tempo intervals</Name>
      <Step xsi:type="Repeat_t">
        <StepId>1</StepId>
        <Repetitions>3</Repetitions>
        <Child xsi:type="Step_t">
          <StepId>2</StepId>
          <Name>Tempo</Name>
          <Duration xsi:type="Time_t"><Seconds>600</Seconds></Duration>
          <Intensity>Active</Intensity>
          <Target xsi:type="HeartRate_t">
            <HeartRateZone xsi:type="PredefinedHeartRateZone_t"><Number>3</Number></HeartRateZone>
          </Target>
        </Child>
        <Child xsi:type="Step_t">
          <StepId>3</StepId>
          <Duration xsi:type="UserInitiated_t"/>
          <Intensity>Resting</Intensity>
          <Target xsi:type="None_t"/>
        </Child>
      </Step>
    </Workout>
  </Workouts>
</TrainingCenterDatabase>
`)
	w, warnings, err := tcx.DecodeFile("tempo.tcx", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.Name, w.Sport, len(warnings), "warnings")
	rep := w.Steps[0]
	fmt.Println(rep.Kind, rep.Count)
	for _, s := range rep.Steps {
		fmt.Println(" ", s.Kind, s.Name, s.Duration.Seconds, s.Target.Zone)
	}
	// Output:
	// Tempo intervals cycling 0 warnings
	// repeat 3
	//   run Tempo 600 3
	//   recover  0 0
}
