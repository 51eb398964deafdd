package fit

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/workoutc/workoutc/internal/fitfield"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/catalog"
)

// ErrNotWorkout is wrapped by the error Decode returns for a valid FIT file
// that is not a workout file (an activity, a course, settings, ...).
var ErrNotWorkout = errors.New("not a workout file")

// ErrNotFIT is wrapped by the error Decode returns for data that is not a
// FIT file at all, or a FIT file that is corrupt or truncated.
var ErrNotFIT = errors.New("not a valid FIT file")

// IsFIT reports whether data starts like a FIT file: a 12- or 14-byte
// header with ".FIT" at bytes 8-11. It does not check the CRCs.
func IsFIT(data []byte) bool {
	return len(data) >= 12 && (data[0] == 12 || data[0] == 14) && string(data[8:12]) == ".FIT"
}

// Decode reads a FIT workout file (file_id type 5), made by workoutc or by
// anything else, into the workout model. It returns the workout, warnings
// about what it tolerated or could not keep, and an error when data is not a
// readable FIT workout file (not FIT, corrupt, truncated, or a FIT file of
// another type: the error then wraps ErrNotFIT or ErrNotWorkout and reads as
// one line).
//
// It tolerates what real files hold: any profile or protocol version,
// num_valid_steps that does not match the steps, a missing sport, unknown
// and developer fields (ignored with a warning when they carry a value),
// steps without message_index, repeats until a time, distance, calories,
// heart rate or power, HR and power targets in percent of max HR or FTP,
// zones, exercise steps with a category but no name (Garmin Connect's
// warm-ups), multi-line notes and exercise_title messages.
//
// The returned workout is in the model's terms: times in s, distances in m,
// paces in m/s, HR in bpm or percent, weights in the unit the file shows
// them in. Steps are nested: repeats hold their children. Positions carry
// no file name (Pos is zero); warnings name the step by its message_index
// ("step 12: ..."). The workout keeps the exercise_title text of each
// exercise as Exercise.Title. Decode never panics.
func Decode(data []byte) (w *workouts.Workout, diags workouts.Diagnostics, err error) {
	defer func() {
		if r := recover(); r != nil { // a decoder bug must not take the caller down
			w, diags, err = nil, nil, fmt.Errorf("%w: reading it failed (%v)", ErrNotFIT, r)
		}
	}()
	if !IsFIT(data) {
		if len(data) == 0 {
			return nil, nil, fmt.Errorf("%w: the file is empty", ErrNotFIT)
		}
		return nil, nil, fmt.Errorf("%w: no FIT header", ErrNotFIT)
	}
	dec := decoder.New(bytes.NewReader(data), decoder.WithNoComponentExpansion())
	var files []*proto.FIT
	for dec.Next() {
		f, err := dec.Decode()
		if err != nil {
			if len(files) == 0 {
				if e := notWorkout(data); e != nil {
					return nil, nil, e // say what it is rather than how it is broken
				}
			}
			return nil, nil, decodeError(err, len(files) > 0, complete(data))
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("%w: no FIT data", ErrNotFIT)
	}
	d := &fitReader{}
	w, err = d.read(files[0].Messages)
	if err != nil {
		return nil, nil, err
	}
	if len(files) > 1 {
		d.warnf("the file chains %d FIT files; read the first, ignored the rest", len(files))
	}
	return w, d.diags, nil
}

// notWorkout returns ErrNotWorkout for a file whose file_id, read without
// checking the CRC, says it is not a workout; nil otherwise.
func notWorkout(data []byte) error {
	dec := decoder.New(bytes.NewReader(data), decoder.WithIgnoreChecksum(), decoder.WithNoComponentExpansion())
	id, err := dec.PeekFileId()
	if err != nil || id.Type == typedef.FileWorkout || id.Type == typedef.FileInvalid {
		return nil
	}
	return fmt.Errorf("%w: file_id type is %s (%d), a workout is type 5", ErrNotWorkout, fileTypeName(id.Type), id.Type)
}

func fileTypeName(t typedef.File) string { return profileName(t.String(), "unknown") }

// profileName is name, the profile's String of a value, or unknown for a
// value the profile does not know (whose String ends in ")").
func profileName(name, unknown string) string {
	if strings.HasSuffix(name, ")") {
		return unknown
	}
	return name
}

// decodeError words a decoder error as one line.
func decodeError(err error, chained, complete bool) error {
	msg := err.Error()
	switch {
	case errors.Is(err, decoder.ErrCRCChecksumMismatch):
		msg = "checksum mismatch (the file is corrupt)"
	case errors.Is(err, decoder.ErrNotFITFile):
		msg = "bad FIT header"
	case errors.Is(err, decoder.ErrMesgDefMissing):
		msg = "a message without its definition (the file is corrupt)"
	case strings.Contains(msg, "EOF") && !complete:
		msg = "the file is truncated (shorter than its header says)"
	case strings.Contains(msg, "EOF"):
		msg = "the file is corrupt (a message runs past the end of the data)"
	default:
		msg = strings.ReplaceAll(msg, "\n", " ")
	}
	if chained {
		msg = "a chained FIT file: " + msg
	}
	return fmt.Errorf("%w: %s", ErrNotFIT, msg)
}

// complete reports whether data is at least as long as its first FIT
// header says the file is.
func complete(data []byte) bool {
	if len(data) < 12 {
		return false
	}
	size := int64(data[0]) + int64(binary.LittleEndian.Uint32(data[4:8])) + 2
	return int64(len(data)) >= size
}

// fitReader turns the messages of one FIT file into a workout.
type fitReader struct {
	diags   workouts.Diagnostics
	unknown map[string]bool // "mesg field" pairs warned about
	devSeen bool
}

func (d *fitReader) warnf(format string, args ...any) {
	d.diags.Warnf(workouts.Pos{}, format, args...)
}

// fields indexes a message's fields by number.
type fields struct {
	m *proto.Message
}

func (f fields) get(num byte) (proto.Value, bool) {
	for i := range f.m.Fields {
		if f.m.Fields[i].Num == num {
			return f.m.Fields[i].Value, true
		}
	}
	return proto.Value{}, false
}

// uint returns field num as an unsigned integer, whatever unsigned base
// type the file used, with ok false when it is absent or invalid.
func (f fields) uint(num byte) (uint64, bool) {
	v, ok := f.get(num)
	if !ok {
		return 0, false
	}
	return valueUint(v)
}

func valueUint(v proto.Value) (uint64, bool) {
	switch v.Type() {
	case proto.TypeUint8:
		return uint64(v.Uint8()), v.Uint8() != basetype.Uint8Invalid
	case proto.TypeUint16:
		return uint64(v.Uint16()), v.Uint16() != basetype.Uint16Invalid
	case proto.TypeUint32:
		return uint64(v.Uint32()), v.Uint32() != basetype.Uint32Invalid
	case proto.TypeUint64:
		return v.Uint64(), v.Uint64() != basetype.Uint64Invalid
	case proto.TypeInt8:
		return uint64(v.Int8()), v.Int8() >= 0 && v.Int8() != basetype.Sint8Invalid
	case proto.TypeInt16:
		return uint64(v.Int16()), v.Int16() >= 0 && v.Int16() != basetype.Sint16Invalid
	case proto.TypeInt32:
		return uint64(v.Int32()), v.Int32() >= 0 && v.Int32() != basetype.Sint32Invalid
	}
	return 0, false
}

// str returns field num as text, "" when absent.
func (f fields) str(num byte) string {
	v, ok := f.get(num)
	if !ok {
		return ""
	}
	switch v.Type() {
	case proto.TypeString:
		return v.String()
	case proto.TypeSliceString:
		return strings.Join(v.SliceString(), "")
	}
	return ""
}

// known lists the field numbers this reader understands per message.
var known = map[typedef.MesgNum]map[byte]bool{
	typedef.MesgNumFileId:        {0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 8: true},
	typedef.MesgNumWorkout:       {254: true, 4: true, 5: true, 6: true, 8: true, 11: true, 14: true, 15: true, 17: true},
	typedef.MesgNumWorkoutStep:   {254: true, 0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true, 10: true, 11: true, 12: true, 13: true, 19: true, 20: true, 21: true, 22: true},
	typedef.MesgNumExerciseTitle: {254: true, 0: true, 1: true, 2: true},
}

// checkFields warns once per file about each unknown field that holds a
// value and about developer fields: the reader drops them.
func (d *fitReader) checkFields(m *proto.Message) {
	k := known[m.Num]
	for i := range m.Fields {
		f := &m.Fields[i]
		if k[f.Num] || !hasValue(f.Value) {
			continue
		}
		key := fitfield.MesgName(m.Num) + " field " + strconv.Itoa(int(f.Num))
		if d.unknown == nil {
			d.unknown = map[string]bool{}
		}
		if d.unknown[key] {
			continue
		}
		d.unknown[key] = true
		name := f.Name
		if name == "" || name == "unknown" {
			name = "field " + strconv.Itoa(int(f.Num))
		}
		d.warnf("%s %s (%s) is not part of a workout as workoutc reads it; ignored", fitfield.MesgName(m.Num), name, fitfield.Value(f.Value, 1, 0, ""))
	}
	if len(m.DeveloperFields) > 0 && !d.devSeen {
		d.devSeen = true
		d.warnf("the file holds developer fields (%s first); ignored", fitfield.MesgName(m.Num))
	}
}

// hasValue reports whether v holds something other than the invalid value
// of its type (or an array of nothing but invalid values or zeros).
func hasValue(v proto.Value) bool {
	switch v.Type() {
	case proto.TypeInvalid:
		return false
	case proto.TypeString:
		return v.String() != ""
	case proto.TypeSliceString:
		return slices.ContainsFunc(v.SliceString(), func(s string) bool { return s != "" })
	case proto.TypeSliceUint8:
		return slices.ContainsFunc(v.SliceUint8(), func(b byte) bool { return b != 0 && b != 0xFF })
	case proto.TypeUint8, proto.TypeUint16, proto.TypeUint32, proto.TypeUint64,
		proto.TypeInt8, proto.TypeInt16, proto.TypeInt32:
		_, ok := valueUint(v)
		return ok
	}
	return true
}

// rawStep is one workout_step as the file has it: its fields (0
// wkt_step_name, 1 duration_type, 2 duration_value, 3-6 target_type,
// target_value and the custom low and high, 7 intensity, 8 notes, 9
// equipment, 10 exercise_category, 11 exercise_name, 12 exercise_weight,
// 13 weight_display_unit, 19-22 the secondary target's), and its
// message_index (the position when the file has none).
type rawStep struct {
	fields
	index int
}

func (d *fitReader) read(mesgs []proto.Message) (*workouts.Workout, error) {
	if len(mesgs) == 0 || mesgs[0].Num != typedef.MesgNumFileId {
		// FIT wants file_id first; look for one anywhere before refusing.
		if !slices.ContainsFunc(mesgs, func(m proto.Message) bool { return m.Num == typedef.MesgNumFileId }) {
			return nil, fmt.Errorf("%w: the file has no file_id message, so it does not say it is a workout", ErrNotWorkout)
		}
		d.warnf("file_id is not the first message")
	}
	var (
		fileID   *proto.Message
		workout  *proto.Message
		steps    []rawStep
		titles   = map[[2]uint64]string{}
		nWorkout int
		// messages that are not part of a workout, by type, in order
		others     map[typedef.MesgNum]int
		otherOrder []typedef.MesgNum
	)
	for i := range mesgs {
		m := &mesgs[i]
		f := fields{m}
		switch m.Num {
		case typedef.MesgNumFileId:
			if fileID == nil {
				fileID = m
			}
		case typedef.MesgNumWorkout:
			nWorkout++
			if workout == nil {
				workout = m
			}
		case typedef.MesgNumWorkoutStep:
			r := rawStep{fields: f, index: -1 - len(steps)} // no message_index: order() numbers it
			if v, ok := f.uint(254); ok {
				r.index = int(v & 0x0FFF)
			}
			steps = append(steps, r)
		case typedef.MesgNumExerciseTitle:
			c, ok1 := f.uint(0)
			n, ok2 := f.uint(1)
			if !ok2 {
				n = workouts.NoExerciseName
			}
			if ok1 {
				k := [2]uint64{c, n}
				if _, dup := titles[k]; !dup {
					titles[k] = d.text(f.str(2), "exercise title")
				}
			}
		case typedef.MesgNumFileCreator, typedef.MesgNumDeveloperDataId, typedef.MesgNumFieldDescription:
			continue // what made the file; nothing to keep
		default:
			if others == nil {
				others = map[typedef.MesgNum]int{}
			}
			if others[m.Num] == 0 {
				otherOrder = append(otherOrder, m.Num)
			}
			others[m.Num]++
			continue
		}
		d.checkFields(m)
	}
	fid := fields{fileID}
	typ, ok := fid.uint(0)
	if !ok {
		return nil, fmt.Errorf("%w: file_id gives no file type", ErrNotWorkout)
	}
	if typ != uint64(typedef.FileWorkout) {
		return nil, fmt.Errorf("%w: file_id type is %s (%d), a workout is type 5", ErrNotWorkout, fileTypeName(typedef.File(typ)), typ)
	}
	if workout == nil && len(steps) == 0 {
		return nil, fmt.Errorf("%w: a workout file with no workout and no steps", ErrNotWorkout)
	}
	for _, num := range otherOrder {
		d.warnf("%d %s message(s) are not part of a workout as workoutc reads it; ignored", others[num], fitfield.MesgName(num))
	}
	w := &workouts.Workout{}
	if workout == nil {
		d.warnf("the file has no workout message (no name, no sport); read its steps")
	} else {
		d.workout(w, fields{workout}, len(steps))
	}
	if nWorkout > 1 {
		d.warnf("the file holds %d workout messages; read the first", nWorkout)
	}
	if len(steps) == 0 {
		d.warnf("the workout has no steps")
	}
	steps = d.order(steps)
	w.Steps = d.tree(steps, titles)
	swimPaceUnits(w)
	if w.Sport == "" || !workouts.TrainingSport(w.Sport) {
		d.checkExerciseSport(w)
	}
	return w, nil
}

// order sorts the steps by message_index when every step has a distinct
// one, and numbers them in file order otherwise.
func (d *fitReader) order(steps []rawStep) []rawStep {
	seen := map[int]bool{}
	good := true
	for _, s := range steps {
		if s.index < 0 || seen[s.index] {
			good = false
			break
		}
		seen[s.index] = true
	}
	if !good {
		if len(steps) > 0 {
			d.warnf("workout steps lack distinct message_index values; numbered them in file order")
		}
		for i := range steps {
			steps[i].index = i
		}
		return steps
	}
	sorted := sort.SliceIsSorted(steps, func(i, j int) bool { return steps[i].index < steps[j].index })
	if !sorted {
		d.warnf("workout steps are not in message_index order; read them in that order")
		sort.SliceStable(steps, func(i, j int) bool { return steps[i].index < steps[j].index })
	}
	for i, s := range steps {
		if s.index != i {
			d.warnf("message_index values have gaps (step %d is at position %d); repeats are read by message_index", s.index, i)
			break
		}
	}
	return steps
}

// text repairs a string of the file for the model: valid UTF-8, no NUL.
func (d *fitReader) text(s, what string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		d.warnf("%s is not valid UTF-8; replaced the bad bytes with U+FFFD", what)
	}
	return strings.ReplaceAll(s, "\x00", "")
}

