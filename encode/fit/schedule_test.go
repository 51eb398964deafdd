package fit_test

import (
	"bytes"
	"fmt"
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
	"github.com/workoutc/workoutc/internal/testkit/fitdump"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// testSchedule encodes the hill and circuit workouts and a schedule that
// puts them on three days of January 2027, out of order on purpose.
func testSchedule(t testing.TB) (hill, circuit, schedule []byte) {
	t.Helper()
	hill = mustEncode(t, hillWorkout())
	circuit = mustEncode(t, circuitWorkout())
	hid, err := fitenc.Identify(hill)
	if err != nil {
		t.Fatal(err)
	}
	cid, err := fitenc.Identify(circuit)
	if err != nil {
		t.Fatal(err)
	}
	schedule, err = fitenc.EncodeSchedule([]fitenc.ScheduledWorkout{
		{Workout: hid, Date: day(2027, 1, 5)},
		{Workout: cid, Date: day(2027, 1, 4)},
		{Workout: cid, Date: day(2027, 1, 7)},
	}, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	return hill, circuit, schedule
}

// TestScheduleGolden keeps the text dump of a schedule in testdata, to
// review beside the code. Run with -update after a deliberate change.
func TestScheduleGolden(t *testing.T) {
	_, _, b := testSchedule(t)
	got := dump(t, b)
	path := filepath.Join("testdata", "schedule.fit.txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("Dump differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

// TestScheduleFields decodes the schedule and holds every entry to the
// file_id of the workout it names, and to its day.
func TestScheduleFields(t *testing.T) {
	hill, circuit, b := testSchedule(t)
	ids := map[string]*mesgdef.FileId{}
	for name, w := range map[string][]byte{"hill": hill, "circuit": circuit} {
		fid, err := decoder.New(bytes.NewReader(w)).PeekFileId()
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = fid
	}
	fit := decodeMuktihari(t, b)
	if len(fit.Messages) != 4 {
		t.Fatalf("%d messages, want file_id and 3 schedules", len(fit.Messages))
	}
	fid := mesgdef.NewFileId(&fit.Messages[0])
	if fid.Type != typedef.FileSchedules || fid.Manufacturer != typedef.ManufacturerDevelopment || fid.Product != 0 ||
		fid.SerialNumber == 0 || !fid.TimeCreated.Equal(testOpts.Time) {
		t.Errorf("file_id = %+v", fid)
	}
	want := []struct {
		workout string
		day     time.Time
	}{{"circuit", day(2027, 1, 4)}, {"hill", day(2027, 1, 5)}, {"circuit", day(2027, 1, 7)}}
	for i, w := range want {
		m := &fit.Messages[1+i]
		if m.Num != typedef.MesgNumSchedule {
			t.Fatalf("message %d is %v, want schedule", 1+i, m.Num)
		}
		s := mesgdef.NewSchedule(m)
		id := ids[w.workout]
		if s.Manufacturer != id.Manufacturer || s.Product != id.Product || s.SerialNumber != id.SerialNumber ||
			!s.TimeCreated.Equal(id.TimeCreated) {
			t.Errorf("schedule %d cites %v/%d/%d/%v, the %s file is %v/%d/%d/%v", i, s.Manufacturer, s.Product, s.SerialNumber,
				s.TimeCreated, w.workout, id.Manufacturer, id.Product, id.SerialNumber, id.TimeCreated)
		}
		if !s.ScheduledTime.Equal(w.day) {
			t.Errorf("schedule %d on %v, want %v", i, s.ScheduledTime, w.day)
		}
		if s.Type != typedef.ScheduleWorkout || s.Completed != typedef.BoolFalse {
			t.Errorf("schedule %d: type %v, completed %v", i, s.Type, s.Completed)
		}
	}
	// DecodeSchedule reads back what EncodeSchedule wrote.
	got, err := fitenc.DecodeSchedule(b)
	if err != nil || len(got) != 3 {
		t.Fatalf("DecodeSchedule = %v, %v", got, err)
	}
	for i, w := range want {
		hid, _ := fitenc.Identify(map[string][]byte{"hill": hill, "circuit": circuit}[w.workout])
		if got[i].Workout != hid || !got[i].Date.Equal(w.day) {
			t.Errorf("DecodeSchedule entry %d = %+v, want %+v on %v", i, got[i], hid, w.day)
		}
	}
	if _, err := fitenc.DecodeSchedule(hill); err == nil || !strings.Contains(err.Error(), "a FIT workout file, not a schedule") {
		t.Errorf("DecodeSchedule(workout) error %v", err)
	}
	if ids["hill"].SerialNumber == ids["circuit"].SerialNumber {
		t.Error("two workouts share a serial number: a schedule could not tell them apart")
	}
}

// TestScheduleSDK: Garmin's FIT SDK accepts the schedule (serial numbers,
// type workout, scheduled_time present) and reads back the serials.
func TestScheduleSDK(t *testing.T) {
	hill, circuit, b := testSchedule(t)
	dir := t.TempDir()
	files := map[string][]byte{"hill.fit": hill, "circuit.fit": circuit, "schedule.fit": b}
	var paths []string
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	fitsdk.Require(t, paths...)
	res, err := fitsdk.Check(filepath.Join(dir, "schedule.fit"))
	if err != nil {
		t.Fatal(err)
	}
	sum := res[0].Summary
	hid, _ := fitenc.Identify(hill)
	cid, _ := fitenc.Identify(circuit)
	wantSerials := fmt.Sprint([]any{float64(cid.SerialNumber), float64(hid.SerialNumber), float64(cid.SerialNumber)})
	if sum["type"] != "schedules" || sum["schedules"] != 3.0 || fmt.Sprint(sum["scheduledSerials"]) != wantSerials {
		t.Errorf("SDK summary %v, want type schedules, 3 schedules, serials %s", sum, wantSerials)
	}
	if len(res[0].Warnings) > 0 {
		t.Errorf("SDK warnings: %q", res[0].Warnings)
	}
}

// TestScheduleDeterministic: the same entries give the same bytes; another
// salt, another day or another workout gives another file serial.
func TestScheduleDeterministic(t *testing.T) {
	id := fitenc.FileIdentity{Type: fitenc.FileTypeWorkout, Manufacturer: 255, SerialNumber: 42, TimeCreated: testOpts.Time}
	enc := func(d time.Time, serial uint32, salt string) []byte {
		t.Helper()
		w := id
		w.SerialNumber = serial
		b, err := fitenc.EncodeSchedule([]fitenc.ScheduledWorkout{{Workout: w, Date: d}}, encode.Options{Time: testOpts.Time, Salt: salt})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	serial := func(b []byte) uint32 {
		got, err := fitenc.Identify(b)
		if err != nil {
			t.Fatal(err)
		}
		return got.SerialNumber
	}
	a := enc(day(2027, 1, 4), 42, "")
	if !bytes.Equal(a, enc(day(2027, 1, 4), 42, "")) {
		t.Fatal("two encodes of the same schedule differ")
	}
	// A date in another time zone counts by its own calendar day.
	tokyo := time.FixedZone("JST", 9*3600)
	if !bytes.Equal(a, enc(time.Date(2027, 1, 4, 8, 0, 0, 0, tokyo), 42, "")) {
		t.Error("the time of day or the zone of a date changed the file")
	}
	seen := map[uint32]string{serial(a): "base"}
	for name, b := range map[string][]byte{
		"salt":   enc(day(2027, 1, 4), 42, "sam"),
		"day":    enc(day(2027, 1, 5), 42, ""),
		"serial": enc(day(2027, 1, 4), 43, ""),
	} {
		s := serial(b)
		if prev, dup := seen[s]; dup {
			t.Errorf("%s change kept the serial of %s", name, prev)
		}
		seen[s] = name
	}
	// Without SOURCE_DATE_EPOCH the creation time is the default.
	b, err := fitenc.EncodeSchedule([]fitenc.ScheduledWorkout{{Workout: id, Date: day(2027, 1, 4)}}, encode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := fitenc.Identify(b); !got.TimeCreated.Equal(encode.DefaultTime) || got.Type != fitenc.FileTypeSchedules {
		t.Errorf("identity %+v, want type schedules created %v", got, encode.DefaultTime)
	}
}

// TestScheduleWithoutTimeCreated: a workout whose file_id has no
// time_created is cited without one too.
func TestScheduleWithoutTimeCreated(t *testing.T) {
	id := fitenc.FileIdentity{Type: fitenc.FileTypeWorkout, Manufacturer: 1, Product: 65534, SerialNumber: 7}
	b, err := fitenc.EncodeSchedule([]fitenc.ScheduledWorkout{{Workout: id, Date: day(2027, 2, 1)}}, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	got := dump(t, b)
	for _, want := range []string{"  manufacturer: 1 (garmin)\n  product: 65534 (connect)\n  serial_number: 7 (0x00000007)\n  completed: 0 (false)\n",
		"scheduled_time: 1170374400 (2027-02-01 local)"} {
		if !strings.Contains(got, want) {
			t.Errorf("dump lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "time_created") != 1 {
		t.Errorf("the schedule entry has a time_created the workout lacks:\n%s", got)
	}
}

func TestScheduleErrors(t *testing.T) {
	good := fitenc.FileIdentity{Type: fitenc.FileTypeWorkout, Manufacturer: 255, SerialNumber: 42, TimeCreated: testOpts.Time}
	with := func(f func(*fitenc.ScheduledWorkout)) []fitenc.ScheduledWorkout {
		e := fitenc.ScheduledWorkout{Workout: good, Date: day(2027, 1, 4)}
		f(&e)
		return []fitenc.ScheduledWorkout{{Workout: good, Date: day(2027, 1, 3)}, e}
	}
	for _, tc := range []struct {
		name    string
		entries []fitenc.ScheduledWorkout
		opts    encode.Options
		want    string
	}{
		{"empty", nil, testOpts, "a schedule needs at least one entry"},
		{"no serial", with(func(e *fitenc.ScheduledWorkout) { e.Workout.SerialNumber = 0 }), testOpts,
			"entry 2: the workout has no serial number; the watch finds scheduled workouts by it"},
		{"not a workout", with(func(e *fitenc.ScheduledWorkout) { e.Workout.Type = 4 }), testOpts,
			"entry 2: the file is a activity file, not a workout"},
		{"unknown type", with(func(e *fitenc.ScheduledWorkout) { e.Workout.Type = 200 }), testOpts,
			"entry 2: the file is a type 200 file"},
		{"no date", with(func(e *fitenc.ScheduledWorkout) { e.Date = time.Time{} }), testOpts, "entry 2: no date"},
		{"early date", with(func(e *fitenc.ScheduledWorkout) { e.Date = day(1998, 7, 3) }), testOpts,
			"entry 2: date 1998-07-03 is outside what FIT carries (1998-07-04 to 2126)"},
		{"late date", with(func(e *fitenc.ScheduledWorkout) { e.Date = day(2127, 1, 1) }), testOpts, "entry 2: date 2127-01-01 is outside"},
		{"workout time", with(func(e *fitenc.ScheduledWorkout) { e.Workout.TimeCreated = day(1990, 1, 1) }), testOpts,
			"entry 2: the workout's creation time 1990-01-01T00:00:00Z is before"},
		{"file time", with(func(*fitenc.ScheduledWorkout) {}), encode.Options{Time: day(1995, 1, 1)}, "creation time 1995-01-01T00:00:00Z is before"},
		{"too many", make([]fitenc.ScheduledWorkout, fitenc.MaxScheduleEntries+1), testOpts, "4097 schedule entries; at most 4096"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := fitenc.EncodeSchedule(tc.entries, tc.opts)
			if err == nil || b != nil {
				t.Fatalf("EncodeSchedule = %d bytes, %v; want an error", len(b), err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "fit: ") {
				t.Errorf("error %q, want %q", err, tc.want)
			}
		})
	}
	// Every bad entry is reported, not only the first.
	bad := []fitenc.ScheduledWorkout{{Workout: fitenc.FileIdentity{Type: 5}, Date: day(2027, 1, 1)}, {Workout: good}}
	_, err := fitenc.EncodeSchedule(bad, testOpts)
	if err == nil || !strings.Contains(err.Error(), "entry 1:") || !strings.Contains(err.Error(), "entry 2:") {
		t.Errorf("error %v, want both entries", err)
	}
}

func TestIdentify(t *testing.T) {
	hill := mustEncode(t, hillWorkout())
	id, err := fitenc.Identify(hill)
	if err != nil {
		t.Fatal(err)
	}
	if id.Type != fitenc.FileTypeWorkout || id.Manufacturer != 255 || id.Product != 0 || id.SerialNumber == 0 ||
		!id.TimeCreated.Equal(testOpts.Time) {
		t.Errorf("Identify = %+v", id)
	}
	if !strings.Contains(dump(t, hill), fmt.Sprintf("serial_number: %d ", id.SerialNumber)) {
		t.Error("Identify's serial number is not the one Dump shows")
	}
	corrupt := bytes.Clone(hill)
	corrupt[len(corrupt)/2] ^= 0x40
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a FIT file"},
		{"text", []byte("name: Hill Repeats\nsteps: []\n"), "not a FIT file"},
		{"corrupt", corrupt, "damaged FIT file"},
		{"truncated", hill[:len(hill)-3], "damaged FIT file"},
		{"chained", append(bytes.Clone(hill), hill...), "2 FIT files chained in one"},
	} {
		if _, err := fitenc.Identify(tc.data); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Identify error %v, want %q", tc.name, err, tc.want)
		}
	}
	if got := fitenc.TypeName(fitenc.FileTypeSchedules); got != "schedules" {
		t.Errorf("TypeName(7) = %q", got)
	}
}

// FuzzIdentify: Identify never panics and, when it accepts data, Dump
// reads data too.
func FuzzIdentify(f *testing.F) {
	hill, circuit, schedule := testSchedule(f)
	seeds := [][]byte{hill, circuit, schedule}
	golden, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.fit"))
	for _, g := range golden {
		if b, err := os.ReadFile(g); err == nil {
			seeds = append(seeds, b)
		}
	}
	if len(seeds) < 4 {
		f.Fatalf("only %d seeds; the golden FIT files are missing", len(seeds))
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		id, err := fitenc.Identify(data)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := fitdump.Dump(&out, data); err != nil {
			t.Fatalf("Identify accepted a file (%+v) that Dump rejects: %v", id, err)
		}
		entries, err := fitenc.DecodeSchedule(data)
		if (err == nil) != (id.Type == fitenc.FileTypeSchedules) {
			t.Fatalf("DecodeSchedule of a %s file: %d entries, %v", fitenc.TypeName(id.Type), len(entries), err)
		}
	})
}

func BenchmarkEncodeSchedule30(b *testing.B) {
	id := fitenc.FileIdentity{Type: fitenc.FileTypeWorkout, Manufacturer: 255, SerialNumber: 42, TimeCreated: testOpts.Time}
	entries := make([]fitenc.ScheduledWorkout, 30)
	for i := range entries {
		entries[i] = fitenc.ScheduledWorkout{Workout: id, Date: day(2027, 1, 4+i)}
		entries[i].Workout.SerialNumber += uint32(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fitenc.EncodeSchedule(entries, testOpts); err != nil {
			b.Fatal(err)
		}
	}
}
