package club

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/workoutc/workoutc/workouts"
)

// MaxField is the most bytes one roster cell may hold.
const MaxField = 4096

// MaxFields is the most fields one roster row may hold, and MaxRow the
// most bytes: a row past either is refused where it starts, and what the
// reader holds does not grow with the row.
const (
	MaxFields = 1000
	MaxRow    = 256 << 10
)

// cell is one CSV field with the place it starts: the opening quote of a
// quoted field, else its first character.
type cell struct {
	Value  string
	Line   int
	Col    int // in characters (runes), from 1
	Quoted bool
}

// csvReader reads RFC 4180 CSV (comma-separated, fields optionally quoted
// with "", a doubled "" inside quotes for a quote, records ended by LF,
// CRLF or CR) and keeps the line and column of every field. A UTF-8 byte
// order mark at the start is skipped; lines that are empty or hold only
// spaces are skipped.
type csvReader struct {
	file      string
	r         *bufio.Reader
	line, col int   // where the next rune is
	off       int64 // and its byte offset
	started   bool
	buf       []byte
	rec       []cell
}

func newCSVReader(file string, r io.Reader) *csvReader {
	return &csvReader{file: file, r: bufio.NewReaderSize(r, 64<<10), line: 1, col: 1}
}

// errorf returns a syntax problem in the CSV, as a workouts.Diagnostics;
// reading stops at the first one.
func (c *csvReader) errorf(line, col int, format string, args ...any) error {
	var ds workouts.Diagnostics
	ds.Errorf(workouts.Pos{File: c.file, Line: line, Col: col}, format, args...)
	return ds
}

const eofRune = -1

// next returns the next rune, advancing the position.
func (c *csvReader) next() (rune, error) {
	r, size, err := c.r.ReadRune()
	if err == io.EOF {
		return eofRune, nil
	}
	if err != nil {
		return 0, err
	}
	if r == utf8.RuneError && size == 1 {
		return 0, c.errorf(c.line, c.col, "invalid UTF-8; save the roster as CSV UTF-8")
	}
	if r == 0 {
		return 0, c.errorf(c.line, c.col, "NUL byte; the roster is text (save it as CSV UTF-8)")
	}
	c.off += int64(size)
	if r == '\n' {
		c.line++
		c.col = 1
	} else {
		c.col++
	}
	return r, nil
}

func (c *csvReader) peek() rune {
	r, _, err := c.r.ReadRune()
	if err != nil {
		return eofRune
	}
	c.r.UnreadRune()
	return r
}

// start skips the byte order mark and refuses UTF-16.
func (c *csvReader) start() error {
	c.started = true
	b, _ := c.r.Peek(3)
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		c.r.Discard(3)
	case len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF):
		return c.errorf(1, 1, "the roster is UTF-16; save it as CSV UTF-8")
	}
	return nil
}

// afterCR consumes the LF of a CRLF after a CR was read, and moves the
// position to the next line for a lone CR.
func (c *csvReader) afterCR() {
	if c.peek() == '\n' {
		c.next()
		return
	}
	c.line++
	c.col = 1
}

// Read returns the next record, io.EOF after the last one, or a syntax
// problem (a workouts.Diagnostics).
// The cells are valid until the next call.
func (c *csvReader) Read() ([]cell, error) {
	if !c.started {
		if err := c.start(); err != nil {
			return nil, err
		}
	}
	for {
		rec, blank, err := c.record()
		if err != nil || !blank {
			return rec, err
		}
		if rec == nil {
			return nil, io.EOF
		}
	}
}

// record reads one record. blank reports an empty or all-space line; at
// the end of input it returns a nil record and blank true.
func (c *csvReader) record() ([]cell, bool, error) {
	c.rec = c.rec[:0]
	if c.peek() == eofRune {
		return nil, true, nil
	}
	startLine, startOff := c.line, c.off
	for {
		if len(c.rec) >= MaxFields {
			return nil, false, c.errorf(startLine, 1, "the row has more than %d fields; a roster row holds at most %d", MaxFields, MaxFields)
		}
		if c.off-startOff > MaxRow {
			return nil, false, c.errorf(startLine, 1, "the row is longer than %d bytes; a roster row holds at most %d", MaxRow, MaxRow)
		}
		f := cell{Line: c.line, Col: c.col}
		c.buf = c.buf[:0]
		// Spaces before an opening quote belong to no one.
		for c.peek() == ' ' || c.peek() == '\t' {
			r, _ := c.next()
			c.buf = append(c.buf, byte(r))
		}
		if c.peek() == '"' {
			c.buf = c.buf[:0]
			f.Line, f.Col, f.Quoted = c.line, c.col, true
			if err := c.quoted(&f); err != nil {
				return nil, false, err
			}
		}
		// Unquoted text (or what follows a closing quote).
		for {
			r, err := c.next()
			if err != nil {
				return nil, false, err
			}
			switch r {
			case ',':
				f.Value = string(c.buf)
				c.rec = append(c.rec, f)
				goto nextField
			case '\r', '\n', eofRune:
				if r == '\r' {
					c.afterCR()
				}
				f.Value = string(c.buf)
				c.rec = append(c.rec, f)
				if len(c.rec) == 1 && !f.Quoted && strings.TrimSpace(f.Value) == "" {
					return c.rec, true, nil
				}
				return c.rec, false, nil
			}
			if f.Quoted {
				if r == ' ' || r == '\t' {
					continue
				}
				return nil, false, c.errorf(c.line, c.col-1, "unexpected %q after the closing quote of a field; a field is either all quoted (\"...\") or not at all", r)
			}
			if len(c.buf) >= MaxField {
				return nil, false, c.errorf(f.Line, f.Col, "field is longer than %d bytes", MaxField)
			}
			c.buf = utf8.AppendRune(c.buf, r)
		}
	nextField:
	}
}

// quoted reads a quoted field from its opening quote to its closing one.
func (c *csvReader) quoted(f *cell) error {
	c.next() // the opening quote
	for {
		r, err := c.next()
		if err != nil {
			return err
		}
		switch r {
		case eofRune:
			return c.errorf(f.Line, f.Col, "quoted field is not closed (a \" is missing)")
		case '"':
			if c.peek() == '"' {
				c.next()
				c.buf = append(c.buf, '"')
				continue
			}
			return nil
		case '\r':
			c.afterCR()
			r = '\n'
		}
		if len(c.buf) >= MaxField {
			return c.errorf(f.Line, f.Col, "field is longer than %d bytes (is a closing quote missing?)", MaxField)
		}
		c.buf = utf8.AppendRune(c.buf, r)
	}
}
