package connectapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"time"
)

// Item is one workout to have in the account.
type Item struct {
	Key    string   // the mark's key: stable across edits and computers
	Name   string   // the workout's name, for messages
	Source string   // the input it came from, for messages
	Body   []byte   // the workout JSON as the encoder wrote it
	Dates  []string // YYYY-MM-DD days to have it on the calendar
}

// Op is what a push does with an item.
type Op int

// The ops.
const (
	OpUnchanged Op = iota // the account holds it as it is
	OpCreate              // new: POST
	OpUpdate              // changed, or new dates: PUT in place
)

// Step is the plan for one item.
type Step struct {
	Item      *Item
	Op        Op
	WorkoutID int64    // 0 until created
	Schedule  []string // dates still to put on the calendar
	On        []string // dates it is already on
	mark      Mark
}

// Plan is what a push will do, worked out from the account.
type Plan struct {
	Steps  []*Step
	months map[string][]CalendarItem
}

// Own is a workout of the account that carries workoutc's mark.
type Own struct {
	Summary
	Mark Mark
}

// Account lists the account's workouts, workoutc's apart.
func Account(ctx context.Context, c *Client) (own []Own, foreign []Summary, err error) {
	all, err := c.Workouts(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range all {
		if m, ok := ParseMark(s.Description); ok {
			own = append(own, Own{Summary: s, Mark: m})
		} else {
			foreign = append(foreign, s)
		}
	}
	return own, foreign, nil
}

// month returns the calendar's workout entries of month "YYYY-MM",
// reading it once.
func (p *Plan) month(ctx context.Context, c *Client, ym string, fresh bool) ([]CalendarItem, error) {
	if items, ok := p.months[ym]; ok && !fresh {
		return items, nil
	}
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return nil, err
	}
	items, err := c.Month(ctx, t)
	if err != nil {
		return nil, err
	}
	p.months[ym] = items
	return items, nil
}

func onCalendar(items []CalendarItem, id int64, date string) bool {
	return slices.ContainsFunc(items, func(it CalendarItem) bool {
		return it.WorkoutID != nil && *it.WorkoutID == id && it.Date == date
	})
}

// MakePlan compares items with the account: reads only (the workout list
// and the calendar months of the dates).
func MakePlan(ctx context.Context, c *Client, items []*Item) (*Plan, error) {
	keys := map[string]string{}
	for _, it := range items {
		if !ValidKey(it.Key) {
			return nil, fmt.Errorf("%s: %q cannot be a workout key", it.Source, it.Key)
		}
		if prev, dup := keys[it.Key]; dup {
			return nil, fmt.Errorf("%s and %s are the same workout (%s) for Connect; give them different names", prev, it.Source, it.Key)
		}
		keys[it.Key] = it.Source
	}
	own, _, err := Account(ctx, c)
	if err != nil {
		return nil, err
	}
	byKey := map[string]Own{}
	for _, o := range own {
		if prev, ok := byKey[o.Mark.Key]; !ok || o.WorkoutID < prev.WorkoutID {
			byKey[o.Mark.Key] = o // two with one key (made by hand): the oldest counts
		}
	}
	p := &Plan{months: map[string][]CalendarItem{}}
	for _, it := range items {
		o, there := byKey[it.Key] // when not there, no id and no dates
		st := &Step{Item: it, WorkoutID: o.WorkoutID, mark: Mark{Key: it.Key, Sum: Sum(it.Body), Dates: mergeDates(o.Mark.Dates, it.Dates)}}
		switch {
		case !there:
			st.Op = OpCreate
		case o.Mark.Sum != st.mark.Sum || len(st.mark.Dates) != len(o.Mark.Dates):
			st.Op = OpUpdate
		}
		for _, d := range mergeDates(nil, it.Dates) {
			if st.WorkoutID != 0 {
				items, err := p.month(ctx, c, d[:7], false)
				if err != nil {
					return nil, err
				}
				if onCalendar(items, st.WorkoutID, d) {
					st.On = append(st.On, d)
					continue
				}
			}
			st.Schedule = append(st.Schedule, d)
		}
		p.Steps = append(p.Steps, st)
	}
	return p, nil
}

// Writes is how many writes the plan makes.
func (p *Plan) Writes() int {
	n := 0
	for _, s := range p.Steps {
		if s.Op != OpUnchanged {
			n++
		}
		n += len(s.Schedule)
	}
	return n
}

