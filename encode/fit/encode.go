package fit

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// ProfileVersion is the FIT profile version written in every header,
// pinned so that a library upgrade does not change the bytes by itself.
const ProfileVersion = 21188

// Limits of the format and of what Garmin writes (format-notes §1, §8).
const (
	// MaxSteps is the most workout_step messages a file may hold
	// (message_index is 12 bits).
	MaxSteps = 4095
	// MaxText is the most bytes of UTF-8 a FIT string field holds.
	MaxText = 254
	// MaxWeightKg is the largest exercise_weight (uint16, scale 100).
	MaxWeightKg = 655.34

	connectSteps       = 50  // Garmin Connect's editor
	connectNesting     = 2   // repeats in repeats, as Garmin Connect builds them
	connectName        = 31  // wkt_name field width 32 in GC's files
	connectDescription = 159 // wkt_description width 160
	connectStepName    = 15  // wkt_step_name width 16
	connectNotes       = 199 // notes width 200
)

// Encoder implements encode.Encoder for FIT workout files.
type Encoder struct{}

var _ encode.Encoder = Encoder{}

// Format returns "fit".
func (Encoder) Format() string { return "fit" }

// Encode is the package function Encode.
func (Encoder) Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	return Encode(w, opts)
}

// Encode returns the FIT workout file of the resolved workout w, with
// warnings about what some watches or Garmin Connect may not take, sorted by
// place. On error it returns no bytes and no warnings; the error is a
// workouts.Diagnostics when the problems have a place in w. w is not
// modified or kept.
func Encode(w *workouts.Workout, opts encode.Options) ([]byte, workouts.Diagnostics, error) {
	st := statePool.Get().(*state)
	defer st.release()
	if err := st.make(w, opts); err != nil {
		return nil, nil, err
	}
	out := bytes.Clone(st.out.b)
	if produced != nil {
		produced(out)
	}
	return out, st.warnings(), nil
}

// make builds w's messages and encodes them into st.out.
func (st *state) make(w *workouts.Workout, opts encode.Options) error {
	if w == nil {
		return errors.New("fit: nil workout")
	}
	if err := st.build(w, opts); err != nil {
		return err
	}
	if err := st.encode(); err != nil {
		return fmt.Errorf("fit: %w", err)
	}
	return nil
}

// warnings returns a sorted copy of st's warnings, nil when none.
func (st *state) warnings() workouts.Diagnostics {
	if len(st.diags) == 0 {
		return nil
	}
	diags := append(workouts.Diagnostics(nil), st.diags...)
	diags.Sort()
	return diags
}

// produced, when set (only this package's tests set it), is given every
// file Encode and EncodeSchedule return, so that the tests can send them
// all to Garmin's SDK. It must copy what it keeps.
var produced func([]byte)

// Templates with every field invalid (absent). A zero-value mesgdef struct
// would write zeros as real data (format-notes §7.1).
var (
	fileIDTemplate  = *mesgdef.NewFileId(nil)
	workoutTemplate = *mesgdef.NewWorkout(nil)
	stepTemplate    = *mesgdef.NewWorkoutStep(nil)
	titleTemplate   = *mesgdef.NewExerciseTitle(nil)
)

var statePool = sync.Pool{New: func() any { return newState() }}

// state is everything one encode needs, kept in statePool between encodes.
type state struct {
	w    *workouts.Workout
	opts encode.Options

	fileID  mesgdef.FileId
	workout mesgdef.Workout
	steps   []mesgdef.WorkoutStep
	titles  []mesgdef.ExerciseTitle
	names   []string // each title's WktStepName is a one-string slice of names
	diags   workouts.Diagnostics
	errs    workouts.Diagnostics
	tooMany bool

	mesgs  []proto.Message
	fields []proto.Field
	hash   []byte
	fit    proto.FIT
	out    memWriter
	enc    *encoder.Encoder
	encOpt []encoder.Option
}

