package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	fitenc "github.com/workoutc/workoutc/encode/fit"
)

// TestBatchScheduleSerials runs "batch --schedule" on the golden club and
// checks every entry of every athlete's schedule.fit against the workout
// file the index lists for that athlete and day: same serial number,
// manufacturer, product and creation time, and the same day.
func TestBatchScheduleSerials(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1767225600" // 2026-01-01
		}
		return ""
	}
	code := run([]string{"workoutc", "batch", "--roster", "../../testdata/club/roster.csv", "--plan", "../../testdata/plan.yaml",
		"-o", out, "--schedule", "-q"}, nil, &stdout, &stderr, getenv)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(filepath.Join(out, "index.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	byAthlete := map[string][][]string{}
	for _, r := range rows[1:] {
		slug, _, _ := strings.Cut(r[3], "/")
		byAthlete[slug] = append(byAthlete[slug], r)
	}
	if len(byAthlete) != 4 {
		t.Fatalf("%d athletes in the index", len(byAthlete))
	}
	checked := 0
	for slug, sessions := range byAthlete {
		data, err := os.ReadFile(filepath.Join(out, slug, "schedule.fit"))
		if err != nil {
			t.Fatal(err)
		}
		fit, err := decoder.New(bytes.NewReader(data)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		var entries []*mesgdef.Schedule
		for i := range fit.Messages {
			if fit.Messages[i].Num == typedef.MesgNumSchedule {
				entries = append(entries, mesgdef.NewSchedule(&fit.Messages[i]))
			}
		}
		if len(entries) != len(sessions) {
			t.Fatalf("%s: %d schedule entries for %d sessions", slug, len(entries), len(sessions))
		}
		for i, s := range entries {
			date, file := sessions[i][1], sessions[i][3]
			w, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
			if err != nil {
				t.Fatal(err)
			}
			id, err := fitenc.Identify(w)
			if err != nil {
				t.Fatal(err)
			}
			if s.SerialNumber != id.SerialNumber || uint16(s.Manufacturer) != id.Manufacturer || s.Product != id.Product ||
				!s.TimeCreated.Equal(id.TimeCreated) || id.Type != fitenc.FileTypeWorkout {
				t.Errorf("%s entry %d (serial %d) does not cite %s (serial %d)", slug, i, s.SerialNumber, file, id.SerialNumber)
			}
			if got := s.ScheduledTime.UTC().Format(time.DateOnly); got != date {
				t.Errorf("%s entry %d on %s, the index says %s", slug, i, got, date)
			}
			checked++
		}
	}
	if checked != 80 {
		t.Errorf("checked %d entries, want 4 athletes × 20 sessions", checked)
	}
}
