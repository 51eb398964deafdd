// Package term is the one printer for text that comes from outside (file
// names, names and notes in files, values quoted in errors): it escapes
// every control character, so that nothing read from a file or a command
// line can move the cursor, recolour or clear a terminal, reorder what it
// shows (bidi overrides), or split one message over two lines, and it cuts
// long values so that a megabyte value is not echoed whole.
//
// Clean and Quote are for values put into messages; Writer is the net
// under every message a command prints: it escapes what Clean would, but
// keeps the line breaks and tabs the message itself is made of.
package term

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxValue is the longest value, in bytes, quoted whole in a message;
// longer ones are cut at a character boundary and end with "…".
const MaxValue = 200

// IsControl reports whether r is a character Clean escapes: C0 controls
// (newline and tab included), DEL, C1 controls, the bidi embeddings,
// overrides and isolates, the line and paragraph separators, and the BOM
// / zero-width no-break space.
func IsControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x2028, r == 0x2029, r == 0xfeff, r == 0x061c:
		return true
	}
	return false
}

// Clean returns s with every control character (see IsControl) and every
// byte that is not UTF-8 written as a Go escape (\n, \x1b, \u202e), so that
// s prints as one line of plain characters. Text without any is returned
// as it is.
func Clean(s string) string { return clean(s, false) }

// CleanLines is Clean but keeps newlines and tabs: for a whole message or
// a block of output whose own line breaks are meant.
func CleanLines(s string) string { return clean(s, true) }

// Cut returns s cut to at most n bytes at a character boundary, with "…"
// after the cut.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// Value is Clean(Cut(s, MaxValue)): a value as a message shows it.
func Value(s string) string { return Clean(Cut(s, MaxValue)) }

// Quote is s cut to MaxValue bytes and quoted with its control characters
// escaped, as %q does: "\"Hill\\x1b[2J\"".
func Quote(s string) string {
	// strconv.Quote keeps the printable characters IsControl names (none
	// today); Clean escapes them all the same.
	if len(s) <= MaxValue {
		return Clean(strconv.Quote(s))
	}
	return Clean(strconv.Quote(strings.TrimSuffix(Cut(s, MaxValue), "…"))) + "…"
}

// kept reports whether r passes as it is: not a control character, or a
// line break or tab with keepLines.
func kept(r rune, keepLines bool) bool {
	return !IsControl(r) || keepLines && (r == '\n' || r == '\t')
}

func needsClean(s string, keepLines bool) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // plain ASCII: the fast path
			if (c < 0x20 || c == 0x7f) && !(keepLines && (c == '\n' || c == '\t')) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || IsControl(r) {
			return true
		}
		i += size
	}
	return false
}

// clean writes each control character and invalid byte of s as a Go
// escape: \n, \r and \t, \x1b for the other ASCII ones and invalid
// bytes, \u202e beyond.
func clean(s string, keepLines bool) string {
	if !needsClean(s, keepLines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(hex2(s[i]))
		case kept(r, keepLines):
			b.WriteString(s[i : i+size])
		case r < 0x80 && r != '\n' && r != '\r' && r != '\t':
			b.WriteString(hex2(byte(r)))
		default:
			q := strconv.QuoteRuneToASCII(r) // '\n', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

const digits = "0123456789abcdef"

// hex2 is the escape of c: \x1b.
func hex2(c byte) string { return string([]byte{'\\', 'x', digits[c>>4], digits[c&0xf]}) }

// Writer escapes, in everything written through it, what CleanLines
// escapes. A character split over two writes is kept back until it is
// whole, so call Flush after the last write when the output may end in
// the middle of one.
type Writer struct {
	w       io.Writer
	pending []byte
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Raw is the writer under w, for output that is meant to control the
// terminal (a progress bar).
func (w *Writer) Raw() io.Writer { return w.w }

// Write writes p with its control characters escaped. It reports len(p)
// when the escaped text was written.
func (w *Writer) Write(p []byte) (int, error) {
	data := p
	if len(w.pending) > 0 {
		data = append(w.pending, p...)
	}
	// Keep back an incomplete character at the end.
	cut := len(data)
	for i := len(data) - 1; i >= max(0, len(data)-utf8.UTFMax); i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				cut = i
			}
			break
		}
	}
	w.pending = append([]byte(nil), data[cut:]...)
	if _, err := io.WriteString(w.w, CleanLines(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what Write kept back (an incomplete character, escaped).
func (w *Writer) Flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	s := CleanLines(string(w.pending))
	w.pending = nil
	_, err := io.WriteString(w.w, s)
	return err
}

// JSON escapes, in encoding/json's output, the characters IsControl names
// that encoding/json leaves raw (DEL, C1 controls, bidi controls, the
// BOM): inside a JSON string they become \uXXXX, which is the same JSON
// value. Outside strings JSON has only ASCII punctuation, so data is
// otherwise unchanged.
func JSON(data []byte) []byte { return Quoted(data) }

// Quoted escapes, in JSON or in YAML whose control characters are all in
// double-quoted scalars, the control characters (see IsControl) other than
// newline, tab and CR as \uXXXX, which both languages read back as the
// same character.
func Quoted(data []byte) []byte {
	if !needsClean(string(data), true) {
		return data
	}
	var b bytes.Buffer
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r >= 0x20 && IsControl(r) { // not newline, tab or CR
			b.Write([]byte{'\\', 'u', digits[r>>12&0xf], digits[r>>8&0xf], digits[r>>4&0xf], digits[r&0xf]})
		} else {
			b.Write(data[i : i+size])
		}
		i += size
	}
	return b.Bytes()
}
