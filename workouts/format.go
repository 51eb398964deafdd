package workouts

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/workoutc/workoutc/workouts/catalog"
	"github.com/workoutc/workoutc/workouts/say"

	"github.com/workoutc/workoutc/internal/term"
)

// Format writes w back in the workout language: YAML that Parse accepts and
// that, parsed, resolved and encoded, gives the same FIT fields as w (for a
// workout read from a workoutc FIT file: the same bytes). Values are
// written so that they encode exactly as w's do: a pace becomes the
// shortest m:ss(.s) that gives the same mm/s, a weight the shortest number
// of pounds or kilograms that gives the same kg × 100.
//
// What the language cannot say (a repeat until a TSS, a speed zone,
// an exercise category without a name, ...) is written as close as the
// language allows and flagged twice: a "# import: ..." comment on the step
// and a warning in the returned diagnostics, whose message names the step
// as inspect numbers it ("step 2.1"). Nothing is dropped silently. The
// warnings carry no position; callers set Pos.File.
func Format(w *Workout) ([]byte, Diagnostics) {
	f := &formatter{titles: map[[2]uint16]string{}}
	doc := f.workout(w)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil { // cannot happen for the nodes built here
		f.diags.Errorf(Pos{}, "writing YAML: %v", err)
	}
	_ = enc.Close()
	return b.Bytes(), f.diags
}

type formatter struct {
	sport  Sport // the sport written
	pool   *Pool // the pool written, nil when none
	diags  Diagnostics
	titles map[[2]uint16]string // exercise pair → the title its first step gives
}

// flag records something the language cannot say: a comment on n and a
// warning naming where.
func (f *formatter) flag(n *yaml.Node, where, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if n.HeadComment != "" {
		n.HeadComment += "\n"
	}
	n.HeadComment += "import: " + msg
	if where != "" {
		msg = where + ": " + msg
	}
	f.diags.Warnf(Pos{}, "%s", msg)
}

func str(v string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	switch {
	case strings.ContainsFunc(v, func(r rune) bool { return r != '\n' && term.IsControl(r) }):
		// Double quotes, where every control character can be an escape
		// (the YAML writer leaves bidi controls raw; term.Quoted escapes
		// them in the output).
		n.Style = yaml.DoubleQuotedStyle
	case strings.Contains(v, "\n") && literalOK(v):
		n.Style = yaml.LiteralStyle
	}
	return n
}

// literalOK reports whether v reads back the same from a literal block.
// No line may end in a space (v+"\n" holds " \n" when one does).
func literalOK(v string) bool {
	return !strings.HasPrefix(v, " ") && !strings.HasSuffix(v, "\n") && !strings.ContainsAny(v, "\r\t") &&
		!strings.Contains(v+"\n", " \n")
}