func (d *fitReader) workout(w *workouts.Workout, f fields, nSteps int) {
	w.Name = d.text(f.str(8), "workout name")
	w.Description = d.text(f.str(17), "description")
	sport, hasSport := f.uint(4)
	sub, hasSub := f.uint(11)
	w.Sport = d.sport(sport, hasSport, sub, hasSub)
	if n, ok := f.uint(6); ok && int(n) != nSteps {
		d.warnf("num_valid_steps says %d, the file holds %d workout steps; read them all", n, nSteps)
	}
	if v, ok := f.uint(14); ok {
		unit, hasUnit := f.uint(15)
		w.Pool = d.pool(v, unit, hasUnit)
	}
}

// sport maps FIT's sport and sub_sport to the language's sport; "" when
// the file gives none.
func (d *fitReader) sport(sport uint64, hasSport bool, sub uint64, hasSub bool) workouts.Sport {
	if !hasSport {
		d.warnf("the file gives no sport")
		return ""
	}
	sp, ss := typedef.Sport(sport), typedef.SubSport(sub)
	if !hasSub {
		ss = typedef.SubSportInvalid
	}
	// FIT's pair, else the first sport of FIT's sport: exact when the
	// encoder writes the pair for out.
	var out workouts.Sport
	exact := false
	for _, e := range sports {
		if e.fit == sp && (out == "" || e.sub == ss) {
			out, exact = e.sport, e.sub == ss
		}
	}
	out = cmp.Or(out, workouts.SportGeneric)
	// A missing or generic sub_sport of a sport the language spells alone
	// is no loss.
	plain := ss == typedef.SubSportInvalid || ss == typedef.SubSportGeneric && sp != typedef.SportSwimming && sp != typedef.SportHiit
	simple := sp == typedef.SportRunning || sp == typedef.SportCycling || sp == typedef.SportWalking || sp == typedef.SportGeneric
	if !exact && !(plain && simple) {
		d.warnf("sport %s has no spelling in the workout language; read as %s", sportName(sp, ss, hasSub), out)
	}
	return out
}

