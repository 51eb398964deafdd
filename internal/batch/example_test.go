package batch_test

import (
	"fmt"
	"os"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/batch"
	"github.com/workoutc/workoutc/workouts/club"
)

// Compile gives one member's planned files without writing them, each with
// its FIT identity: what a FIT schedules file (fitenc.EncodeSchedule)
// cites to put the workouts on the watch's calendar. The serial numbers
// are of the member's block, worked out once for the club.
func ExampleCompile() {
	data, _ := os.ReadFile("../../testdata/plan.yaml")
	plan, _ := club.ParsePlan("../../testdata/plan.yaml", data, os.ReadFile)
	f, _ := os.Open("../../testdata/club/roster.csv")
	c, _, _ := club.Check(plan, "roster.csv", f)
	f.Close()

	serials, err := batch.NewSerials(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	f, _ = os.Open("../../testdata/club/roster.csv")
	defer f.Close()
	c.Members(f, func(m club.Member) error {
		if m.Index != 1 {
			return nil
		}
		opts := batch.Options{Encoders: []encode.Encoder{fitenc.Encoder{}}, Serials: serials}
		entries, _, err := batch.Compile(c, m, opts)
		if err != nil {
			return err
		}
		first, last := serials.Block(m.Index)
		fmt.Printf("%s: serial numbers %#08x to %#08x\n", m.Slug, first, last)
		var sched []fitenc.ScheduledWorkout
		for _, e := range entries[:3] {
			fmt.Printf("%s %#08x\n", e.Path, e.Identity.SerialNumber)
			sched = append(sched, fitenc.ScheduledWorkout{Workout: e.Identity, Date: e.Job.Date})
		}
		b, err := fitenc.EncodeSchedule(sched, encode.Options{Salt: m.Slug})
		fmt.Println(len(b) > 0, err)
		return nil
	})
	// Output:
	// ana-souza: serial numbers 0xc8500000 to 0xc8503fff
	// ana-souza/2027-01-04-runner-strength-circuit.fit 0xc8502d31
	// ana-souza/2027-01-05-hill-repeats.fit 0xc8500bf9
	// ana-souza/2027-01-07-runner-strength-circuit.fit 0xc8501aa8
	// true <nil>
}