func intNode(v int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

func (f *formatter) workout(w *Workout) *yaml.Node {
	root := &yaml.Node{Kind: yaml.MappingNode}
	if name, _ := cleanText(w.Name); name == "" {
		add(root, "name", str("Untitled"))
		f.flag(root, "", "the file gives no workout name; named it \"Untitled\"")
	} else {
		f.addText(root, "", "name", w.Name, "the workout name %q holds")
	}
	sport := w.Sport
	hasExercise := false
	Walk(w.Steps, func(s *Step, _ int) {
		if s.Kind == KindExercise && f.exerciseSpec(s) != "" {
			hasExercise = true
		}
	})
	switch {
	case sport == "" && hasExercise:
		sport = SportStrength
		f.flag(root, "", "the file gives no sport; wrote strength, the sport its exercise steps need")
	case sport == "":
		sport = SportGeneric
		f.flag(root, "", "the file gives no sport; wrote generic")
	case hasExercise && !TrainingSport(sport):
		f.flag(root, "", "the file's sport is %s but it holds exercise steps, which the language puts in strength workouts; wrote strength", sport)
		sport = SportStrength
	}
	add(root, "sport", str(string(sport)))
	f.sport = sport
	f.formatPool(root, w)
	f.addText(root, "", "description", w.Description, "the description holds")
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	f.steps(seq, w.Steps, "", 0)
	if len(seq.Content) == 0 {
		// The language needs a step; a lap-button step is the least.
		n := &yaml.Node{Kind: yaml.MappingNode}
		add(n, "run", str("lap"))
		f.flag(n, "", "the file holds no step; wrote one lap-button step, as a workout needs one")
		seq.Content = append(seq.Content, n)
	}
	add(root, "steps", seq)
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
}

// addText writes the free text v under key as the parser keeps it (nothing
// when that is empty), flagged when that changes it; what starts the flag
// ("the notes hold") and may quote v with %q.
func (f *formatter) addText(m *yaml.Node, where, key, v, what string) {
	t, changed := cleanText(v)
	if t != "" {
		add(m, key, str(t))
	}
	if changed {
		if strings.Contains(what, "%q") {
			what = fmt.Sprintf(what, v)
		}
		f.flag(m, where, "%s spacing or characters the language normalises", what)
	}
}

// cleanText returns s as the parser keeps text (control characters other
// than newline and tab removed, NFC, trimmed) and whether that changed it.
func cleanText(s string) (string, bool) {
	out := norm.NFC.String(strings.TrimSpace(strings.Map(func(r rune) rune {
		if textControl(r) {
			return -1
		}
		return r
	}, s)))
	return out, out != s
}

func (f *formatter) steps(seq *yaml.Node, steps []Step, prefix string, depth int) {
	n := 0
	for i := range steps {
		s := &steps[i]
		if s.Kind == KindRepeat && len(s.Steps) == 0 {
			continue
		}
		n++
		num := prefix + strconv.Itoa(n)
		if s.Kind == KindRepeat {
			seq.Content = append(seq.Content, f.repeat(s, "step "+num, num+".", depth))
		} else {
			seq.Content = append(seq.Content, f.step(s, "step "+num))
		}
	}
}

func (f *formatter) repeat(s *Step, where, prefix string, depth int) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	count := s.Count
	until, untilOK := "", false
	if s.Until != nil {
		until, untilOK = conditionText(*s.Until)
	}
	switch {
	case untilOK:
		add(m, "repeat", str("until "+until))
	case s.Until != nil:
		until := strings.TrimPrefix(DescribeDuration(*s.Until), "until ")
		if n, per, ok := roundsFor(s); ok {
			add(m, "repeat", intNode(n))
			f.flag(m, where, "the file repeats this block until %s; the language repeats a block a number of times: wrote %d, as %d × %s covers it", until, n, n, per)
			break
		}
		add(m, "repeat", intNode(1))
		f.flag(m, where, "the file repeats this block until %s; the language repeats a block a number of times, so it runs once: set the count", until)
	case count == 0 && s.CountMin > 0:
		add(m, "repeat", str(strconv.Itoa(s.CountMin)+"-"+strconv.Itoa(s.CountMax)))
	case count < 1:
		add(m, "repeat", intNode(1))
		f.flag(m, where, "a repeat count of %d; wrote 1", count)
	case count > maxRepeat:
		add(m, "repeat", intNode(maxRepeat))
		f.flag(m, where, "a repeat count of %d; the language counts up to %d, so wrote %d", count, maxRepeat, maxRepeat)
	default:
		add(m, "repeat", intNode(count))
	}
	if depth+1 >= maxNesting {
		f.flag(m, where, "repeats nested %d deep; the language nests them at most %d deep", depth+1, maxNesting)
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	f.steps(seq, s.Steps, prefix, depth+1)
	add(m, "steps", seq)
	return m
}

// roundsFor returns how many rounds of a repeat-until-time (or distance)
// block reach its condition, when every step of the block has a time (or
// a distance), and one round's length as text.
func roundsFor(s *Step) (int, string, bool) {
	kind, want := s.Until.Kind, s.Until.amount()
	per, ok := blockLength(s.Steps, kind)
	if !ok || per <= 0 || want <= 0 {
		return 0, "", false
	}
	n := int(math.Ceil(want/per - 1e-9))
	n = min(max(n, 1), maxRepeat)
	d := Duration{Kind: kind, Seconds: per, Meters: per}
	return n, DescribeDuration(d), true
}

// blockLength sums the times (or distances) of steps, repeats counted;
// ok is false when a step has another kind of duration.
func blockLength(steps []Step, kind DurationKind) (float64, bool) {
	total := 0.0
	for i := range steps {
		s := &steps[i]
		if s.Kind == KindRepeat {
			if s.Until != nil || s.Count < 1 {
				return 0, false
			}
			n, ok := blockLength(s.Steps, kind)
			if !ok {
				return 0, false
			}
			total += n * float64(s.Count)
			continue
		}
		if s.Duration.Kind != kind {
			return 0, false
		}
		total += s.Duration.amount()
	}
	return total, true
}

// exerciseSpec returns what to write after "exercise:" for s, or "" when
// the language cannot name its exercise.
func (f *formatter) exerciseSpec(s *Step) string {
	ex := s.Exercise
	if ex == nil || ex.Number == NoExerciseName {
		return ""
	}
	e, ok := catalog.ByNumber(ex.Category, ex.Number)
	if !ok {
		return ""
	}
	if l, err := catalog.Lookup(e.Phrase()); err == nil && l.Category == e.Category && l.Number == e.Number {
		return e.Phrase()
	}
	return e.Key()
}

func (f *formatter) step(s *Step, where string) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	kind, spec := s.Kind, ""
	d, name, notes, eachSide := s.Duration, s.Name, s.Notes, false
	if kind == KindExercise {
		if spec = f.exerciseSpec(s); spec == "" {
			kind = kindOfIntensity(s.Intensity)
		} else {
			d, name, notes, eachSide = eachSideOf(s)
		}
	}
	if kind == KindRest && (s.Target.Kind != TargetOpen || s.Secondary.Kind != TargetOpen || d.Kind == DurationDistance) {
		kind = KindRecover // a rest step takes no target and no distance
	}
	if kind == KindExercise {
		add(m, "exercise", str(spec))
	} else {
		if s.Kind == KindExercise {
			f.flagExercise(m, s, where)
		}
		add(m, KindName(kind, f.sport), str(f.duration(m, where, d, kind != KindRest)))
	}
	f.addText(m, where, "name", name, "the step name %q holds")
	if kind == KindExercise {
		f.exerciseFields(m, s, d, eachSide, where, name)
	} else if t := f.target(m, where, s.Target, "target", "left open"); t != "" {
		add(m, "target", str(t))
	}
	if kind == KindExercise || kind == KindRest {
		if s.Secondary.Kind != TargetOpen {
			f.flag(m, where, "the file gives this %s step a secondary target, %s; a %s step takes none, so it is left out", kind, DescribeTarget(s.Secondary, ""), kind)
		}
	} else if t := f.target(m, where, s.Secondary, "secondary target", "left out"); t != "" {
		add(m, "secondary_target", str(t))
	}
	f.swimKeys(m, s, where)
	if s.Intensity != DefaultIntensity(kind) {
		add(m, "intensity", str(s.Intensity.String()))
	}
	f.addText(m, where, "notes", notes, "the notes hold")
	return m
}

