package fitsdk

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// workout is the material of a test file, changed by each case before
// encoding.
type workout struct {
	fileID *mesgdef.FileId
	wkt    *mesgdef.Workout
	steps  []*mesgdef.WorkoutStep
	titles []*mesgdef.ExerciseTitle
}

// hillRepeats is a good workout: 2 km warm-up, then 4 x (60 s hard, 90 s
// easy), then 1 km cool-down.
func hillRepeats() *workout {
	step := func() *mesgdef.WorkoutStep { return mesgdef.NewWorkoutStep(nil) }
	w := &workout{
		fileID: mesgdef.NewFileId(nil).
			SetType(typedef.FileWorkout).
			SetManufacturer(typedef.ManufacturerDevelopment).
			SetProduct(1).
			SetSerialNumber(0x1234abcd).
			SetTimeCreated(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)),
		wkt: mesgdef.NewWorkout(nil).
			SetSport(typedef.SportRunning).
			SetWktName("Hill repeats"),
		steps: []*mesgdef.WorkoutStep{
			step().SetWktStepName("Warm up").
				SetDurationType(typedef.WktStepDurationDistance).SetDurationValue(2000 * 100). // cm
				SetTargetType(typedef.WktStepTargetOpen).
				SetIntensity(typedef.IntensityWarmup),
			step().SetWktStepName("Hill").
				SetDurationType(typedef.WktStepDurationTime).SetDurationValue(60 * 1000). // ms
				SetTargetType(typedef.WktStepTargetHeartRate).SetTargetValue(4).          // zone 4
				SetIntensity(typedef.IntensityActive),
			step().SetWktStepName("Jog down").
				SetDurationType(typedef.WktStepDurationTime).SetDurationValue(90 * 1000).
				SetTargetType(typedef.WktStepTargetOpen).
				SetIntensity(typedef.IntensityRecovery),
			step().
				SetDurationType(typedef.WktStepDurationRepeatUntilStepsCmplt).
				SetDurationValue(1). // back to "Hill"
				SetTargetValue(4),   // 4 times
			step().SetWktStepName("Cool down").
				SetDurationType(typedef.WktStepDurationDistance).SetDurationValue(1000 * 100).
				SetTargetType(typedef.WktStepTargetOpen).
				SetIntensity(typedef.IntensityCooldown),
		},
	}
	w.renumber()
	return w
}

// strength is a good strength workout with an exercise title.
func strength() *workout {
	w := &workout{
		fileID: mesgdef.NewFileId(nil).
			SetType(typedef.FileWorkout).
			SetManufacturer(typedef.ManufacturerDevelopment).
			SetSerialNumber(7).
			SetTimeCreated(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)),
		wkt: mesgdef.NewWorkout(nil).
			SetSport(typedef.SportTraining).
			SetSubSport(typedef.SubSportStrengthTraining).
			SetWktName("Legs"),
		steps: []*mesgdef.WorkoutStep{
			mesgdef.NewWorkoutStep(nil).
				SetDurationType(typedef.WktStepDurationReps).SetDurationValue(10).
				SetIntensity(typedef.IntensityActive).
				SetExerciseCategory(typedef.ExerciseCategorySquat).
				SetExerciseName(uint16(typedef.SquatExerciseNameBackSquats)).
				SetExerciseWeight(60 * 100). // kg, scale 100
				SetWeightDisplayUnit(typedef.FitBaseUnitKilogram),
			mesgdef.NewWorkoutStep(nil).
				SetDurationType(typedef.WktStepDurationTime).SetDurationValue(90 * 1000).
				SetIntensity(typedef.IntensityRest),
		},
		titles: []*mesgdef.ExerciseTitle{
			mesgdef.NewExerciseTitle(nil).
				SetMessageIndex(0).
				SetExerciseCategory(typedef.ExerciseCategorySquat).
				SetExerciseName(uint16(typedef.SquatExerciseNameBackSquats)).
				SetWktStepName([]string{"Back squat"}),
		},
	}
	w.renumber()
	return w
}

// schedules is a schedules file putting the workout with serial number
// serial on the calendar of 2020-01-02, twice.
func schedules(serial uint32) []proto.Message {
	created := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	mesgs := []proto.Message{
		mesgdef.NewFileId(nil).
			SetType(typedef.FileSchedules).
			SetManufacturer(typedef.ManufacturerDevelopment).
			SetSerialNumber(99).
			SetTimeCreated(created).
			ToMesg(nil),
	}
	for _, day := range []int{2, 9} {
		mesgs = append(mesgs, mesgdef.NewSchedule(nil).
			SetManufacturer(typedef.ManufacturerDevelopment).
			SetSerialNumber(serial).
			SetTimeCreated(created).
			SetCompleted(typedef.BoolFalse).
			SetType(typedef.ScheduleWorkout).
			SetScheduledTime(time.Date(2020, 1, day, 0, 0, 0, 0, time.UTC)).
			ToMesg(nil))
	}
	return mesgs
}

