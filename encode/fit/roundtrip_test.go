package fit_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/golden"
	"github.com/workoutc/workoutc/workouts"
)

func mustEncode(t testing.TB, w *workouts.Workout) []byte {
	t.Helper()
	b, diags, err := fitenc.Encode(w, testOpts)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if errs := diags.Errors(); len(errs) > 0 {
		t.Fatalf("Encode: errors among the warnings:\n%v", errs)
	}
	return b
}

// decodeMuktihari decodes b with muktihari's decoder, checking CRCs.
func decodeMuktihari(t *testing.T, b []byte) *proto.FIT {
	t.Helper()
	dec := decoder.New(bytes.NewReader(b))
	f, err := dec.Decode()
	if err != nil {
		t.Fatalf("muktihari decode: %v", err)
	}
	if dec.Next() {
		t.Fatalf("muktihari: data after the first FIT file")
	}
	return f
}

func TestHeader(t *testing.T) {
	for _, tw := range testWorkouts {
		t.Run(tw.name, func(t *testing.T) {
			b := mustEncode(t, tw.w())
			if b[0] != 14 || b[1] != 0x10 || binary.LittleEndian.Uint16(b[2:]) != 21188 || string(b[8:12]) != ".FIT" {
				t.Errorf("header % x, want size 14, protocol 0x10, profile 21188, .FIT", b[:14])
			}
			if size := binary.LittleEndian.Uint32(b[4:]); int(size) != len(b)-16 {
				t.Errorf("data size %d, file has %d bytes of records", size, len(b)-16)
			}
			if crc(b[:12]) != binary.LittleEndian.Uint16(b[12:]) {
				t.Errorf("bad header CRC")
			}
			if crc(b) != 0 { // the CRC over everything, file CRC included, is 0
				t.Errorf("bad file CRC")
			}
		})
	}
}

// crc is FIT's CRC-16, written out here so that the test does not trust
// the library that wrote the file.
func crc(b []byte) uint16 {
	table := [16]uint16{0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
		0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400}
	var c uint16
	for _, x := range b {
		tmp := table[c&0xF]
		c = (c >> 4) & 0x0FFF
		c = c ^ tmp ^ table[x&0xF]
		tmp = table[c&0xF]
		c = (c >> 4) & 0x0FFF
		c = c ^ tmp ^ table[(x>>4)&0xF]
	}
	return c
}

// rtCase is a file to decode and the model it was compiled from.
type rtCase struct {
	name    string
	w       *workouts.Workout
	data    []byte
	created time.Time
}

// roundTripCases are the hand-built test workouts, encoded now, and the
// golden files of the repository's testdata, read from disk and paired with
// their definitions parsed and resolved as build does.
func roundTripCases(t *testing.T) []rtCase {
	var cs []rtCase
	for _, tw := range testWorkouts {
		w := tw.w()
		cs = append(cs, rtCase{tw.name, w, mustEncode(t, w), testTime})
	}
	for _, d := range golden.List(t, "../../testdata") {
		b, err := os.ReadFile(d.Base + ".fit")
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, rtCase{"golden/" + filepath.Base(d.Base), d.Resolve(t), b, encode.DefaultTime})
	}
	return cs
}

