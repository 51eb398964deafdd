package fit_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

func fld(num typedef.MesgNum, n byte, v proto.Value) proto.Field {
	f := factory.CreateField(num, n)
	f.Value = v
	return f
}

// unknownField is field n, not in the profile, holding a uint16.
func unknownField(n byte, v uint16) proto.Field {
	return proto.Field{FieldBase: &proto.FieldBase{Name: "unknown", Num: n, BaseType: basetype.Uint16, Scale: 1}, Value: proto.Uint16(v)}
}

// foreignFile encodes a workout file with what other tools write: a
// treadmill sub-sport, a wrong num_valid_steps, unknown and developer
// fields, a message that is not part of a workout, a speed zone, a
// secondary target, equipment, power/calorie durations, a repeat until a
// time, a repeat that points forward and a mixed HR range.
func foreignFile(t *testing.T) []byte {
	t.Helper()
	const st = typedef.MesgNumWorkoutStep
	step := func(idx uint16, fields ...proto.Field) proto.Message {
		return proto.Message{Num: st, Fields: append([]proto.Field{fld(st, 254, proto.Uint16(idx))}, fields...)}
	}
	mesgs := []proto.Message{
		{Num: typedef.MesgNumFileId, Fields: []proto.Field{
			fld(typedef.MesgNumFileId, 0, proto.Uint8(5)), fld(typedef.MesgNumFileId, 1, proto.Uint16(1)),
		}},
		{Num: typedef.MesgNumDeveloperDataId, Fields: []proto.Field{
			fld(typedef.MesgNumDeveloperDataId, 3, proto.Uint8(0)),
		}},
		{Num: typedef.MesgNumFieldDescription, Fields: []proto.Field{
			fld(typedef.MesgNumFieldDescription, 0, proto.Uint8(0)),
			fld(typedef.MesgNumFieldDescription, 1, proto.Uint8(0)),
			fld(typedef.MesgNumFieldDescription, 2, proto.Uint8(byte(basetype.Uint8))),
			fld(typedef.MesgNumFieldDescription, 3, proto.SliceString([]string{"effort"})),
		}},
		{Num: typedef.MesgNumWorkout, Fields: []proto.Field{
			fld(typedef.MesgNumWorkout, 4, proto.Uint8(1)), fld(typedef.MesgNumWorkout, 11, proto.Uint8(1)),
			fld(typedef.MesgNumWorkout, 6, proto.Uint16(99)), fld(typedef.MesgNumWorkout, 8, proto.String("Foreign")),
			unknownField(99, 7),
		}},
		step(0, fld(st, 1, proto.Uint8(0)), fld(st, 2, proto.Uint32(60000)), fld(st, 3, proto.Uint8(0)), fld(st, 4, proto.Uint32(3)),
			fld(st, 7, proto.Uint8(2)), fld(st, 19, proto.Uint8(1)), fld(st, 20, proto.Uint32(2)), fld(st, 9, proto.Uint8(1))),
		step(1, fld(st, 1, proto.Uint8(14)), fld(st, 2, proto.Uint32(1250)), fld(st, 3, proto.Uint8(2)), fld(st, 7, proto.Uint8(0))),
		step(2, fld(st, 1, proto.Uint8(4)), fld(st, 2, proto.Uint32(300)), fld(st, 3, proto.Uint8(2)), fld(st, 7, proto.Uint8(4))),
		step(3, fld(st, 1, proto.Uint8(7)), fld(st, 2, proto.Uint32(1)), fld(st, 4, proto.Uint32(600000))),
		step(4, fld(st, 1, proto.Uint8(6)), fld(st, 2, proto.Uint32(9)), fld(st, 4, proto.Uint32(2))),
		step(5, fld(st, 1, proto.Uint8(5)), fld(st, 3, proto.Uint8(1)), fld(st, 4, proto.Uint32(0)),
			fld(st, 5, proto.Uint32(90)), fld(st, 6, proto.Uint32(160)), fld(st, 7, proto.Uint8(0))),
		{Num: typedef.MesgNumDeviceInfo, Fields: []proto.Field{fld(typedef.MesgNumDeviceInfo, 0, proto.Uint8(0))}},
	}
	mesgs[4].DeveloperFields = []proto.DeveloperField{{Num: 0, DeveloperDataIndex: 0, Value: proto.Uint8(7)}}
	var buf bytes.Buffer
	enc := encoder.New(&buf, encoder.WithProtocolVersion(proto.V2))
	if err := enc.Encode(&proto.FIT{Messages: mesgs}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDecodeTolerates: what other tools write is read, each oddity named
// in a warning, and import flags what the language cannot say.
func TestDecodeTolerates(t *testing.T) {
	w, diags, err := fitenc.Decode(foreignFile(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"sport running/treadmill has no spelling in the workout language; read as running",
		"num_valid_steps says 99, the file holds 6 workout steps",
		"workout field 99 (7) is not part of a workout",
		"the file holds developer fields",
		"1 device_info message(s) are not part of a workout",
		"step 4: a repeat that loops to step 9, not to an earlier step; ignored",
		"step 5: target heart-rate range mixes percent of max and bpm (90-160); read both as bpm",
	} {
		if !warned(diags, want) {
			t.Errorf("no warning %q in\n%s", want, diags)
		}
	}
	if w.Name != "Foreign" || w.Sport != workouts.SportRunning || len(w.Steps) != 3 {
		t.Fatalf("workout %q %q with %d top steps, want Foreign running 3:\n%s", w.Name, w.Sport, len(w.Steps), workouts.InspectText(w))
	}
	s0 := w.Steps[0]
	if s0.Kind != workouts.KindWarmup || s0.Target.Kind != workouts.TargetSpeedZone || s0.Target.Zone != 3 || s0.Secondary.Kind != workouts.TargetHRZone || s0.Secondary.Zone != 2 {
		t.Errorf("step 0 = %+v", s0)
	}
	rep := w.Steps[1]
	if rep.Kind != workouts.KindRepeat || rep.Until == nil || rep.Until.Kind != workouts.DurationTime || rep.Until.Seconds != 600 || len(rep.Steps) != 2 {
		t.Fatalf("step 1 = %+v, want a repeat until 10 min of 2 steps", rep)
	}
	if d := rep.Steps[0].Duration; d.Kind != workouts.DurationPowerBelow || d.Value != 250 || d.Percent {
		t.Errorf("power duration = %+v, want below 250 W", d)
	}
	if d := rep.Steps[1].Duration; d.Kind != workouts.DurationCalories || d.Value != 300 {
		t.Errorf("calorie duration = %+v", d)
	}
	text := workouts.InspectText(w)
	for _, want := range []string{
		"1. warmup 1:00, speed zone 3, secondary hr zone 2, equipment fins\n",
		"2. repeat until 10:00\n",
		"  2.1 run until power below 250 W\n",
		"  2.2 recover until 300 kcal\n",
		"3. run until lap, hr 0-60 bpm\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("inspect lacks %q:\n%s", want, text)
		}
	}
	y, fd := workouts.Format(w)
	if _, pd := workouts.Parse("f.yaml", y); pd.HasErrors() {
		t.Fatalf("import does not parse: %v\n%s", pd, y)
	}
	if s0.Equipment != workouts.EquipmentFins {
		t.Errorf("step 0 equipment = %v, want fins", s0.Equipment)
	}
	for _, want := range []string{"speed zone 3", "equipment fins; the language gives equipment to swimming steps", "hr 0-60 bpm is outside"} {
		if !warned(fd, want) || !strings.Contains(string(y), want) {
			t.Errorf("import does not flag %q (comment and warning):\n%s\n%s", want, y, fd)
		}
	}
	// What the language now says is written, not flagged.
	for _, want := range []string{"secondary_target: hr zone 2\n", "- repeat: until 10 min\n", "- run: until power below 250\n", "- recover: 300 kcal\n"} {
		if !strings.Contains(string(y), want) {
			t.Errorf("import lacks %q:\n%s\n%s", want, y, fd)
		}
	}
	if len(fd) != 3 {
		t.Errorf("import flags %d things, want 3:\n%s", len(fd), fd)
	}
}
