// Package fitdump writes a readable text dump of any FIT file, for tests:
// the .fit.txt goldens beside every golden .fit file, and the dumps that
// batch and CLI tests compare. No command prints it.
package fitdump

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/workoutc/workoutc/internal/fitfield"
	"github.com/workoutc/workoutc/workouts/catalog"
	"github.com/workoutc/workoutc/workouts/say"
)

// Dump writes a readable text dump of the FIT file data to w: one line per
// field, raw values with their meaning, e.g.
//
//	duration: distance 160934 (1609.34 m)
//	exercise: squat/dumbbell_squat (28/29)
//	weight: 680 (6.80 kg, shown in pound)
//
// It reads any FIT file (chained files one after the other), decoded with
// muktihari's decoder without component expansion, and knows file_id,
// workout, workout_step, exercise_title and schedule in detail; other
// messages and fields are listed by profile name. The output depends only on data. Dump
// writes nothing and returns an error when data is not a valid FIT file.
func Dump(w io.Writer, data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil { // a decoder bug must not take the caller down
			err = fmt.Errorf("%w: %v", ErrPanic, r)
		}
	}()
	var out bytes.Buffer
	dec := decoder.New(bytes.NewReader(data), decoder.WithNoComponentExpansion())
	for n := 1; dec.Next(); n++ {
		f, err := dec.Decode()
		if err != nil {
			return fmt.Errorf("fit: %w", err)
		}
		d := dumper{b: &out}
		d.file(n, f)
	}
	if out.Len() == 0 {
		return errors.New("fit: no FIT data")
	}
	_, err = w.Write(out.Bytes())
	return err
}

// ErrPanic wraps a panic recovered while reading a file.
var ErrPanic = errors.New("fit: reading the file failed")

// fitEpoch is FIT's time zero: a date_time counts seconds from it.
var fitEpoch = time.Date(1989, time.December, 31, 0, 0, 0, 0, time.UTC)

type dumper struct {
	b *bytes.Buffer
	// done marks the fields of the current message already written.
	done [256]bool
}

func (d *dumper) line(format string, args ...any) {
	d.b.WriteString("  ")
	fmt.Fprintf(d.b, format, args...)
	d.b.WriteByte('\n')
}

func (d *dumper) file(n int, f *proto.FIT) {
	h := &f.FileHeader
	fmt.Fprintf(d.b, "fit file %d: header %d bytes, protocol %d.%d (0x%02x), profile %d, data %d bytes, header crc 0x%04x, crc 0x%04x\n",
		n, h.Size, byte(h.ProtocolVersion)>>4, byte(h.ProtocolVersion)&0x0F, byte(h.ProtocolVersion),
		h.ProfileVersion, h.DataSize, h.CRC, f.CRC)
	for i := range f.Messages {
		d.message(&f.Messages[i])
	}
}

// get returns the value of field num of m and marks it done; ok is false
// when m has no such field.
func (d *dumper) get(m *proto.Message, num byte) (v proto.Value, ok bool) {
	for i := range m.Fields {
		if m.Fields[i].Num == num {
			d.done[num] = true
			return m.Fields[i].Value, true
		}
	}
	return proto.Value{}, false
}

// uint returns field num of m as an unsigned integer, with ok false when m
// has no such field or it holds the base type's invalid value.
func (d *dumper) uint(m *proto.Message, num byte) (v uint64, ok bool) {
	val, ok := d.get(m, num)
	if !ok {
		return 0, false
	}
	switch val.Type() {
	case proto.TypeUint8:
		v, ok = uint64(val.Uint8()), val.Uint8() != basetype.Uint8Invalid
	case proto.TypeUint16:
		v, ok = uint64(val.Uint16()), val.Uint16() != basetype.Uint16Invalid
	case proto.TypeUint32:
		v, ok = uint64(val.Uint32()), val.Uint32() != basetype.Uint32Invalid
	default:
		d.done[num] = false // not what the profile says: list it raw
		return 0, false
	}
	return v, ok
}

