// Package club reads what a coach keeps for a club batch: the roster (a CSV
// file, one athlete a row, columns named after the athlete profile) and the
// plan (a YAML training block: which workouts on which days of which weeks,
// with per-week repeat counts and load percentages). It checks every row
// and every plan entry, reporting each problem at its FILE:LINE:COL, and
// expands the plan into dated jobs and the roster into members with
// unique, safe folder names.
//
// The roster is read twice, as a stream: Check reads it once to find every
// problem and every folder name, Club.Members a second time to hand out the
// athletes one by one, so that a roster of any length takes constant
// memory besides one short folder name per athlete.
package club

import (
	"fmt"
	"hash/maphash"
	"io"
	"strings"

	"github.com/workoutc/workoutc/workouts"
)

// Club is a roster checked against a plan.
type Club struct {
	// Plan is the checked plan.
	Plan *Plan
	// File names the roster in messages.
	File string
	// Slugs holds each member's folder name, in roster order.
	Slugs []string
	// Samples holds the index of the first member of each kind of profile
	// (which values a row gives, in which units and forms, not the values
	// themselves), in roster order: members of a kind fail to compile alike
	// where a value is missing or of a form a format cannot hold, so a
	// batch that compiles these before it writes anything finds such
	// problems first. Values out of range are Check's own errors.
	Samples []int
}

// Member is one athlete of a checked roster.
type Member struct {
	// Index counts the roster's athletes from 0.
	Index int
	// Slug is the athlete's folder name, unique in the roster.
	Slug string
	// Athlete is the profile of the row.
	Athlete *workouts.Athlete
}

// Check reads the roster in r (named file) and checks its header, every
// row, and every row against what the plan's workouts need: a named zone
// or load that a row lacks is an error at that row's cell (or at the
// header, once, when no column holds it). It returns the club when there
// is no error, and every problem, sorted. The error is for input that
// cannot be read. With a nil plan (one that failed to parse) only the
// roster itself is checked, so that every problem shows in one run, and
// no club is returned.
func Check(plan *Plan, file string, r io.Reader) (*Club, workouts.Diagnostics, error) {
	if plan == nil {
		plan = &Plan{}
	}
	rr := NewRosterReader(file, r)
	cols, diags, err := rr.Header()
	if err != nil {
		return nil, nil, err
	}
	if cols == nil {
		diags.Sort()
		return nil, diags, nil
	}
	// The rows are checked even when the header has problems, so that
	// every problem shows in one run. Columns the plan needs and the
	// header lacks: one error each.
	missing := map[string]bool{}
	for _, n := range plan.needs {
		if _, ok := rr.index[n.column]; ok {
			continue
		}
		missing[n.column] = true
		kind, _, _ := strings.Cut(n.column, ".")
		var same []string
		for _, c := range cols {
			if c.Kind == kind {
				same = append(same, c.Kind+"."+c.Key)
			}
		}
		hint := hintOf(workouts.Suggest(n.column, same), "%s")
		if hint == "" && len(same) > 0 {
			hint = fmt.Sprintf(" (it has %s)", strings.Join(same, ", "))
		}
		diags.Errorf(cols[0].Pos, "the roster has no column %s, which %s needs%s", n.column, n.pos, hint)
	}
	// One short string and one map entry per athlete; the names of
	// namesakes only, for the warnings.
	var sl slugger
	type moved struct {
		name  string
		line  int
		first int
	}
	var movedRows []moved
	kinds := map[uint64]bool{}
	var samples []int
	for {
		row, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if ds, ok := err.(workouts.Diagnostics); ok {
				diags = append(diags, ds...)
				break
			}
			return nil, nil, err
		}
		diags = append(diags, row.Diags...)
		a := row.Athlete
		if !row.Diags.HasErrors() {
			diags = append(diags, plan.checkRow(row, missing)...)
		}
		if k := profileKind(a); !kinds[k] {
			kinds[k] = true
			samples = append(samples, len(sl.bases))
		}
		if first, taken := sl.add(AthleteSlug(a.Name), row.Line); taken {
			movedRows = append(movedRows, moved{a.Name, row.Line, first})
		}
	}
	if len(sl.bases) == 0 && !diags.HasErrors() {
		pos := workouts.Pos{File: file, Line: cols[0].Pos.Line + 1, Col: 1}
		diags.Errorf(pos, "the roster has a header but no athletes; add one athlete a line after the header")
	}
	slugs := sl.finish()
	for k, i := range sl.dups {
		if diags.HasErrors() {
			break // folders matter only once the roster is right
		}
		m := movedRows[k]
		diags.Warnf(workouts.Pos{File: file, Line: m.line, Col: 1}, "%s asks for the same folder as the athlete on line %d; this row's files go to folder %s", m.name, m.first, slugs[i])
	}
	diags.Sort()
	if diags.HasErrors() || plan.Sessions == nil {
		return nil, diags, nil
	}
	return &Club{Plan: plan, File: file, Slugs: slugs, Samples: samples}, diags, nil
}

