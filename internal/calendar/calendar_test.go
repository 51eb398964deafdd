package calendar_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/batch"
	"github.com/workoutc/workoutc/internal/calendar"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/workouts/club"
)

var created = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// runBatch writes the batch of roster and plan, with schedules as opts
// say, into dir (a new folder when ""), and returns the folder and what
// the schedules list.
func runBatch(t testing.TB, rosterPath, planPath, dir string, opts calendar.Options) (string, batch.Summary) {
	t.Helper()
	sum, err := tryBatch(t, rosterPath, planPath, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return sum.dir, sum.Summary
}

type ranBatch struct {
	batch.Summary
	dir string
}

func tryBatch(t testing.TB, rosterPath, planPath, dir string, opts calendar.Options) (ranBatch, error) {
	t.Helper()
	data, err := os.ReadFile(planPath)
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := club.ParsePlan(planPath, data, os.ReadFile)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	f, err := os.Open(rosterPath)
	if err != nil {
		t.Fatal(err)
	}
	cl, diags, err := club.Check(plan, rosterPath, f)
	f.Close()
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	if dir == "" {
		dir = t.TempDir()
	}
	open := func() (io.ReadCloser, error) { return os.Open(rosterPath) }
	if opts.Time.IsZero() {
		opts.Time = created
	}
	sum, err := batch.RunContext(context.Background(), cl, open, batch.Options{Dir: dir, Encoders: []encode.Encoder{fitenc.Encoder{}}, Time: created, Workers: 2, Schedule: &opts})
	return ranBatch{sum, dir}, err
}

// indexRows returns, per athlete folder, the index's (date, file) rows.
func indexRows(t *testing.T, dir string) map[string][][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "index.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][][2]string{}
	for _, r := range recs[1:] {
		slug, _, _ := strings.Cut(r[3], "/")
		out[slug] = append(out[slug], [2]string{r[1], r[3]})
	}
	return out
}

// checkSchedules holds every athlete's schedule.fit to the batch: entry i
// is the athlete's i-th session from from (sorted by date), and cites the
// manufacturer, product, serial number and creation time that the file_id
// of that session's workout file holds. It returns the schedule paths.
func checkSchedules(t *testing.T, dir string, from time.Time, limit int) []string {
	t.Helper()
	var paths []string
	for slug, rows := range indexRows(t, dir) {
		var want [][2]string
		for _, r := range rows {
			if r[0] >= from.Format(time.DateOnly) {
				want = append(want, r)
			}
		}
		if len(want) > limit {
			want = want[:limit]
		}
		p := filepath.Join(dir, slug, calendar.FileName)
		paths = append(paths, p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fit, err := decoder.New(bytes.NewReader(data)).Decode()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if fid := mesgdef.NewFileId(&fit.Messages[0]); fid.Type != typedef.FileSchedules || !fid.TimeCreated.Equal(created) {
			t.Errorf("%s: file_id %+v", p, fid)
		}
		entries := fit.Messages[1:]
		if len(entries) != len(want) {
			t.Fatalf("%s: %d entries, want %d", p, len(entries), len(want))
		}
		for i, m := range entries {
			s := mesgdef.NewSchedule(&m)
			workout, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(want[i][1])))
			if err != nil {
				t.Fatal(err)
			}
			fid, err := decoder.New(bytes.NewReader(workout)).PeekFileId()
			if err != nil {
				t.Fatal(err)
			}
			if fid.Type != typedef.FileWorkout || s.SerialNumber != fid.SerialNumber || s.Manufacturer != fid.Manufacturer ||
				s.Product != fid.Product || !s.TimeCreated.Equal(fid.TimeCreated) {
				t.Errorf("%s entry %d cites %d/%d/%d/%v; %s is %v/%d/%d/%d/%v", p, i, s.Manufacturer, s.Product, s.SerialNumber, s.TimeCreated,
					want[i][1], fid.Type, fid.Manufacturer, fid.Product, fid.SerialNumber, fid.TimeCreated)
			}
			if got := s.ScheduledTime.UTC().Format(time.DateOnly); got != want[i][0] {
				t.Errorf("%s entry %d on %s, want %s (%s)", p, i, got, want[i][0], want[i][1])
			}
			if s.Type != typedef.ScheduleWorkout || s.Completed != typedef.BoolFalse {
				t.Errorf("%s entry %d: type %v completed %v", p, i, s.Type, s.Completed)
			}
		}
	}
	return paths
}

// TestClubSchedules: the golden club batch (8 weeks, 20 sessions): every
// athlete gets a schedule with every session, each citing its workout file;
// Garmin's SDK accepts them; the serials differ between athletes.
func TestClubSchedules(t *testing.T) {
	dir, bs := runBatch(t, "../../testdata/club/roster.csv", "../../testdata/plan.yaml", "", calendar.Options{})
	sum := bs.Schedule
	if bs.Schedules != 4 {
		t.Errorf("%d schedules", bs.Schedules)
	}
	if sum.Sessions != 20 || sum.Listed != 20 || sum.Cut() || sum.First.Format(time.DateOnly) != "2027-01-04" ||
		sum.Last.Format(time.DateOnly) != "2027-02-23" || !sum.Next.IsZero() {
		t.Errorf("Summary = %+v", sum)
	}
	paths := checkSchedules(t, dir, time.Time{}, 100)
	fitsdk.Require(t, paths...)
	serials := map[uint32]string{}
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		id, err := fitenc.Identify(b)
		if err != nil {
			t.Fatal(err)
		}
		if prev, dup := serials[id.SerialNumber]; dup {
			t.Errorf("%s and %s share a serial number", p, prev)
		}
		serials[id.SerialNumber] = p
	}
	// Again: the same bytes.
	before, _ := os.ReadFile(paths[0])
	runBatch(t, "../../testdata/club/roster.csv", "../../testdata/plan.yaml", dir, calendar.Options{})
	if after, _ := os.ReadFile(paths[0]); !bytes.Equal(before, after) {
		t.Error("a second run changed the schedule")
	}
}

