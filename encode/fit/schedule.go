package fit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/workoutc/workoutc/encode"
)

// FIT file types (file_id.type) this package writes.
const (
	FileTypeWorkout   = uint8(typedef.FileWorkout)   // 5: a workout
	FileTypeSchedules = uint8(typedef.FileSchedules) // 7: workouts put on calendar days
)

// MaxScheduleEntries is the most entries EncodeSchedule writes into one
// file. Watches show about 30 upcoming entries (jpickup/GarminTools#26);
// callers that want that cut make it themselves.
const MaxScheduleEntries = 4096

// FileIdentity is what identifies a FIT file on a watch: the fields of its
// file_id message. A schedule cites each workout by its identity, so the
// values must be those of the workout file as written.
type FileIdentity struct {
	// Type is file_id.type: FileTypeWorkout, FileTypeSchedules, ...
	Type uint8
	// Manufacturer and Product are file_id.manufacturer and product
	// (255 development and 0 in the files this package writes).
	Manufacturer uint16
	Product      uint16
	// SerialNumber is file_id.serial_number; 0 means absent.
	SerialNumber uint32
	// TimeCreated is file_id.time_created; the zero Time means absent.
	TimeCreated time.Time
}

// errPanic wraps a panic recovered while reading a file.
var errPanic = errors.New("fit: reading the file failed")

// Identify checks that data is one whole FIT file (header, sizes, both
// CRCs, and every message decodes) and returns the identity its file_id message gives. Absent fields
// are zero, except Type, which is 0xFF when absent. It reads only data and
// does not keep it.
func Identify(data []byte) (FileIdentity, error) {
	id, _, err := identify(data)
	return id, err
}

