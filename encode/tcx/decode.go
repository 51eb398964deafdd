package tcx

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

// Limits of the reader, so that no input makes it use much memory or time.
const (
	// MaxInput is the largest file DecodeFile reads. TCX activity files can be
	// large, but everything outside Workouts is skipped as it streams by.
	MaxInput = 16 << 20
	// maxNodes is the most elements DecodeFile keeps from a file's Workouts.
	maxNodes = 50_000
	// maxDepth is the deepest element nesting DecodeFile reads (a Repeat_t
	// inside a Repeat_t costs one level for the Child element).
	maxDepth = 64
)

// DecodeFile reads a TCX file holding a workout, ours or anyone's, into
// the workout model. file names the input in positions (FILE:LINE:COL, the line and column of
// each element's start tag; in a file declared as Latin-1 or Windows-1252
// the column counts the UTF-8 bytes the text becomes).
//
// It reads what the schema allows and a little more: a file that breaks
// the schema (a name of 16 characters, a missing xsi:type, a repeat of 1)
// is read with a warning for each such problem. It returns an error, and
// no workout, for what is not a readable TCX workout: not XML, larger than
// MaxInput, a DOCTYPE (refused, so that no entity is ever expanded), no
// Workout element (an activity or course file), or a value that is not a
// number where the schema wants one; the error is a workouts.Diagnostics
// when the problems have a place.
//
// Mapping back: Running, Biking and Other are the sports running, cycling
// and generic. A step named after a kind ("Warm up", "Cool down",
// "Recover", "Rest", "Run", also "Warmup" and "Cooldown") gets that kind
// and no name; other steps are run steps, or recover steps (rest steps in
// an Other workout) when Resting. Intensity is set only where it differs
// from the kind's. HeartRateAbove_t and HeartRateBelow_t become
// DurationHRAbove and DurationHRBelow, CaloriesBurned_t DurationCalories,
// a PredefinedSpeedZone_t TargetSpeedZone; every other element maps to its
// obvious counterpart. The workout's Notes give the description; trailing
// lines as Encode writes them ("NAME = FULL NAME" for the workout,
// "N. NAME = FULL NAME (kind): text" for step N) give names, kinds and
// notes back. Exercises, reps and loads, which TCX does not
// hold, are not recovered: such steps come back as lap-button run steps.
func DecodeFile(file string, data []byte) (*workouts.Workout, workouts.Diagnostics, error) {
	if len(data) > MaxInput {
		return nil, nil, fmt.Errorf("tcx: file is %d bytes; the reader takes at most %d", len(data), MaxInput)
	}
	r := &reader{file: file, data: data}
	root, err := r.parse()
	if err != nil {
		return nil, nil, err
	}
	w := r.workout(root)
	if len(r.errs) > 0 {
		r.errs.Sort()
		return nil, nil, r.errs
	}
	r.warns.Sort()
	return w, r.warns, nil
}

// node is an element of the file's Workouts, with what the reader needs.
type node struct {
	name string // local name
	typ  string // xsi:type, without a namespace prefix
	attr []xml.Attr
	text []byte
	kids []*node
	off  int64 // byte offset of the start tag
}

func (n *node) child(name string) *node {
	if i := slices.IndexFunc(n.kids, func(k *node) bool { return k.name == name }); i >= 0 {
		return n.kids[i]
	}
	return nil
}