func encodeMesgs(t *testing.T, mesgs []proto.Message) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encoder.New(&buf).Encode(&proto.FIT{Messages: mesgs}); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

// renumber sets message_index 0.. and num_valid_steps as they should be.
func (w *workout) renumber() {
	for i, s := range w.steps {
		s.SetMessageIndex(typedef.MessageIndex(i))
	}
	w.wkt.SetNumValidSteps(uint16(len(w.steps)))
}

func (w *workout) encode(t *testing.T) []byte {
	t.Helper()
	mesgs := []proto.Message{w.fileID.ToMesg(nil), w.wkt.ToMesg(nil)}
	for _, s := range w.steps {
		mesgs = append(mesgs, s.ToMesg(nil))
	}
	for _, e := range w.titles {
		mesgs = append(mesgs, e.ToMesg(nil))
	}
	return encodeMesgs(t, mesgs)
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheck runs every case in one node process.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	good := hillRepeats().encode(t)

	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0xff

	wrongCount := hillRepeats()
	wrongCount.wkt.SetNumValidSteps(4)

	forward := hillRepeats()
	forward.steps[3].SetDurationValue(4) // repeat step 3 loops "back" to step 4

	badExercise := strength()
	badExercise.steps[0].SetExerciseName(60000)
	badExercise.titles = nil

	badIndex := hillRepeats()
	badIndex.steps[2].SetMessageIndex(7)

	zeroRepeat := hillRepeats()
	zeroRepeat.steps[3].SetTargetValue(0)

	unknownEnum := hillRepeats()
	unknownEnum.steps[1].SetIntensity(typedef.Intensity(42))

	strayTitle := strength()
	strayTitle.titles[0].SetExerciseName(uint16(typedef.SquatExerciseNameGobletSquat))

	noSerial := hillRepeats()
	noSerial.fileID.SetSerialNumber(0)

	unknownField := hillRepeats()
	unknownField.steps[0].SetUnknownFields(proto.Field{
		FieldBase: &proto.FieldBase{Name: "unknown", Num: 200, BaseType: basetype.Uint8, Scale: 1},
		Value:     proto.Uint8(1),
	})

	badSchedule := schedules(0x1234abcd)
	badSchedule[2] = mesgdef.NewSchedule(&badSchedule[2]).SetSerialNumber(0).SetType(typedef.ScheduleCourse).ToMesg(nil)

	activity := []proto.Message{mesgdef.NewFileId(nil).
		SetType(typedef.FileActivity).
		SetManufacturer(typedef.ManufacturerDevelopment).
		SetTimeCreated(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)).
		ToMesg(nil)}

	cases := []struct {
		name    string
		data    []byte
		ok      bool
		wantErr string // a substring of one error, when !ok
	}{
		{"good.fit", good, true, ""},
		{"strength.fit", strength().encode(t), true, ""},
		{"flipped.fit", flipped, false, "integrity"},
		{"num-valid-steps.fit", wrongCount.encode(t), false, "num_valid_steps is 4, but there are 5"},
		{"repeat-forward.fit", forward.encode(t), false, "loops to step 4"},
		{"exercise-name.fit", badExercise.encode(t), false, "exercise_name 60000 is not defined for category squat"},
		{"not-fit.txt", []byte("name: hill repeats\nsteps: []\n"), false, "not a FIT file"},
		{"message-index.fit", badIndex.encode(t), false, "message_index is 7, want 2"},
		{"repeat-zero.fit", zeroRepeat.encode(t), false, "repeat count is 0"},
		{"unknown-enum.fit", unknownEnum.encode(t), false, "workout_step[1].intensity: 42 is not a known intensity value"},
		{"stray-title.fit", strayTitle.encode(t), false, "is used by no workout step"},
		{"no-serial.fit", noSerial.encode(t), false, "serial_number is missing"},
		{"schedules.fit", encodeMesgs(t, schedules(0x1234abcd)), true, ""},
		{"bad-schedule.fit", encodeMesgs(t, badSchedule), false, `schedule[1]: type is "course"`},
		{"activity.fit", encodeMesgs(t, activity), true, ""},
		{"unknown-field.fit", unknownField.encode(t), true, ""},
	}
	var files []string
	for _, c := range cases {
		files = append(files, writeFile(t, dir, c.name, c.data))
	}
	files = append(files, filepath.Join(dir, "missing.fit"))

	results, err := Check(files...)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(files) {
		t.Fatalf("got %d results for %d files", len(results), len(files))
	}
	for i, c := range cases {
		r := results[i]
		if r.File != files[i] {
			t.Errorf("result %d is for %s, want %s", i, r.File, files[i])
		}
		if r.OK != c.ok {
			t.Errorf("%s: ok = %v, want %v; errors: %q", c.name, r.OK, c.ok, r.Errors)
			continue
		}
		if c.ok {
			if len(r.Errors) != 0 {
				t.Errorf("%s: ok with errors %q", c.name, r.Errors)
			}
			continue
		}
		if !containsSubstring(r.Errors, c.wantErr) {
			t.Errorf("%s: errors %q, want one containing %q", c.name, r.Errors, c.wantErr)
		}
	}
	if r := results[len(files)-1]; r.OK || !containsSubstring(r.Errors, "cannot read file") {
		t.Errorf("missing file: ok = %v, errors %q", r.OK, r.Errors)
	}

	// The summary of the good file.
	sum := results[0].Summary
	for key, want := range map[string]any{
		"type":           "workout",
		"steps":          5.0,
		"repeatSteps":    1.0,
		"numValidSteps":  5.0,
		"exerciseTitles": 0.0,
		"schedules":      0.0,
		"sport":          "running",
		"workoutName":    "Hill repeats",
		"serialNumber":   float64(0x1234abcd),
		"timeCreated":    "2020-01-01T00:00:00.000Z",
	} {
		if got := sum[key]; got != want {
			t.Errorf("good.fit summary[%q] = %#v, want %#v", key, got, want)
		}
	}
	if got := results[1].Summary["exerciseTitles"]; got != 1.0 {
		t.Errorf("strength.fit summary[exerciseTitles] = %#v, want 1", got)
	}
	for i, c := range cases {
		switch c.name {
		case "schedules.fit":
			sum := results[i].Summary
			if sum["type"] != "schedules" || sum["schedules"] != 2.0 {
				t.Errorf("schedules.fit summary: %v", sum)
			}
			if w := results[i].Warnings; len(w) != 0 {
				t.Errorf("%s: warnings %q", c.name, w)
			}
			if got := fmt.Sprint(sum["scheduledSerials"]); got != fmt.Sprint([]any{float64(0x1234abcd), float64(0x1234abcd)}) {
				t.Errorf("schedules.fit scheduledSerials = %s", got)
			}
		case "bad-schedule.fit":
			if !containsSubstring(results[i].Errors, "schedule[1]: serial_number") {
				t.Errorf("bad-schedule.fit: errors %q lack the zero serial number", results[i].Errors)
			}
		case "good.fit", "strength.fit":
			if w := results[i].Warnings; len(w) != 0 {
				t.Errorf("%s: warnings %q", c.name, w)
			}
		case "unknown-field.fit":
			if w := results[i].Warnings; !containsSubstring(w, "workout_step field 200 is not in the profile") {
				t.Errorf("unknown-field.fit: warnings %q", w)
			}
		case "activity.fit":
			if w := results[i].Warnings; !containsSubstring(w, `file type "activity": only the integrity and decode checks apply`) {
				t.Errorf("activity.fit: warnings %q", w)
			}
		}
	}
}