// identify is Identify that also returns the decoded file.
func identify(data []byte) (id FileIdentity, f *proto.FIT, err error) {
	defer func() {
		if r := recover(); r != nil { // a decoder bug must not take the caller down
			id, f, err = FileIdentity{}, nil, fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	if len(data) < 12 || !bytes.Equal(data[8:12], []byte(".FIT")) {
		return FileIdentity{}, nil, errors.New("not a FIT file (no .FIT signature in the header)")
	}
	r := bytes.NewReader(data)
	seq, err := decoder.New(r).CheckIntegrity()
	if err != nil {
		return FileIdentity{}, nil, fmt.Errorf("damaged FIT file: %w", err)
	}
	if seq != 1 {
		return FileIdentity{}, nil, fmt.Errorf("%d FIT files chained in one; expected one", seq)
	}
	// Every message must decode, not only file_id: a file whose later
	// messages are broken (a data message with no definition) is not a
	// file a watch or inspect would take. One decode gives both.
	r.Reset(data)
	f, err = decoder.New(r, decoder.WithNoComponentExpansion()).Decode()
	if err != nil {
		return FileIdentity{}, nil, fmt.Errorf("damaged FIT file: %w", err)
	}
	i := slices.IndexFunc(f.Messages, func(m proto.Message) bool { return m.Num == typedef.MesgNumFileId })
	if i < 0 {
		return FileIdentity{}, nil, errors.New("no file_id message")
	}
	fid := mesgdef.NewFileId(&f.Messages[i])
	return identityOf(uint8(fid.Type), fid.Manufacturer, fid.Product, fid.SerialNumber, fid.TimeCreated), f, nil
}

// identityOf is the identity a file_id or schedule message gives, absent
// fields zero.
func identityOf(typ uint8, m typedef.Manufacturer, product uint16, serial uint32, created time.Time) FileIdentity {
	id := FileIdentity{Type: typ, Manufacturer: uint16(m), Product: product, SerialNumber: serial}
	if m == typedef.ManufacturerInvalid {
		id.Manufacturer = 0
	}
	if product == math.MaxUint16 {
		id.Product = 0
	}
	if !created.Before(fitEpoch) {
		id.TimeCreated = created.UTC()
	}
	return id
}

// TypeName names a FIT file type as the profile does: "workout",
// "schedules", "activity", ...; "type N" for one the profile does not know.
func TypeName(t uint8) string {
	return profileName(typedef.File(t).String(), fmt.Sprintf("type %d", t))
}

// ScheduledWorkout is one entry of a schedule: a workout file and the
// calendar day it is planned for.
type ScheduledWorkout struct {
	// Workout is the identity of the workout file (see Identify); its Type
	// must be FileTypeWorkout and its SerialNumber non-zero.
	Workout FileIdentity
	// Date is the day. Only its year, month and day count, read in Date's
	// own location: the watch shows the entry on that day in its own time
	// zone.
	Date time.Time
}

// EncodeSchedule returns a FIT schedules file that puts each workout on
// its day of the watch's calendar. It holds a file_id (type schedules,
// manufacturer development, product 0, a serial number derived from the
// entries and opts.Salt, time_created opts.Time or encode.DefaultTime)
// and one schedule message per entry, in order of date (entries on the
// same day keep their order): manufacturer, product, serial_number and
// time_created of the workout's file_id, completed false, type workout,
// and scheduled_time the day at 00:00 local time.
//
// The watch finds each workout by its identity, so the workout files must
// be on the watch too, and every distinct workout needs a distinct
// identity. The same entries and options give the same bytes. entries is
// not modified or kept.
func EncodeSchedule(entries []ScheduledWorkout, opts encode.Options) ([]byte, error) {
	t := opts.Time
	if t.IsZero() {
		t = encode.DefaultTime
	}
	if err := checkCreated(t); err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	if len(entries) == 0 {
		return nil, errors.New("fit: a schedule needs at least one entry")
	}
	if len(entries) > MaxScheduleEntries {
		return nil, fmt.Errorf("fit: %d schedule entries; at most %d", len(entries), MaxScheduleEntries)
	}
	type entry struct {
		days uint32 // local days since the FIT epoch
		id   FileIdentity
	}
	es := make([]entry, len(entries))
	var errs []error
	for i, e := range entries {
		w := e.Workout
		switch {
		case w.Type != FileTypeWorkout:
			errs = append(errs, fmt.Errorf("entry %d: the file is a %s file, not a workout", i+1, TypeName(w.Type)))
		case w.SerialNumber == 0 || w.SerialNumber == math.MaxUint32:
			errs = append(errs, fmt.Errorf("entry %d: the workout has no serial number; the watch finds scheduled workouts by it", i+1))
		}
		if !w.TimeCreated.IsZero() {
			if err := checkCreated(w.TimeCreated); err != nil {
				errs = append(errs, fmt.Errorf("entry %d: the workout's %w", i+1, err))
			}
		}
		days, err := localDays(e.Date)
		if err != nil {
			errs = append(errs, fmt.Errorf("entry %d: %w", i+1, err))
		}
		es[i] = entry{days: days, id: w}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("fit: %w", errors.Join(errs...))
	}
	slices.SortStableFunc(es, func(a, b entry) int { return int(int64(a.days) - int64(b.days)) })

	// The serial number: SHA-256 over what the schedule says, like a
	// workout's (see serial.go), never 0 or 0xFFFFFFFF.
	b := append([]byte(scheduleSerialVersion), opts.Salt...)
	b = append(b, 0)
	for _, e := range es {
		b = binary.LittleEndian.AppendUint32(b, e.days)
		b = binary.LittleEndian.AppendUint16(b, e.id.Manufacturer)
		b = binary.LittleEndian.AppendUint16(b, e.id.Product)
		b = binary.LittleEndian.AppendUint32(b, e.id.SerialNumber)
		b = binary.LittleEndian.AppendUint32(b, fitSeconds(e.id.TimeCreated))
	}

	fileID := fileIDTemplate
	fileID.Type = typedef.FileSchedules
	fileID.Manufacturer = typedef.ManufacturerDevelopment
	fileID.Product = 0
	fileID.SerialNumber = remapSerial(contentSum(b))
	fileID.TimeCreated = t

	mesgs := make([]proto.Message, 0, 1+len(es))
	mesgs = append(mesgs, fileID.ToMesg(nil))
	for _, e := range es {
		m := mesgdef.NewSchedule(nil).
			SetManufacturer(typedef.Manufacturer(e.id.Manufacturer)).
			SetProduct(e.id.Product).
			SetSerialNumber(e.id.SerialNumber).
			SetCompleted(typedef.BoolFalse).
			SetType(typedef.ScheduleWorkout).
			SetScheduledTime(fitEpoch.Add(time.Duration(e.days) * 24 * time.Hour))
		if !e.id.TimeCreated.IsZero() {
			m.SetTimeCreated(e.id.TimeCreated)
		}
		mesgs = append(mesgs, m.ToMesg(nil))
	}
	var out memWriter
	enc := encoder.New(&out, encoder.WithWriteBufferSize(0), encoder.WithProtocolVersion(proto.V1))
	if err := enc.Encode(&proto.FIT{
		FileHeader: proto.FileHeader{ProtocolVersion: proto.V1, ProfileVersion: ProfileVersion},
		Messages:   mesgs,
	}); err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	if produced != nil {
		produced(out.b)
	}
	return out.b, nil
}

// scheduleSerialVersion starts what a schedule's serial number is hashed
// from. Change it only on purpose: every schedule's serial changes with it.
const scheduleSerialVersion = "workoutc/fit schedule serial 1\x00"

// checkCreated refuses a creation time FIT cannot carry as a date.
func checkCreated(t time.Time) error {
	if t.Before(encode.MinTime) {
		return fmt.Errorf("creation time %s is before %s, which FIT reads as device uptime, not a date",
			t.UTC().Format(time.RFC3339), encode.MinTime.Format(time.RFC3339))
	}
	if t.After(fitEpoch.Add((math.MaxUint32 - 1) * time.Second)) {
		return fmt.Errorf("creation time %s is past FIT's last date", t.UTC().Format(time.RFC3339))
	}
	return nil
}

// fitSeconds is t as a FIT date_time, 0 for the zero Time.
func fitSeconds(t time.Time) uint32 {
	if t.IsZero() {
		return 0
	}
	return uint32(t.Sub(fitEpoch) / time.Second)
}

// localDays returns the calendar day of d (in d's location) as days since
// the FIT epoch, refusing days a FIT local_date_time cannot carry as a
// date.
func localDays(d time.Time) (uint32, error) {
	if d.IsZero() {
		return 0, errors.New("no date")
	}
	y, m, day := d.Date()
	midnight := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if midnight.Before(encode.MinTime) || midnight.After(fitEpoch.Add((math.MaxUint32-86400)*time.Second)) {
		return 0, fmt.Errorf("date %s is outside what FIT carries (%s to 2126)", midnight.Format(time.DateOnly), encode.MinTime.AddDate(0, 0, 1).Format(time.DateOnly))
	}
	return uint32(midnight.Sub(fitEpoch) / (24 * time.Hour)), nil
}

// DecodeSchedule reads the entries of a FIT schedules file, in file order:
// for each schedule message, the identity it cites (Type FileTypeWorkout
// for a workout entry, 6 for a course) and its day (Date at 00:00 UTC
// holds the local day and time the watch reads). It checks the file's
// integrity first; a file of another type is an error.
func DecodeSchedule(data []byte) (entries []ScheduledWorkout, err error) {
	id, fit, err := identify(data)
	if err != nil {
		return nil, err
	}
	if id.Type != FileTypeSchedules {
		return nil, fmt.Errorf("a FIT %s file, not a schedule", TypeName(id.Type))
	}
	for i := range fit.Messages {
		if fit.Messages[i].Num != typedef.MesgNumSchedule {
			continue
		}
		s := mesgdef.NewSchedule(&fit.Messages[i])
		typ := FileTypeWorkout
		if s.Type == typedef.ScheduleCourse {
			typ = uint8(typedef.FileCourse)
		} else if s.Type != typedef.ScheduleWorkout {
			typ = 0xFF
		}
		e := ScheduledWorkout{Workout: identityOf(typ, s.Manufacturer, s.Product, s.SerialNumber, s.TimeCreated)}
		if !s.ScheduledTime.Before(fitEpoch) {
			e.Date = s.ScheduledTime.UTC()
		}
		entries = append(entries, e)
	}
	return entries, nil
}