// Event is one write done, reported as it happens.
type Event struct {
	Step *Step
	// What happened: "created", "updated", "scheduled", or "unmarked"
	// (not a write: the service stored a description without workoutc's
	// mark, so later pushes will not recognise the workout).
	What string
	Date string // for "scheduled"
}

// Apply carries the plan out, step by step, calling report after each
// write. On an error it stops and returns it: what was done was reported,
// and running the same push again finishes the rest without duplicates
// (the marks and the calendar tell what is there).
func (p *Plan) Apply(ctx context.Context, c *Client, report func(Event)) error {
	for _, st := range p.Steps {
		it := st.Item
		var body []byte
		if st.Op != OpUnchanged {
			var err error
			if body, err = marked(it.Body, st.mark, st.WorkoutID); err != nil {
				return fmt.Errorf("%s: %v", it.Source, err)
			}
		}
		switch st.Op {
		case OpCreate:
			id, stored, err := c.Create(ctx, body, func(ctx context.Context) (int64, error) {
				own, _, err := Account(ctx, c)
				i := slices.IndexFunc(own, func(o Own) bool { return o.Mark.Key == it.Key })
				if err != nil || i < 0 {
					return 0, err
				}
				return own[i].WorkoutID, nil
			})
			if err != nil {
				return fmt.Errorf("creating %s: %w", it.Source, err)
			}
			st.WorkoutID = id
			report(Event{Step: st, What: "created"})
			if m, ok := ParseMark(stored); stored != "" && (!ok || m.Key != it.Key) {
				report(Event{Step: st, What: "unmarked"})
			}
		case OpUpdate:
			if err := c.Update(ctx, st.WorkoutID, body); err != nil {
				return fmt.Errorf("updating %s (workout %d): %w", it.Source, st.WorkoutID, err)
			}
			report(Event{Step: st, What: "updated"})
		}
		for len(st.Schedule) > 0 {
			d := st.Schedule[0]
			day, _ := time.Parse(time.DateOnly, d)
			_, err := c.Schedule(ctx, st.WorkoutID, day, func(ctx context.Context) (bool, error) {
				items, err := p.month(ctx, c, d[:7], true)
				return err == nil && onCalendar(items, st.WorkoutID, d), err
			})
			if err != nil {
				return fmt.Errorf("scheduling %s on %s: %w", it.Source, d, err)
			}
			st.Schedule = st.Schedule[1:]
			st.On = append(st.On, d)
			report(Event{Step: st, What: "scheduled", Date: d})
		}
	}
	return nil
}

// Removal is one workout rm takes away, with its calendar entries.
type Removal struct {
	Own
	Entries []CalendarItem
}

// PlanRemove finds the calendar entries of the workouts (in the months of
// their marks' dates).
func PlanRemove(ctx context.Context, c *Client, ws []Own) ([]Removal, error) {
	p := &Plan{months: map[string][]CalendarItem{}}
	var out []Removal
	for _, w := range ws {
		r := Removal{Own: w}
		seen := map[string]bool{}
		for _, d := range w.Mark.Dates {
			if len(d) < 7 || seen[d[:7]] {
				continue
			}
			seen[d[:7]] = true
			items, err := p.month(ctx, c, d[:7], false)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				if *it.WorkoutID == w.WorkoutID {
					r.Entries = append(r.Entries, it)
				}
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// Remove takes the calendar entries and then the workout away; a 404 (gone
// already, as when an earlier run was cut short) counts as done.
func Remove(ctx context.Context, c *Client, r Removal) error {
	for _, e := range r.Entries {
		if err := c.Unschedule(ctx, e.ID); err != nil && !isNotFound(err) {
			return fmt.Errorf("removing workout %d from the calendar on %s: %w", r.WorkoutID, e.Date, err)
		}
	}
	if err := c.Delete(ctx, r.WorkoutID); err != nil && !isNotFound(err) {
		return fmt.Errorf("removing workout %d: %w", r.WorkoutID, err)
	}
	return nil
}

func isNotFound(err error) bool {
	var he *HTTPError
	return errors.As(err, &he) && he.Status == http.StatusNotFound
}

// Upcoming returns the calendar's workout entries from today for months
// months (this one included), by date.
func Upcoming(ctx context.Context, c *Client, today time.Time, months int) ([]CalendarItem, error) {
	var out []CalendarItem
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	day := today.Format(time.DateOnly)
	for i := 0; i < months; i++ {
		items, err := c.Month(ctx, first.AddDate(0, i, 0))
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.Date >= day {
				out = append(out, it)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, nil
}
