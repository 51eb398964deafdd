package fit

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/muktihari/fit/profile/mesgdef"

	"github.com/workoutc/workoutc/encode"
)

// serialVersion starts the serialisation the serial number is hashed from.
// Change it only on purpose: every file's serial number changes with it.
const serialVersion = "workoutc/fit serial 1\x00"

// serialNumber returns file_id.serial_number for st's messages as
// st.opts ask (see encode.Options.Serial): derived from the content and
// salt, set, or a block's fixed bits with the rest derived; never 0 or
// 0xFFFFFFFF.
func (st *state) serialNumber() (uint32, error) {
	return serialFor(st.opts, st.contentSerial)
}

// serialFor is the serial number opts ask for; content gives the one
// derived from the content and salt, called only when opts need it.
func serialFor(opts encode.Options, content func() uint32) (uint32, error) {
	fixed, mask := opts.Serial, opts.SerialMask
	switch {
	case fixed == 0:
		return remapSerial(content()), nil
	case mask == 0:
		if fixed == 0xFFFFFFFF {
			return 0, fmt.Errorf("fit: serial number %d (0xFFFFFFFF) is FIT's invalid value", fixed)
		}
		return fixed, nil
	}
	return remapSerial(fixed&^mask | content()&mask), nil
}

// contentSerial returns the first 4 bytes of SHA-256 over everything the
// file encodes but time_created, plus the salt.
func (st *state) contentSerial() uint32 {
	st.hash = st.appendContent(appendSerialPrefix(st.hash[:0], st.opts.Salt))
	return contentSum(st.hash)
}

// appendSerialPrefix appends what the content serial number hashes before
// the content: the serialisation's version and the salt.
func appendSerialPrefix(b []byte, salt string) []byte {
	return appendString(append(b, serialVersion...), salt)
}

// contentSum is the content serial number of a serialisation: the first 4
// bytes of its SHA-256.
func contentSum(b []byte) uint32 {
	sum := sha256.Sum256(b)
	return binary.BigEndian.Uint32(sum[:4])
}

// appendContent appends what the content serial number hashes after the
// salt: everything the file encodes but file_id.
func (st *state) appendContent(b []byte) []byte {
	w := &st.workout
	b = append(b, byte(w.Sport), byte(w.SubSport))
	b = binary.LittleEndian.AppendUint16(b, w.NumValidSteps)
	b = appendString(b, w.WktName)
	b = appendString(b, w.WktDescription)
	b = binary.AppendUvarint(b, uint64(len(st.steps)))
	for i := range st.steps {
		b = appendStep(b, &st.steps[i])
	}
	b = binary.AppendUvarint(b, uint64(len(st.titles)))
	for i := range st.titles {
		t := &st.titles[i]
		b = binary.LittleEndian.AppendUint16(b, uint16(t.MessageIndex))
		b = binary.LittleEndian.AppendUint16(b, uint16(t.ExerciseCategory))
		b = binary.LittleEndian.AppendUint16(b, t.ExerciseName)
		b = binary.AppendUvarint(b, uint64(len(t.WktStepName)))
		for _, s := range t.WktStepName {
			b = appendString(b, s)
		}
	}
	return b
}

// remapSerial keeps a serial number off the values FIT reads as invalid.
func remapSerial(v uint32) uint32 {
	switch v {
	case 0:
		return 1
	case 0xFFFFFFFF:
		return 0xFFFFFFFE
	}
	return v
}

func appendStep(b []byte, m *mesgdef.WorkoutStep) []byte {
	le := binary.LittleEndian
	b = le.AppendUint16(b, uint16(m.MessageIndex))
	b = append(b, byte(m.DurationType), byte(m.TargetType), byte(m.Intensity), byte(m.Equipment), byte(m.SecondaryTargetType))
	b = le.AppendUint32(b, m.DurationValue)
	b = le.AppendUint32(b, m.TargetValue)
	b = le.AppendUint32(b, m.CustomTargetValueLow)
	b = le.AppendUint32(b, m.CustomTargetValueHigh)
	b = le.AppendUint32(b, m.SecondaryTargetValue)
	b = le.AppendUint32(b, m.SecondaryCustomTargetValueLow)
	b = le.AppendUint32(b, m.SecondaryCustomTargetValueHigh)
	b = le.AppendUint16(b, uint16(m.ExerciseCategory))
	b = le.AppendUint16(b, m.ExerciseName)
	b = le.AppendUint16(b, m.ExerciseWeight)
	b = le.AppendUint16(b, uint16(m.WeightDisplayUnit))
	b = appendString(b, m.WktStepName)
	return appendString(b, m.Notes)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