// flagExercise explains an exercise the language cannot name.
func (f *formatter) flagExercise(m *yaml.Node, s *Step, where string) {
	ex := s.Exercise
	switch {
	case ex == nil:
	case ex.Number == NoExerciseName:
		f.flag(m, where, "the file names exercise category %s (%d) with no exercise (shown as %q); the language names whole exercises, so this is a plain step", ex.Key, ex.Category, ex.Title)
	default:
		f.flag(m, where, "exercise %s (%d/%d) is not in the catalog of this version; wrote a plain step", ex.Key, ex.Category, ex.Number)
	}
	if s.Weight != nil {
		f.flag(m, where, "its weight %s is left out", weightText(s.Weight))
	}
}

// kindOfIntensity picks the running kind whose default intensity is i.
func kindOfIntensity(i Intensity) Kind {
	for k := KindWarmup; k <= KindCooldown; k++ {
		if DefaultIntensity(k) == i {
			return k
		}
	}
	return KindRun
}

// halfOf returns half of an exercise duration when it halves exactly.
func halfOf(d Duration) (Duration, bool) {
	switch d.Kind {
	case DurationReps:
		if d.Reps >= 2 && d.Reps%2 == 0 {
			return Duration{Kind: DurationReps, Reps: d.Reps / 2}, true
		}
	case DurationTime:
		ms := math.Round(d.Seconds * 1000)
		if ms >= 2 && math.Mod(ms, 2) == 0 {
			return Duration{Kind: DurationTime, Seconds: ms / 2000}, true
		}
	}
	return Duration{}, false
}

