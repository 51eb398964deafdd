package club

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/workoutc/workoutc/workouts"
)

// Limits of a plan.
const (
	// MaxWeeks is the longest plan.
	MaxWeeks = 104
	// MaxLoadPercent is the highest per-week load percentage.
	MaxLoadPercent = 200
	// MaxPlanSize is the largest plan file read.
	MaxPlanSize = 1 << 20
)

// Plan is a training block: which workouts happen on which days of which
// weeks, and how they progress.
type Plan struct {
	// File is the plan's path as given; workouts are found relative to it.
	File string
	// Name is the block's name ("Spring 10K block"); may be empty.
	Name string
	// Start is the first day of week 1, at 00:00 UTC.
	Start time.Time
	// Weeks is how many weeks the plan lasts.
	Weeks int
	// Sessions are the plan's sessions in the order written.
	Sessions []*Session

	jobs  []Job
	needs []need
}

// Session is one entry of a plan's sessions.
type Session struct {
	// Pos is where the session starts in the plan.
	Pos workouts.Pos
	// Path is the workout file as the plan writes it; File is it joined
	// to the plan's folder.
	Path, File string
	// Workout is the parsed (unresolved) workout.
	Workout *workouts.Workout
	// Slug is the workout's slug, used in file names.
	Slug string
	// Days are the weekdays of the session.
	Days []time.Weekday
	// FirstWeek and LastWeek are the weeks it covers (1-based, inclusive).
	FirstWeek, LastWeek int
	// Reps are the repeat counts per covered week (nil: the workout's own).
	Reps []int
	// Load are the load percentages per covered week (nil: 100).
	Load []float64
}

// Job is one planned workout on one date, the same for every athlete.
type Job struct {
	// Date is the day, at 00:00 UTC.
	Date time.Time
	// Week is the plan week (1-based).
	Week int
	// Session is the plan session this job comes from.
	Session *Session
	// Reps is the count for ranged repeats (0: the workout's low end).
	Reps int
	// LoadPercent scales loads (100: as written).
	LoadPercent float64
	// Base is the file name without extension: "2027-01-05-hill-repeats".
	Base string
}

// need is a profile value some workout of the plan asks for.
type need struct {
	column string // "pace.easy", "load.medium"
	pos    workouts.Pos
	maxPct float64 // loads: the highest load percentage the plan applies
}

var (
	planKeys       = []string{"name", "start", "weeks", "sessions"}
	planAliases    = map[string]string{"session": "sessions", "start_date": "start", "week": "weeks", "title": "name"}
	sessionKeys    = []string{"workout", "days", "weeks", "reps", "load"}
	sessionAliases = map[string]string{"day": "days", "week": "weeks", "loads": "load", "weight": "load", "rep": "reps", "repeats": "reps", "file": "workout"}
	dayNames       = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	dayAliases     = map[string]string{"monday": "mon", "tuesday": "tue", "tues": "tue", "wednesday": "wed", "weds": "wed", "thursday": "thu", "thur": "thu", "thurs": "thu", "friday": "fri", "saturday": "sat", "sunday": "sun"}
)

// ReadFile reads a workout file a plan names. os.ReadFile in production.
type ReadFile func(path string) ([]byte, error)

// ParsePlan reads a plan and every workout it names (read with readFile,
// relative to the plan's folder), checks the per-week lists against the
// weeks they cover and the repeat ranges of the workouts, and returns every
// problem found, sorted (positions in the plan and in the workouts).
// Where the workouts may be is readFile's to decide; ParsePlanIn confines
// them to a folder.
func ParsePlan(file string, data []byte, readFile ReadFile) (*Plan, workouts.Diagnostics) {
	return ParsePlanIn(file, data, readFile, "")
}

// ParsePlanIn is ParsePlan with every session's workout confined to the
// folder root (and below; "" confines nothing): a workout named by an
// absolute path, or whose path leads out of root with "..", is refused
// with an error at its workout: key, and never read. Links that lead out
// are readFile's to refuse.
func ParsePlanIn(file string, data []byte, readFile ReadFile, root string) (*Plan, workouts.Diagnostics) {
	yf := workouts.NewYAMLFile(file, "plan", "start, weeks and sessions", "the entries", MaxPlanSize)
	p := &planParser{file: file, read: readFile, yf: yf, diags: yf.Diags(), cache: map[string]*loaded{}, root: root}
	plan := p.parse(data)
	p.diags.Sort()
	if p.diags.HasErrors() {
		return nil, *p.diags
	}
	return plan, *p.diags
}

