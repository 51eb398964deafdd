package workouts

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/workoutc/workoutc/internal/term"
)

// Severity says whether a diagnostic stops the build.
type Severity uint8

// The severities.
const (
	SeverityError Severity = iota
	SeverityWarning
)

// Diagnostic is one problem found in an input, with its place.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string // lower-case, no final period
}

// String formats d as "FILE:LINE:COL: message", with "warning: " before
// the message of a warning. The file name and the message are printed
// with their control characters escaped (internal/term): a name or a
// value from a file can neither drive the terminal nor split the line.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(term.Clean(d.Pos.String()))
	b.WriteString(": ")
	if d.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(term.Clean(d.Msg))
	return b.String()
}

// Diagnostics is a list of problems. As an error it reports every error in
// it, one a line, sorted by place.
type Diagnostics []Diagnostic

// Errorf adds an error at pos.
func (ds *Diagnostics) Errorf(pos Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: SeverityError, Msg: sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (ds *Diagnostics) Warnf(pos Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: SeverityWarning, Msg: sprintf(format, args...)})
}

// HasErrors reports whether ds holds at least one error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == SeverityError })
}

// Errors returns only the errors of ds.
func (ds Diagnostics) Errors() Diagnostics { return ds.filter(SeverityError) }

// Warnings returns only the warnings of ds.
func (ds Diagnostics) Warnings() Diagnostics { return ds.filter(SeverityWarning) }

func (ds Diagnostics) filter(s Severity) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders ds by file, line, column, then message, and drops exact
// duplicates.
func (ds *Diagnostics) Sort() {
	slices.SortStableFunc(*ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	*ds = slices.Compact(*ds)
}

// Error reports every diagnostic of ds, one a line.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Err returns ds's errors as an error, or nil when there is none.
func (ds Diagnostics) Err() error {
	if errs := ds.Errors(); len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// sprintf formats a message; a string argument longer than term.MaxValue
// bytes (a value quoted from a file) is cut with "…", so that a megabyte
// value is never echoed whole.
func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, cutArgs(args)...)
}

// cutArgs cuts the string arguments longer than term.MaxValue bytes.
func cutArgs(args []any) []any {
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > term.MaxValue {
			args[i] = term.Cut(s, term.MaxValue)
		}
	}
	return args
}