// profileKind describes what a profile gives, not its values: the units,
// whether it has a maximum heart rate, and each zone and load by name with
// its kind, form (percent, single value or range) and unit. It sums one
// hash a part, so that the maps' order does not matter and nothing is
// sorted or formatted for each row.
func profileKind(a *workouts.Athlete) uint64 {
	type part struct {
		kind, name, unit, other string
		target                  workouts.TargetKind
		percent, single         bool
		zone                    int
	}
	k := maphash.Comparable(kindSeed, part{kind: "profile", unit: a.Units, percent: a.MaxHR > 0})
	for kind, zs := range a.Zones {
		for name, z := range zs {
			k += maphash.Comparable(kindSeed, part{kind, name, z.Unit, z.Other, z.Kind, z.Percent, z.Low == z.High, z.Zone})
		}
	}
	for name, w := range a.Loads {
		k += maphash.Comparable(kindSeed, part{kind: "load", name: name, unit: w.Unit})
	}
	return k
}

var kindSeed = maphash.MakeSeed()

// checkRow reports what the plan needs and the row lacks, and loads that a
// plan's load percentage would push past what FIT holds.
func (plan *Plan) checkRow(row *Row, missingColumn map[string]bool) workouts.Diagnostics {
	var ds workouts.Diagnostics
	a := row.Athlete
	for _, n := range plan.needs {
		if missingColumn[n.column] {
			continue
		}
		kind, name, _ := strings.Cut(n.column, ".")
		pos, _ := row.CellPos(n.column)
		if kind == "load" {
			w, ok := a.Loads[name]
			if !ok {
				ds.Errorf(pos, "%s has no %s, which %s needs", a.Name, n.column, n.pos)
				continue
			}
			if kg := w.Kilograms() * n.maxPct / 100; kg > maxWeightKg {
				ds.Errorf(pos, "%s %v %s at the plan's %v%% is %.1f kg, over FIT's maximum of %v kg", n.column, w.Value, w.Unit, n.maxPct, kg, maxWeightKg)
			}
			continue
		}
		if _, ok := a.Zones[kind][name]; !ok {
			ds.Errorf(pos, "%s has no %s, which %s needs", a.Name, n.column, n.pos)
		}
	}
	return ds
}

// Members reads the roster again from r and calls fn with every member in
// order, stopping at fn's first error. The roster must be the one Check
// accepted; a roster that changed in between is an error.
func (c *Club) Members(r io.Reader, fn func(Member) error) error {
	rr := NewRosterReader(c.File, r)
	if _, diags, err := rr.Header(); err != nil {
		return err
	} else if diags.HasErrors() {
		return fmt.Errorf("%s changed while it was read: %w", c.File, diags.Err())
	}
	for i := 0; ; i++ {
		row, err := rr.Next()
		if err == io.EOF {
			if i != len(c.Slugs) {
				return fmt.Errorf("%s changed while it was read (%d athletes, then %d)", c.File, len(c.Slugs), i)
			}
			return nil
		}
		if err != nil {
			return err
		}
		if i >= len(c.Slugs) || row.Diags.HasErrors() || !strings.HasPrefix(c.Slugs[i], AthleteSlug(row.Athlete.Name)) {
			return fmt.Errorf("%s changed while it was read (line %d)", c.File, row.Line)
		}
		if err := fn(Member{Index: i, Slug: c.Slugs[i], Athlete: row.Athlete}); err != nil {
			return err
		}
	}
}
