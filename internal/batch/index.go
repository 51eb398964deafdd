package batch

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// IndexName is the index file in the output folder.
const IndexName = "index.csv"

// indexHeader is the first line of every index; a file named index.csv
// without it is not ours and is never replaced.
var indexHeader = []string{"athlete", "date", "workout", "file"}

// IndexRow is one row of an index: a file of the batch.
type IndexRow struct {
	// Athlete is the member's name, Workout the workout's, as written in
	// the roster and the workout file.
	Athlete, Workout string
	// Date is the day of the session (YYYY-MM-DD).
	Date string
	// File is the file relative to the output folder, with slashes.
	File string
}

// Neutralise returns a CSV cell that a spreadsheet shows as the text s
// instead of running it as a formula: a cell starting with =, +, -, @, a
// tab or a carriage return gets a leading apostrophe (the mark by which
// spreadsheets take a cell as text), and so does one that starts with an
// apostrophe already, so that Unneutralise gives s back whatever s is.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + s
	}
	return s
}

// Unneutralise undoes Neutralise.
func Unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' {
		return s[1:]
	}
	return s
}

// indexWriter writes an index: the header, then one row a file, every
// cell neutralised, as encoding/csv writes it. A row of plain cells (no
// comma, quote or line break, not starting with a space) is put together
// here, the others by csv.Writer: a fifth of a re-run went to its
// per-cell checks.
type indexWriter struct {
	w    io.Writer
	buf  []byte
	hard bytes.Buffer
	csv  *csv.Writer
	err  error
}

func newIndexWriter(w io.Writer) *indexWriter {
	iw := &indexWriter{w: w, buf: make([]byte, 0, 64<<10)}
	iw.csv = csv.NewWriter(&iw.hard)
	iw.record(indexHeader...)
	return iw
}

func (iw *indexWriter) row(r IndexRow) {
	iw.record(Neutralise(r.Athlete), Neutralise(r.Date), Neutralise(r.Workout), Neutralise(r.File))
}

func (iw *indexWriter) record(cells ...string) {
	if slices.ContainsFunc(cells, needsQuotes) {
		iw.csv.Write(cells)
		iw.csv.Flush()
		iw.buf = append(iw.buf, iw.hard.Bytes()...)
		iw.hard.Reset()
	} else {
		for i, c := range cells {
			if i > 0 {
				iw.buf = append(iw.buf, ',')
			}
			iw.buf = append(iw.buf, c...)
		}
		iw.buf = append(iw.buf, '\n')
	}
	if len(iw.buf) > 60<<10 {
		iw.drain()
	}
}

// needsQuotes reports whether csv.Writer might quote the cell: it
// quotes one holding a comma, a quote or a line break, one starting with
// a space (any Unicode one) and the cell \. ; a cell starting with a
// byte above ASCII goes to it too.
func needsQuotes(c string) bool {
	if c == "" {
		return false
	}
	if c[0] <= ' ' || c[0] >= utf8.RuneSelf || c == `\.` {
		return true
	}
	return strings.ContainsAny(c, ",\"\r\n")
}

func (iw *indexWriter) drain() {
	if iw.err == nil && len(iw.buf) > 0 {
		_, iw.err = iw.w.Write(iw.buf)
	}
	iw.buf = iw.buf[:0]
}

func (iw *indexWriter) flush() error {
	iw.drain()
	if iw.err == nil {
		iw.err = iw.csv.Error()
	}
	return iw.err
}

// maxIndex caps what ReadIndex reads.
const maxIndex = 256 << 20

// ReadIndex reads an index a batch wrote (name names it in errors), cells
// un-neutralised, and calls fn with every row. A file without the index's
// header is not an index; a row whose file is not DIR/<folder>/<file>
// (absolute, with "..", a backslash, deeper or shallower) or whose date is
// not YYYY-MM-DD is an error at its line: an index never points outside
// its folder.
func ReadIndex(name string, r io.Reader, fn func(IndexRow) error) error {
	cr := csv.NewReader(bufio.NewReader(io.LimitReader(r, maxIndex)))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil || strings.Join(head, ",") != strings.Join(indexHeader, ",") {
		return fmt.Errorf("%s is not the index of a batch (its first line is not %q)", name, strings.Join(indexHeader, ","))
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 4 {
			return fmt.Errorf("%s:%d: %d cells; an index row has 4 (athlete,date,workout,file)", name, line, len(rec))
		}
		row := IndexRow{Athlete: Unneutralise(rec[0]), Date: Unneutralise(rec[1]), Workout: Unneutralise(rec[2]), File: Unneutralise(rec[3])}
		if _, _, ok := splitFile(row.File); !ok {
			return fmt.Errorf("%s:%d: %q is not a file of the batch folder (want <folder>/<file>); an index never points outside it", name, line, row.File)
		}
		if _, err := time.Parse(time.DateOnly, row.Date); err != nil {
			return fmt.Errorf("%s:%d: date %q is not YYYY-MM-DD", name, line, row.Date)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
}

// splitFile splits a path of the batch, <folder>/<file>, into its two
// names, and reports false for anything else.
func splitFile(p string) (folder, file string, ok bool) {
	folder, file, ok = strings.Cut(p, "/")
	if !ok || !safeName(folder) || !safeName(file) {
		return "", "", false
	}
	return folder, file, true
}

// safeName reports whether s can be one name in a folder of the batch: not
// empty, ".", "..", or hidden (which keeps the batch's own state folder
// out of reach), no slash, backslash, colon, control character or NUL,
// at most 255 bytes.
func safeName(s string) bool {
	if s == "" || len(s) > 255 || s[0] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' {
			return false
		}
	}
	return true
}