type loaded struct {
	w   *workouts.Workout
	err bool
}

type planParser struct {
	root  string // the folder the workouts must be in; "" for anywhere
	file  string
	read  ReadFile
	yf    *workouts.YAMLFile
	diags *workouts.Diagnostics // the YAMLFile's, with problems of the workouts added
	cache map[string]*loaded
}

func (p *planParser) errorf(n *yaml.Node, format string, args ...any) {
	p.yf.Errorf(n, format, args...)
}

func (p *planParser) parse(data []byte) *Plan {
	root := p.yf.Root(data)
	if root == nil {
		return nil
	}
	plan := &Plan{File: p.file}
	var sessions, startNode, weeksNode *yaml.Node
	for _, kv := range p.yf.Mapping(root, "the plan", planKeys, planAliases) {
		switch kv.Key.Value {
		case "name":
			if kv.Val.Kind == yaml.ScalarNode {
				plan.Name = strings.TrimSpace(kv.Val.Value)
			} else {
				p.errorf(kv.Val, "name is text, not %s", workouts.Describe(kv.Val))
			}
		case "start":
			startNode = kv.Val
			t, err := time.Parse("2006-01-02", strings.TrimSpace(kv.Val.Value))
			if kv.Val.Kind != yaml.ScalarNode || err != nil {
				p.errorf(kv.Val, "start %s is not a date; write the first day of week 1 as YYYY-MM-DD (e.g. 2027-01-04)", workouts.Describe(kv.Val))
			} else if t.Year() < 1999 || t.Year() > 2099 {
				p.errorf(kv.Val, "start %s is outside the years 1999-2099", kv.Val.Value)
			} else {
				plan.Start = t
			}
		case "weeks":
			weeksNode = kv.Val
			n, err := strconv.Atoi(strings.TrimSpace(kv.Val.Value))
			if kv.Val.Kind != yaml.ScalarNode || err != nil || n < 1 || n > MaxWeeks {
				p.errorf(kv.Val, "weeks %s is not a number of weeks from 1 to %d", workouts.Describe(kv.Val), MaxWeeks)
			} else {
				plan.Weeks = n
			}
		case "sessions":
			sessions = kv.Val
		}
	}
	if startNode == nil {
		p.errorf(root, "the plan has no start (the first day of week 1, e.g. \"start: 2027-01-04\")")
	}
	if weeksNode == nil {
		p.errorf(root, "the plan has no weeks (how many weeks it lasts, e.g. \"weeks: 8\")")
	}
	if sessions == nil {
		p.errorf(root, "the plan has no sessions (a list of workout, days, and optional weeks, reps and load)")
		return nil
	}
	if sessions.Kind != yaml.SequenceNode || len(sessions.Content) == 0 {
		p.errorf(sessions, "sessions is a list of sessions (\"- workout: hills.yaml\"), not %s", workouts.Describe(sessions))
		return nil
	}
	for _, n := range sessions.Content {
		if s := p.session(plan, n); s != nil {
			plan.Sessions = append(plan.Sessions, s)
		}
	}
	if p.diags.HasErrors() {
		return nil
	}
	p.expand(plan)
	return plan
}

func (p *planParser) session(plan *Plan, n *yaml.Node) *Session {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "a session is a mapping with keys workout, days and optional weeks, reps and load, not %s", workouts.Describe(n))
		return nil
	}
	s := &Session{Pos: p.yf.Pos(n), FirstWeek: 1, LastWeek: plan.Weeks}
	keys := map[string]*yaml.Node{}
	for _, kv := range p.yf.Mapping(n, "a session", sessionKeys, sessionAliases) {
		keys[kv.Key.Value] = kv.Val
	}
	workoutNode, daysNode, weeksNode, repsNode, loadNode := keys["workout"], keys["days"], keys["weeks"], keys["reps"], keys["load"]
	// Each part is checked even when another is wrong, so that every
	// problem shows in one run.
	workoutOK, weeksOK := false, true
	if workoutNode == nil {
		p.errorf(n, "the session has no workout (a workout file, relative to the plan: \"workout: hill-repeats.yaml\")")
	} else {
		workoutOK = p.workout(s, workoutNode)
	}
	daysOK := false
	if daysNode == nil {
		p.errorf(n, "the session has no days (e.g. \"days: [tue]\" or \"days: [mon, thu]\")")
	} else {
		daysOK = p.days(s, daysNode)
	}
	if weeksNode != nil {
		weeksOK = p.weeks(plan, s, weeksNode)
	}
	if !workoutOK || !weeksOK || plan.Weeks == 0 {
		return nil
	}
	covered := s.LastWeek - s.FirstWeek + 1
	if repsNode != nil {
		s.Reps = p.reps(s, repsNode, covered)
	}
	if loadNode != nil {
		s.Load = p.load(s, loadNode, covered)
	}
	if !daysOK {
		return nil
	}
	return s
}

