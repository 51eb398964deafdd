package fit

// Internals under test.
var (
	RemapSerial = remapSerial
	CutUTF8     = cutUTF8
	ErrPanic    = errPanic
)
