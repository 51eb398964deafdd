// Package calendar puts a club batch on each athlete's watch calendar: a
// FIT schedules file, DIR/<athlete>/schedule.fit, that lists the athlete's
// upcoming sessions, each citing the file_id of its workout file in the
// same folder.
//
// It works on what the batch computed, never on files read back from
// disk: Select picks the sessions from the plan's dates, and Encode turns
// the identities the FIT encoder gave the workout files (see
// fit.EncodeIdentity) into the schedule's bytes. Package internal/batch calls
// both for every athlete and writes the schedules with the workouts, in
// the same commit.
//
// Watches show about 30 upcoming scheduled workouts and drop the rest
// (jpickup/GarminTools#26): a schedule lists at most Options.Max sessions
// from Options.From, and Summary says where it cut.
package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
)

// FileName is the schedule file in each athlete folder.
const FileName = "schedule.fit"

// DefaultMax is how many sessions a schedule lists unless told otherwise:
// about what a watch shows.
const DefaultMax = 30

// ErrNoSessions: no session of the batch falls on or after Options.From.
var ErrNoSessions = errors.New("no sessions to schedule")

// Options say what the schedules list.
type Options struct {
	// From is the first day listed (its year, month and day); the zero
	// Time lists from the earliest session.
	From time.Time
	// Max is the most sessions a schedule lists; 0 means DefaultMax.
	Max int
	// Time is the schedule files' creation time; the zero Time means
	// encode.DefaultTime.
	Time time.Time
}

// Summary is what the schedules list.
type Summary struct {
	// Sessions is how many sessions fall on or after From, and Listed how
	// many a schedule lists (Listed < Sessions: it was cut).
	Sessions, Listed int
	// First and Last are the first and last day listed; Next is the first
	// day left out (zero when nothing was cut).
	First, Last, Next time.Time
}

// Cut reports whether some sessions were left out.
func (s Summary) Cut() bool { return s.Listed < s.Sessions }

// Select picks the sessions a schedule lists among dates (the days of an
// athlete's FIT workouts, in any order): the indices into dates of those
// on or after opts.From, in order of date (the same day keeps the order of
// dates), at most opts.Max of them. With none it returns an error that
// wraps ErrNoSessions.
func Select(dates []time.Time, opts Options) ([]int, Summary, error) {
	limit := opts.Max
	if limit <= 0 {
		limit = DefaultMax
	}
	from := dayOf(opts.From)
	var idx []int
	for i, d := range dates {
		if from.IsZero() || !dayOf(d).Before(from) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		if from.IsZero() {
			return nil, Summary{}, fmt.Errorf("%w: the batch has no FIT workout files", ErrNoSessions)
		}
		return nil, Summary{}, fmt.Errorf("%w: no session falls on or after %s", ErrNoSessions, from.Format(time.DateOnly))
	}
	slices.SortStableFunc(idx, func(a, b int) int { return dayOf(dates[a]).Compare(dayOf(dates[b])) })
	sum := Summary{Sessions: len(idx)}
	if len(idx) > limit {
		sum.Next = dayOf(dates[idx[limit]])
		idx = idx[:limit]
	}
	sum.Listed = len(idx)
	sum.First, sum.Last = dayOf(dates[idx[0]]), dayOf(dates[idx[len(idx)-1]])
	return idx, sum, nil
}

// Encode returns the schedules file of the athlete folder folder: entries
// are the sessions Select picked, each with the identity of its workout
// file. The same entries give the same bytes (the serial number is
// derived from them and the folder).
func Encode(folder string, entries []fitenc.ScheduledWorkout, opts Options) ([]byte, error) {
	b, err := fitenc.EncodeSchedule(entries, encode.Options{Time: opts.Time, Salt: "schedule/" + folder})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", folder, err)
	}
	return b, nil
}

// dayOf is t's calendar day at 00:00 UTC; the zero Time stays zero.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