// workout reads the session's workout file (once per file for the plan).
func (p *planParser) workout(s *Session, n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" || n.Tag == "!!null" {
		p.errorf(n, "workout is the path of a workout file, relative to the plan, not %s", workouts.Describe(n))
		return false
	}
	s.Path = strings.TrimSpace(n.Value)
	s.File = s.Path
	if p.root != "" && !p.inside(s.Path) {
		p.errorf(n, "workout %s is outside %s; a plan names its workouts by paths relative to itself that stay in that folder (batch --allow-outside lifts this)", s.Path, p.rootName())
		return false
	}
	if !filepath.IsAbs(s.Path) {
		s.File = filepath.Join(filepath.Dir(p.file), filepath.FromSlash(s.Path))
	}
	l, seen := p.cache[s.File]
	if !seen {
		l = &loaded{}
		p.cache[s.File] = l
		data, err := p.read(s.File)
		switch {
		case err != nil:
			p.errorf(n, "cannot read workout %s: %s", s.Path, errText(err))
			l.err = true
		case len(data) > workouts.MaxFileSize:
			p.errorf(n, "workout %s is %d bytes; a workout definition is at most %d bytes", s.Path, len(data), workouts.MaxFileSize)
			l.err = true
		default:
			w, diags := workouts.Parse(s.File, data)
			if diags.HasErrors() && !looksLikeWorkout(data) {
				// Not a workout at all (a key file, a list): say so without
				// quoting a line of it.
				p.errorf(n, "workout %s is not a workout definition (a YAML mapping with name and steps); its content is not shown", s.Path)
				l.err = true
				break
			}
			*p.diags = append(*p.diags, diags...)
			l.w, l.err = w, diags.HasErrors()
		}
	}
	if l.err {
		return false
	}
	s.Workout = l.w
	s.Slug = workouts.Slug(l.w.Name)
	return true
}