func newState() *state {
	st := &state{}
	st.encOpt = []encoder.Option{
		encoder.WithWriteBufferSize(0), // st.out is memory already
		encoder.WithProtocolVersion(proto.V1),
		encoder.WithMessageValidator(encoder.NewMessageValidator()),
	}
	st.enc = encoder.New(&st.out, st.encOpt...)
	return st
}

// release returns st to the pool unless it grew too big to keep.
func (st *state) release() {
	st.w, st.opts = nil, encode.Options{}
	if cap(st.out.b) > 1<<20 || cap(st.steps) > 1024 {
		return
	}
	// What st still points at (the workout's strings) is let go when the
	// pool drops st, at the latest two garbage collections from now.
	statePool.Put(st)
}

func (st *state) errorf(pos workouts.Pos, format string, args ...any) {
	st.errs.Errorf(pos, format, args...)
}

// build fills st's messages from w, or returns the problems that prevent it.
func (st *state) build(w *workouts.Workout, opts encode.Options) error {
	st.w, st.opts = w, opts
	st.steps, st.titles, st.names = st.steps[:0], st.titles[:0], st.names[:0]
	st.diags, st.errs, st.tooMany = st.diags[:0], st.errs[:0], false

	t := opts.Time
	if t.IsZero() {
		t = encode.DefaultTime
	}
	if err := checkCreated(t); err != nil {
		return fmt.Errorf("fit: %w", err)
	}

	st.workout = workoutTemplate
	sport, sub, ok := sportOf(w.Sport)
	if !ok {
		st.errorf(w.Pos, "unknown sport %q", w.Sport)
	}
	st.workout.Sport, st.workout.SubSport = sport, sub
	st.workout.WktName = st.text(w.Pos, "workout name", w.Name, connectName)
	st.workout.WktDescription = st.text(w.Pos, "description", w.Description, connectDescription)
	if w.Pool != nil {
		st.pool(w)
	}

	if len(w.Steps) == 0 {
		st.errorf(w.Pos, "the workout has no steps; a FIT workout needs at least one")
	}
	st.flatten(w.Steps, 0)
	n := len(st.steps)
	if st.tooMany {
		n = workouts.CountSteps(w.Steps)
		st.errorf(w.Pos, "%d steps; a FIT workout holds at most %d", n, MaxSteps)
	} else if n > connectSteps {
		st.diags.Warnf(w.Pos, "%d steps; Garmin Connect's editor allows %d and some watches may refuse more", n, connectSteps)
	}
	if len(st.errs) > 0 {
		st.errs.Sort()
		return st.errs
	}
	st.workout.NumValidSteps = uint16(n)

	st.fileID = fileIDTemplate
	st.fileID.Type = typedef.FileWorkout
	st.fileID.Manufacturer = typedef.ManufacturerDevelopment
	st.fileID.Product = 0
	st.fileID.TimeCreated = t
	sn, err := st.serialNumber()
	if err != nil {
		return err
	}
	st.fileID.SerialNumber = sn
	return nil
}

var fitEpoch = time.Date(1989, time.December, 31, 0, 0, 0, 0, time.UTC)

// sports pairs each sport of the language with FIT's sport and sub_sport
// for it. Decode reads a pair that is not listed as the first sport of
// its FIT sport (strength for training), generic when none is.
var sports = []struct {
	sport workouts.Sport
	fit   typedef.Sport
	sub   typedef.SubSport
}{
	{workouts.SportRunning, typedef.SportRunning, typedef.SubSportGeneric},
	{workouts.SportCycling, typedef.SportCycling, typedef.SubSportGeneric},
	{workouts.SportWalking, typedef.SportWalking, typedef.SubSportGeneric},
	{workouts.SportSwimming, typedef.SportSwimming, typedef.SubSportLapSwimming},
	{workouts.SportStrength, typedef.SportTraining, typedef.SubSportStrengthTraining},
	{workouts.SportCardio, typedef.SportTraining, typedef.SubSportCardioTraining},
	{workouts.SportHIIT, typedef.SportHiit, typedef.SubSportHiit},
	{workouts.SportYoga, typedef.SportTraining, typedef.SubSportYoga},
	{workouts.SportPilates, typedef.SportTraining, typedef.SubSportPilates},
	{workouts.SportGeneric, typedef.SportGeneric, typedef.SubSportGeneric},
}