func containsSubstring(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// fakeTB records Fatalf instead of stopping the test.
type fakeTB struct {
	testing.TB
	fatals []string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
}

func TestRequire(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.fit", hillRepeats().encode(t))
	bad := hillRepeats()
	bad.wkt.SetNumValidSteps(9)
	badPath := writeFile(t, dir, "bad.fit", bad.encode(t))
	junk := writeFile(t, dir, "junk.fit", []byte("junk"))

	f := &fakeTB{TB: t}
	Require(f, good, badPath, junk)
	if len(f.fatals) != 1 {
		t.Fatalf("Require called Fatalf %d times, want once: %q", len(f.fatals), f.fatals)
	}
	msg := f.fatals[0]
	for _, want := range []string{"2 of 3 files", badPath, "num_valid_steps is 9", junk, "not a FIT file"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Require message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, good+":") {
		t.Errorf("Require message names the good file:\n%s", msg)
	}

	Require(t, good) // must not fail
}

func TestCheckNotInstalled(t *testing.T) {
	root := t.TempDir()
	sdk := filepath.Join(root, "testdata", "fitsdk")
	if err := os.MkdirAll(sdk, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "go.mod", []byte("module example.com/x\n"))
	writeFile(t, sdk, "package.json", []byte(`{"dependencies":{"@garmin/fitsdk":"21.217.0"}}`))
	t.Chdir(sdk)

	_, err := Check("whatever.fit")
	if err == nil || !strings.Contains(err.Error(), installHint) {
		t.Fatalf("Check without the SDK: err = %v, want one saying %q", err, installHint)
	}
}

func TestCheckNothing(t *testing.T) {
	results, err := Check()
	if err != nil || results != nil {
		t.Fatalf("Check() = %v, %v; want nil, nil", results, err)
	}
}