func sportName(sp typedef.Sport, ss typedef.SubSport, hasSub bool) string {
	s := profileName(sp.String(), "sport("+strconv.Itoa(int(sp))+")")
	if hasSub && ss != typedef.SubSportGeneric {
		s += "/" + profileName(ss.String(), "sub_sport("+strconv.Itoa(int(ss))+")")
	}
	return s
}

// checkExerciseSport warns when exercise steps sit in a sport that the
// language does not allow them in.
func (d *fitReader) checkExerciseSport(w *workouts.Workout) {
	n := 0
	workouts.Walk(w.Steps, func(s *workouts.Step, _ int) {
		if s.Kind == workouts.KindExercise {
			n++
		}
	})
	if n > 0 {
		d.warnf("%d exercise steps in a workout whose sport is %s; the language puts exercises in strength, cardio, yoga or pilates workouts", n, cmp.Or(w.Sport, "none"))
	}
}

// isRepeat reports whether a duration type loops back to an earlier step:
// the profile's repeat_until_* types.
func isRepeat(t uint64) bool {
	return strings.HasPrefix(typedef.WktStepDuration(t).String(), "repeat_until_")
}

// item is a step or a finished repeat block waiting for an enclosing repeat.
type item struct {
	first int // message_index of its first step
	step  workouts.Step
}

