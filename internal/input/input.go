// Package input is the one bounded reader for every file the tool reads:
// workout definitions, athlete profiles, plans and the workouts they name,
// rosters, and the FIT and TCX files of inspect, import and push. It reads
// regular files only (a FIFO, a device such as /dev/zero or a folder is
// refused at once, never read, so nothing hangs or fills memory) and at
// most a cap of bytes; a larger file is refused with its real size.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"github.com/workoutc/workoutc/internal/term"
)

// The kinds of Error; test with errors.Is.
var (
	// ErrNotRegular: the path is a folder, a FIFO, a device or a socket.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file is larger than the cap.
	ErrTooLarge = errors.New("file too large")
)

// Error is a file that cannot be read as an input. Its message starts
// with the file's name (control characters escaped): "FILE: message".
type Error struct {
	Path string
	Kind error // ErrNotRegular, ErrTooLarge, or nil for an I/O error
	Msg  string
	Err  error
}

// Error returns "FILE: message" ("open FILE: message" for an I/O error,
// as the os package words it).
func (e *Error) Error() string {
	if e.Kind == nil {
		return e.Msg
	}
	return term.Clean(e.Path) + ": " + e.Msg
}

// Unwrap returns the kind and the underlying error.
func (e *Error) Unwrap() []error {
	return slices.DeleteFunc([]error{e.Kind, e.Err}, func(err error) bool { return err == nil })
}

// Open opens path for reading when it is a regular file of at most max
// bytes, and returns it with its size. It never blocks
// on a FIFO. noun names what the file should be in messages ("workout
// definition").
func Open(path string, max int64, noun string) (*os.File, int64, error) {
	f, err := openNonblock(path)
	if err != nil {
		return nil, 0, ioErr(path, err)
	}
	st, err := f.Stat()
	switch {
	case err != nil:
		err = ioErr(path, err)
	case !st.Mode().IsRegular():
		err = &Error{Path: path, Kind: ErrNotRegular, Msg: fmt.Sprintf("%s, not a file; a %s is a regular file", kind(st.Mode()), noun)}
	case st.Size() > max:
		err = &Error{Path: path, Kind: ErrTooLarge, Msg: fmt.Sprintf("file is %s; a %s is at most %s", Size(st.Size()), noun, Size(max))}
	default:
		if err = clearNonblock(f); err == nil {
			return f, st.Size(), nil
		}
		err = ioErr(path, err)
	}
	f.Close()
	return nil, 0, err
}

// ReadFile reads path whole: a regular file of at most max bytes.
func ReadFile(path string, max int64, noun string) ([]byte, error) {
	f, size, err := Open(path, max, noun)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, make([]byte, 0, size+1), max, path, "")
}

// Read reads r (standard input) whole, at most max bytes; name is what
// messages call it ("<stdin>").
func Read(r io.Reader, name string, max int64, noun string) ([]byte, error) {
	return readAll(r, nil, max, name, fmt.Sprintf("; a %s is at most %d bytes", noun, max))
}

// readAll reads r, named name, into b, failing with ErrTooLarge past max
// bytes (the file grew after Open measured it, or a stream); more ends that
// message.
func readAll(r io.Reader, b []byte, max int64, name, more string) ([]byte, error) {
	lr := &io.LimitedReader{R: r, N: max + 1}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > max {
			return nil, &Error{Path: name, Kind: ErrTooLarge, Msg: fmt.Sprintf("more than %d bytes%s", max, more)}
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, ioErr(name, err)
		}
	}
}

// Size formats n bytes for a message: "1048576 bytes (1 MB)".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d bytes (%d MB)", n, n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%d bytes (%.1f MB)", n, float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// ioErr words err as the os package does ("open FILE: no such file or
// directory"), with the file name's control characters escaped.
func ioErr(path string, err error) error {
	msg := term.Clean(err.Error())
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Op + " " + term.Clean(pe.Path) + ": " + term.Clean(pe.Err.Error())
	}
	return &Error{Path: path, Msg: msg, Err: err}
}
