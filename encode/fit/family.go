package fit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/muktihari/fit/profile/typedef"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
)

// Family is one workout encoded once for many files that differ only in
// file_id.serial_number: the files EncodeIdentity makes of the workout with
// options that differ only in Salt (or, with FileSerial, in a fixed
// Serial). A club batch writes the same session of an athlete on many
// dates; each file after the first costs a copy of the bytes, a hash of the
// content for the serial number and a CRC, instead of an encode.
//
// Every file a Family gives is byte for byte what EncodeIdentity gives for
// the same options (TestFamilyIsEncodeIdentity). A Family keeps w (which it
// does not modify) and is safe for use by one goroutine at a time.
type Family struct {
	w       *workouts.Workout
	opts    encode.Options
	diags   workouts.Diagnostics
	base    []byte           // the file encoded with opts
	id      FileIdentity     // its identity
	content []byte           // what the content serial number hashes after the salt
	off     int              // of serial_number in base; -1: encode each file
	order   binary.ByteOrder // of serial_number
	pre     uint16           // the CRC of base up to serial_number
	post    uint16           // the CRC from 0 of what follows it, but the CRC
	zeros   *[16]uint16      // crcZeros of the length of what follows it
}

// EncodeFamily encodes w once with opts, for Family.File and
// Family.FileSerial. Its warnings are those of every file of the family;
// an error is EncodeIdentity's with opts.
func EncodeFamily(w *workouts.Workout, opts encode.Options) (*Family, workouts.Diagnostics, error) {
	st := statePool.Get().(*state)
	defer st.release()
	if err := st.make(w, opts); err != nil {
		return nil, nil, err
	}
	f := &Family{w: w, opts: opts, base: bytes.Clone(st.out.b), id: st.identity(), off: -1, diags: st.warnings()}
	f.content = st.appendContent(nil)
	if off, order, ok := serialOffset(f.base); ok {
		if order.Uint32(f.base[off:]) == f.id.SerialNumber {
			f.off, f.order = off, order
			rest := f.base[off+4 : len(f.base)-2]
			f.pre, f.post, f.zeros = crcUpdate(0, f.base[:off]), crcUpdate(0, rest), crcZeros(len(rest))
		}
	}
	return f, f.diags, nil
}

// File returns the file and identity EncodeIdentity gives for the
// family's workout and options with Salt salt.
func (f *Family) File(salt string) ([]byte, FileIdentity, error) {
	o := f.opts
	o.Salt = salt
	serial, err := serialFor(o, func() uint32 { return f.contentSerial(salt) })
	if err != nil {
		return nil, FileIdentity{}, err
	}
	return f.withSerial(serial, o)
}

// FileSerial returns the file and identity EncodeIdentity gives for the
// family's workout with Options{Time: the family's, Serial: serial}: the
// serial number set whole.
func (f *Family) FileSerial(serial uint32) ([]byte, FileIdentity, error) {
	if serial == 0xFFFFFFFF {
		return nil, FileIdentity{}, fmt.Errorf("fit: serial number %d (0xFFFFFFFF) is FIT's invalid value", serial)
	}
	return f.withSerial(serial, encode.Options{Time: f.opts.Time, Serial: serial})
}

// withSerial is the base file with serial_number serial: patched, or,
// when the base's layout was not understood, encoded with o.
func (f *Family) withSerial(serial uint32, o encode.Options) ([]byte, FileIdentity, error) {
	if f.off < 0 || serial == 0 {
		b, id, _, err := EncodeIdentity(f.w, o)
		return b, id, err
	}
	b := bytes.Clone(f.base)
	f.order.PutUint32(b[f.off:], serial)
	// The CRC is linear: that of the bytes after the serial number from
	// the state the serial number leaves is the CRC of those bytes from
	// 0, xor the state's bits carried through as many zero bytes.
	s := crcUpdate(f.pre, b[f.off:f.off+4])
	crc := f.post
	for i := 0; s != 0; i, s = i+1, s>>1 {
		if s&1 != 0 {
			crc ^= f.zeros[i]
		}
	}
	binary.LittleEndian.PutUint16(b[len(b)-2:], crc)
	id := f.id
	id.SerialNumber = serial
	if produced != nil {
		produced(b)
	}
	return b, id, nil
}

// contentSerial is state.contentSerial with another salt.
func (f *Family) contentSerial(salt string) uint32 {
	b := make([]byte, 0, len(serialVersion)+binary.MaxVarintLen64+len(salt)+len(f.content))
	return contentSum(append(appendSerialPrefix(b, salt), f.content...))
}

// serialOffset finds file_id.serial_number in a FIT file whose first
// record is file_id's definition and second its data, as this package
// writes them: the offset of the 4 bytes, and their byte order.
func serialOffset(b []byte) (off int, order binary.ByteOrder, ok bool) {
	if len(b) < 1 {
		return 0, nil, false
	}
	p := int(b[0]) // the header's size
	if p+6 > len(b) {
		return 0, nil, false
	}
	h := b[p]
	if h&0x80 != 0 || h&0x40 == 0 { // a normal header of a definition
		return 0, nil, false
	}
	order = binary.LittleEndian
	if b[p+2] == 1 {
		order = binary.BigEndian
	}
	if order.Uint16(b[p+3:]) != uint16(typedef.MesgNumFileId) {
		return 0, nil, false
	}
	n := int(b[p+5])
	p += 6
	if p+3*n > len(b) {
		return 0, nil, false
	}
	at, data := -1, 0
	for i := 0; i < n; i++ {
		fnum, size := b[p+3*i], int(b[p+3*i+1])
		if fnum == 3 {
			if size != 4 || at >= 0 {
				return 0, nil, false
			}
			at = data
		}
		data += size
	}
	p += 3 * n
	if h&0x20 != 0 { // developer fields follow the others in the data
		if p >= len(b) {
			return 0, nil, false
		}
		p += 1 + 3*int(b[p])
	}
	// The data record, then at least the file's CRC.
	if at < 0 || p+1+data+2 > len(b) {
		return 0, nil, false
	}
	if d := b[p]; d&0x80 != 0 || d&0x40 != 0 || d&0x0F != h&0x0F {
		return 0, nil, false
	}
	return p + 1 + at, order, true
}

// crcTable is FIT's CRC-16 a byte at a time (the SDK's nibble table
// applied twice).
var crcTable = func() (t [256]uint16) {
	nib := [16]uint16{
		0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
		0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
	}
	for i := range t {
		crc, b := uint16(0), byte(i)
		crc = (crc>>4)&0x0FFF ^ nib[crc&0xF] ^ nib[b&0xF]
		crc = (crc>>4)&0x0FFF ^ nib[crc&0xF] ^ nib[b>>4]
		t[i] = crc
	}
	return t
}()

// crcUpdate continues the CRC crc over b.
func crcUpdate(crc uint16, b []byte) uint16 {
	for _, c := range b {
		crc = crc>>8 ^ crcTable[byte(crc)^c]
	}
	return crc
}

// zerosCache holds crcZeros by length: a batch's files have few lengths.
var zerosCache sync.Map // int → *[16]uint16

// crcZeros returns, for each bit i, the CRC of n zero bytes from the
// state 1<<i.
func crcZeros(n int) *[16]uint16 {
	if z, ok := zerosCache.Load(n); ok {
		return z.(*[16]uint16)
	}
	zero := make([]byte, n)
	z := new([16]uint16)
	for i := range z {
		z[i] = crcUpdate(1<<i, zero)
	}
	zerosCache.Store(n, z)
	return z
}