func (n *node) children(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

func (n *node) value() string { return strings.TrimSpace(string(n.text)) }

func (n *node) attrValue(name string) string {
	if i := slices.IndexFunc(n.attr, func(a xml.Attr) bool { return a.Name.Local == name && a.Name.Space == "" }); i >= 0 {
		return n.attr[i].Value
	}
	return ""
}

// reader is the state of one DecodeFile.
type reader struct {
	file   string
	data   []byte
	lines  []int // byte offsets of line starts, built on first use
	nodes  int
	warns  workouts.Diagnostics
	errs   workouts.Diagnostics
	warned map[string]bool
	sport  workouts.Sport
}

func (r *reader) pos(off int64) workouts.Pos {
	if r.lines == nil {
		r.lines = []int{0}
		for i, c := range r.data {
			if c == '\n' {
				r.lines = append(r.lines, i+1)
			}
		}
	}
	o := int(min(max(off, 0), int64(len(r.data))))
	i := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > o }) - 1
	return workouts.Pos{File: r.file, Line: i + 1, Col: o - r.lines[i] + 1}
}

func (r *reader) warnf(n *node, format string, args ...any) {
	r.warns.Warnf(r.pos(n.off), format, args...)
}

// warnOncef warns about a problem only the first time it shows.
func (r *reader) warnOncef(key string, n *node, format string, args ...any) {
	if r.warned == nil {
		r.warned = map[string]bool{} // most files have nothing to warn about
	}
	if !r.warned[key] {
		r.warned[key] = true
		r.warnf(n, format, args...)
	}
}

func (r *reader) errorf(n *node, format string, args ...any) {
	r.errs.Errorf(r.pos(n.off), format, args...)
}

// minSpeed is the slowest speed target read, in m/s.
const minSpeed = 0.1

// charsetReader lets files declared as Latin-1 or Windows-1252 (as some
// old tools wrote them) be read; UTF-8 needs none. Another encoding is an
// error at the XML declaration, where encoding/xml asks for it, that parse
// returns without encoding/xml's prefixes.
func (r *reader) charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(in), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	}
	return nil, r.located(int64(max(bytes.Index(r.data, []byte("encoding")), 0)),
		fmt.Sprintf("unsupported encoding %q; TCX files are read in UTF-8, ISO-8859-1 or Windows-1252", term.Cut(label, 40)))
}

// parse streams the XML and keeps the root and its Workouts subtree;
// everything else (activities, courses, folders) is skipped.
func (r *reader) parse() (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(r.data))
	d.Strict = true
	d.CharsetReader = r.charsetReader
	var root *node
	var stack []*node
	var skipped []string // in file order, each once
	seen := map[string]bool{}
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, r.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) || bytes.HasPrefix(bytes.TrimSpace(t), []byte("ENTITY")) {
				return nil, r.located(off, "the file has a DOCTYPE; TCX files have none and the reader refuses them (no entity is expanded)")
			}
		case xml.StartElement:
			if root == nil {
				if t.Name.Local != "TrainingCenterDatabase" {
					return nil, r.located(off, fmt.Sprintf("not a TCX file: the root element is <%s>, not <TrainingCenterDatabase>", t.Name.Local))
				}
				if t.Name.Space != Namespace {
					r.warns.Warnf(r.pos(off), "the root element's namespace is %s, not %s; read as TCX v2 anyway", cmp.Or(t.Name.Space, "no namespace"), Namespace)
				}
				root = &node{name: t.Name.Local, off: off}
				stack = append(stack, root)
				continue
			}
			if len(stack) == 0 {
				// Go's decoder does not hold XML to one root element.
				return nil, r.located(off, fmt.Sprintf("a second root element <%s> after </TrainingCenterDatabase>; an XML file has one", t.Name.Local))
			}
			if len(stack) == 1 && t.Name.Local != "Workouts" {
				if !seen[t.Name.Local] { // a map: a hostile file may hold many names
					seen[t.Name.Local] = true
					skipped = append(skipped, t.Name.Local)
				}
				if err := d.Skip(); err != nil {
					return nil, r.syntaxError(err)
				}
				continue
			}
			if len(stack) >= maxDepth {
				return nil, r.located(off, fmt.Sprintf("elements nest more than %d deep", maxDepth))
			}
			if r.nodes++; r.nodes > maxNodes {
				return nil, r.located(off, fmt.Sprintf("the workouts hold more than %d elements", maxNodes))
			}
			n := &node{name: t.Name.Local, off: off}
			for _, a := range t.Attr {
				if a.Name.Local == "type" && (a.Name.Space == xsiNS || a.Name.Space == "xsi") {
					v := strings.TrimSpace(a.Value)
					if i := strings.LastIndexByte(v, ':'); i >= 0 {
						v = v[i+1:]
					}
					n.typ = v
					continue
				}
				if a.Name.Space == "" {
					n.attr = append(n.attr, a)
				}
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 1 {
				top := stack[len(stack)-1]
				top.text = append(top.text, t...)
			}
		}
	}
	if root == nil {
		return nil, errors.New("tcx: not a TCX file: it has no root element")
	}
	if root.child("Workouts") == nil || len(root.child("Workouts").children("Workout")) == 0 {
		what := ""
		if len(skipped) > 0 {
			what = " (it holds " + strings.Join(skipped, ", ") + ")"
		}
		return nil, r.located(root.off, "no workout in this TCX file"+what+"; a workout is a Workouts/Workout element")
	}
	return root, nil
}

