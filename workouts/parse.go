package workouts

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts/catalog"
)

// MaxFileSize is the largest definition Parse reads; anything larger is
// refused before YAML parsing.
const MaxFileSize = 1 << 20

// Parse reads one workout definition. It returns the workout as far as it
// could be read and every problem found (errors and warnings, sorted). The
// workout is usable only when the diagnostics hold no error. file names the
// input in positions ("-" for stdin is fine).
func Parse(file string, data []byte) (*Workout, Diagnostics) {
	p := &parser{file: file, doc: workoutDoc}
	var w *Workout
	if root := p.document(data); root != nil {
		w = p.workout(root)
	}
	p.diags.Sort()
	return w, p.diags
}

type parser struct {
	file      string
	doc       docKind
	diags     Diagnostics
	aliasSeen bool // report the first alias only: a bomb has thousands

	// While the steps are read: the workout's sport and pool.
	wsport Sport
	pool   *Pool
}

// docKind words the messages about a whole YAML file of one kind.
type docKind struct {
	noun    string // "workout definition": "a workout definition is UTF-8 text"
	one     string // "workout": "a file holds one workout"
	keys    string // "name, sport and steps": "expected keys ..."
	content string // "the steps": "write the steps out" instead of aliases
	nesting string // a hint after "nested more than 64 levels deep"
	maxSize int
}

var (
	workoutDoc = docKind{noun: "workout definition", one: "workout", keys: "name, sport and steps",
		content: "the steps", nesting: fmt.Sprintf(" (repeats nest at most %d deep)", maxNesting), maxSize: MaxFileSize}
	athleteDoc = docKind{noun: "athlete profile", one: "athlete profile", keys: "name, units, max_hr, zones and loads",
		content: "the zones and loads", maxSize: MaxFileSize}
)

func (p *parser) pos(n *yaml.Node) Pos {
	return Pos{File: p.file, Line: n.Line, Col: n.Column}
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.diags.Errorf(p.pos(n), format, args...)
}

func (p *parser) warnf(n *yaml.Node, format string, args ...any) {
	p.diags.Warnf(p.pos(n), format, args...)
}

// valueErr reports e, pointing into the scalar n at e.Off when n is a
// plain scalar written on one line.
func (p *parser) valueErr(n *yaml.Node, e *valueError) {
	pos := p.pos(n)
	if n.Style == 0 && !strings.Contains(n.Value, "\n") {
		pos.Col += e.Off
	} else if (n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle) && !strings.ContainsAny(n.Value, "\n\\'") {
		pos.Col += e.Off + 1
	}
	p.diags.Errorf(pos, "%s", e.Msg)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document checks the raw bytes and parses them into the top mapping node.
func (p *parser) document(data []byte) *yaml.Node {
	whole := Pos{File: p.file}
	if len(data) > p.doc.maxSize {
		p.diags.Errorf(whole, "file is %d bytes; a %s is at most %d bytes", len(data), p.doc.noun, p.doc.maxSize)
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		p.diags.Errorf(whole, "empty %s (expected keys %s)", p.doc.noun, p.doc.keys)
		return nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		p.diags.Errorf(offsetPos(p.file, data, i), "NUL byte in input; a %s is UTF-8 text", p.doc.noun)
		return nil
	}
	if !utf8.Valid(data) {
		i := 0 // the first invalid byte
		for r, n := utf8.DecodeRune(data); r != utf8.RuneError || n > 1; r, n = utf8.DecodeRune(data[i:]) {
			i += n
		}
		p.diags.Errorf(offsetPos(p.file, data, i), "invalid UTF-8; a %s is UTF-8 text", p.doc.noun)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) { // comments and blank lines only
			p.diags.Errorf(offsetPos(p.file, data, len(data)-len(bytes.TrimLeft(data, " \t\r\n"))), "only comments, no %s (expected keys %s)", p.doc.noun, p.doc.keys)
			return nil
		}
		p.yamlError(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(&extra, "a second YAML document; a file holds one %s", p.doc.one)
	} else if !errors.Is(err, io.EOF) {
		p.yamlError(err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.diags.Errorf(whole, "empty %s (expected keys %s)", p.doc.noun, p.doc.keys)
		return nil
	}
	root := doc.Content[0]
	if p.rejectAliases(root, 0) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "a %s is a mapping with keys %s, not %s", p.doc.noun, p.doc.keys, describe(root))
		return nil
	}
	return root
}