// tree nests the flat, ordered steps: a repeat at index k looping back to
// index b owns every pending item that starts at b or later (format-notes
// §4.4).
func (d *fitReader) tree(steps []rawStep, titles map[[2]uint64]string) []workouts.Step {
	var pending []item
	for i := range steps {
		r := &steps[i]
		if t, ok := r.uint(1); !ok || !isRepeat(t) {
			pending = append(pending, item{first: r.index, step: d.step(r, titles)})
			continue
		}
		v, ok := r.uint(2)
		back := int(v)
		if !ok || back >= r.index {
			d.warnf("step %d: a repeat that loops to step %s, not to an earlier step; ignored", r.index, orNone(v, ok))
			continue
		}
		j := len(pending)
		for j > 0 && pending[j-1].first >= back {
			j--
		}
		if j == len(pending) {
			d.warnf("step %d: a repeat with no step to repeat; ignored", r.index)
			continue
		}
		if pending[j].first != back {
			d.warnf("step %d: the repeat loops back to step %d, inside an earlier block; repeated the blocks from step %d", r.index, back, pending[j].first)
		}
		if name, notes := r.str(0), r.str(8); name != "" || notes != "" {
			d.warnf("step %d: the repeat step's name or notes (%q) are not kept: FIT leaves them undefined on repeats and the language has none", r.index, strings.TrimSpace(name+" "+notes))
		}
		rep := workouts.Step{Kind: workouts.KindRepeat}
		for _, it := range pending[j:] {
			rep.Steps = append(rep.Steps, it.step)
		}
		d.repeat(r, &rep)
		first := pending[j].first
		pending = append(pending[:j], item{first: first, step: rep})
	}
	out := make([]workouts.Step, len(pending))
	for i := range pending {
		out[i] = pending[i].step
	}
	return out
}