// located returns an error at byte offset off.
func (r *reader) located(off int64, msg string) error {
	var ds workouts.Diagnostics
	ds.Errorf(r.pos(off), "%s", msg)
	return ds
}

func (r *reader) syntaxError(err error) error {
	var se *xml.SyntaxError
	var ds workouts.Diagnostics
	switch {
	case errors.As(err, &se):
		ds.Errorf(workouts.Pos{File: r.file, Line: se.Line, Col: 1}, "not a TCX file: XML syntax error: %s", se.Msg)
		return ds
	case errors.As(err, &ds): // charsetReader's
		return ds
	}
	return fmt.Errorf("tcx: not a TCX file: %w", err)
}

func (r *reader) workout(root *node) *workouts.Workout {
	list := root.child("Workouts").children("Workout")
	x := list[0]
	w := &workouts.Workout{Pos: r.pos(x.off), Sport: workouts.SportGeneric}

	name := ""
	if n := x.child("Name"); n != nil {
		name = collapse(string(n.text))
	}
	if len(list) > 1 {
		r.warnf(x, "the file holds %d workouts; read the first, %q", len(list), name)
	}
	sport := x.attrValue("Sport")
	switch strings.TrimSpace(sport) {
	case sportRunning:
		w.Sport = workouts.SportRunning
	case sportBiking:
		w.Sport = workouts.SportCycling
	case sportOther:
	case "":
		r.warnf(x, "the workout has no Sport; read as Other (generic)")
	default:
		r.warnf(x, "unknown sport %q (TCX sports are Running, Biking and Other); read as Other (generic)", sport)
	}
	switch n := runes(name); {
	case n == 0:
		r.warnf(x, "the workout has no name; named it \"Workout\"")
		name = "Workout"
	case n > MaxName:
		r.warnf(x.child("Name"), "workout name %q is %d characters; the TCX schema allows %d (read anyway)", name, n, MaxName)
	}
	w.Name = name
	r.sport = w.Sport

	s := &steps{}
	for _, k := range x.kids {
		switch k.name {
		case "Name", "Notes", "Creator":
		case "Step":
			if st, ok := r.step(k, s); ok {
				w.Steps = append(w.Steps, st)
			}
		case "ScheduledOn":
			r.warnOncef("scheduled", k, "scheduled dates (ScheduledOn %s) are not read; the workout language has none", k.value())
		case "Extensions":
			r.warnf(k, "the workout's Extensions are not read")
		default:
			r.warnOncef("element "+k.name, k, "unknown element <%s> in a workout; ignored", k.name)
		}
	}
	if len(w.Steps) == 0 && len(r.errs) == 0 {
		r.errorf(x, "the workout has no steps")
	}
	if s.count > MaxSteps {
		r.warnf(x, "the workout has %d steps, repeats included; the TCX schema allows %d (read anyway)", s.count, MaxSteps)
	}
	// Pointers into w.Steps are stable only now that every slice is built.
	s.ids, s.names = map[int]*workouts.Step{}, map[*workouts.Step]string{}
	s.index(w.Steps)
	if n := x.child("Notes"); n != nil {
		w.Description = r.notes(w, string(n.text), s)
	}
	return w
}