// yamlError turns a YAML syntax error into a located diagnostic.
func (p *parser) yamlError(err error) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.diags.Errorf(Pos{File: p.file, Line: line, Col: 1}, "invalid YAML: %s", m[2])
		return
	}
	p.diags.Errorf(Pos{File: p.file}, "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

// rejectAliases refuses YAML aliases and merge keys anywhere in the tree (an
// alias bomb must never be expanded) and absurd nesting. It reports whether
// it found any.
func (p *parser) rejectAliases(n *yaml.Node, depth int) bool {
	if depth > 64 {
		p.errorf(n, "nested more than 64 levels deep%s", p.doc.nesting)
		return true
	}
	if n.Kind == yaml.AliasNode {
		if !p.aliasSeen {
			p.errorf(n, "YAML aliases (*%s) are not supported; write %s out", n.Value, p.doc.content)
			p.aliasSeen = true
		}
		return true
	}
	bad := false
	for i, c := range n.Content {
		if bad && depth > 32 {
			break // one error for one absurdly deep tree
		}
		if n.Kind == yaml.MappingNode && i%2 == 0 && c.Value == "<<" && c.Tag == "!!merge" {
			p.errorf(c, "YAML merge keys (<<) are not supported; write the keys out")
			bad = true
			continue
		}
		if p.rejectAliases(c, depth+1) {
			bad = true
		}
	}
	return bad
}

func offsetPos(file string, data []byte, off int) Pos {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{File: file, Line: line, Col: 1 + utf8.RuneCount(data[start:off])}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("%q", term.Cut(n.Value, 40))
	}
	return "something else"
}

// KeyValue is one key of a YAML mapping with its value node.
type KeyValue struct {
	Key, Val *yaml.Node
}

// mapping returns the keys of n in order, reporting duplicates and keys that
// are not in allowed (with a did-you-mean).
func (p *parser) mapping(n *yaml.Node, what string, allowed []string, aliases map[string]string) []KeyValue {
	var kvs []KeyValue
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s keys are words, not %s", what, describe(k))
			continue
		}
		if seen[k.Value] {
			p.errorf(k, "duplicate key %q in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		if !slices.Contains(allowed, k.Value) {
			p.errorf(k, "unknown key %q in %s%s", term.Cut(k.Value, 40), what, didYouMean(k.Value, allowed, aliases))
			continue
		}
		kvs = append(kvs, KeyValue{k, v})
	}
	return kvs
}

// scalar returns the text of a scalar value node, reporting anything else.
func (p *parser) scalar(key, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		p.errorf(v, "%s takes a single value, not %s", key.Value, describe(v))
		return "", false
	}
	if v.Tag == "!!null" {
		p.errorf(v, "%s is empty", key.Value)
		return "", false
	}
	return v.Value, true
}

// text returns a free-text value (name, notes, description): NFC-normalised,
// with control characters other than newline and tab refused.
func (p *parser) text(key, v *yaml.Node) (string, bool) {
	s, ok := p.scalar(key, v)
	if !ok {
		return "", false
	}
	for _, r := range s {
		if textControl(r) {
			p.errorf(v, "%s holds control character %U; use plain text", key.Value, r)
			return "", false
		}
	}
	s = norm.NFC.String(strings.TrimSpace(s))
	if s == "" {
		p.errorf(v, "%s is empty", key.Value)
		return "", false
	}
	return s, true
}

// textControl reports whether r is a control character that free text may
// not hold: any but newline and tab.
func textControl(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }

var workoutKeys = []string{"name", "sport", "description", "pool", "steps"}
var workoutAliases = map[string]string{"title": "name", "desc": "description", "notes": "description", "type": "sport", "step": "steps", "workout": "steps"}

func (p *parser) workout(root *yaml.Node) *Workout {
	w := &Workout{Pos: Pos{File: p.file, Line: 1, Col: 1}, Sport: SportRunning}
	var stepsNode *yaml.Node
	kvs := p.mapping(root, "the workout", workoutKeys, workoutAliases)
	for _, kv := range kvs {
		switch kv.Key.Value {
		case "name": // text gives "" for a bad value
			w.Name, _ = p.text(kv.Key, kv.Val)
		case "description":
			w.Description, _ = p.text(kv.Key, kv.Val)
		case "sport":
			if s, ok := p.scalar(kv.Key, kv.Val); ok {
				w.Sport = p.sport(kv.Val, s)
			}
		case "pool":
			w.Pool = p.poolValue(kv.Key, kv.Val)
		case "steps":
			stepsNode = kv.Val
		}
	}
	p.wsport, p.pool = w.Sport, w.Pool
	p.checkPool(w)
	if !hasKey(kvs, "name") {
		p.errorf(root, "missing key \"name\" (the workout's name, shown on the watch)")
	}
	if stepsNode == nil {
		p.errorf(root, "missing key \"steps\" (the list of steps)")
		return w
	}
	w.Steps = p.steps(stepsNode, 0)
	if len(w.Steps) == 0 && stepsNode.Kind == yaml.SequenceNode && len(stepsNode.Content) == 0 {
		p.errorf(stepsNode, "steps is empty; a workout has at least one step")
	}
	p.checkSport(w)
	return w
}