func orNone(v uint64, ok bool) string {
	if !ok {
		return "(none)"
	}
	return strconv.FormatUint(v, 10)
}

// repeat fills the count or condition of a repeat step.
func (d *fitReader) repeat(r *rawStep, rep *workouts.Step) {
	tv, ok := r.uint(4)
	dt, _ := r.uint(1)
	if typedef.WktStepDuration(dt) == typedef.WktStepDurationRepeatUntilStepsCmplt {
		if !ok {
			d.warnf("step %d: a repeat with no count; read as once", r.index)
			rep.Count = 1
			return
		}
		rep.Count = int(min(tv, math.MaxInt32))
		if tv == 0 {
			d.warnf("step %d: a repeat count of 0; read as once", r.index)
			rep.Count = 1
		}
		return
	}
	u, _ := durationOf(dt, tv)
	if !ok {
		d.warnf("step %d: %s with no value", r.index, durationName(dt))
	}
	rep.Until = &u
}

// hrValue decodes FIT's workout_hr: up to 100 percent of max HR, above
// that bpm + 100.
func hrValue(v uint64) (float64, bool) { return offsetValue(v, 100) }

// powerValue decodes FIT's workout_power: up to 1000 percent of FTP,
// above that W + 1000.
func powerValue(v uint64) (float64, bool) { return offsetValue(v, 1000) }