// steps collects what the notes refer to: each step by StepId, with its
// TCX name.
type steps struct {
	count  int
	ids    map[int]*workouts.Step
	names  map[*workouts.Step]string
	order  []stepRef // StepId and TCX name of each Step_t, in file order
	cursor int
}

type stepRef struct {
	id   int
	name string
}

// index maps StepIds to the steps of the built tree, walking it in the
// order the steps were read.
func (s *steps) index(list []workouts.Step) {
	for i := range list {
		st := &list[i]
		if st.Kind == workouts.KindRepeat {
			s.index(st.Steps)
			continue
		}
		if s.cursor < len(s.order) {
			ref := s.order[s.cursor]
			s.cursor++
			if _, dup := s.ids[ref.id]; !dup && ref.id > 0 {
				s.ids[ref.id] = st
				s.names[st] = ref.name
			}
		}
	}
}

// step maps a Step or Child element. A repeat of one (which the schema
// does not allow) is read as a repeat of one.
func (r *reader) step(n *node, s *steps) (workouts.Step, bool) {
	s.count++
	typ := n.typ
	if typ == "" {
		typ = "Step_t"
		if n.child("Repetitions") != nil || n.child("Child") != nil {
			typ = "Repeat_t"
		}
		r.warnOncef("notype", n, "a step has no xsi:type; read as %s from what it holds", typ)
	}
	id := 0
	if k := n.child("StepId"); k != nil {
		if v, ok := r.integer(k, 0, math.MaxInt32); ok {
			id = v
			if v < 1 || v > MaxSteps {
				r.warnOncef("stepid", k, "StepId %d is outside 1-%d, what the TCX schema allows (read anyway)", v, MaxSteps)
			}
		}
	} else {
		r.warnOncef("nostepid", n, "a step has no StepId (read anyway)")
	}

	switch typ {
	case "Repeat_t":
		st := workouts.Step{Pos: r.pos(n.off), Kind: workouts.KindRepeat}
		if k := n.child("Repetitions"); k == nil {
			r.errorf(n, "repeat has no Repetitions")
		} else if v, ok := r.integer(k, 1, math.MaxInt32); ok {
			st.Count = v
			if v < MinRepeat || v > MaxRepeat {
				r.warnf(k, "repeat %d times is outside %d-%d, what the TCX schema allows (read anyway)", v, MinRepeat, MaxRepeat)
			}
		}
		for _, c := range n.children("Child") {
			if sub, ok := r.step(c, s); ok {
				st.Steps = append(st.Steps, sub)
			}
		}
		if len(st.Steps) == 0 {
			r.errorf(n, "repeat has no steps")
			return workouts.Step{}, false
		}
		return st, true
	case "Step_t":
		st, name := r.plainStep(n)
		s.order = append(s.order, stepRef{id: id, name: name})
		return st, true
	}
	r.errorf(n, "unknown step type %q (TCX steps are Step_t and Repeat_t)", typ)
	return workouts.Step{}, false
}

// kindLabels are the step names that say a step's kind.
var kindLabels = map[string]workouts.Kind{
	"warm up": workouts.KindWarmup, "warmup": workouts.KindWarmup, "warm-up": workouts.KindWarmup,
	"run":     workouts.KindRun,
	"recover": workouts.KindRecover, "recovery": workouts.KindRecover,
	"rest":      workouts.KindRest,
	"cool down": workouts.KindCooldown, "cooldown": workouts.KindCooldown, "cool-down": workouts.KindCooldown,
}