// inside reports whether the workout path rel (relative to the plan) stays
// in p.root.
func (p *planParser) inside(rel string) bool {
	if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, `\`) || filepath.VolumeName(rel) != "" {
		return false
	}
	root, err1 := filepath.Abs(p.root)
	full, err2 := filepath.Abs(filepath.Join(filepath.Dir(p.file), filepath.FromSlash(rel)))
	if err1 != nil || err2 != nil {
		return false
	}
	r, err := filepath.Rel(root, full)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// rootName names p.root in messages.
func (p *planParser) rootName() string {
	if p.root == "." {
		return "the current folder"
	}
	return "the folder " + p.root
}

// looksLikeWorkout reports whether data is a YAML mapping with a steps or
// a name key: a workout definition, even a wrong one, whose problems are
// worth showing line by line.
func looksLikeWorkout(data []byte) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i].Value; k == "steps" || k == "name" {
			return true
		}
	}
	return false
}

// errText is an I/O error without the path that the message already has.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func (p *planParser) days(s *Session, n *yaml.Node) bool {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	if len(items) == 0 {
		p.errorf(n, "days is empty; list weekdays such as [mon, thu]")
		return false
	}
	ok := true
	seen := map[time.Weekday]bool{}
	for _, d := range items {
		v := strings.ToLower(strings.TrimSpace(d.Value))
		if d.Kind != yaml.ScalarNode {
			p.errorf(d, "a day is a weekday (mon, tue, wed, thu, fri, sat, sun), not %s", workouts.Describe(d))
			ok = false
			continue
		}
		if a, alias := dayAliases[v]; alias {
			v = a
		}
		i := slices.Index(dayNames, v)
		if i < 0 {
			hint := cmp.Or(hintOf(workouts.Suggest(v, dayNames), "%s"), " (days are mon, tue, wed, thu, fri, sat and sun)")
			p.errorf(d, "unknown day %s%s", workouts.Describe(d), hint)
			ok = false
			continue
		}
		wd := time.Weekday((i + 1) % 7)
		if seen[wd] {
			p.errorf(d, "day %s is listed twice", dayNames[i])
			ok = false
			continue
		}
		seen[wd] = true
		s.Days = append(s.Days, wd)
	}
	return ok
}

func (p *planParser) weeks(plan *Plan, s *Session, n *yaml.Node) bool {
	v := strings.TrimSpace(n.Value)
	bad := func() bool {
		p.errorf(n, "weeks %s is not a week or a range of weeks (e.g. \"3\" or \"1-6\")", workouts.Describe(n))
		return false
	}
	if n.Kind != yaml.ScalarNode || v == "" {
		return bad()
	}
	a, b, isRange := strings.Cut(v, "-")
	lo, err1 := strconv.Atoi(strings.TrimSpace(a))
	hi, err2 := lo, error(nil)
	if isRange {
		hi, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil {
		return bad()
	}
	if lo > hi {
		p.errorf(n, "weeks %s goes backwards; write the first week first (e.g. \"1-6\")", v)
		return false
	}
	if plan.Weeks == 0 {
		return false // already reported
	}
	if lo < 1 || hi > plan.Weeks {
		p.errorf(n, "weeks %s is outside the plan's weeks 1-%d", v, plan.Weeks)
		return false
	}
	s.FirstWeek, s.LastWeek = lo, hi
	return true
}

func (p *planParser) coverage(s *Session) string {
	if s.FirstWeek == s.LastWeek {
		return fmt.Sprintf("week %d", s.FirstWeek)
	}
	return fmt.Sprintf("weeks %d-%d", s.FirstWeek, s.LastWeek)
}

// perWeek returns the items of a per-week list: a list as long as the
// covered weeks, or one value for all of them.
func (p *planParser) perWeek(s *Session, n *yaml.Node, key, example string, covered int) []*yaml.Node {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
			p.errorf(n, "%s is empty; give one value a week, e.g. %s", key, example)
			return nil
		}
		out := make([]*yaml.Node, covered)
		for i := range out {
			out[i] = n
		}
		return out
	case yaml.SequenceNode:
		if len(n.Content) != covered {
			p.errorf(n, "%s lists %d weeks; the session covers %s, so it needs %d values (one a week)", key, len(n.Content), p.coverage(s), covered)
			return nil
		}
		return n.Content
	}
	p.errorf(n, "%s is a list with one value a week (e.g. %s), not %s", key, example, workouts.Describe(n))
	return nil
}

func (p *planParser) reps(s *Session, n *yaml.Node, covered int) []int {
	items := p.perWeek(s, n, "reps", "[3, 4, 5]", covered)
	if items == nil {
		return nil
	}
	type span struct {
		lo, hi int
		pos    workouts.Pos
	}
	var ranges []span
	workouts.Walk(s.Workout.Steps, func(st *workouts.Step, _ int) {
		if st.Kind == workouts.KindRepeat && st.Count == 0 && st.CountMax > 0 {
			ranges = append(ranges, span{st.CountMin, st.CountMax, st.Pos})
		}
	})
	if len(ranges) == 0 {
		p.errorf(n, "reps: workout %s has no ranged repeat (such as \"repeat: 3-5\") for reps to set", s.Path)
		return nil
	}
	out := make([]int, covered)
	ok := true
	for i, it := range items {
		v, err := strconv.Atoi(strings.TrimSpace(it.Value))
		if it.Kind != yaml.ScalarNode || err != nil || v < 1 || v > 99 {
			p.errorf(it, "reps %s is not a repeat count from 1 to 99", workouts.Describe(it))
			ok = false
			continue
		}
		for _, r := range ranges {
			if v < r.lo || v > r.hi {
				p.errorf(it, "reps %d (week %d) is outside the range %d-%d of the repeat at %s", v, s.FirstWeek+i, r.lo, r.hi, r.pos)
				ok = false
				break
			}
		}
		out[i] = v
		if n.Kind == yaml.ScalarNode && !ok {
			break
		}
	}
	if !ok {
		return nil
	}
	return out
}

func (p *planParser) load(s *Session, n *yaml.Node, covered int) []float64 {
	items := p.perWeek(s, n, "load", "[100%, 90%, 80%]", covered)
	if items == nil {
		return nil
	}
	weighted := false
	maxKg := 0.0
	workouts.Walk(s.Workout.Steps, func(st *workouts.Step, _ int) {
		if st.Weight != nil {
			weighted = true
			if st.Weight.Name == "" {
				maxKg = math.Max(maxKg, st.Weight.Kilograms())
			}
		}
	})
	if !weighted {
		p.errorf(n, "load: workout %s has no weights for load to scale", s.Path)
		return nil
	}
	out := make([]float64, covered)
	ok := true
	for i, it := range items {
		v := strings.TrimSpace(it.Value)
		num := strings.TrimSpace(strings.TrimSuffix(v, "%"))
		f, err := strconv.ParseFloat(num, 64)
		if it.Kind != yaml.ScalarNode || err != nil || math.IsNaN(f) {
			p.errorf(it, "load %s is not a percentage (e.g. \"90%%\")", workouts.Describe(it))
			ok = false
			continue
		}
		if f < 1 || f > MaxLoadPercent {
			p.errorf(it, "load %s is outside 1%%-%d%%", v, MaxLoadPercent)
			ok = false
			continue
		}
		if maxKg*f/100 > maxWeightKg {
			p.errorf(it, "load %s makes %s's heaviest weight %.1f kg, over FIT's maximum of %v kg", v, s.Path, maxKg*f/100, maxWeightKg)
			ok = false
			continue
		}
		out[i] = f
	}
	if !ok {
		return nil
	}
	return out
}

// maxWeightKg is the largest exercise weight a FIT file holds.
const maxWeightKg = 655.34

// expand turns the sessions into dated jobs, in date order (sessions in
// plan order within a day), and collects the profile values the workouts
// need.
func (p *planParser) expand(plan *Plan) {
	type slot struct {
		date time.Time
		slug string
	}
	taken := map[slot]*Session{}
	seenNeed := map[string]int{}
	for _, s := range plan.Sessions {
		for w := s.FirstWeek; w <= s.LastWeek; w++ {
			weekStart := plan.Start.AddDate(0, 0, 7*(w-1))
			for _, d := range s.Days {
				off := (int(d) - int(weekStart.Weekday()) + 7) % 7
				date := weekStart.AddDate(0, 0, off)
				k := slot{date, s.Slug}
				if other, dup := taken[k]; dup && other != s {
					p.diags.Errorf(s.Pos, "%s on %s is already planned by the session at %s; one workout a day per name (rename one workout or move a day)", s.Slug, date.Format("2006-01-02"), other.Pos)
					continue
				}
				taken[k] = s
				j := Job{Date: date, Week: w, Session: s, LoadPercent: 100,
					Base: date.Format("2006-01-02") + "-" + s.Slug}
				if s.Reps != nil {
					j.Reps = s.Reps[w-s.FirstWeek]
				}
				if s.Load != nil {
					j.LoadPercent = s.Load[w-s.FirstWeek]
				}
				plan.jobs = append(plan.jobs, j)
			}
		}
		workouts.Walk(s.Workout.Steps, func(st *workouts.Step, _ int) {
			add := func(col string, pos workouts.Pos) {
				if _, ok := seenNeed[col]; !ok {
					seenNeed[col] = len(plan.needs)
					plan.needs = append(plan.needs, need{column: col, pos: pos, maxPct: 100})
				}
				n := &plan.needs[seenNeed[col]]
				for _, l := range s.Load {
					n.maxPct = math.Max(n.maxPct, l)
				}
			}
			for _, t := range [2]*workouts.Target{&st.Target, &st.Secondary} {
				if t.Named() {
					add(targetKind(t.Kind)+"."+t.Name, t.Pos)
				}
			}
			if st.Weight != nil && st.Weight.Name != "" {
				add("load."+st.Weight.Name, st.Weight.Pos)
			}
		})
	}
	// Stable: sessions stay in plan order within a day.
	slices.SortStableFunc(plan.jobs, func(a, b Job) int { return a.Date.Compare(b.Date) })
}

func targetKind(k workouts.TargetKind) string {
	switch k {
	case workouts.TargetHR:
		return "hr"
	case workouts.TargetPower:
		return "power"
	}
	return "pace"
}

// Jobs returns the plan's dated workouts in date order; within a day,
// in the order of the plan's sessions. The slice is shared: do not modify.
func (plan *Plan) Jobs() []Job { return plan.jobs }
