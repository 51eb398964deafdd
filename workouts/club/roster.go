package club

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/workoutc/workoutc/workouts"
)

// The fixed columns of a roster, and the prefixes of the named ones.
var (
	fixedColumns  = []string{"name", "units", "max_hr"}
	columnAliases = map[string]string{"athlete": "name", "unit": "units", "maxhr": "max_hr", "max-hr": "max_hr", "hrmax": "max_hr", "max hr": "max_hr"}
	zoneKinds     = []string{"pace", "hr", "power"}
	prefixAliases = map[string]string{"zones.pace": "pace", "zones.hr": "hr", "zones.power": "power", "loads": "load", "weight": "load", "weights": "load", "heart_rate": "hr", "speed": "pace"}
)

// Column is one column of the roster's header row.
type Column struct {
	// Name is the header cell, without surrounding spaces.
	Name string
	// Pos is where the header cell is.
	Pos workouts.Pos
	// Kind is "name", "units", "max_hr", "pace", "hr", "power", "load",
	// or "" for a column that is ignored.
	Kind string
	// Key is the zone or load name of a pace, hr, power or load column.
	Key string
}

// Row is one athlete row of a roster.
type Row struct {
	// Athlete is the profile the row gives; Pos is the row's first cell
	// and Name never empty when Diags holds no error.
	Athlete *workouts.Athlete
	// Line is the row's line in the file.
	Line int
	// Diags are the row's problems (every cell is checked).
	Diags workouts.Diagnostics

	rr    *RosterReader
	cells []cell
}

// CellPos returns the place of the row's cell in column (as the header
// spells it, e.g. "pace.easy"), and false when the roster has no such
// column. A row shorter than the header has its missing cells at the end
// of the row.
func (r *Row) CellPos(column string) (workouts.Pos, bool) {
	i, ok := r.rr.index[column]
	if !ok {
		return workouts.Pos{}, false
	}
	if i < len(r.cells) {
		return r.rr.pos(r.cells[i]), true
	}
	last := r.cells[len(r.cells)-1]
	return workouts.Pos{File: r.rr.file, Line: last.Line, Col: last.Col + utf8.RuneCountInString(last.Value)}, true
}

// RosterReader reads a roster CSV one row at a time, so that a roster of
// any length is checked and compiled in constant memory.
type RosterReader struct {
	file    string
	csv     *csvReader
	columns []Column
	index   map[string]int // column name → position, for profile columns
	header  bool
	diags   workouts.Diagnostics
}

// NewRosterReader returns a reader of the roster in r; file names it in
// positions.
func NewRosterReader(file string, r io.Reader) *RosterReader {
	return &RosterReader{file: file, csv: newCSVReader(file, r), index: map[string]int{}}
}

func (rr *RosterReader) pos(c cell) workouts.Pos {
	return workouts.Pos{File: rr.file, Line: c.Line, Col: c.Col}
}

// Header reads and checks the header row and returns the columns. Its
// problems are in the diagnostics; an error there means no row can be read.
// The error is for input that cannot be read at all.
func (rr *RosterReader) Header() ([]Column, workouts.Diagnostics, error) {
	if rr.header {
		return rr.columns, rr.diags, nil
	}
	rr.header = true
	rec, err := rr.csv.Read()
	if err == io.EOF {
		rr.diags.Errorf(workouts.Pos{File: rr.file}, "empty roster: the first line is the header (name,units,max_hr,pace.easy,...), then one athlete a line")
		return nil, rr.diags, nil
	}
	if err != nil {
		if ds, ok := err.(workouts.Diagnostics); ok {
			rr.diags = append(rr.diags, ds...)
			return nil, rr.diags, nil
		}
		return nil, nil, err
	}
	for i, c := range rec {
		col := Column{Name: strings.TrimSpace(c.Value), Pos: rr.pos(c)}
		rr.column(&col, i)
		rr.columns = append(rr.columns, col)
	}
	if _, ok := rr.index["name"]; !ok {
		hint := ""
		for _, c := range rr.columns {
			if s := workouts.Suggest(strings.ToLower(c.Name), []string{"name"}); s != "" || columnAliases[strings.ToLower(c.Name)] == "name" {
				hint = fmt.Sprintf(" (did you mean to call column %q \"name\"?)", c.Name)
				break
			}
		}
		rr.diags.Errorf(workouts.Pos{File: rr.file, Line: rec[0].Line, Col: 1}, "the header has no name column; the first line names the columns (name,units,max_hr,pace.easy,...)%s", hint)
	}
	return rr.columns, rr.diags, nil
}