func TestRoundTripMuktihari(t *testing.T) {
	for _, c := range roundTripCases(t) {
		t.Run(c.name, func(t *testing.T) {
			exp := expectFile(c.w)
			f := decodeMuktihari(t, c.data)
			wantN := 2 + len(exp.steps) + len(exp.titles)
			if len(f.Messages) != wantN {
				t.Fatalf("%d messages, want %d", len(f.Messages), wantN)
			}
			ms := f.Messages

			if ms[0].Num != typedef.MesgNumFileId {
				t.Fatalf("message 0 is %v, want file_id", ms[0].Num)
			}
			id := mesgdef.NewFileId(&ms[0])
			if id.Type != typedef.FileWorkout || id.Manufacturer != typedef.ManufacturerDevelopment || id.Product != 0 {
				t.Errorf("file_id type %v manufacturer %v product %v, want workout development 0", id.Type, id.Manufacturer, id.Product)
			}
			if id.SerialNumber == 0 || id.SerialNumber == 0xFFFFFFFF {
				t.Errorf("serial number %#x", id.SerialNumber)
			}
			if !id.TimeCreated.Equal(c.created) {
				t.Errorf("time_created %v, want %v", id.TimeCreated, c.created)
			}
			checkFields(t, "file_id", &ms[0], 0, 1, 2, 3, 4)

			if ms[1].Num != typedef.MesgNumWorkout {
				t.Fatalf("message 1 is %v, want workout", ms[1].Num)
			}
			wk := mesgdef.NewWorkout(&ms[1])
			ew := exp.workout
			if wk.PoolLength != ew.pool || uint8(wk.PoolLengthUnit) != ew.poolUnit {
				t.Errorf("workout pool %d unit %d, want %d unit %d", wk.PoolLength, wk.PoolLengthUnit, ew.pool, ew.poolUnit)
			}
			if uint8(wk.Sport) != ew.sport || uint8(wk.SubSport) != ew.subSport || wk.NumValidSteps != ew.numValidSteps ||
				wk.WktName != ew.name || wk.WktDescription != ew.desc {
				t.Errorf("workout = sport %d/%d steps %d name %q desc %q, want %d/%d %d %q %q",
					wk.Sport, wk.SubSport, wk.NumValidSteps, wk.WktName, wk.WktDescription,
					ew.sport, ew.subSport, ew.numValidSteps, ew.name, ew.desc)
			}
			wantWorkoutFields := []byte{4, 6, 8, 11}
			if ew.desc != "" {
				wantWorkoutFields = append(wantWorkoutFields, 17)
			}
			if ew.pool != absent16 {
				wantWorkoutFields = append(wantWorkoutFields, 14, 15)
			}
			checkFields(t, "workout", &ms[1], wantWorkoutFields...)

			for i, e := range exp.steps {
				m := &ms[2+i]
				if m.Num != typedef.MesgNumWorkoutStep {
					t.Fatalf("message %d is %v, want workout_step", 2+i, m.Num)
				}
				s := mesgdef.NewWorkoutStep(m)
				got := expStep{
					index: uint16(s.MessageIndex), name: s.WktStepName, notes: s.Notes,
					durType: uint8(s.DurationType), durValue: s.DurationValue,
					tgtType: uint8(s.TargetType), tgtValue: s.TargetValue,
					low: s.CustomTargetValueLow, high: s.CustomTargetValueHigh,
					intensity: uint8(s.Intensity), category: uint16(s.ExerciseCategory), exercise: s.ExerciseName,
					weight: s.ExerciseWeight, unit: uint16(s.WeightDisplayUnit),
					equipment: uint8(s.Equipment), sTgtType: uint8(s.SecondaryTargetType), sTgtValue: s.SecondaryTargetValue,
					sLow: s.SecondaryCustomTargetValueLow, sHigh: s.SecondaryCustomTargetValueHigh,
				}
				if got != e {
					t.Errorf("workout_step %d:\n got %+v\nwant %+v", i, got, e)
				}
				checkFields(t, "workout_step", m, stepFieldNums(e)...)
			}
			for i, e := range exp.titles {
				m := &ms[2+len(exp.steps)+i]
				if m.Num != typedef.MesgNumExerciseTitle {
					t.Fatalf("message %d is %v, want exercise_title", 2+len(exp.steps)+i, m.Num)
				}
				x := mesgdef.NewExerciseTitle(m)
				got := expTitle{index: uint16(x.MessageIndex), category: uint16(x.ExerciseCategory), exercise: x.ExerciseName}
				if len(x.WktStepName) == 1 {
					got.name = x.WktStepName[0]
				}
				if got != e || len(x.WktStepName) != 1 {
					t.Errorf("exercise_title %d: got %+v (%q), want %+v", i, got, x.WktStepName, e)
				}
				checkFields(t, "exercise_title", m, 254, 0, 1, 2)
			}
		})
	}
}

// stepFieldNums lists the fields a workout_step must hold, and no others.
func stepFieldNums(e expStep) []byte {
	nums := []byte{254, 1, 3, 4}
	add := func(ok bool, n byte) {
		if ok {
			nums = append(nums, n)
		}
	}
	add(e.name != "", 0)
	add(e.durValue != absent32, 2)
	add(e.low != absent32, 5)
	add(e.high != absent32, 6)
	add(e.intensity != absent8, 7)
	add(e.notes != "", 8)
	add(e.category != absent16, 10)
	add(e.exercise != absent16, 11)
	add(e.weight != absent16, 12)
	add(e.unit != absent16, 13)
	add(e.equipment != absent8, 9)
	add(e.sTgtType != absent8, 19)
	add(e.sTgtValue != absent32, 20)
	add(e.sLow != absent32, 21)
	add(e.sHigh != absent32, 22)
	return nums
}

