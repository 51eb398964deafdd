package fit

import (
	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// EncodeIdentity is the package function EncodeIdentity.
func (Encoder) EncodeIdentity(w *workouts.Workout, opts encode.Options) ([]byte, FileIdentity, workouts.Diagnostics, error) {
	return EncodeIdentity(w, opts)
}

// EncodeIdentity is Encode that also returns the identity the file's
// file_id message holds: what a schedule cites (see ScheduledWorkout). The
// identity is the one the encoder computed and wrote, not read back from
// the bytes; Identify of the bytes gives the same.
func EncodeIdentity(w *workouts.Workout, opts encode.Options) ([]byte, FileIdentity, workouts.Diagnostics, error) {
	st := statePool.Get().(*state)
	defer st.release()
	if err := st.make(w, opts); err != nil {
		return nil, FileIdentity{}, nil, err
	}
	return append([]byte(nil), st.out.b...), st.identity(), st.warnings(), nil
}

// identity is the FileIdentity of st's file_id.
func (st *state) identity() FileIdentity {
	return FileIdentity{
		Type:         uint8(st.fileID.Type),
		Manufacturer: uint16(st.fileID.Manufacturer),
		Product:      st.fileID.Product,
		SerialNumber: st.fileID.SerialNumber,
		TimeCreated:  st.fileID.TimeCreated.UTC(),
	}
}

// EncodeFamily is the package function EncodeFamily.
func (Encoder) EncodeFamily(w *workouts.Workout, opts encode.Options) (*Family, workouts.Diagnostics, error) {
	return EncodeFamily(w, opts)
}
