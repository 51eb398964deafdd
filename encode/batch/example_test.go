package batch_test

import (
	"fmt"
	"os"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/batch"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts/club"
)

// Compile gives one member's planned files without writing them, each with
// its FIT identity: what a FIT schedules file (fitenc.EncodeSchedule)
// cites to put the workouts on the watch's calendar.
func ExampleCompile() {
	data, _ := os.ReadFile("../../testdata/club/plan.yaml")
	plan, _ := club.ParsePlan("../../testdata/club/plan.yaml", data, os.ReadFile)
	f, _ := os.Open("../../testdata/club/roster.csv")
	c, _, _ := club.Check(plan, "roster.csv", f)
	f.Close()

	f, _ = os.Open("../../testdata/club/roster.csv")
	defer f.Close()
	c.Members(f, func(m club.Member) error {
		if m.Index != 1 {
			return nil
		}
		entries, _, err := batch.Compile(c, m, batch.Options{Encoders: []encode.Encoder{fitenc.Encoder{}}})
		if err != nil {
			return err
		}
		var sched []fitenc.ScheduledWorkout
		for _, e := range entries[:3] {
			fmt.Println(e.Path, e.Identity.SerialNumber)
			sched = append(sched, fitenc.ScheduledWorkout{Workout: e.Identity, Date: e.Job.Date})
		}
		b, err := fitenc.EncodeSchedule(sched, encode.Options{Salt: m.Slug})
		fmt.Println(len(b) > 0, err)
		return nil
	})
	// Output:
	// ana-souza/2027-01-04-runner-strength-circuit.fit 278195505
	// ana-souza/2027-01-05-hill-repeats.fit 1377750009
	// ana-souza/2027-01-07-runner-strength-circuit.fit 1719638696
	// true <nil>
}