// checkFields checks that m holds exactly the fields nums.
func checkFields(t *testing.T, what string, m *proto.Message, nums ...byte) {
	t.Helper()
	var got []byte
	for _, f := range m.Fields {
		got = append(got, f.Num)
	}
	slices.Sort(got)
	want := slices.Clone(nums)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s holds fields %v, want %v", what, got, want)
	}
	if len(m.DeveloperFields) > 0 {
		t.Errorf("%s holds developer fields", what)
	}
}

// TestSeedValues pins the worked values of format-notes §4 and §11, so
// that the expectation walker is itself checked against the spec.
func TestSeedValues(t *testing.T) {
	hill := decodeMuktihari(t, mustEncode(t, hillWorkout()))
	step := func(f *proto.FIT, i int) *mesgdef.WorkoutStep { return mesgdef.NewWorkoutStep(&f.Messages[2+i]) }
	type row struct {
		name           string
		dt             typedef.WktStepDuration
		dv             uint32
		tt             typedef.WktStepTarget
		tv, low, high  uint32
		intensity      typedef.Intensity
		notesHasPrefix string
	}
	hillRows := []row{
		{"", typedef.WktStepDurationDistance, 160934, typedef.WktStepTargetSpeed, 0, 2555, 2823, typedef.IntensityWarmup, ""},
		{"Uphill", typedef.WktStepDurationTime, 120000, typedef.WktStepTargetOpen, 0, absent32, absent32, typedef.IntensityActive, "Hinge"},
		{"Walk or slow jog", typedef.WktStepDurationTime, 60000, typedef.WktStepTargetOpen, 0, absent32, absent32, typedef.IntensityRecovery, ""},
		{"", typedef.WktStepDurationRepeatUntilStepsCmplt, 1, typedef.WktStepTargetOpen, 4, absent32, absent32, typedef.IntensityInvalid, ""},
		{"", typedef.WktStepDurationDistance, 160934, typedef.WktStepTargetSpeed, 0, 2555, 2823, typedef.IntensityCooldown, ""},
	}
	if n := mesgdef.NewWorkout(&hill.Messages[1]).NumValidSteps; n != 5 || len(hill.Messages) != 7 {
		t.Fatalf("hill: num_valid_steps %d, %d messages; want 5, 7", n, len(hill.Messages))
	}
	for i, r := range hillRows {
		s := step(hill, i)
		if s.WktStepName != r.name || s.DurationType != r.dt || s.DurationValue != r.dv || s.TargetType != r.tt ||
			s.TargetValue != r.tv || s.CustomTargetValueLow != r.low || s.CustomTargetValueHigh != r.high ||
			s.Intensity != r.intensity || (r.notesHasPrefix == "") != (s.Notes == "") ||
			!bytes.HasPrefix([]byte(s.Notes), []byte(r.notesHasPrefix)) {
			t.Errorf("hill step %d = %+v, want %+v", i, *s, r)
		}
	}

	// hr 140-155 → 240/255.
	w := hillWorkout()
	w.Steps[0].Target = workouts.Target{Kind: workouts.TargetHR, Low: 140, High: 155}
	s := step(decodeMuktihari(t, mustEncode(t, w)), 0)
	if s.TargetType != typedef.WktStepTargetHeartRate || s.TargetValue != 0 || s.CustomTargetValueLow != 240 || s.CustomTargetValueHigh != 255 {
		t.Errorf("hr 140-155: %+v", *s)
	}

	circuit := decodeMuktihari(t, mustEncode(t, circuitWorkout()))
	if n := mesgdef.NewWorkout(&circuit.Messages[1]).NumValidSteps; n != 7 || len(circuit.Messages) != 2+7+5 {
		t.Fatalf("circuit: num_valid_steps %d, %d messages; want 7, 14", n, len(circuit.Messages))
	}
	weights := []uint16{680, 680, 680, 1134, 1134}
	reps := []uint32{10, 10, 20, 10, 20}
	for i := range 5 {
		s := step(circuit, i)
		if s.ExerciseWeight != weights[i] || s.WeightDisplayUnit != typedef.FitBaseUnitPound ||
			s.DurationType != typedef.WktStepDurationReps || s.DurationValue != reps[i] {
			t.Errorf("circuit step %d: weight %d unit %v reps %d, want %d pound %d", i, s.ExerciseWeight, s.WeightDisplayUnit, s.DurationValue, weights[i], reps[i])
		}
	}
	if s := step(circuit, 2); s.WktStepName != "10 each side" || s.Notes != "10 each side" {
		t.Errorf("each side: name %q notes %q", s.WktStepName, s.Notes)
	}
	if s := step(circuit, 5); s.Intensity != typedef.IntensityRest || s.DurationValue != 120000 || s.ExerciseCategory != typedef.ExerciseCategoryInvalid {
		t.Errorf("rest step: %+v", *s)
	}
	if s := step(circuit, 6); s.DurationType != typedef.WktStepDurationRepeatUntilStepsCmplt || s.DurationValue != 0 || s.TargetValue != 3 {
		t.Errorf("repeat step: %+v", *s)
	}

	nested := decodeMuktihari(t, mustEncode(t, nestedWorkout()))
	for i, want := range map[int][2]uint32{3: {1, 4}, 5: {1, 2}} {
		if s := step(nested, i); s.DurationType != typedef.WktStepDurationRepeatUntilStepsCmplt || s.DurationValue != want[0] || s.TargetValue != want[1] {
			t.Errorf("nested step %d: dv %d tv %d, want %v", i, s.DurationValue, s.TargetValue, want)
		}
	}

	mixed := decodeMuktihari(t, mustEncode(t, mixedWorkout()))
	if s := step(mixed, 2); s.DurationValue != 60000 || s.WktStepName != "30 s each side" || s.Notes != "30 s each side\nKeep the hips level." {
		t.Errorf("timed each side: %d %q %q", s.DurationValue, s.WktStepName, s.Notes)
	}
	if s := step(mixed, 3); s.ExerciseWeight != 1134 || s.WeightDisplayUnit != typedef.FitBaseUnitKilogram {
		t.Errorf("25 lb for a metric athlete: %d %v", s.ExerciseWeight, s.WeightDisplayUnit)
	}
	if s := step(mixed, 0); s.ExerciseWeight != 750 || s.WeightDisplayUnit != typedef.FitBaseUnitKilogram {
		t.Errorf("7.5 kg: %d %v", s.ExerciseWeight, s.WeightDisplayUnit)
	}
	var titles []string
	for _, m := range mixed.Messages[2+6:] {
		titles = append(titles, mesgdef.NewExerciseTitle(&m).WktStepName...)
	}
	if want := []string{"Goblet squat", "Plank", "Side Plank", "Walking Dumbbell Lunge"}; !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
}