var sportAliases = map[string]string{"run": "running", "bike": "cycling", "biking": "cycling", "ride": "cycling",
	"walk": "walking", "swim": "swimming", "weights": "strength", "lifting": "strength", "gym": "strength",
	"strength_training": "strength", "training": "strength"}

func (p *parser) sport(n *yaml.Node, s string) Sport {
	if slices.Contains(Sports, Sport(s)) {
		return Sport(s)
	}
	names := make([]string, len(Sports))
	for i, sp := range Sports {
		names[i] = string(sp)
	}
	p.oneOf(n, "sport", s, names, sportAliases) // reports s
	return SportRunning
}

// oneOf returns the index of v in names, or -1 after reporting it as an
// unknown what (aliases feed the did-you-mean).
func (p *parser) oneOf(n *yaml.Node, what, v string, names []string, aliases map[string]string) int {
	i := slices.Index(names, v)
	if i < 0 {
		p.errorf(n, "unknown %s %q%s", what, term.Cut(v, 40), didYouMean(v, names, aliases))
	}
	return i
}

// scalarValue reads the scalar v with parse, reporting what fails.
func scalarValue[T any](p *parser, key, v *yaml.Node, parse func(string) (T, *valueError)) (T, bool) {
	var t T
	s, ok := p.scalar(key, v)
	if !ok {
		return t, false
	}
	t, e := parse(s)
	if e != nil {
		p.valueErr(v, e)
		return t, false
	}
	return t, true
}

// TrainingSport reports whether exercise steps are allowed in sport s: FIT
// carries strength exercises only in the training sport.
func TrainingSport(s Sport) bool {
	switch s {
	case SportStrength, SportCardio, SportYoga, SportPilates:
		return true
	}
	return false
}

func (p *parser) checkSport(w *Workout) {
	if TrainingSport(w.Sport) {
		return
	}
	Walk(w.Steps, func(s *Step, _ int) {
		if s.Kind == KindExercise {
			p.diags.Errorf(s.Pos, "exercise steps need sport strength (or cardio, yoga, pilates); this workout's sport is %s", w.Sport)
		}
	})
}

func (p *parser) steps(n *yaml.Node, depth int) []Step {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "steps is a list of steps (each line starting with \"- \"), not %s", describe(n))
		return nil
	}
	steps := make([]Step, 0, len(n.Content))
	for _, item := range n.Content {
		if s, ok := p.step(item, depth); ok {
			steps = append(steps, s)
		}
	}
	return steps
}

var kindKeys = []string{"warmup", "run", "recover", "rest", "cooldown", "exercise", "repeat"}
var stepKeys = slices.Concat(kindKeys, []string{"swim", "ride"}, stepFields, []string{"reps", "time", "weight", "each_side", "steps"})
var stepAliases = map[string]string{
	"warm-up": "warmup", "warm_up": "warmup", "warm up": "warmup",
	"cool-down": "cooldown", "cool_down": "cooldown", "cool down": "cooldown",
	"recovery": "recover", "jog": "recover", "walk": "recover", "interval": "run", "work": "run",
	"repeats": "repeat", "rounds": "repeat", "sets": "repeat", "x": "repeat",
	"note": "notes", "description": "notes", "title": "name",
	"load": "weight", "weights": "weight", "rep": "reps", "duration": "time",
	"eachside": "each_side", "each-side": "each_side", "each side": "each_side", "per_side": "each_side",
	"secondary": "secondary_target", "second_target": "secondary_target", "target2": "secondary_target",
	"secondary-target": "secondary_target", "strokes": "stroke", "gear": "equipment", "toys": "equipment",
}

var kindOf = map[string]Kind{"warmup": KindWarmup, "run": KindRun, "recover": KindRecover,
	"rest": KindRest, "cooldown": KindCooldown, "exercise": KindExercise, "repeat": KindRepeat,
	"swim": KindRun, "ride": KindRun}