// offsetValue decodes a value that is a percent up to offset and the
// absolute value plus offset above it; it reports whether it is a percent.
func offsetValue(v, offset uint64) (float64, bool) {
	if v <= offset {
		return float64(v), true
	}
	return float64(v - offset), false
}

func durationName(t uint64) string {
	return profileName(typedef.WktStepDuration(t).String(), "duration_type "+strconv.FormatUint(t, 10))
}

func targetName(t uint64) string {
	return profileName(typedef.WktStepTarget(t).String(), "target_type "+strconv.FormatUint(t, 10))
}

// step turns a non-repeat workout_step into a model step.
func (d *fitReader) step(r *rawStep, titles map[[2]uint64]string) workouts.Step {
	s := workouts.Step{
		Name:  d.text(r.str(0), fmt.Sprintf("step %d name", r.index)),
		Notes: d.text(r.str(8), fmt.Sprintf("step %d notes", r.index)),
	}
	s.Intensity = workouts.IntensityActive
	if v, ok := r.uint(7); ok {
		if v <= uint64(workouts.IntensityOther) {
			s.Intensity = workouts.Intensity(v)
		} else {
			d.warnf("step %d: unknown intensity %d; read as active", r.index, v)
		}
	}
	s.Duration = d.duration(r)
	s.Target = d.target(r, "target", 3)
	if t, ok := r.uint(19); ok && t != uint64(typedef.WktStepTargetOpen) {
		s.Secondary = d.target(r, "secondary target", 19)
	}
	d.strokeOf(r.index, &s)
	if v, ok := r.uint(9); ok && v != uint64(typedef.WorkoutEquipmentNone) {
		if v <= uint64(workouts.EquipmentSnorkel) {
			s.Equipment = workouts.Equipment(v)
		} else {
			d.warnf("step %d: equipment %d is not kept (the language knows fins, kickboard, paddles, pull buoy and snorkel)", r.index, v)
		}
	}
	kg, hasWeight := r.uint(12)
	if cat, ok := r.uint(10); ok {
		s.Kind = workouts.KindExercise
		s.Exercise = exercise(r, cat, titles)
		if hasWeight {
			unit, hasUnit := r.uint(13)
			s.Weight = weight(kg, unit, hasUnit)
		}
	} else {
		if hasWeight {
			d.warnf("step %d: a weight on a step with no exercise; ignored", r.index)
		}
		s.Kind = kindOf(s.Intensity)
	}
	return s
}

// kindOf picks the step kind whose default intensity is i.
func kindOf(i workouts.Intensity) workouts.Kind {
	for _, k := range []workouts.Kind{workouts.KindWarmup, workouts.KindCooldown, workouts.KindRecover, workouts.KindRest} {
		if workouts.DefaultIntensity(k) == i {
			return k
		}
	}
	return workouts.KindRun
}

