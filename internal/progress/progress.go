// Package progress draws a one-line progress bar on a terminal:
//
//	batch [##########··········]  512/1000 athletes
//
// It redraws at most ten times a second and clears its line when done, so
// that what follows starts on a clean line. It is for terminals only: a
// command asks IsTerminal first and stays quiet otherwise.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Width is the number of cells of the bar.
const Width = 30

// Bar is a progress bar for a known total. Its methods are not safe for
// concurrent use: call them from one goroutine.
type Bar struct {
	w     io.Writer
	label string
	unit  string
	total int
	last  time.Time
	now   func() time.Time
	drawn bool
}

// New returns a bar that draws on w: label before the bar, unit after the
// count ("athletes").
func New(w io.Writer, label, unit string, total int) *Bar {
	return &Bar{w: raw(w), label: label, unit: unit, total: total, now: time.Now}
}

// Set shows done of the total, unless the last redraw was less than 100 ms
// ago (the last step always shows).
func (b *Bar) Set(done int) {
	t := b.now()
	if done < b.total && b.drawn && t.Sub(b.last) < 100*time.Millisecond {
		return
	}
	b.last, b.drawn = t, true
	fmt.Fprint(b.w, "\r"+Line(b.label, b.unit, done, b.total))
}

// Done clears the bar's line.
func (b *Bar) Done() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.drawn = false
	}
}

// Line is the text of the bar for done of total.
func Line(label, unit string, done, total int) string {
	filled := Width
	if total > 0 {
		filled = min(Width, max(0, done*Width/total))
	}
	n := len(fmt.Sprint(total))
	return fmt.Sprintf("%s [%s%s] %*d/%d %s", label, strings.Repeat("#", filled), strings.Repeat("·", Width-filled), n, done, total, unit)
}

// IsTerminal reports whether w is a terminal a bar may draw on: a
// character device other than the null device, with TERM (read with
// getenv) not "dumb".
func IsTerminal(w io.Writer, getenv func(string) string) bool {
	f, ok := raw(w).(*os.File)
	if !ok || getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}

// raw is the writer under w when w escapes control characters (an
// internal/term Writer): the bar's own \r and erase-line must reach the
// terminal.
func raw(w io.Writer) io.Writer {
	if r, ok := w.(interface{ Raw() io.Writer }); ok {
		return r.Raw()
	}
	return w
}