func (d *dumper) message(m *proto.Message) {
	d.done = [256]bool{}
	fmt.Fprintf(d.b, "%s:\n", fitfield.MesgName(m.Num))
	switch m.Num {
	case typedef.MesgNumFileId:
		d.fileID(m)
	case typedef.MesgNumWorkout:
		d.workout(m)
	case typedef.MesgNumWorkoutStep:
		d.step(m)
	case typedef.MesgNumExerciseTitle:
		d.title(m)
	case typedef.MesgNumSchedule:
		d.schedule(m)
	}
	for i := range m.Fields {
		f := &m.Fields[i]
		if d.done[f.Num] {
			continue
		}
		name := f.Name
		if name == "" || name == "unknown" {
			name = "field_" + strconv.Itoa(int(f.Num))
		}
		s := fitfield.Value(f.Value, f.Scale, f.Offset, f.Units)
		if f.FieldBase != nil && !f.Value.Valid(f.BaseType) {
			s = fitfield.Value(f.Value, 1, 0, "") + " (invalid)"
		}
		d.line("%s: %s", name, s)
	}
	for i := range m.DeveloperFields {
		f := &m.DeveloperFields[i]
		d.line("developer_field %d/%d: %s", f.DeveloperDataIndex, f.Num, fitfield.Value(f.Value, 1, 0, ""))
	}
}

// enum formats an enum's raw value with its name: "5 (workout)".
func enum(v uint64, name string) string {
	if strings.HasSuffix(name, ")") || name == "" { // unknown to the profile
		return strconv.FormatUint(v, 10) + " (unknown)"
	}
	return strconv.FormatUint(v, 10) + " (" + name + ")"
}

func (d *dumper) str(m *proto.Message, num byte, name string) {
	if v, ok := d.get(m, num); ok {
		switch v.Type() {
		case proto.TypeString:
			d.line("%s: %q", name, v.String())
		default:
			d.line("%s: %s", name, fitfield.Value(v, 1, 0, ""))
		}
	}
}

// field is one field a message's dump shows: its number, name and how
// its unsigned value reads (nil: a string).
type field struct {
	num  byte
	name string
	text func(uint64) string
}

// fields dumps the fields fs of m in that order, those m has.
func (d *dumper) fields(m *proto.Message, fs ...field) {
	for _, f := range fs {
		if f.text == nil {
			d.str(m, f.num, f.name)
		} else if v, ok := d.uint(m, f.num); ok {
			d.line("%s: %s", f.name, f.text(v))
		}
	}
}

// enumText reads v as the profile type T: "5 (workout)".
func enumText[T interface {
	~uint8 | ~uint16 | ~uint32
	String() string
}](v uint64) string {
	return enum(v, T(v).String())
}

func number(v uint64) string { return strconv.FormatUint(v, 10) }

var messageIndexField = field{254, "message_index", messageIndex}

func (d *dumper) fileID(m *proto.Message) {
	d.fields(m, field{0, "type", enumText[typedef.File]})
	d.identity(m, 1)
	d.fields(m, field{5, "number", number}, field{8, "product_name", nil})
}

// identity dumps the four fields that identify a file on a watch,
// manufacturer, product, serial_number and time_created, numbered from
// first on in m (file_id: 1-4; schedule: 0-3, citing a workout's file_id).
func (d *dumper) identity(m *proto.Message, first byte) {
	manufacturer, hasManufacturer := d.uint(m, first)
	if hasManufacturer {
		d.line("manufacturer: %s", enumText[typedef.Manufacturer](manufacturer))
	}
	if v, ok := d.uint(m, first+1); ok {
		// product is a garmin_product for Garmin's own manufacturer ids.
		if hasManufacturer && (manufacturer == 1 || manufacturer == 13 || manufacturer == 15 || manufacturer == 89) {
			d.line("product: %s", enumText[typedef.GarminProduct](v))
		} else {
			d.line("product: %d", v)
		}
	}
	d.fields(m, field{first + 2, "serial_number", func(v uint64) string { return fmt.Sprintf("%d (0x%08x)", v, v) }},
		field{first + 3, "time_created", func(v uint64) string { return number(v) + " (" + fitTime(uint32(v), time.RFC3339) + ")" }})
}