// longPlan writes a plan of daily sessions over weeks weeks and a roster
// of two athletes.
func longPlan(t *testing.T, weeks int) (roster, plan string) {
	dir := t.TempDir()
	files := map[string]string{
		"easy.yaml":  "name: Easy\nsteps:\n  - run: 30 min\n",
		"roster.csv": "name\nAna\nBen\n",
		"plan.yaml":  fmt.Sprintf("name: Base\nstart: 2027-03-01\nweeks: %d\nsessions:\n  - workout: easy.yaml\n    days: [mon, tue, wed, thu, fri, sat, sun]\n", weeks),
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "roster.csv"), filepath.Join(dir, "plan.yaml")
}

// TestScheduleCut: 42 daily sessions; the schedule lists 30 from From and
// says where it cut.
func TestScheduleCut(t *testing.T) {
	roster, plan := longPlan(t, 6)
	dir, bs := runBatch(t, roster, plan, "", calendar.Options{})
	sum := bs.Schedule
	if !sum.Cut() || sum.Sessions != 42 || sum.Listed != 30 || sum.First.Format(time.DateOnly) != "2027-03-01" ||
		sum.Last.Format(time.DateOnly) != "2027-03-30" || sum.Next.Format(time.DateOnly) != "2027-03-31" {
		t.Errorf("Summary = %+v", sum)
	}
	checkSchedules(t, dir, time.Time{}, 30)
	// From the day it cut: the remaining 12.
	from := sum.Next
	_, bs = runBatch(t, roster, plan, dir, calendar.Options{From: from.Add(13 * time.Hour)})
	if sum := bs.Schedule; sum.Cut() || sum.Sessions != 12 || sum.Listed != 12 || sum.First.Format(time.DateOnly) != "2027-03-31" {
		t.Errorf("Summary from %v = %+v", from, sum)
	}
	if bs.Written != 0 || bs.Unchanged != 84 {
		t.Errorf("a new From rewrote workouts: %+v", bs)
	}
	fitsdk.Require(t, checkSchedules(t, dir, from, 30)...)
	// A smaller Max.
	if _, bs := runBatch(t, roster, plan, dir, calendar.Options{Max: 5}); bs.Schedule.Listed != 5 || bs.Schedule.Next.Format(time.DateOnly) != "2027-03-06" {
		t.Errorf("Max 5: %+v", bs.Schedule)
	}
	checkSchedules(t, dir, time.Time{}, 5)
}

// TestSelect: the sessions on or after From, by date (the same day in the
// order given), at most Max; none is ErrNoSessions.
func TestSelect(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse(time.DateOnly, s); return v }
	dates := []time.Time{d("2027-03-03"), d("2027-03-01"), d("2027-03-02"), d("2027-03-01"), d("2027-03-05")}
	idx, sum, err := calendar.Select(dates, calendar.Options{Max: 3})
	if err != nil || fmt.Sprint(idx) != "[1 3 2]" || sum.Sessions != 5 || sum.Listed != 3 || sum.Next != d("2027-03-03") || sum.Last != d("2027-03-02") {
		t.Errorf("Select = %v %+v %v", idx, sum, err)
	}
	idx, sum, err = calendar.Select(dates, calendar.Options{From: d("2027-03-03").Add(5 * time.Hour)})
	if err != nil || fmt.Sprint(idx) != "[0 4]" || sum.Cut() || sum.First != d("2027-03-03") {
		t.Errorf("Select from = %v %+v %v", idx, sum, err)
	}
	_, _, err = calendar.Select(dates, calendar.Options{From: d("2027-04-01")})
	if !errors.Is(err, calendar.ErrNoSessions) || !strings.Contains(err.Error(), "no session falls on or after 2027-04-01") {
		t.Errorf("late From: %v", err)
	}
	if _, _, err := calendar.Select(nil, calendar.Options{}); !errors.Is(err, calendar.ErrNoSessions) {
		t.Errorf("no dates: %v", err)
	}
}

// TestScheduleErrors: a From after every session, or no FIT format, is
// refused before anything is written.
func TestScheduleErrors(t *testing.T) {
	roster, plan := longPlan(t, 1)
	dir := filepath.Join(t.TempDir(), "out")
	_, err := tryBatch(t, roster, plan, dir, calendar.Options{From: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, calendar.ErrNoSessions) {
		t.Errorf("late From: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused run made %s: %v", dir, err)
	}
	if _, err := calendar.Encode("ana", nil, calendar.Options{}); err == nil {
		t.Error("Encode of no entries: no error")
	}
}

func ExampleSelect() {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	// The days of an athlete's FIT workouts, as the plan has them.
	dates := []time.Time{day("2027-01-04"), day("2027-01-05"), day("2027-01-07"), day("2027-01-11")}
	idx, sum, err := calendar.Select(dates, calendar.Options{From: day("2027-01-05"), Max: 2})
	fmt.Println(idx, sum.Listed, sum.Sessions, sum.Cut(), sum.Next.Format(time.DateOnly), err)
	// Output: [1 2] 2 3 true 2027-01-11 <nil>
}