func (r *reader) plainStep(n *node) (workouts.Step, string) {
	st := workouts.Step{Pos: r.pos(n.off)}
	name := ""
	if k := n.child("Name"); k != nil {
		name = collapse(string(k.text))
		if c := runes(name); c > MaxName {
			r.warnf(k, "step name %q is %d characters; the TCX schema allows %d (read anyway)", name, c, MaxName)
		}
	}
	st.Duration = r.duration(n)

	resting := false
	if k := n.child("Intensity"); k == nil {
		r.warnOncef("nointensity", n, "a step has no Intensity; read as Active")
	} else {
		switch v := collapse(string(k.text)); v {
		case intensityActive:
		case intensityResting:
			resting = true
		default:
			r.warnf(k, "unknown intensity %q (TCX intensities are Active and Resting); read as Active", v)
		}
	}

	var named bool
	st.Kind, named = kindFor(name, resting, r.sport, st.Duration.Kind)
	if !named {
		st.Name = name
	}
	st.Intensity = intensityFor(st.Kind, resting)
	st.Target = r.target(n)
	return st, name
}

// kindFor is the kind of a step read from TCX: the kind its name says, or
// from its intensity. named reports that the name only says the kind.
func kindFor(name string, resting bool, sport workouts.Sport, d workouts.DurationKind) (kind workouts.Kind, named bool) {
	kind, named = kindLabels[strings.ToLower(name)]
	switch {
	case named:
	case resting && sport == workouts.SportGeneric && (d == workouts.DurationTime || d == workouts.DurationLap):
		kind = workouts.KindRest // a circuit's rest
	case resting:
		kind = workouts.KindRecover
	default:
		kind = workouts.KindRun
	}
	if kind == workouts.KindRest && d != workouts.DurationTime && d != workouts.DurationLap {
		kind = workouts.KindRecover // the language's rest takes a time or the lap button only
	}
	return kind, named
}

// intensityFor is the kind's default intensity when TCX's Active or Resting
// agrees with it, else active or rest.
func intensityFor(kind workouts.Kind, resting bool) workouts.Intensity {
	i := workouts.DefaultIntensity(kind)
	if isResting(i) != resting {
		i = workouts.IntensityActive
		if resting {
			i = workouts.IntensityRest
		}
	}
	return i
}

func isResting(i workouts.Intensity) bool {
	return i == workouts.IntensityRest || i == workouts.IntensityRecovery
}

func (r *reader) duration(step *node) workouts.Duration {
	n := step.child("Duration")
	if n == nil {
		r.warnf(step, "step has no Duration; read as the lap button")
		return workouts.Duration{Kind: workouts.DurationLap}
	}
	switch n.typ {
	case "Time_t":
		if v, ok := r.number(n, "Seconds", 0, math.MaxUint16); ok {
			return workouts.Duration{Kind: workouts.DurationTime, Seconds: v, Unit: "s"}
		}
	case "Distance_t":
		if v, ok := r.number(n, "Meters", 0, math.MaxUint16); ok {
			return workouts.Duration{Kind: workouts.DurationDistance, Meters: v, Unit: "m"}
		}
	case "UserInitiated_t":
	case "CaloriesBurned_t":
		if v, ok := r.number(n, "Calories", 0, math.MaxUint16); ok {
			return workouts.Duration{Kind: workouts.DurationCalories, Value: v, Unit: "kcal"}
		}
	case "HeartRateAbove_t", "HeartRateBelow_t":
		kind := workouts.DurationHRAbove
		if n.typ == "HeartRateBelow_t" {
			kind = workouts.DurationHRBelow
		}
		if k := n.child("HeartRate"); k == nil {
			r.errorf(n, "%s has no HeartRate", n.typ)
		} else if v, pct, ok := r.heartRate(k); ok {
			return workouts.Duration{Kind: kind, Value: v, Percent: pct}
		}
	case "":
		r.warnf(n, "a Duration without xsi:type; read as the lap button")
	default:
		r.warnf(n, "unknown duration %q; read as the lap button", n.typ)
	}
	return workouts.Duration{Kind: workouts.DurationLap}
}