// schedule dumps a schedule message: the day, and the file_id fields of
// the workout or course it puts there.
func (d *dumper) schedule(m *proto.Message) {
	d.fields(m, field{5, "type", enumText[typedef.Schedule]},
		field{6, "scheduled_time", func(v uint64) string { return number(v) + " (" + localTime(uint32(v)) + ")" }})
	d.identity(m, 0)
	if v, ok := d.get(m, 4); ok {
		switch v.Type() {
		case proto.TypeBool:
			d.line("completed: %s", enum(uint64(v.Bool()), v.Bool().String()))
		default:
			d.done[4] = false // not what the profile says: list it raw
		}
	}
}

// localTime formats a FIT local_date_time: a day and time in the watch's
// own time zone, "2027-01-05 local" at midnight.
func localTime(v uint32) string {
	switch {
	case v < 0x10000000:
		return fitTime(v, "")
	case v%86400 == 0:
		return fitTime(v, time.DateOnly) + " local"
	}
	return fitTime(v, "2006-01-02T15:04:05") + " local"
}

// fitTime formats a FIT date_time with layout (a time.RFC3339 date_time,
// a local_date_time without its zone).
func fitTime(v uint32, layout string) string {
	if v < 0x10000000 {
		return "system time, " + strconv.FormatUint(uint64(v), 10) + " s since the device started"
	}
	return fitEpoch.Add(time.Duration(v) * time.Second).Format(layout)
}

func (d *dumper) workout(m *proto.Message) {
	d.fields(m, messageIndexField, field{8, "wkt_name", nil}, field{4, "sport", enumText[typedef.Sport]},
		field{11, "sub_sport", enumText[typedef.SubSport]},
		field{5, "capabilities", func(v uint64) string { return fmt.Sprintf("0x%08x", v) }},
		field{6, "num_valid_steps", number},
		field{14, "pool_length", func(v uint64) string { return number(v) + " (" + decimal(float64(v)/100) + " m)" }},
		field{15, "pool_length_unit", enumText[typedef.DisplayMeasure]}, field{17, "wkt_description", nil})
}

func messageIndex(v uint64) string {
	s := strconv.FormatUint(v&0x0FFF, 10)
	if v&0x8000 != 0 {
		s += " (selected)"
	}
	if v&^0x8FFF != 0 {
		s += fmt.Sprintf(" (raw 0x%04x)", v)
	}
	return s
}

func (d *dumper) step(m *proto.Message) {
	d.fields(m, messageIndexField, field{0, "wkt_step_name", nil})
	dt, hasDT := d.uint(m, 1)
	dv, hasDV := d.uint(m, 2)
	if hasDT || hasDV {
		d.line("duration: %s", durationText(dt, hasDT, dv, hasDV))
	}
	tt, hasTT := d.uint(m, 3)
	tv, hasTV := d.uint(m, 4)
	if hasTT || hasTV {
		d.line("target: %s", targetText(tt, hasTT, tv, hasTV, dt, hasDT))
	}
	custom := func(v uint64) string { return customText(tt, hasTT, v) }
	d.fields(m, field{5, "custom_target_value_low", custom}, field{6, "custom_target_value_high", custom},
		field{7, "intensity", enumText[typedef.Intensity]}, field{8, "notes", nil},
		field{9, "equipment", enumText[typedef.WorkoutEquipment]})
	cat, hasCat := d.uint(m, 10)
	name, hasName := d.uint(m, 11)
	if hasCat || hasName {
		d.line("exercise: %s", exerciseText(cat, hasCat, name, hasName))
	}
	weight, hasWeight := d.uint(m, 12)
	unit, hasUnit := d.uint(m, 13)
	switch {
	case hasWeight && hasUnit:
		d.line("weight: %d (%s kg, shown in %s)", weight, fixed2(weight), profileName(typedef.FitBaseUnit(unit).String(), unit, true, "unit"))
	case hasWeight:
		d.line("weight: %d (%s kg)", weight, fixed2(weight))
	case hasUnit:
		d.line("weight_display_unit: %s", enumText[typedef.FitBaseUnit](unit))
	}
	stt, hasSTT := d.uint(m, 19)
	if hasSTT {
		d.line("secondary_target_type: %s", enumText[typedef.WktStepTarget](stt))
	}
	if v, ok := d.uint(m, 20); ok {
		// The secondary value has the zone and stroke sub-fields only.
		_, meaning, _ := strings.Cut(targetText(stt, hasSTT, v, true, 0, false), " (")
		if meaning != "" {
			d.line("secondary_target_value: %d (%s", v, meaning)
		} else {
			d.line("secondary_target_value: %d", v)
		}
	}
	custom = func(v uint64) string { return customText(stt, hasSTT, v) }
	d.fields(m, field{21, "secondary_custom_target_value_low", custom}, field{22, "secondary_custom_target_value_high", custom})
}

