package calendar_test

import (
	"bytes"
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
	"github.com/workoutc/workoutc/encode/batch"
	"github.com/workoutc/workoutc/encode/calendar"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/fitsdk"
	"github.com/workoutc/workoutc/workouts/club"
)

var created = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// runBatch writes the batch of roster and plan into a new folder.
func runBatch(t testing.TB, rosterPath, planPath string) string {
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
	dir := t.TempDir()
	open := func() (io.ReadCloser, error) { return os.Open(rosterPath) }
	if _, err := batch.Run(cl, open, batch.Options{Dir: dir, Encoders: []encode.Encoder{fitenc.Encoder{}}, Time: created, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	return dir
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
	dir := runBatch(t, "../../testdata/club/roster.csv", "../../testdata/plan.yaml")
	sum, err := calendar.Write(dir, calendar.Options{Time: created})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sum.Files) != "[sam-rivera/schedule.fit ana-souza/schedule.fit o-brien-zoe/schedule.fit sam-rivera-2/schedule.fit]" {
		t.Errorf("Files = %v", sum.Files)
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
	if _, err := calendar.Write(dir, calendar.Options{Time: created}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(paths[0]); !bytes.Equal(before, after) {
		t.Error("a second Write changed the schedule")
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
	dir := runBatch(t, roster, plan)
	sum, err := calendar.Write(dir, calendar.Options{Time: created})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Cut() || sum.Sessions != 42 || sum.Listed != 30 || sum.First.Format(time.DateOnly) != "2027-03-01" ||
		sum.Last.Format(time.DateOnly) != "2027-03-30" || sum.Next.Format(time.DateOnly) != "2027-03-31" {
		t.Errorf("Summary = %+v", sum)
	}
	checkSchedules(t, dir, time.Time{}, 30)
	// From the day it cut: the remaining 12.
	from := sum.Next
	sum, err = calendar.Write(dir, calendar.Options{From: from.Add(13 * time.Hour), Time: created})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Cut() || sum.Sessions != 12 || sum.Listed != 12 || sum.First.Format(time.DateOnly) != "2027-03-31" {
		t.Errorf("Summary from %v = %+v", from, sum)
	}
	fitsdk.Require(t, checkSchedules(t, dir, from, 30)...)
	// A smaller Max.
	if sum, _ := calendar.Write(dir, calendar.Options{Max: 5, Time: created}); sum.Listed != 5 || sum.Next.Format(time.DateOnly) != "2027-03-06" {
		t.Errorf("Max 5: %+v", sum)
	}
}

func TestWriteErrors(t *testing.T) {
	roster, plan := longPlan(t, 1)
	dir := runBatch(t, roster, plan)
	before, _ := os.ReadFile(filepath.Join(dir, "ana", calendar.FileName))
	_, err := calendar.Write(dir, calendar.Options{From: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, calendar.ErrNoSessions) || !strings.Contains(err.Error(), "no session falls on or after 2027-04-01") {
		t.Errorf("late From: %v", err)
	}
	if _, err := calendar.Write(t.TempDir(), calendar.Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no index: %v", err)
	}
	// A workout file gone or damaged: an error, and no schedule written.
	os.Remove(filepath.Join(dir, "ben", "2027-03-03-easy.fit"))
	_, err = calendar.Write(dir, calendar.Options{})
	if err == nil || !strings.Contains(err.Error(), "2027-03-03-easy.fit (listed in ") {
		t.Errorf("missing workout: %v", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "ana", calendar.FileName)); !bytes.Equal(before, after) {
		t.Error("a failed Write wrote a schedule")
	}
	os.WriteFile(filepath.Join(dir, "ben", "2027-03-03-easy.fit"), []byte("not fit"), 0o644)
	if _, err = calendar.Write(dir, calendar.Options{}); err == nil || !strings.Contains(err.Error(), "not a FIT file") {
		t.Errorf("damaged workout: %v", err)
	}
	for name, index := range map[string]string{
		"header": "name,when\nAna,2027-03-01\n",
		"escape": "athlete,date,workout,file\nAna,2027-03-01,Easy,../x/2027-03-01-easy.fit\n",
		"date":   "athlete,date,workout,file\nAna,March 1,Easy,ana/2027-03-01-easy.fit\n",
	} {
		d := t.TempDir()
		os.WriteFile(filepath.Join(d, "index.csv"), []byte(index), 0o644)
		if _, err := calendar.Write(d, calendar.Options{}); err == nil || errors.Is(err, calendar.ErrNoSessions) {
			t.Errorf("bad index (%s): %v", name, err)
		}
	}
	d := t.TempDir()
	os.WriteFile(filepath.Join(d, "index.csv"), []byte("athlete,date,workout,file\nAna,2027-03-01,Easy,ana/2027-03-01-easy.tcx\n"), 0o644)
	if _, err := calendar.Write(d, calendar.Options{}); !errors.Is(err, calendar.ErrNoSessions) {
		t.Errorf("TCX only: %v", err)
	}
}

func ExampleWrite() {
	// dir holds a batch: index.csv and DIR/<athlete>/<date>-<workout>.fit.
	dir := "out"
	sum, err := calendar.Write(dir, calendar.Options{From: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sum.Files, sum.Listed, sum.Cut())
}