func exercise(r *rawStep, category uint64, titles map[[2]uint64]string) *workouts.Exercise {
	ex := &workouts.Exercise{Category: uint16(category), Number: workouts.NoExerciseName}
	if n, ok := r.uint(11); ok {
		ex.Number = uint16(n)
	}
	cat, ok := catalog.CategoryName(ex.Category)
	if !ok {
		cat = strconv.Itoa(int(ex.Category))
	}
	switch {
	case ex.Number == workouts.NoExerciseName:
		ex.Key = cat
	default:
		if e, ok := catalog.ByNumber(ex.Category, ex.Number); ok {
			ex.Key, ex.Title = e.Key(), e.Title
		} else {
			ex.Key = cat + "/" + strconv.Itoa(int(ex.Number))
		}
	}
	if t, ok := titles[[2]uint64{category, uint64(ex.Number)}]; ok && t != "" {
		ex.Title = t
	}
	return ex
}

// weight reads exercise_weight (kg × 100) in the unit the file shows it:
// pounds as the shortest number of pounds that encodes to the same value.
func weight(raw, unit uint64, hasUnit bool) *workouts.Weight {
	if hasUnit && unit == uint64(typedef.FitBaseUnitPound) {
		return &workouts.Weight{Value: poundsFor(uint16(raw)), Unit: "lb"}
	}
	return &workouts.Weight{Value: float64(raw) / 100, Unit: "kg"}
}

// poundsFor returns the number of pounds, with as few decimals as
// possible, that FIT encodes as exercise_weight raw (kg × 100, rounded).
func poundsFor(raw uint16) float64 {
	exact := float64(raw) / 100 / 0.45359237
	for dec := 0; dec <= 6; dec++ {
		p := math.Pow(10, float64(dec))
		for _, c := range [3]float64{math.Round(exact * p), math.Floor(exact * p), math.Ceil(exact * p)} {
			lb := c / p
			if math.Round(lb*0.45359237*100) == float64(raw) {
				return lb
			}
		}
	}
	return exact
}

func (d *fitReader) duration(r *rawStep) workouts.Duration {
	t, ok := r.uint(1)
	if !ok {
		d.warnf("step %d: no duration type; read as until lap", r.index)
		return workouts.Duration{Kind: workouts.DurationLap}
	}
	if typedef.WktStepDuration(t) == typedef.WktStepDurationOpen {
		return workouts.Duration{Kind: workouts.DurationLap}
	}
	v, ok := r.uint(2)
	du, known := durationOf(t, v)
	if known && !ok {
		d.warnf("step %d: %s with no value; read as until lap", r.index, durationName(t))
		return workouts.Duration{Kind: workouts.DurationLap}
	}
	return du
}

// durationOf decodes the value v of duration type t, a step's or a
// repeat's (repeat_time ms, repeat_distance cm, ...: format-notes §4.2);
// known is false, and the duration DurationOther, for a type the model
// has no kind for.
func durationOf(t, v uint64) (du workouts.Duration, known bool) {
	switch typedef.WktStepDuration(t) {
	case typedef.WktStepDurationTime, typedef.WktStepDurationRepeatUntilTime:
		return workouts.Duration{Kind: workouts.DurationTime, Seconds: float64(v) / 1000}, true
	case typedef.WktStepDurationDistance, typedef.WktStepDurationRepeatUntilDistance:
		return workouts.Duration{Kind: workouts.DurationDistance, Meters: float64(v) / 100}, true
	case typedef.WktStepDurationReps:
		return workouts.Duration{Kind: workouts.DurationReps, Reps: int(min(v, math.MaxInt32))}, true
	case typedef.WktStepDurationCalories, typedef.WktStepDurationRepeatUntilCalories:
		return workouts.Duration{Kind: workouts.DurationCalories, Value: float64(v)}, true
	case typedef.WktStepDurationHrLessThan, typedef.WktStepDurationRepeatUntilHrLessThan:
		du.Kind = workouts.DurationHRBelow
		du.Value, du.Percent = hrValue(v)
	case typedef.WktStepDurationHrGreaterThan, typedef.WktStepDurationRepeatUntilHrGreaterThan:
		du.Kind = workouts.DurationHRAbove
		du.Value, du.Percent = hrValue(v)
	case typedef.WktStepDurationPowerLessThan, typedef.WktStepDurationRepeatUntilPowerLessThan:
		du.Kind = workouts.DurationPowerBelow
		du.Value, du.Percent = powerValue(v)
	case typedef.WktStepDurationPowerGreaterThan, typedef.WktStepDurationRepeatUntilPowerGreaterThan:
		du.Kind = workouts.DurationPowerAbove
		du.Value, du.Percent = powerValue(v)
	default:
		return workouts.Duration{Kind: workouts.DurationOther, Other: durationName(t), Value: float64(v)}, false
	}
	return du, true
}