// heartRate reads a HeartRateValue_t: bpm, or percent of max HR.
func (r *reader) heartRate(n *node) (float64, bool, bool) {
	switch n.typ {
	case "HeartRateInBeatsPerMinute_t":
		v, ok := r.number(n, "Value", 1, 255)
		return v, false, ok
	case "HeartRateAsPercentOfMax_t":
		v, ok := r.number(n, "Value", 0, 100)
		return v, true, ok
	}
	r.errorf(n, "unknown heart-rate value %q (TCX has HeartRateInBeatsPerMinute_t and HeartRateAsPercentOfMax_t)", n.typ)
	return 0, false, false
}

func (r *reader) target(step *node) workouts.Target {
	n := step.child("Target")
	if n == nil {
		r.warnf(step, "step has no Target; read as open")
		return workouts.Target{}
	}
	t := workouts.Target{Pos: r.pos(n.off)}
	switch n.typ {
	case "None_t":
	case "Speed_t":
		z := n.child("SpeedZone")
		if z == nil {
			r.errorf(n, "Speed_t has no SpeedZone")
			break
		}
		switch z.typ {
		case "PredefinedSpeedZone_t":
			if v, ok := r.number(z, "Number", 1, 10); ok {
				t.Kind, t.Zone = workouts.TargetSpeedZone, int(v)
			}
		case "CustomSpeedZone_t":
			// Speeds from 0.1 m/s (a pace of 2:46:40 /km, slower than any
			// walk) to 1000 m/s: a slower one would print an absurd pace.
			lo, ok1 := r.number(z, "LowInMetersPerSecond", minSpeed, 1000)
			hi, ok2 := r.number(z, "HighInMetersPerSecond", minSpeed, 1000)
			if ok1 && ok2 {
				t.Kind, t.Low, t.High = workouts.TargetPace, min(lo, hi), max(lo, hi)
			}
		default:
			r.errorf(z, "unknown speed zone %q (TCX has PredefinedSpeedZone_t and CustomSpeedZone_t)", z.typ)
		}
	case "HeartRate_t":
		z := n.child("HeartRateZone")
		if z == nil {
			r.errorf(n, "HeartRate_t has no HeartRateZone")
			break
		}
		switch z.typ {
		case "PredefinedHeartRateZone_t":
			if v, ok := r.number(z, "Number", 1, 5); ok {
				t.Kind, t.Zone = workouts.TargetHRZone, int(v)
			}
		case "CustomHeartRateZone_t":
			lo, hi := z.child("Low"), z.child("High")
			if lo == nil || hi == nil {
				r.errorf(z, "CustomHeartRateZone_t needs Low and High")
				break
			}
			l, lp, ok1 := r.heartRate(lo)
			h, hp, ok2 := r.heartRate(hi)
			switch {
			case !ok1 || !ok2:
			case lp != hp:
				r.warnf(z, "heart-rate range mixes bpm and percent of max HR, which the workout language cannot say; read as open")
			default:
				t.Kind, t.Low, t.High, t.Percent = workouts.TargetHR, min(l, h), max(l, h), lp
			}
		default:
			r.errorf(z, "unknown heart-rate zone %q (TCX has PredefinedHeartRateZone_t and CustomHeartRateZone_t)", z.typ)
		}
	case "Cadence_t":
		lo, ok1 := r.number(n, "Low", 0, 1000)
		hi, ok2 := r.number(n, "High", 0, 1000)
		if ok1 && ok2 {
			t.Kind, t.Low, t.High = workouts.TargetCadence, min(lo, hi), max(lo, hi)
		}
	case "":
		r.warnf(n, "a Target without xsi:type; read as open")
	default:
		r.warnf(n, "unknown target %q; read as open", n.typ)
	}
	return t
}