// EachSideLabel is the text an encoder writes for an each-side step whose
// one side takes d: "10 each side", "30 s each side", "1 min each side".
func EachSideLabel(d Duration) string {
	switch d.Kind {
	case DurationReps:
		return strconv.Itoa(d.Reps) + " each side"
	case DurationTime:
		if s := d.Seconds; s >= 60 && math.Mod(s, 60) == 0 {
			return say.Number(s/60) + " min each side"
		}
		return say.Number(d.Seconds) + " s each side"
	case DurationDistance:
		return say.Number(d.Meters) + " m each side"
	}
	return "each side"
}

func (f *formatter) exerciseFields(m *yaml.Node, s *Step, d Duration, eachSide bool, where, name string) {
	switch d.Kind {
	case DurationLap:
	case DurationReps:
		if d.Reps >= 1 && d.Reps <= maxReps {
			add(m, "reps", intNode(d.Reps))
		} else {
			f.flag(m, where, "%d reps; the language takes 1 to %d, so the step ends on lap", d.Reps, maxReps)
		}
	case DurationTime:
		if t, ok := timeString(d.Seconds); ok {
			add(m, "time", str(t))
		} else {
			f.flag(m, where, "a time of %s the language cannot write; the step ends on lap", DescribeDuration(d))
		}
	default:
		f.flag(m, where, "the file ends this exercise %s; an exercise takes reps or a time, so it ends on lap", untilText(d))
	}
	if w := s.Weight; w != nil {
		if t, ok := weightString(w); ok {
			add(m, "weight", str(t))
		} else {
			f.flag(m, where, "weight %s cannot be written (the language takes more than 0 up to %v kg); left out", weightText(w), maxKg)
		}
	}
	if eachSide {
		add(m, "each_side", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if s.Target.Kind != TargetOpen {
		f.flag(m, where, "the file gives this exercise a target, %s; an exercise takes none, so it is left out", DescribeTarget(s.Target, ""))
	}
	// The exercise title an encoder writes is the first step's name, or
	// the catalog's title.
	ex := s.Exercise
	k := [2]uint16{ex.Category, ex.Number}
	if _, seen := f.titles[k]; !seen {
		e, _ := catalog.ByNumber(ex.Category, ex.Number) // in the catalog: exerciseSpec named it
		derived := cmp.Or(name, e.Title)
		f.titles[k] = derived
		if ex.Title != "" && ex.Title != derived {
			f.flag(m, where, "the file titles this exercise %q; the language shows the catalog's title (or the step's name)", ex.Title)
		}
	}
}

func untilText(d Duration) string {
	s := DescribeDuration(d)
	if d.Kind == DurationDistance {
		return "after " + s
	}
	return s
}

// duration returns the value of a running kind's key.
func (f *formatter) duration(m *yaml.Node, where string, d Duration, allowDistance bool) string {
	switch d.Kind {
	case DurationLap:
		return "lap"
	case DurationTime:
		if t, ok := timeString(d.Seconds); ok {
			return t
		}
		f.flag(m, where, "a time of %s the language cannot write (more than 0 up to 24 h, in ms); the step ends on lap", DescribeDuration(d))
		return "lap"
	case DurationDistance:
		if !allowDistance {
			break
		}
		if t, ok := distanceString(d.Meters); ok {
			return t
		}
		f.flag(m, where, "a distance of %s the language cannot write (more than 0 up to 1000 km); the step ends on lap", DescribeDuration(d))
		return "lap"
	}
	if IsCondition(d) {
		if t, ok := conditionText(d); ok {
			if d.Kind == DurationCalories {
				return t
			}
			return "until " + t
		}
		f.flag(m, where, "the file ends this step %s, outside what the language writes; it ends on lap", untilText(d))
		return "lap"
	}
	f.flag(m, where, "the file ends this step %s; the language has no such duration, so it ends on lap", untilText(d))
	return "lap"
}

// timeString writes seconds as the language does, checked to parse back to
// the same milliseconds.
func timeString(secs float64) (string, bool) {
	ms := int64(math.Round(secs * 1000))
	if ms <= 0 || ms > maxSeconds*1000 {
		return "", false
	}
	var cands []string
	switch {
	case ms%3600000 == 0:
		cands = append(cands, strconv.FormatInt(ms/3600000, 10)+" h")
	case ms%60000 == 0:
		cands = append(cands, strconv.FormatInt(ms/60000, 10)+" min")
	case ms%1000 == 0 && ms < 60000:
		cands = append(cands, strconv.FormatInt(ms/1000, 10)+" s")
	case ms%1000 == 0:
		cands = append(cands, say.Clock(float64(ms/1000)))
	}
	cands = append(cands, say.Number(float64(ms)/1000)+" s")
	if ms >= 60000 {
		s := ms / 1000
		frac := strconv.FormatInt(ms%1000+1000, 10)[1:]
		cands = append(cands, say.Clock(float64(s))+"."+strings.TrimRight(frac, "0"))
	}
	return parsesBack(cands, DurationTime, 1000, ms)
}

// parsesBack returns the first of cands that parses to a duration of kind
// whose seconds or meters × scale round to want.
func parsesBack(cands []string, kind DurationKind, scale float64, want int64) (string, bool) {
	for _, c := range cands {
		d, err := parseDuration(c, true)
		if err == nil && d.Kind == kind && int64(math.Round((d.Seconds+d.Meters)*scale)) == want {
			return c, true
		}
	}
	return "", false
}

// distanceString writes meters as the language does, checked to parse back
// to the same centimetres.
func distanceString(m float64) (string, bool) {
	cm := int64(math.Round(m * 100))
	if cm <= 0 || cm > maxMeters*100 {
		return "", false
	}
	var cands []string
	if cm%100000 == 0 {
		cands = append(cands, strconv.FormatInt(cm/100000, 10)+" km")
	}
	if cm%100 == 0 && cm < 100000 {
		cands = append(cands, strconv.FormatInt(cm/100, 10)+" m")
	}
	for dec := 0; dec <= 2; dec++ {
		cands = append(cands, say.Number(roundTo(float64(cm)/160934.4, dec))+" mi")
	}
	if cm%10000 == 0 {
		cands = append(cands, say.Number(float64(cm)/100000)+" km")
	}
	cands = append(cands, strconv.FormatInt(int64(math.Round(float64(cm)/91.44)), 10)+" yd")
	cands = append(cands, say.Number(float64(cm)/100)+" m")
	return parsesBack(cands, DurationDistance, 100, cm)
}

func roundTo(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	return math.Round(v*p) / p
}

// weightString writes a weight that parses back to the same kg × 100.
func weightString(w *Weight) (string, bool) {
	if w.Name != "" {
		return w.Name, true
	}
	raw := math.Round(w.Kilograms() * 100)
	if raw <= 0 || raw > maxKg*100 {
		return "", false
	}
	unit := w.Unit
	if unit != "lb" {
		unit = "kg"
	}
	for _, c := range []string{
		say.Number(w.Value) + " " + unit,
		say.Number(raw/100) + " kg",
	} {
		p, err := parseWeight(c)
		if err == nil && math.Round(p.Kilograms()*100) == raw {
			return c, true
		}
	}
	return "", false
}

func weightText(w *Weight) string {
	if w.Name != "" {
		return w.Name
	}
	return say.Number(w.Value) + " " + w.Unit
}

// target returns the value of "target:" ("secondary_target:" for what
// "secondary target"), "" for open; lost says what becomes of a target the
// language cannot write.
func (f *formatter) target(m *yaml.Node, where string, t Target, what, lost string) string {
	if t.Named() {
		return targetKindName(t.Kind) + " " + t.Name
	}
	bad := func(why string) string {
		f.flag(m, where, "the file's %s %s %s; %s", what, DescribeTarget(t, ""), why, lost)
		return ""
	}
	switch t.Kind {
	case TargetOpen:
		return ""
	case TargetPace:
		if s, ok := paceStringIn(t.Low, t.High, f.paceUnits()...); ok {
			return "pace " + s
		}
		return bad("is outside the paces the language writes (1:00 to 60:00 per km or mi)")
	case TargetHR, TargetPower:
		return rangeTarget(measures[targetKindName(t.Kind)], t, bad)
	case TargetHRZone:
		return zoneTarget("hr", t.Zone, HRZones, bad)
	case TargetPowerZone:
		return zoneTarget("power", t.Zone, PowerZones, bad)
	case TargetCadence:
		return rangeTarget(cadence, t, bad)
	case TargetSpeedZone:
		return bad("has no spelling in the language (no speed zones)")
	case TargetCadenceZone:
		return bad("has no spelling in the language (no cadence zones)")
	}
	return bad("has no spelling in the language")
}

func zoneTarget(kind string, z, max int, bad func(string) string) string {
	if z < 1 || z > max {
		return bad(fmt.Sprintf("is not a zone from 1 to %d", max))
	}
	return kind + " zone " + strconv.Itoa(z)
}

func rangeTarget(m measure, t Target, bad func(string) string) string {
	kind, lo, hi, suffix := m.name, m.lo, m.hi, ""
	if t.Percent && m.pctMax > 0 {
		lo, hi, suffix = 1, m.pctMax, "%"
	}
	a, b := math.Round(t.Low), math.Round(t.High)
	if a > b {
		a, b = b, a
	}
	if a < lo || b > hi {
		return bad(fmt.Sprintf("is outside %v-%v%s, what the language takes", lo, hi, suffix))
	}
	if a == b {
		return kind + " " + say.Number(a) + suffix
	}
	return kind + " " + say.Number(a) + "-" + say.Number(b) + suffix
}

// paceString writes a speed range (m/s) as "m:ss-m:ss /km" or "/mi", the
// unit whose paces need fewer decimals (km on a tie), each end checked to
// encode to the same mm/s.
func paceString(low, high float64) (string, bool) {
	return paceStringIn(low, high, "km", "mi")
}

// paceStringIn is paceString over the pace units given ("km", "mi",
// "100m", "100yd"), the first winning a tie.
func paceStringIn(low, high float64, units ...string) (string, bool) {
	lo, hi := math.Round(low*1000), math.Round(high*1000)
	if lo > hi {
		lo, hi = hi, lo
	}
	best, bestCost := "", 99
	for _, name := range units {
		meters, slowest, fastest := paceUnit(name)
		fast, c1, ok1 := paceForIn(hi, meters, fastest, slowest)
		slow, c2, ok2 := paceForIn(lo, meters, fastest, slowest)
		if !ok1 || !ok2 {
			continue
		}
		s := fast + "-" + slow + " /" + name
		if lo == hi {
			s = fast + " /" + name
		}
		if cost := max(c1, c2); cost < bestCost {
			best, bestCost = s, cost
		}
	}
	return best, best != ""
}

// paceForIn finds the pace per meters, from fastest to slowest seconds and
// with the fewest decimals of a second, that the parser turns into a speed
// of mmps mm/s after rounding; cost is its number of decimals.
func paceForIn(mmps, meters, fastest, slowest float64) (string, int, bool) {
	if mmps <= 0 {
		return "", 0, false
	}
	exact := meters * 1000 / mmps
	for dec := 0; dec <= 3; dec++ {
		p := math.Pow(10, float64(dec))
		q := math.Round(exact * p)
		for _, c := range [3]float64{q, q - 1, q + 1} {
			s := clockFrac(int64(c), dec)
			secs, ok := parseClock(s)
			if !ok || secs < fastest || secs > slowest {
				continue
			}
			if math.Round(meters/secs*1000) == mmps {
				return s, dec, true
			}
		}
	}
	return "", 0, false
}

// clockFrac writes q/10^dec seconds as m:ss with dec decimals.
func clockFrac(q int64, dec int) string {
	if q < 0 {
		return ""
	}
	p := int64(math.Pow(10, float64(dec)))
	whole, frac := q/p, q%p
	s := fmt.Sprintf("%d:%02d", whole/60, whole%60)
	if dec > 0 {
		s += "." + fmt.Sprintf("%0*d", dec, frac)
	}
	return s
}