// stepFields are the keys of a step's own fields, which a repeat (a FIT
// repeat step) does not carry.
var stepFields = []string{"name", "notes", "intensity", "target", "secondary_target", "stroke", "equipment"}

func (p *parser) step(n *yaml.Node, depth int) (Step, bool) {
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			if c := suggest(n.Value, kindKeys, stepAliases); c != "" || slices.Contains(kindKeys, n.Value) {
				p.errorf(n, "a step is a mapping such as \"%s: ...\", not %s", cmp.Or(c, n.Value), describe(n))
				return Step{}, false
			}
		}
		p.errorf(n, "a step is a mapping with one of %s, not %s", orList(kindKeys), describe(n))
		return Step{}, false
	}
	kvs := p.mapping(n, "a step", stepKeys, stepAliases)
	var kindKV *KeyValue
	for i := range kvs {
		if _, ok := kindOf[kvs[i].Key.Value]; ok {
			if kindKV != nil {
				p.errorf(kvs[i].Key, "a step has one kind, but this one has %q and %q (start a new step with \"- \")", kindKV.Key.Value, kvs[i].Key.Value)
				continue
			}
			kindKV = &kvs[i]
		}
	}
	if kindKV == nil {
		if len(kvs) > 0 || len(n.Content) == 0 {
			p.errorf(n, "step has no kind (expected one of %s)", orList(kindKeys))
		}
		return Step{}, false
	}
	s := Step{Pos: p.pos(kindKV.Key), Kind: kindOf[kindKV.Key.Value]}
	s.Intensity = DefaultIntensity(s.Kind)
	p.sportKind(kindKV.Key)
	p.kindValue(&s, kindKV.Key, kindKV.Val, depth)
	p.checkLengths(&s, kindKV.Val)
	var durKV *KeyValue
	for i := range kvs {
		kv := &kvs[i]
		if kv == kindKV {
			continue
		}
		key := kv.Key.Value
		if !p.keyAllowed(&s, kv.Key) {
			continue
		}
		switch key {
		case "name": // text gives "" for a bad value
			s.Name, _ = p.text(kv.Key, kv.Val)
		case "notes":
			s.Notes, _ = p.text(kv.Key, kv.Val)
		case "intensity":
			if v, ok := p.scalar(kv.Key, kv.Val); ok {
				s.Intensity = p.intensity(kv.Val, v)
			}
		case "target", "secondary_target":
			if t, ok := scalarValue(p, kv.Key, kv.Val, parseTarget); ok {
				t.Pos = p.pos(kv.Val)
				if key == "target" {
					s.Target = t
				} else {
					s.Secondary = t
				}
			}
		case "stroke", "equipment":
			p.swimKey(&s, kv.Key, kv.Val)
		case "reps", "time":
			if durKV != nil {
				p.errorf(kv.Key, "an exercise takes reps or time, not both")
				continue
			}
			durKV = kv
			p.exerciseDuration(&s, kv)
		case "weight":
			if wt, ok := scalarValue(p, kv.Key, kv.Val, parseWeight); ok {
				wt.Pos = p.pos(kv.Val)
				s.Weight = &wt
			}
		case "each_side":
			if v, ok := p.scalar(kv.Key, kv.Val); ok {
				b, err := strconv.ParseBool(v)
				if err != nil || kv.Val.Tag != "!!bool" {
					p.errorf(kv.Val, "each_side is true or false, not %q", term.Cut(v, 40))
				}
				s.EachSide = b
			}
		case "steps":
			if s.Kind == KindRepeat && depth < maxNesting {
				s.Steps = p.steps(kv.Val, depth+1)
				if len(s.Steps) == 0 && kv.Val.Kind == yaml.SequenceNode {
					p.errorf(kv.Val, "a repeat needs at least one step")
				}
			}
		}
	}
	if s.Kind == KindRepeat && depth < maxNesting && !hasKey(kvs, "steps") {
		p.errorf(kindKV.Key, "repeat has no steps (add \"steps:\" with the steps to repeat, indented under it)")
	}
	return s, true
}

func hasKey(kvs []KeyValue, k string) bool {
	return slices.ContainsFunc(kvs, func(kv KeyValue) bool { return kv.Key.Value == k })
}

