package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/internal/batch"
	"github.com/workoutc/workoutc/internal/calendar"
	"github.com/workoutc/workoutc/workouts/club"
)

// scheduleFrom reads batch's --from; the zero Time when not given.
func scheduleFrom(c *cli.Context) (time.Time, error) {
	if c.IsSet("from") && !c.Bool("schedule") {
		return time.Time{}, usageErrorf("--from says where the schedule starts: give it with --schedule")
	}
	d, err := dateFlag(c, "from", time.Time{})
	if err != nil {
		return time.Time{}, usageErrorf("--from %q is not a date (YYYY-MM-DD, e.g. 2027-01-04)", c.String("from"))
	}
	return d, nil
}

// checkScheduleFrom refuses, before anything is written, a --from after
// the plan's last session.
func checkScheduleFrom(plan *club.Plan, from time.Time) error {
	jobs := plan.Jobs()
	if len(jobs) == 0 {
		return nil
	}
	last := slices.MaxFunc(jobs, func(a, b club.Job) int { return a.Date.Compare(b.Date) }).Date
	if from.After(last) {
		return &exitError{code: exitInput, msg: fmt.Sprintf("--from %s is after the plan's last session (%s); nothing to schedule",
			from.Format(time.DateOnly), last.Format(time.DateOnly))}
	}
	return nil
}

// scheduleLines says what the schedules a batch wrote list, and where
// they were cut (the warning also with -q).
func (e *env) scheduleLines(sum batch.Summary, from time.Time, quiet bool) {
	s := sum.Schedule
	if !quiet {
		fmt.Fprintf(e.stdout, "schedule: wrote <athlete>/%s for %d athletes: %d sessions from %s to %s\n",
			calendar.FileName, sum.Schedules, s.Listed, s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly))
	}
	if s.Cut() {
		fmt.Fprintf(e.stderr, "workoutc: warning: the schedules list the first %d of %d sessions from %s, as watches show about %d upcoming entries; "+
			"for the rest, run batch --schedule --from %s later and push the new %s\n",
			s.Listed, s.Sessions, from.Format(time.DateOnly), calendar.DefaultMax, s.Next.Format(time.DateOnly), calendar.FileName)
	}
}
