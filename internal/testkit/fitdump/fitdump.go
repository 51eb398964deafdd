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

func (d *dumper) fileID(m *proto.Message) {
	if v, ok := d.uint(m, 0); ok {
		d.line("type: %s", enum(v, typedef.File(v).String()))
	}
	d.identity(m, 1)
	if v, ok := d.uint(m, 5); ok {
		d.line("number: %d", v)
	}
	d.str(m, 8, "product_name")
}

// identity dumps the four fields that identify a file on a watch,
// manufacturer, product, serial_number and time_created, numbered from
// first on in m (file_id: 1-4; schedule: 0-3, citing a workout's file_id).
func (d *dumper) identity(m *proto.Message, first byte) {
	manufacturer, hasManufacturer := d.uint(m, first)
	if hasManufacturer {
		d.line("manufacturer: %s", enum(manufacturer, typedef.Manufacturer(manufacturer).String()))
	}
	if v, ok := d.uint(m, first+1); ok {
		// product is a garmin_product for Garmin's own manufacturer ids.
		if hasManufacturer && (manufacturer == 1 || manufacturer == 13 || manufacturer == 15 || manufacturer == 89) {
			d.line("product: %s", enum(v, typedef.GarminProduct(v).String()))
		} else {
			d.line("product: %d", v)
		}
	}
	if v, ok := d.uint(m, first+2); ok {
		d.line("serial_number: %d (0x%08x)", v, v)
	}
	if v, ok := d.uint(m, first+3); ok {
		d.line("time_created: %d (%s)", v, fitTime(uint32(v)))
	}
}

// schedule dumps a schedule message: the day, and the file_id fields of
// the workout or course it puts there.
func (d *dumper) schedule(m *proto.Message) {
	if v, ok := d.uint(m, 5); ok {
		d.line("type: %s", enum(v, typedef.Schedule(v).String()))
	}
	if v, ok := d.uint(m, 6); ok {
		d.line("scheduled_time: %d (%s)", v, localTime(uint32(v)))
	}
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
	if v < 0x10000000 {
		return "system time, " + strconv.FormatUint(uint64(v), 10) + " s since the device started"
	}
	t := fitEpoch.Add(time.Duration(v) * time.Second)
	if v%86400 == 0 {
		return t.Format(time.DateOnly) + " local"
	}
	return t.Format("2006-01-02T15:04:05") + " local"
}

// fitTime formats a FIT date_time.
func fitTime(v uint32) string {
	if v < 0x10000000 {
		return "system time, " + strconv.FormatUint(uint64(v), 10) + " s since the device started"
	}
	return fitEpoch.Add(time.Duration(v) * time.Second).Format(time.RFC3339)
}

func (d *dumper) workout(m *proto.Message) {
	if v, ok := d.uint(m, 254); ok {
		d.line("message_index: %s", messageIndex(v))
	}
	d.str(m, 8, "wkt_name")
	if v, ok := d.uint(m, 4); ok {
		d.line("sport: %s", enum(v, typedef.Sport(v).String()))
	}
	if v, ok := d.uint(m, 11); ok {
		d.line("sub_sport: %s", enum(v, typedef.SubSport(v).String()))
	}
	if v, ok := d.uint(m, 5); ok {
		d.line("capabilities: 0x%08x", v)
	}
	if v, ok := d.uint(m, 6); ok {
		d.line("num_valid_steps: %d", v)
	}
	if v, ok := d.uint(m, 14); ok {
		d.line("pool_length: %d (%s m)", v, decimal(float64(v)/100))
	}
	if v, ok := d.uint(m, 15); ok {
		d.line("pool_length_unit: %s", enum(v, typedef.DisplayMeasure(v).String()))
	}
	d.str(m, 17, "wkt_description")
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
	if v, ok := d.uint(m, 254); ok {
		d.line("message_index: %s", messageIndex(v))
	}
	d.str(m, 0, "wkt_step_name")
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
	if v, ok := d.uint(m, 5); ok {
		d.line("custom_target_value_low: %s", customText(tt, hasTT, v))
	}
	if v, ok := d.uint(m, 6); ok {
		d.line("custom_target_value_high: %s", customText(tt, hasTT, v))
	}
	if v, ok := d.uint(m, 7); ok {
		d.line("intensity: %s", enum(v, typedef.Intensity(v).String()))
	}
	d.str(m, 8, "notes")
	if v, ok := d.uint(m, 9); ok {
		d.line("equipment: %s", enum(v, typedef.WorkoutEquipment(v).String()))
	}
	cat, hasCat := d.uint(m, 10)
	name, hasName := d.uint(m, 11)
	if hasCat || hasName {
		d.line("exercise: %s", exerciseText(cat, hasCat, name, hasName))
	}
	weight, hasWeight := d.uint(m, 12)
	unit, hasUnit := d.uint(m, 13)
	switch {
	case hasWeight && hasUnit:
		d.line("weight: %d (%s kg, shown in %s)", weight, fixed2(weight), baseUnitName(unit))
	case hasWeight:
		d.line("weight: %d (%s kg)", weight, fixed2(weight))
	case hasUnit:
		d.line("weight_display_unit: %s", enum(unit, typedef.FitBaseUnit(unit).String()))
	}
	stt, hasSTT := d.uint(m, 19)
	if hasSTT {
		d.line("secondary_target_type: %s", enum(stt, typedef.WktStepTarget(stt).String()))
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
	if v, ok := d.uint(m, 21); ok {
		d.line("secondary_custom_target_value_low: %s", customText(stt, hasSTT, v))
	}
	if v, ok := d.uint(m, 22); ok {
		d.line("secondary_custom_target_value_high: %s", customText(stt, hasSTT, v))
	}
}

func baseUnitName(v uint64) string {
	s := typedef.FitBaseUnit(v).String()
	if strings.HasSuffix(s, ")") {
		return "unknown unit " + strconv.FormatUint(v, 10)
	}
	return s
}

// fixed2 formats v/100 with two decimals: 680 → "6.80".
func fixed2(v uint64) string {
	return strconv.FormatUint(v/100, 10) + "." + fmt.Sprintf("%02d", v%100)
}

func decimal(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func durationText(dt uint64, hasDT bool, dv uint64, hasDV bool) string {
	name := "(no duration_type)"
	if hasDT {
		name = typedef.WktStepDuration(dt).String()
		if strings.HasSuffix(name, ")") {
			name = "unknown duration_type " + strconv.FormatUint(dt, 10)
		}
	}
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
	name := "(no target_type)"
	if hasTT {
		name = typedef.WktStepTarget(tt).String()
		if strings.HasSuffix(name, ")") {
			name = "unknown target_type " + strconv.FormatUint(tt, 10)
		}
	}
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
	if v, ok := d.uint(m, 254); ok {
		d.line("message_index: %s", messageIndex(v))
	}
	cat, hasCat := d.uint(m, 0)
	name, hasName := d.uint(m, 1)
	if hasCat || hasName {
		d.line("exercise: %s", exerciseText(cat, hasCat, name, hasName))
	}
	if v, ok := d.get(m, 2); ok {
		d.line("wkt_step_name: %s", fitfield.Value(v, 1, 0, ""))
	}
}
