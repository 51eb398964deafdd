package tormoder

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	tfit "github.com/tormoder/fit"
)

// files lists the FIT files to cross-check: the golden workouts of the
// repository's testdata (the seed, every target kind, nested repeats,
// metric loads), which cmd/workoutc's golden test holds equal to what
// build writes.
func files(t *testing.T) []string {
	t.Helper()
	out, err := filepath.Glob("../../testdata/*.fit")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 5 {
		t.Fatalf("found %d FIT files in ../../testdata, want the 5 goldens at least", len(out))
	}
	return out
}

// step is what both decoders must agree on for a workout_step.
type step struct {
	index              uint16
	name, notes        string
	durType, tgtType   uint8
	durValue, tgtValue uint32
	low, high          uint32
	intensity          uint8
	category           uint16
}

// TestTormoderReadsOurFiles decodes every golden FIT file with tormoder/fit
// and with muktihari/fit (the encoder's library) and requires the same
// file_id, workout and workout steps from both.
func TestTormoderReadsOurFiles(t *testing.T) {
	workoutsSeen := 0
	for _, p := range files(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			tf, err := tfit.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("tormoder: %v", err)
			}
			dec := decoder.New(bytes.NewReader(data))
			mf, err := dec.Decode()
			if err != nil {
				t.Fatalf("muktihari: %v", err)
			}
			id := mesgdef.NewFileId(&mf.Messages[0])
			if uint8(tf.FileId.Type) != uint8(id.Type) || uint16(tf.FileId.Manufacturer) != uint16(id.Manufacturer) ||
				tf.FileId.Product != id.Product || tf.FileId.SerialNumber != id.SerialNumber ||
				!tf.FileId.TimeCreated.Equal(id.TimeCreated) {
				t.Errorf("file_id: tormoder %+v, muktihari %+v", tf.FileId, *id)
			}
			if id.SerialNumber == 0 || id.SerialNumber == 0xFFFFFFFF {
				t.Errorf("serial number %#x", id.SerialNumber)
			}
			if id.Type != typedef.FileWorkout {
				t.Fatalf("file type %v, want workout", id.Type)
			}
			workoutsSeen++
			wf, err := tf.Workout()
			if err != nil {
				t.Fatalf("tormoder Workout: %v", err)
			}
			var mw *mesgdef.Workout
			var msteps []step
			for i := range mf.Messages {
				m := &mf.Messages[i]
				switch m.Num {
				case typedef.MesgNumWorkout:
					mw = mesgdef.NewWorkout(m)
				case typedef.MesgNumWorkoutStep:
					s := mesgdef.NewWorkoutStep(m)
					msteps = append(msteps, step{
						index: uint16(s.MessageIndex), name: s.WktStepName, notes: s.Notes,
						durType: uint8(s.DurationType), durValue: s.DurationValue,
						tgtType: uint8(s.TargetType), tgtValue: s.TargetValue,
						low: s.CustomTargetValueLow, high: s.CustomTargetValueHigh,
						intensity: uint8(s.Intensity), category: uint16(s.ExerciseCategory),
					})
				}
			}
			if mw == nil {
				t.Fatal("muktihari finds no workout message")
			}
			w := wf.Workout
			if uint8(w.Sport) != uint8(mw.Sport) || uint8(w.SubSport) != uint8(mw.SubSport) ||
				w.NumValidSteps != mw.NumValidSteps || w.WktName != mw.WktName {
				t.Errorf("workout: tormoder %+v, muktihari %+v", *w, *mw)
			}
			if int(mw.NumValidSteps) != len(msteps) || len(wf.WorkoutSteps) != len(msteps) {
				t.Fatalf("num_valid_steps %d; tormoder reads %d steps, muktihari %d", mw.NumValidSteps, len(wf.WorkoutSteps), len(msteps))
			}
			for i, want := range msteps {
				s := wf.WorkoutSteps[i]
				got := step{
					index: uint16(s.MessageIndex), name: s.WktStepName, notes: s.Notes,
					durType: uint8(s.DurationType), durValue: s.DurationValue,
					tgtType: uint8(s.TargetType), tgtValue: s.TargetValue,
					low: s.CustomTargetValueLow, high: s.CustomTargetValueHigh,
					intensity: uint8(s.Intensity), category: uint16(s.ExerciseCategory),
				}
				if got != want {
					t.Errorf("workout_step %d:\ntormoder  %+v\nmuktihari %+v", i, got, want)
				}
			}
		})
	}
	if workoutsSeen < 5 {
		t.Errorf("cross-checked %d workout files, want the 5 golden workouts at least", workoutsSeen)
	}
}

// TestSeedHill pins what tormoder reads from the seed hill workout, so that
// the cross-check cannot pass on two decoders that both read nothing.
func TestSeedHill(t *testing.T) {
	data, err := os.ReadFile("../../testdata/hill-repeats.fit")
	if err != nil {
		t.Fatal(err)
	}
	f, err := tfit.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	wf, err := f.Workout()
	if err != nil {
		t.Fatal(err)
	}
	if wf.Workout.WktName != "Hill Repeats" || wf.Workout.Sport != tfit.SportRunning || len(wf.WorkoutSteps) != 5 {
		t.Fatalf("workout %+v with %d steps; want Hill Repeats, running, 5 steps", *wf.Workout, len(wf.WorkoutSteps))
	}
	s := wf.WorkoutSteps[1]
	if s.WktStepName != "Uphill" || s.DurationType != tfit.WktStepDurationTime || s.DurationValue != 120000 {
		t.Errorf("step 2 %+v; want Uphill, 2 min", *s)
	}
	r := wf.WorkoutSteps[3]
	if r.DurationType != tfit.WktStepDurationRepeatUntilStepsCmplt || r.DurationValue != 1 || r.TargetValue != 4 {
		t.Errorf("step 4 %+v; want repeat from step 1, 4 times", *r)
	}
}