// keyAllowed reports whether key may appear on a step of s's kind, and
// reports why not.
func (p *parser) keyAllowed(s *Step, key *yaml.Node) bool {
	k := key.Value
	target := k == "target" || k == "secondary_target"
	switch {
	case s.Kind == KindRepeat && k == "steps":
		return true
	case s.Kind == KindRepeat && slices.Contains(stepFields, k):
		p.errorf(key, "a repeat takes no %s (FIT repeat steps carry none); put it on the steps inside", k)
	case s.Kind == KindRepeat:
		p.errorf(key, "%s does not belong on a repeat; a repeat takes only its count and steps", k)
	case k == "steps":
		p.errorf(key, "only a repeat has steps; did you mean \"- repeat: N\" with these steps under it?")
	case s.Kind == KindExercise && target:
		p.errorf(key, "an exercise takes no %s; use reps, time and weight", k)
	case s.Kind == KindExercise:
		return true
	case k == "time" || k == "reps":
		p.errorf(key, "%s belongs to exercise steps; a %s step's duration is its value (e.g. \"%s: 2 min\")", k, s.Kind, s.Kind)
	case k == "weight" || k == "each_side":
		p.errorf(key, "%s belongs to exercise steps, not to a %s step", k, s.Kind)
	case s.Kind == KindRest && target:
		p.errorf(key, "a rest step takes no %s; use \"recover:\" for an easy step with a target", k)
	default:
		return true
	}
	return false
}

var intensityAliases = map[string]string{"work": "active", "hard": "active", "warm-up": "warmup", "warm_up": "warmup",
	"cool-down": "cooldown", "cool_down": "cooldown", "recover": "recovery", "easy": "recovery"}

func (p *parser) intensity(n *yaml.Node, v string) Intensity {
	i := p.oneOf(n, "intensity", v, intensityNames[:], intensityAliases)
	if i >= int(IntensityInterval) {
		p.warnf(n, "intensity %q is newer than intensities 0-4; older watches may not know it", v)
	}
	return Intensity(max(i, 0))
}

// kindValue reads the value of the step's kind key: a duration, an exercise
// or a repeat count.
func (p *parser) kindValue(s *Step, key, v *yaml.Node, depth int) {
	if s.Kind == KindExercise {
		name, ok := p.text(key, v)
		if !ok {
			return
		}
		e, err := catalog.Lookup(name)
		if err != nil {
			p.errorf(v, "%s", err.Error())
			return
		}
		s.Exercise = &Exercise{Query: name, Category: e.Category, Number: e.Number, Key: e.Key(), Title: e.Title}
		s.Duration = Duration{Kind: DurationLap}
		return
	}
	val, ok := p.scalar(key, v)
	if !ok {
		return
	}
	if s.Kind == KindRepeat {
		if depth >= maxNesting {
			p.errorf(key, "repeats nested more than %d deep", maxNesting)
			return
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(val), "until"); ok && (rest == "" || rest[0] == ' ') {
			lead := len(val) - len(strings.TrimLeft(val, " "))
			if d, e := parseRepeatUntil(rest, lead+len("until")+len(rest)-len(strings.TrimLeft(rest, " "))); e != nil {
				p.valueErr(v, e)
			} else {
				s.Until = &d
			}
			return
		}
		c, lo, hi, e := parseRepeat(val)
		if e != nil {
			p.valueErr(v, e)
			return
		}
		s.Count, s.CountMin, s.CountMax = c, lo, hi
		if c == 1 {
			p.warnf(v, "repeat 1 runs its steps once; the repeat adds nothing")
		}
		return
	}
	d, e := parseDuration(val, s.Kind != KindRest)
	if e != nil {
		p.valueErr(v, e)
		return
	}
	s.Duration = d
}

// exerciseDuration reads "reps: N" or "time: 30 s" of an exercise step.
func (p *parser) exerciseDuration(s *Step, kv *KeyValue) {
	v, ok := p.scalar(kv.Key, kv.Val)
	if !ok {
		return
	}
	if kv.Key.Value == "reps" {
		n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
		if err != nil || n < 1 || n > maxReps {
			p.errorf(kv.Val, "reps %q is not a whole number from 1 to %d", term.Cut(v, 40), maxReps)
			return
		}
		s.Duration = Duration{Kind: DurationReps, Reps: int(n)}
		return
	}
	d, e := parseDuration(v, false)
	if e != nil {
		p.valueErr(kv.Val, e)
		return
	}
	if d.Kind == DurationLap {
		p.errorf(kv.Val, "time takes a time such as \"30 s\"; leave reps and time out for a lap-button exercise")
		return
	}
	if d.Kind != DurationTime {
		p.errorf(kv.Val, "time takes a time such as \"30 s\", not %q", term.Cut(v, 40))
		return
	}
	s.Duration = d
}
