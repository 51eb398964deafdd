package club_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/workoutc/workoutc/workouts/club"
)

// A plan names its workouts relative to itself; ParsePlan reads them and
// expands the sessions into dated jobs.
func ExampleParsePlan() {
	data, _ := os.ReadFile("../../testdata/plan.yaml")
	plan, diags := club.ParsePlan("../../testdata/plan.yaml", data, os.ReadFile)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	for _, j := range plan.Jobs()[9:13] {
		fmt.Printf("week %d %s reps %d load %v%%\n", j.Week, j.Base, j.Reps, j.LoadPercent)
	}
	// Output:
	// week 4 2027-01-25-runner-strength-circuit reps 0 load 90%
	// week 4 2027-01-26-hill-repeats reps 4 load 100%
	// week 4 2027-01-28-runner-strength-circuit reps 0 load 90%
	// week 5 2027-02-01-runner-strength-circuit reps 0 load 80%
}

// Check reads the roster once, reports every problem at its cell, and
// gives each athlete a unique folder; Members hands the athletes out.
func ExampleCheck() {
	data, _ := os.ReadFile("../../testdata/plan.yaml")
	plan, _ := club.ParsePlan("../../testdata/plan.yaml", data, os.ReadFile)
	roster := "name,units,pace.easy,load.medium,load.heavy\n" +
		"Sam Rivera,imperial,9:30-10:30 /mi,15 lb,25 lb\n" +
		"Sam Rivera,metric,5:30-6:00 /km,7 kg,11 kg\n" +
		"Ana Souza,metric,,6 kg,10 kg\n"
	_, diags, _ := club.Check(plan, "roster.csv", strings.NewReader(roster))
	fmt.Println(diags)

	roster = strings.ReplaceAll(roster, "metric,,", "metric,5:45-6:20 /km,")
	c, diags, _ := club.Check(plan, "roster.csv", strings.NewReader(roster))
	fmt.Println(diags)
	c.Members(strings.NewReader(roster), func(m club.Member) error {
		fmt.Println(m.Index, m.Slug, m.Athlete.Units, m.Athlete.Loads["heavy"].Value)
		return nil
	})
	// Output:
	// roster.csv:4:18: Ana Souza has no pace.easy, which ../../testdata/hill-repeats.yaml:8:13 needs
	// roster.csv:3:1: warning: Sam Rivera asks for the same folder as the athlete on line 2; this row's files go to folder sam-rivera-2
	// 0 sam-rivera imperial 25
	// 1 sam-rivera-2 metric 11
	// 2 ana-souza metric 10
}