// profileName is name, the profile's name for v of the type what, or says
// that the profile does not know v or that there is no v.
func profileName(name string, v uint64, has bool, what string) string {
	switch {
	case !has:
		return "(no " + what + ")"
	case strings.HasSuffix(name, ")"):
		return "unknown " + what + " " + strconv.FormatUint(v, 10)
	}
	return name
}

// fixed2 formats v/100 with two decimals: 680 → "6.80".
func fixed2(v uint64) string {
	return strconv.FormatUint(v/100, 10) + "." + fmt.Sprintf("%02d", v%100)
}

func decimal(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func durationText(dt uint64, hasDT bool, dv uint64, hasDV bool) string {
	name := profileName(typedef.WktStepDuration(dt).String(), dt, hasDT, "duration_type")
	if !hasDV {
		return name
	}
	s := name + " " + strconv.FormatUint(dv, 10)
	if !hasDT {
		return s
	}
	var meaning string
	switch typedef.WktStepDuration(dt) {
	case typedef.WktStepDurationTime, typedef.WktStepDurationRepetitionTime:
		meaning = seconds(float64(dv) / 1000)
	case typedef.WktStepDurationDistance:
		meaning = decimal(float64(dv)/100) + " m"
	case typedef.WktStepDurationHrLessThan, typedef.WktStepDurationHrGreaterThan:
		meaning = hrText(dv)
	case typedef.WktStepDurationCalories:
		meaning = strconv.FormatUint(dv, 10) + " kcal"
	case typedef.WktStepDurationPowerLessThan, typedef.WktStepDurationPowerGreaterThan:
		meaning = powerText(dv)
	case typedef.WktStepDurationReps:
		meaning = strconv.FormatUint(dv, 10) + " reps"
	case typedef.WktStepDurationRepeatUntilStepsCmplt, typedef.WktStepDurationRepeatUntilTime,
		typedef.WktStepDurationRepeatUntilDistance, typedef.WktStepDurationRepeatUntilCalories,
		typedef.WktStepDurationRepeatUntilHrLessThan, typedef.WktStepDurationRepeatUntilHrGreaterThan,
		typedef.WktStepDurationRepeatUntilPowerLessThan, typedef.WktStepDurationRepeatUntilPowerGreaterThan:
		meaning = "back to step " + strconv.FormatUint(dv, 10)
	}
	if meaning == "" {
		return s
	}
	return s + " (" + meaning + ")"
}

// seconds formats a time in seconds: "90 s, 1:30".
func seconds(s float64) string {
	out := decimal(s) + " s"
	if s >= 60 {
		out += ", " + say.Clock(s)
	}
	return out
}

// hrText reads a workout_hr value: percent of max HR up to 100, else bpm+100.
func hrText(v uint64) string {
	if v <= 100 {
		return strconv.FormatUint(v, 10) + say.HRUnit(true)
	}
	return strconv.FormatUint(v-100, 10) + say.HRUnit(false)
}

// powerText reads a workout_power value: percent of FTP up to 1000, else W+1000.
func powerText(v uint64) string {
	if v <= 1000 {
		return strconv.FormatUint(v, 10) + say.PowerUnit(true)
	}
	return strconv.FormatUint(v-1000, 10) + say.PowerUnit(false)
}

func targetText(tt uint64, hasTT bool, tv uint64, hasTV bool, dt uint64, hasDT bool) string {
	name := profileName(typedef.WktStepTarget(tt).String(), tt, hasTT, "target_type")
	if !hasTV {
		return name
	}
	s := name + " " + strconv.FormatUint(tv, 10)
	// Which sub-field target_value is: a zone or stroke for these target
	// types, else the repeat_* meaning given by duration_type.
	var meaning string
	switch typedef.WktStepTarget(tt) {
	case typedef.WktStepTargetSpeed, typedef.WktStepTargetHeartRate, typedef.WktStepTargetCadence, typedef.WktStepTargetPower:
		if !hasTT {
			break
		}
		if tv == 0 {
			meaning = "custom range"
		} else {
			meaning = "zone " + strconv.FormatUint(tv, 10)
		}
	case typedef.WktStepTargetSwimStroke:
		if hasTT {
			meaning = typedef.SwimStroke(tv).String()
		}
	}
	if meaning == "" && hasDT {
		switch typedef.WktStepDuration(dt) {
		case typedef.WktStepDurationRepeatUntilStepsCmplt:
			meaning = "the block runs " + strconv.FormatUint(tv, 10) + " times"
		case typedef.WktStepDurationRepeatUntilTime:
			meaning = "until " + seconds(float64(tv)/1000)
		case typedef.WktStepDurationRepeatUntilDistance:
			meaning = "until " + decimal(float64(tv)/100) + " m"
		case typedef.WktStepDurationRepeatUntilCalories:
			meaning = "until " + strconv.FormatUint(tv, 10) + " kcal"
		case typedef.WktStepDurationRepeatUntilHrLessThan, typedef.WktStepDurationRepeatUntilHrGreaterThan:
			meaning = "hr " + hrText(tv)
		case typedef.WktStepDurationRepeatUntilPowerLessThan, typedef.WktStepDurationRepeatUntilPowerGreaterThan:
			meaning = "power " + powerText(tv)
		}
	}
	if meaning == "" {
		return s
	}
	return s + " (" + meaning + ")"
}

func customText(tt uint64, hasTT bool, v uint64) string {
	s := strconv.FormatUint(v, 10)
	if !hasTT {
		return s
	}
	switch typedef.WktStepTarget(tt) {
	case typedef.WktStepTargetSpeed:
		mps := float64(v) / 1000
		s += " (" + decimal(mps) + " m/s"
		if v > 0 {
			s += ", " + say.Pace(mps, 1000) + " /km, " + say.Pace(mps, 1609.344) + " /mi"
		}
		return s + ")"
	case typedef.WktStepTargetHeartRate:
		return s + " (" + hrText(v) + ")"
	case typedef.WktStepTargetPower:
		return s + " (" + powerText(v) + ")"
	case typedef.WktStepTargetCadence:
		return s + " (" + s + " rpm)"
	}
	return s
}

func exerciseText(cat uint64, hasCat bool, name uint64, hasName bool) string {
	catName := "-"
	catNum := "-"
	if hasCat {
		catNum = strconv.FormatUint(cat, 10)
		catName = typedef.ExerciseCategory(cat).String()
		if strings.HasSuffix(catName, ")") {
			catName = "unknown_category"
		}
	}
	exName := "-"
	exNum := "-"
	if hasName {
		exNum = strconv.FormatUint(name, 10)
		exName = "unknown_name"
		if hasCat {
			if e, ok := catalog.ByNumber(uint16(cat), uint16(name)); ok {
				exName = e.Name
			}
		}
	}
	return catName + "/" + exName + " (" + catNum + "/" + exNum + ")"
}

func (d *dumper) title(m *proto.Message) {
	d.fields(m, messageIndexField)
	cat, hasCat := d.uint(m, 0)
	name, hasName := d.uint(m, 1)
	if hasCat || hasName {
		d.line("exercise: %s", exerciseText(cat, hasCat, name, hasName))
	}
	if v, ok := d.get(m, 2); ok {
		d.line("wkt_step_name: %s", fitfield.Value(v, 1, 0, ""))
	}
}