// rangeTargets are FIT's targets of a zone or a custom range: the model's
// kinds for each and how a custom value reads.
var rangeTargets = map[typedef.WktStepTarget]struct {
	zone, custom   workouts.TargetKind
	scale          float64 // a custom value is the model's times scale
	zones          int     // zones go from 1 to zones (0: not checked)
	offset         uint64  // a custom value above it is absolute (see offsetValue); 0: none
	word, of, unit string  // "heart-rate", what a percent is of, the absolute unit
}{
	typedef.WktStepTargetSpeed:     {zone: workouts.TargetSpeedZone, custom: workouts.TargetPace, scale: 1000},
	typedef.WktStepTargetHeartRate: {workouts.TargetHRZone, workouts.TargetHR, 1, workouts.HRZones, 100, "heart-rate", "max", "bpm"},
	typedef.WktStepTargetPower:     {workouts.TargetPowerZone, workouts.TargetPower, 1, workouts.PowerZones, 1000, "power", "FTP", "watts"},
	typedef.WktStepTargetCadence:   {zone: workouts.TargetCadenceZone, custom: workouts.TargetCadence, scale: 1},
}

// target decodes a (secondary) target of step r: the fields type, value,
// low and high from number base on.
func (d *fitReader) target(r *rawStep, what string, base byte) workouts.Target {
	idx := r.index
	typ, hasTyp := r.uint(base)
	tv, hasTV := r.uint(base + 1)
	lo, hasLo := r.uint(base + 2)
	hi, hasHi := r.uint(base + 3)
	if !hasTyp || typedef.WktStepTarget(typ) == typedef.WktStepTargetOpen {
		return workouts.Target{Kind: workouts.TargetOpen}
	}
	k, ok := rangeTargets[typedef.WktStepTarget(typ)]
	if !ok {
		t := workouts.Target{Kind: workouts.TargetOther, Other: targetName(typ)}
		if hasTV {
			t.Zone = int(min(tv, math.MaxInt32))
		}
		if hasLo {
			t.Low = float64(lo)
		}
		if hasHi {
			t.High = float64(hi)
		}
		return t
	}
	if hasTV && tv != 0 {
		if k.zones > 0 && tv > uint64(k.zones) {
			d.warnf("step %d: %s %s zone %d; zones go from 1 to %d", idx, what, k.word, tv, k.zones)
		}
		return workouts.Target{Kind: k.zone, Zone: int(min(tv, 1<<20))}
	}
	switch {
	case hasLo && hasHi:
	case hasLo:
		hi = lo
	case hasHi:
		lo = hi
	default:
		d.warnf("step %d: %s %s with neither a zone nor a range; read as open", idx, what, targetName(typ))
		return workouts.Target{Kind: workouts.TargetOpen}
	}
	l, h := float64(min(lo, hi)), float64(max(lo, hi))
	if k.offset == 0 {
		return workouts.Target{Kind: k.custom, Low: l / k.scale, High: h / k.scale}
	}
	lv, lp := offsetValue(uint64(l), k.offset)
	hv, hp := offsetValue(uint64(h), k.offset)
	if lp != hp { // one end a percent, the other absolute: both absolute
		d.warnf("step %d: %s %s range mixes percent of %s and %s (%d-%d); read both as %s", idx, what, k.word, k.of, k.unit, uint64(l), uint64(h), k.unit)
		lv, hv = math.Max(l-float64(k.offset), 0), h-float64(k.offset)
	}
	return workouts.Target{Kind: k.custom, Low: lv, High: hv, Percent: lp && hp}
}
