package fit

import (
	"github.com/muktihari/fit/proto"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// AppendEncode is Encode appending the file to dst; it returns dst
// unchanged on error. No package but this one's tests used it, so it is a
// test helper now.
func AppendEncode(dst []byte, w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	b, diags, err := Encode(w, opts)
	if err != nil {
		return dst, nil, err
	}
	return append(dst, b...), diags, nil
}

// MessagesForTest returns the messages Encode would write for w, built
// twice: with this package's append*Fields and with mesgdef's ToMesg.
func MessagesForTest(w *workouts.Workout, opts encode.Options) (fast, slow []proto.Message, err error) {
	st := newState()
	if err := st.build(w, opts); err != nil {
		return nil, nil, err
	}
	fast = append(fast, mesg(appendFileIDFields(nil, &st.fileID), st.fileID.ToMesg(nil)))
	slow = append(slow, st.fileID.ToMesg(nil))
	fast = append(fast, mesg(appendWorkoutFields(nil, &st.workout), st.workout.ToMesg(nil)))
	slow = append(slow, st.workout.ToMesg(nil))
	for i := range st.steps {
		fast = append(fast, mesg(appendStepFields(nil, &st.steps[i]), st.steps[i].ToMesg(nil)))
		slow = append(slow, st.steps[i].ToMesg(nil))
	}
	for i := range st.titles {
		fast = append(fast, mesg(appendTitleFields(nil, &st.titles[i]), st.titles[i].ToMesg(nil)))
		slow = append(slow, st.titles[i].ToMesg(nil))
	}
	return fast, slow, nil
}

func mesg(f []proto.Field, like proto.Message) proto.Message {
	return proto.Message{Num: like.Num, Fields: f}
}

// Internals under test.
var (
	RemapSerial = remapSerial
	CutUTF8     = cutUTF8
)

// SetProduced makes f see every file Encode and EncodeSchedule return.
func SetProduced(f func([]byte)) { produced = f }

// CRC16 is the byte-table CRC Family patches files with.
func CRC16(b []byte) uint16 { return crcUpdate(0, b) }

// Unpatched makes f encode each of its files instead of patching them.
func Unpatched(f *Family) { f.off = -1 }

// Patched reports whether f patches its files.
func Patched(f *Family) bool { return f.off >= 0 }