// sportOf maps the language's sport to FIT's sport and sub_sport.
func sportOf(s workouts.Sport) (typedef.Sport, typedef.SubSport, bool) {
	for _, e := range sports {
		if e.sport == s {
			return e.fit, e.sub, true
		}
	}
	return typedef.SportInvalid, typedef.SubSportInvalid, false
}

// encode writes st's messages as a FIT file into st.out.
func (st *state) encode() error {
	// Every message's Fields share one array: size it first so that
	// appending never moves it.
	need := fileIDFieldsMax + workoutFieldsMax + stepFieldsMax*len(st.steps) + titleFieldsMax*len(st.titles)
	if cap(st.fields) < need {
		st.fields = make([]proto.Field, 0, need)
	}
	b := mesgBuilder{f: st.fields[:0], mesgs: st.mesgs[:0]}
	b.f = appendFileIDFields(b.f, &st.fileID)
	b.end(typedef.MesgNumFileId)
	b.f = appendWorkoutFields(b.f, &st.workout)
	b.end(typedef.MesgNumWorkout)
	for i := range st.steps {
		b.f = appendStepFields(b.f, &st.steps[i])
		b.end(typedef.MesgNumWorkoutStep)
	}
	for i := range st.titles {
		b.f = appendTitleFields(b.f, &st.titles[i])
		b.end(typedef.MesgNumExerciseTitle)
	}
	st.fields, st.mesgs = b.f, b.mesgs
	st.fit = proto.FIT{
		FileHeader: proto.FileHeader{ProtocolVersion: proto.V1, ProfileVersion: ProfileVersion},
		Messages:   st.mesgs,
	}
	st.out.b = st.out.b[:0]
	st.enc.Reset(&st.out, st.encOpt...)
	return st.enc.Encode(&st.fit)
}

// mesgBuilder cuts one array of fields into messages.
type mesgBuilder struct {
	f     []proto.Field
	start int
	mesgs []proto.Message
}

// end ends a message of type num with the fields appended since the last.
func (b *mesgBuilder) end(num typedef.MesgNum) {
	end := len(b.f)
	b.mesgs = append(b.mesgs, proto.Message{Num: num, Fields: b.f[b.start:end:end]})
	b.start = end
}

// memWriter is an in-memory io.Writer and io.WriterAt, so that muktihari's
// encoder patches the header in place instead of encoding twice to size it.
type memWriter struct{ b []byte }

func (m *memWriter) Write(p []byte) (int, error) {
	m.b = append(m.b, p...)
	return len(p), nil
}

func (m *memWriter) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 || off > int64(len(m.b)) || int64(len(p)) > int64(len(m.b))-off {
		return 0, errors.New("write past the end of the buffer")
	}
	return copy(m.b[off:], p), nil
}

// pool sets the workout's pool_length (m × 100, rounded: SetPoolLengthScaled
// would truncate) and pool_length_unit.
func (st *state) pool(w *workouts.Workout) {
	p := w.Pool
	pos := p.Pos.Or(w.Pos)
	if w.Sport != workouts.SportSwimming {
		st.errorf(pos, "pool %s in a %s workout; FIT gives pools to swimming workouts", p, w.Sport)
		return
	}
	v := math.Round(p.Meters() * 100)
	if !(v > 0 && v < math.MaxUint16) {
		st.errorf(pos, "pool length %s is outside what FIT holds", p)
		return
	}
	switch p.Unit {
	case "m":
		st.workout.PoolLengthUnit = typedef.DisplayMeasureMetric
	case "yd":
		st.workout.PoolLengthUnit = typedef.DisplayMeasureStatute
	default:
		st.errorf(pos, "pool unit %q is neither m nor yd", p.Unit)
		return
	}
	st.workout.PoolLength = uint16(v)
}
