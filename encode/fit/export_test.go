package fit

// Internals under test.
var (
	RemapSerial = remapSerial
	CutUTF8     = cutUTF8
	ErrPanic    = errPanic
)

// SetProduced makes f see every file Encode and EncodeSchedule return.
func SetProduced(f func([]byte)) { produced = f }
