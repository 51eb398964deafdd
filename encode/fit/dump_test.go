package fit_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitdump"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txt from the current Dump output")

func dump(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := fitdump.Dump(&out, b); err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return out.String()
}

// TestDumpGolden keeps the text dumps of the test workouts in testdata, to
// review beside the code. Run with -update after a deliberate change.
func TestDumpGolden(t *testing.T) {
	for _, tw := range testWorkouts {
		got := dump(t, mustEncode(t, tw.w()))
		path := filepath.Join("testdata", tw.name+".fit.txt")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s: Dump differs from %s (go test -update rewrites it):\n%s", tw.name, path, got)
		}
	}
}

// TestDumpHill checks the hill dump's lines against the model, not against
// a golden file.
func TestDumpHill(t *testing.T) {
	got := dump(t, mustEncode(t, hillWorkout()))
	if got != dump(t, mustEncode(t, hillWorkout())) {
		t.Fatal("Dump is not stable")
	}
	for _, want := range []string{
		"fit file 1: header 14 bytes, protocol 1.0 (0x10), profile 21188,",
		"file_id:\n  type: 5 (workout)\n  manufacturer: 255 (development)\n  product: 0\n  serial_number: ",
		"  time_created: 1136257445 (2026-01-02T03:04:05Z)\n",
		"workout:\n  wkt_name: \"Hill Repeats\"\n  sport: 1 (running)\n  sub_sport: 0 (generic)\n  num_valid_steps: 5\n  wkt_description: \"Posterior-chain strength run.\"\n",
		"workout_step:\n  message_index: 0\n  duration: distance 160934 (1609.34 m)\n  target: speed 0 (custom range)\n" +
			"  custom_target_value_low: 2555 (2.555 m/s, 6:31 /km, 10:30 /mi)\n" +
			"  custom_target_value_high: 2823 (2.823 m/s, 5:54 /km, 9:30 /mi)\n  intensity: 2 (warmup)\n",
		"  message_index: 1\n  wkt_step_name: \"Uphill\"\n  duration: time 120000 (120 s, 2:00)\n  target: open 0\n  intensity: 0 (active)\n  notes: \"Hinge forward",
		"  message_index: 3\n  duration: repeat_until_steps_cmplt 1 (back to step 1)\n  target: open 4 (the block runs 4 times)\n",
		"  intensity: 3 (cooldown)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dump lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "workout_step:") != 5 || strings.Contains(got, "exercise_title") {
		t.Errorf("dump of 5 steps:\n%s", got)
	}
}

func TestDumpCircuit(t *testing.T) {
	got := dump(t, mustEncode(t, circuitWorkout()))
	for _, want := range []string{
		"  duration: reps 10 (10 reps)\n  target: open 0\n  intensity: 0 (active)\n  exercise: squat/dumbbell_squat (28/29)\n  weight: 680 (6.80 kg, shown in pound)\n",
		"  wkt_step_name: \"10 each side\"\n  duration: reps 20 (20 reps)\n",
		"  exercise: deadlift/single_leg_romanian_deadlift_with_dumbbell (8/14)\n  weight: 680 (6.80 kg, shown in pound)\n",
		"  exercise: hip_raise/weighted_hip_raise (10/12)\n  weight: 1134 (11.34 kg, shown in pound)\n",
		"exercise_title:\n  message_index: 4\n  exercise: hip_raise/weighted_single_leg_hip_raise (10/31)\n  wkt_step_name: [\"Weighted Single-leg Hip Raise\"]\n",
		"  intensity: 1 (rest)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dump lacks %q:\n%s", want, got)
		}
	}
}

// TestDumpForeign dumps a FIT file this package does not write: an
// activity with a record, an unknown message and an unknown field.
func TestDumpForeign(t *testing.T) {
	id := mesgdef.NewFileId(nil)
	id.Type, id.Manufacturer, id.Product, id.SerialNumber = typedef.FileActivity, typedef.ManufacturerGarmin, 3113, 7
	rec := mesgdef.NewRecord(nil)
	rec.Timestamp = testTime
	rec.HeartRate = 150
	rec.Distance = 12345 // cm
	unknown := proto.Message{Num: 0xFF01, Fields: []proto.Field{{FieldBase: &proto.FieldBase{Name: "unknown", Num: 3, BaseType: 0x84, Scale: 1}, Value: proto.Uint16(9)}}}
	var buf bytes.Buffer
	err := encoder.New(&buf).Encode(&proto.FIT{Messages: []proto.Message{id.ToMesg(nil), rec.ToMesg(nil), unknown}})
	if err != nil {
		t.Fatal(err)
	}
	got := dump(t, buf.Bytes())
	for _, want := range []string{
		"  type: 4 (activity)\n  manufacturer: 1 (garmin)\n  product: 3113 (",
		"record:\n",
		"  heart_rate: 150 (150 bpm)\n",
		"  distance: 12345 (123.45 m)\n",
		"mesg_65281:\n  field_3: 9\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dump lacks %q:\n%s", want, got)
		}
	}
}

func TestDumpGarbage(t *testing.T) {
	hill := mustEncode(t, hillWorkout())
	inputs := [][]byte{nil, {}, []byte("not a fit file"), hill[:13], hill[:len(hill)-1], append(bytes.Clone(hill), 0xFF)}
	corrupt := bytes.Clone(hill)
	corrupt[40] ^= 0x55
	inputs = append(inputs, corrupt)
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, r.IntN(600))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		inputs = append(inputs, b)
	}
	for i, b := range inputs {
		var out bytes.Buffer
		if err := fitdump.Dump(&out, b); err == nil {
			t.Errorf("input %d (%d bytes): no error", i, len(b))
		} else if out.Len() > 0 {
			t.Errorf("input %d: wrote %d bytes before failing", i, out.Len())
		}
	}
	// Two files chained are two dumps.
	two := dump(t, append(bytes.Clone(hill), hill...))
	if !strings.Contains(two, "fit file 2:") {
		t.Errorf("chained file:\n%s", two)
	}
}

func FuzzDump(f *testing.F) {
	for _, tw := range testWorkouts {
		b, _, err := fitenc.Encode(tw.w(), testOpts)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		// Also with the header and CRCs made right, so that the fuzzer
		// gets past the integrity checks into messages and fields.
		for _, in := range [][]byte{b, fixCRCs(b)} {
			var out bytes.Buffer
			err := fitdump.Dump(&out, in)
			if errors.Is(err, fitdump.ErrPanic) {
				t.Fatalf("Dump panicked: %v", err)
			}
			if err != nil && out.Len() > 0 {
				t.Errorf("wrote output and failed: %v", err)
			}
		}
	})
}

// fixCRCs returns a copy of b with a 14-byte FIT header whose data size and
// CRC match b, and a right file CRC at the end.
func fixCRCs(b []byte) []byte {
	if len(b) < 16 {
		return b
	}
	b = bytes.Clone(b)
	b[0] = 14
	copy(b[8:12], ".FIT")
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-16))
	binary.LittleEndian.PutUint16(b[12:], crc(b[:12]))
	binary.LittleEndian.PutUint16(b[len(b)-2:], crc(b[:len(b)-2]))
	return b
}