func TestWeightRounding(t *testing.T) {
	for _, c := range []struct {
		value float64
		unit  string
		want  uint16
	}{{10, "lb", 454}, {15, "lb", 680}, {25, "lb", 1134}, {7.5, "kg", 750}, {655.34, "kg", 65534}, {0, "kg", 0}} {
		w := circuitWorkout()
		w.Steps[0].Steps[0].Weight = &workouts.Weight{Value: c.value, Unit: c.unit}
		s := mesgdef.NewWorkoutStep(&decodeMuktihari(t, mustEncode(t, w)).Messages[2])
		if s.ExerciseWeight != c.want {
			t.Errorf("%v %s: exercise_weight %d, want %d", c.value, c.unit, s.ExerciseWeight, c.want)
		}
	}
}

func TestDisplayUnit(t *testing.T) {
	for _, c := range []struct {
		units, unit string
		want        typedef.FitBaseUnit
	}{
		{"imperial", "kg", typedef.FitBaseUnitPound},
		{"metric", "lb", typedef.FitBaseUnitKilogram},
		{"", "lb", typedef.FitBaseUnitPound},
		{"", "kg", typedef.FitBaseUnitKilogram},
	} {
		w := circuitWorkout()
		w.Units = c.units
		w.Steps[0].Steps[0].Weight = &workouts.Weight{Value: 10, Unit: c.unit}
		s := mesgdef.NewWorkoutStep(&decodeMuktihari(t, mustEncode(t, w)).Messages[2])
		if s.WeightDisplayUnit != c.want {
			t.Errorf("units %q, weight in %s: display %v, want %v", c.units, c.unit, s.WeightDisplayUnit, c.want)
		}
	}
}

func TestSports(t *testing.T) {
	for _, sport := range workouts.Sports {
		w := hillWorkout()
		w.Sport = sport
		exp := expectFile(w)
		wk := mesgdef.NewWorkout(&decodeMuktihari(t, mustEncode(t, w)).Messages[1])
		if uint8(wk.Sport) != exp.workout.sport || uint8(wk.SubSport) != exp.workout.subSport {
			t.Errorf("%s: sport %v/%v, want %d/%d", sport, wk.Sport, wk.SubSport, exp.workout.sport, exp.workout.subSport)
		}
	}
}

func validText(s string, max int) bool { return utf8.ValidString(s) && len(s) <= max }