// column classifies header cell i.
func (rr *RosterReader) column(col *Column, i int) {
	lower := strings.ToLower(col.Name)
	errorf := func(format string, args ...any) { rr.diags.Errorf(col.Pos, format, args...) }
	if col.Name == "" {
		rr.diags.Warnf(col.Pos, "column %d has no name; it is ignored", i+1)
		return
	}
	if slices.Contains(fixedColumns, lower) {
		col.Kind = lower
	} else if kind, key, ok := strings.Cut(col.Name, "."); ok {
		lk := strings.ToLower(kind)
		switch {
		case slices.Contains(zoneKinds, lk) || lk == "load":
			col.Kind, col.Key = lk, key
			if !workouts.IsProfileName(key) {
				errorf("column %q: %q is not a %s name (letters, digits, - and _, starting with a letter)", col.Name, key, map[bool]string{true: "load", false: "zone"}[lk == "load"])
				return
			}
		default:
			if s, rest, ok := cutAlias(lower); ok {
				errorf("unknown column %q (did you mean %q?)", col.Name, s+"."+rest)
			} else {
				errorf("unknown column %q; profile columns are name, units, max_hr, pace.<zone>, hr.<zone>, power.<zone> and load.<name>%s", col.Name, hintOf(workouts.Suggest(lk, append(zoneKinds, "load")), "%s."+key))
			}
			return
		}
	} else {
		if a, ok := columnAliases[lower]; ok {
			errorf("unknown column %q (did you mean %q?)", col.Name, a)
			return
		}
		if s := workouts.Suggest(lower, fixedColumns); s != "" {
			errorf("unknown column %q (did you mean %q?)", col.Name, s)
			return
		}
		rr.diags.Warnf(col.Pos, "column %q is not part of an athlete profile; it is ignored", col.Name)
		return
	}
	canon := col.Kind
	if col.Key != "" {
		canon += "." + col.Key
	}
	if j, dup := rr.index[canon]; dup {
		errorf("column %s appears twice (also column %d)", canon, j+1)
		col.Kind = ""
		return
	}
	rr.index[canon] = i
}

func cutAlias(lower string) (prefix, rest string, ok bool) {
	for alias, p := range prefixAliases {
		if r, found := strings.CutPrefix(lower, alias+"."); found {
			return p, r, true
		}
	}
	return "", "", false
}

// hintOf is ` (did you mean "S"?)` for a suggestion s, S being s
// formatted with format; "" without one.
func hintOf(s, format string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", fmt.Sprintf(format, s))
}

// Next returns the next athlete row, or io.EOF after the last. A syntax
// problem of the CSV is returned as workouts.Diagnostics and ends the
// roster; any other error is the input failing. Header must have been
// called without error.
func (rr *RosterReader) Next() (*Row, error) {
	if !rr.header {
		if _, _, err := rr.Header(); err != nil {
			return nil, err
		}
	}
	rec, err := rr.csv.Read()
	if err != nil {
		return nil, err // a syntax problem is a workouts.Diagnostics already
	}
	row := &Row{Line: rec[0].Line, rr: rr, cells: append([]cell(nil), rec...)}
	a := &workouts.Athlete{Pos: workouts.Pos{File: rr.file, Line: row.Line, Col: 1}}
	row.Athlete = a
	for i, c := range rec {
		v := strings.TrimSpace(c.Value)
		if i >= len(rr.columns) {
			if v != "" {
				row.Diags.Errorf(rr.pos(c), "the row has %d fields; the header names %d columns", len(rec), len(rr.columns))
				break
			}
			continue
		}
		col := &rr.columns[i]
		if col.Kind != "name" && v == "" {
			continue
		}
		var err error
		switch col.Kind {
		case "name":
			switch {
			case v == "":
				row.Diags.Errorf(rr.pos(c), "missing name; every row is one athlete and needs a name")
			case strings.ContainsAny(v, "\r\n"):
				row.Diags.Errorf(rr.pos(c), "name %q has a line break", v)
			default:
				a.Name = v
			}
		case "units":
			err = a.SetUnits(v)
		case "max_hr":
			err = a.SetMaxHR(v)
		case "pace", "hr", "power":
			err = a.SetZone(col.Kind, col.Key, v)
			if err == nil {
				t := a.Zones[col.Kind][col.Key]
				t.Pos = rr.pos(c)
				a.Zones[col.Kind][col.Key] = t
			}
		case "load":
			err = a.SetLoad(col.Key, v)
			if err == nil {
				l := a.Loads[col.Key]
				l.Pos = rr.pos(c)
				a.Loads[col.Key] = l
			}
		}
		if err != nil {
			row.Diags.Errorf(rr.pos(c), "%s: %s", col.Name, err.Error())
		}
	}
	if _, ok := rr.index["name"]; ok && rr.index["name"] >= len(rec) {
		row.Diags.Errorf(rr.pos(rec[0]), "missing name; every row is one athlete and needs a name")
	}
	return row, nil
}