// number reads the number in n's child element name, which must lie in
// [lo, hi]; a missing or malformed value is an error.
func (r *reader) number(n *node, name string, lo, hi float64) (float64, bool) {
	k := n.child(name)
	if k == nil {
		r.errorf(n, "%s has no %s", cmp.Or(n.typ, n.name), name)
		return 0, false
	}
	s := k.value()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		r.errorf(k, "%s %q is not a number", name, truncate(s, 20))
		return 0, false
	}
	if v < lo || v > hi {
		r.errorf(k, "%s %s is outside %v-%v", name, truncate(s, 20), lo, hi)
		return 0, false
	}
	return v, true
}

// integer reads n's text as a whole number in [lo, hi].
func (r *reader) integer(n *node, lo, hi int) (int, bool) {
	s := n.value()
	v, err := strconv.Atoi(s)
	if err != nil {
		r.errorf(n, "%s %q is not a whole number", n.name, truncate(s, 20))
		return 0, false
	}
	if v < lo || v > hi {
		r.errorf(n, "%s %d is outside %d-%d", n.name, v, lo, hi)
		return 0, false
	}
	return v, true
}

func truncate(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// notes splits the workout notes into the description and, from the
// trailing lines that Encode writes, the workout's full name ("NAME =
// FULL") and each step's full name and notes ("N. NAME = FULL: text"). It
// returns the description.
func (r *reader) notes(w *workouts.Workout, notes string, s *steps) string {
	notes = strings.ReplaceAll(notes, "\r\n", "\n")
	lines := strings.Split(strings.TrimRight(notes, " \t\n"), "\n")
	end := len(lines)
	for end > 0 && readNoteLine(lines[end-1], s) {
		end--
	}
	if end > 0 {
		// The workout's full name, when Encode had to shorten it.
		if full, ok := strings.CutPrefix(lines[end-1], w.Name+" = "); ok && full != "" {
			w.Name = full
			end--
		}
	}
	return strings.TrimSpace(strings.Join(lines[:end], "\n"))
}

// readNoteLine reads "N. NAME[ = FULL][ (KIND)][: text]", where NAME is
// the TCX name of step N and KIND a kind of the language, into step N. It
// reports false, and changes nothing, for a line Encode does not write.
func readNoteLine(line string, s *steps) bool {
	num, rest, ok := strings.Cut(line, ". ")
	if !ok {
		return false
	}
	id, err := strconv.Atoi(num)
	if err != nil {
		return false
	}
	st := s.ids[id]
	if st == nil {
		return false
	}
	if rest, ok = strings.CutPrefix(rest, s.names[st]); !ok {
		return false
	}
	head, text := rest, ""
	if i := strings.Index(rest, ": "); i >= 0 {
		head, text = rest[:i], rest[i+2:]
	}
	var kind workouts.Kind
	if i := strings.LastIndex(head, " ("); i >= 0 && strings.HasSuffix(head, ")") {
		if k, ok := kindWords[head[i+2:len(head)-1]]; ok {
			kind, head = k, head[:i]
		}
	}
	full := ""
	if f, ok := strings.CutPrefix(head, " = "); ok {
		full, head = f, ""
	}
	if head != "" {
		return false
	}
	if full != "" {
		st.Name = full
	}
	if kind != 0 {
		st.Kind = kind
		st.Intensity = intensityFor(kind, isResting(st.Intensity))
	}
	st.Notes = text
	return true
}

// kindWords are the kinds a notes line may name, as the language spells them.
var kindWords = map[string]workouts.Kind{
	"warmup": workouts.KindWarmup, "run": workouts.KindRun, "recover": workouts.KindRecover,
	"rest": workouts.KindRest, "cooldown": workouts.KindCooldown,
}
