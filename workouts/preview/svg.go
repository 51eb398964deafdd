package preview

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/say"
)

// The drawing's geometry, in SVG user units (pixels).
const (
	svgWidth   = 960.0
	padLeft    = 64.0
	padRight   = 20.0
	plotWidth  = svgWidth - padLeft - padRight
	chartH     = 240.0
	bracketRow = 20.0
	fontSize   = 11.0
	linePitch  = 13.0
	// charEm is the average advance of a character that labels are laid
	// out with, in em: DejaVu Sans Bold, the widest common default
	// sans-serif, averages about 0.54 em over these labels, so text never
	// runs wider than its room.
	charEm = 0.58
)

// palette holds the fill and label colours of each category.
var palette = [numCategories]struct{ fill, ink string }{
	CatWarmup:   {"#f4a340", "#3b2a06"},
	CatWork:     {"#d7263d", "#ffffff"},
	CatRecovery: {"#2e9e5b", "#ffffff"},
	CatRest:     {"#a7b1bd", "#1f2933"},
	CatCooldown: {"#2f6fd0", "#ffffff"},
}

const (
	inkDark  = "#1f2933"
	inkMuted = "#5b6673"
	gridInk  = "#e3e7ec"
)

// svgWriter accumulates the SVG text.
type svgWriter struct {
	bytes.Buffer
}

// f formats a coordinate with one decimal at most.
func f(v float64) string {
	return num(math.Round(v*10)/10, 1)
}

func (s *svgWriter) text(x, y float64, anchor, fill, size, extra, content string) {
	s.WriteString(`<text x="` + f(x) + `" y="` + f(y) + `"`)
	if anchor != "" && anchor != "start" {
		s.WriteString(` text-anchor="` + anchor + `"`)
	}
	s.WriteString(` fill="` + fill + `"`)
	if size != "" {
		s.WriteString(` font-size="` + size + `"`)
	}
	s.WriteString(extra + `>`)
	xml.EscapeText(s, []byte(content))
	s.WriteString("</text>\n")
}

// line draws a line one unit wide.
func (s *svgWriter) line(class string, x1, y1, x2, y2 float64, stroke string) {
	s.WriteString(`<line class="` + class + `" x1="` + f(x1) + `" y1="` + f(y1) + `" x2="` + f(x2) + `" y2="` + f(y2) + `" stroke="` + stroke + `" stroke-width="1"/>` + "\n")
}

// textWidth estimates the width of s at fontSize.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * charEm
}

// fit returns s, or s cut with "…" to fit width at size, or "" when not
// even minRunes of it fit.
func fit(s string, width, size float64, minRunes int) string {
	if textWidth(s, size) <= width {
		return s
	}
	n := int(width/(size*charEm)) - 1
	if n < minRunes {
		return ""
	}
	r := []rune(s)
	if n >= len(r) {
		return s
	}
	return strings.TrimRight(string(r[:n]), " ·-,") + "…"
}

// WriteSVG writes the profile p to out as a self-contained SVG image:
// time on the x axis, one block per executed step (repeats drawn
// out, each round bracketed above), its height the step's intensity and its
// colour the step's category (warm-up, work, recovery, rest, cool-down),
// labels where they fit, a legend and notes on what is estimated. The image
// has no scripts, fonts or links; the same workout gives the same bytes.
//
// Each block is a rect of class "step" with data-step (its number from 1),
// data-kind and data-category attributes; its class also says "estimated"
// or "unknown" when its width is an estimate or a nominal width. Block
// labels are texts of class "label".
func (p *Profile) WriteSVG(out io.Writer) error {
	var s svgWriter
	total := math.Max(p.drawnSeconds(), 60)
	x := func(sec float64) float64 { return padLeft + sec/total*plotWidth }

	top := 64.0
	chartTop := top + float64(min(p.Depth, maxBracketRows))*bracketRow + 8
	if p.Depth == 0 {
		chartTop = top + 6
	}
	chartBottom := chartTop + chartH
	legendY := chartBottom + 46
	notes := p.svgNotes()
	height := legendY + 18 + float64(len(notes))*16 + 6

	s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + f(svgWidth) + `" height="` + f(height) +
		`" viewBox="0 0 ` + f(svgWidth) + ` ` + f(height) + `" font-family="sans-serif" font-size="` + f(fontSize) + `">` + "\n")
	s.WriteString("<title>")
	xml.EscapeText(&s, []byte(p.Workout.Name))
	s.WriteString("</title>\n")
	s.WriteString(`<rect class="background" width="100%" height="100%" fill="#ffffff"/>` + "\n")

	// Heading.
	s.text(padLeft, 30, "", inkDark, "18", ` font-weight="bold"`, oneLine(p.Workout.Name))
	s.text(padLeft, 50, "", inkMuted, "12", "", p.svgSubtitle())

	// Grid and intensity axis.
	for _, l := range []float64{0.25, 0.5, 0.75, 1} {
		y := chartBottom - l*chartH
		s.line("grid", padLeft, y, padLeft+plotWidth, y, gridInk)
	}
	s.text(padLeft-8, chartTop+10, "end", inkMuted, "", "", "harder")
	s.text(padLeft-8, chartBottom-4, "end", inkMuted, "", "", "easier")

	// Rounds of repeats, bracketed above the chart.
	p.brackets(&s, x, top)

	// Blocks.
	for i := range p.Blocks {
		p.block(&s, i, x, chartBottom)
	}

	// Time axis.
	s.line("axis", padLeft, chartBottom, padLeft+plotWidth, chartBottom, inkDark)
	stepMin := tickStep(total)
	for m := 0.0; m*60 <= total+1e-6; m += stepMin {
		tx := x(m * 60)
		s.line("tick", tx, chartBottom, tx, chartBottom+5, inkDark)
		anchor := "middle"
		if m == 0 {
			anchor = "start"
		}
		s.text(tx, chartBottom+18, anchor, inkDark, "", "", num(m, 0))
	}
	s.text(padLeft-8, chartBottom+18, "end", inkMuted, "", "", "min")

	// Legend: the categories drawn, then the marks.
	lx := padLeft
	var seen [numCategories]bool
	for _, b := range p.Blocks {
		seen[b.Category] = true
	}
	legend := func(style, label string) {
		s.WriteString(`<rect class="legend" x="` + f(lx) + `" y="` + f(legendY-10) + `" width="12" height="12" rx="2" ` + style + `/>` + "\n")
		s.text(lx+17, legendY, "", inkDark, "12", "", label)
		lx += 17 + textWidth(label, 12) + 18
	}
	for c := Category(0); c < numCategories; c++ {
		if seen[c] {
			legend(`fill="`+palette[c].fill+`"`, c.String())
		}
	}
	if p.hasUnknown() {
		legend(`fill="#a7b1bd" fill-opacity="0.35" stroke="#5b6673" stroke-width="1.2" stroke-dasharray="3 2"`, "length unknown")
	}
	for i, n := range notes {
		s.text(padLeft, legendY+22+float64(i)*16, "", inkMuted, "", "", n)
	}
	s.WriteString("</svg>\n")
	_, err := out.Write(s.Bytes())
	return err
}

// maxBracketRows is how many levels of nested repeats get brackets.
const maxBracketRows = 3

func (p *Profile) hasUnknown() bool {
	return slices.ContainsFunc(p.Blocks, func(b Block) bool { return b.Time == Unknown })
}

// tickStep picks minutes between ticks so that the axis has at most about
// ten of them.
func tickStep(total float64) float64 {
	mins := total / 60
	for _, st := range []float64{1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 480, 960} {
		if mins/st <= 10 {
			return st
		}
	}
	return math.Ceil(mins / 10)
}

func (p *Profile) svgSubtitle() string {
	t := &p.Totals
	parts := []string{sportName(p.Workout)}
	tt := timeCell(Totals{Seconds: t.Seconds, TimeEstimated: t.TimeEstimated})
	if t.UnknownTime > 0 {
		tt += " + ?"
	}
	parts = append(parts, tt)
	if t.HasDistance {
		d := p.distanceText(t.Meters)
		if t.DistanceEstimated {
			d = "~" + d
		}
		if t.UnknownDistance > 0 {
			d += " + ?"
		}
		parts = append(parts, d)
	}
	if t.Sets > 0 {
		parts = append(parts, plural(t.Sets, "set", "sets"), plural(t.Reps, "rep", "reps"))
		if t.Volume > 0 {
			parts = append(parts, count(t.Volume)+" "+t.VolumeUnit+" volume")
		}
	}
	if p.Workout.Units != "" {
		parts = append(parts, p.System)
	}
	return strings.Join(parts, " · ")
}

// svgNotes says what the marks of the drawing mean.
func (p *Profile) svgNotes() []string {
	var out []string
	dist, reps := "", ""
	for _, b := range p.Blocks {
		switch {
		case b.Time != Estimated:
		case b.Step.Duration.Kind == workouts.DurationReps:
			reps = strconv.Itoa(secondsPerRep) + " s a rep"
		default:
			dist = "distance at the middle of the pace range"
		}
	}
	if est := join(", ", dist, reps); est != "" {
		out = append(out, "~ estimated time: "+est+".")
	}
	t := &p.Totals
	if t.UnknownTime > 0 || t.HasDistance && t.UnknownDistance > 0 {
		out = append(out, "? in the totals: not counted, the workout does not say (no pace target, or until the lap button).")
	}
	if p.hasUnknown() {
		out = append(out, "Dashed blocks end on the lap button (or have no pace to time them): drawn "+
			say.Time(nominalSeconds)+" wide ("+say.Time(nominalExerciseSeconds)+" for an exercise), not in the total time.")
	}
	out = append(out, "Height: the target's intensity (pace, bpm and watts relative to this workout, zones and % absolute; loads relative); open targets at a height for their kind.")
	if float64(len(p.Blocks)) < p.Executed {
		out = append(out, "Showing the first "+count(float64(len(p.Blocks)))+" of "+count(p.Executed)+" steps.")
	}
	return out
}

// brackets draws one bracket per round of every repeat, labelled "round
// 2/4" (or "2/4" where that is too wide), above the chart.
func (p *Profile) brackets(s *svgWriter, x func(float64) float64, top float64) {
	type key struct {
		rep   *workouts.Step
		start float64
	}
	done := map[key]bool{}
	for _, b := range p.Blocks {
		for d, r := range b.Rounds {
			if d >= maxBracketRows {
				break
			}
			k := key{r.Repeat, r.Start}
			if done[k] {
				continue
			}
			done[k] = true
			x0, x1 := x(r.Start)+2, x(r.Start+r.Seconds)-2
			y := top + float64(d)*bracketRow + 14
			if x1-x0 < 3 {
				continue
			}
			s.WriteString(`<path class="round" d="M` + f(x0) + ` ` + f(y+5) + `V` + f(y) + `H` + f(x1) + `V` + f(y+5) + `" fill="none" stroke="` + inkMuted + `" stroke-width="1"/>` + "\n")
			n, of := strconv.Itoa(r.N), strconv.Itoa(r.Of)
			label := ""
			for _, c := range []string{"round " + n + " of " + of, "round " + n + "/" + of, n + "/" + of, n} {
				if textWidth(c, 10) <= x1-x0-4 {
					label = c
					break
				}
			}
			if label != "" {
				s.text((x0+x1)/2, y-3, "middle", inkMuted, "10", "", label)
			}
		}
	}
}

// labelLines are the lines a block's label may show, best first; each
// line lists variants from the longest to the shortest.
func (p *Profile) labelLines(b *Block) [][]string {
	st := b.Step
	name := oneLine(p.title(st))
	names := slices.Compact(append([]string{name}, abbreviations(name)...))
	dur := p.durationText(st)
	if st.Duration.Kind == workouts.DurationDistance {
		dur = written(&st.Duration)
		if p.Workout.Units != "" && !sameSystem(st.Duration.Unit, p.System) {
			dur = p.distanceText(st.Duration.Meters)
		}
	}
	var detail []string
	switch {
	case st.Kind == workouts.KindExercise:
		if st.Duration.Kind == workouts.DurationReps && st.EachSide {
			dur = strconv.Itoa(st.Duration.Reps) + "/side"
		} else if st.Duration.Kind == workouts.DurationReps {
			dur = "×" + strconv.Itoa(st.Duration.Reps)
		}
		if st.Weight != nil {
			detail = append(detail, dur+" · "+p.shortWeight(st.Weight))
		}
		detail = append(detail, dur)
	case b.Time == Estimated:
		sec, _ := stepTime(st)
		detail = append(detail, dur+" · ~"+say.Clock(sec), dur)
	default:
		detail = append(detail, dur)
	}
	lines := [][]string{names, detail}
	if t := p.shortTarget(st); t != "" {
		v := []string{t}
		if u := strings.TrimSuffix(t, " /mi"); u != t {
			v = append(v, u)
		} else if u := strings.TrimSuffix(t, " /km"); u != t {
			v = append(v, u)
		}
		lines = append(lines, v)
	}
	return lines
}

// abbreviations returns shorter names for a step, longest first: without
// equipment words, then with the abbreviations coaches write ("Single
// Leg RDL", "SL RDL").
func abbreviations(name string) []string {
	short := shortTitle(name)
	out := []string{short}
	for _, r := range [][2]string{{"Romanian Deadlift", "RDL"}, {"Single Leg", "SL"}, {"Single Arm", "SA"}, {"Alternating", "Alt."}} {
		if n := strings.ReplaceAll(short, r[0], r[1]); n != short {
			short = n
			out = append(out, short)
		}
	}
	return out
}

// shortTitle drops the equipment words of an exercise title: "Single Leg
// Romanian Deadlift with Dumbbell" → "Single Leg Romanian Deadlift".
func shortTitle(s string) string {
	out := slices.DeleteFunc(strings.Fields(s), func(w string) bool {
		return slices.Contains([]string{"with", "dumbbell", "dumbbells", "weighted", "barbell", "kettlebell"}, strings.ToLower(w))
	})
	if len(out) == 0 {
		return s
	}
	return strings.Join(out, " ")
}

func (p *Profile) shortWeight(w *workouts.Weight) string {
	if w.Name != "" {
		return w.Name
	}
	unit := p.Totals.VolumeUnit
	if p.Workout.Units == "" {
		unit = w.Unit
	}
	return num(convertLoad(w, unit), 1) + " " + unit
}

// block draws executed step i and its label.
func (p *Profile) block(s *svgWriter, i int, x func(float64) float64, bottom float64) {
	b := &p.Blocks[i]
	st := b.Step
	x0, x1 := x(b.Start), x(b.Start+b.Seconds)
	if x1-x0 > 2 {
		x0, x1 = x0+0.5, x1-0.5 // a hairline of white between blocks
	}
	h := math.Max(2, b.Level*chartH)
	y := bottom - h
	col := palette[b.Category]

	class, extra, ink := "step", "", col.ink
	switch b.Time {
	case Estimated:
		class += " estimated"
	case Unknown:
		class += " unknown"
		extra = ` fill-opacity="0.4" stroke="` + col.fill + `" stroke-width="1.5" stroke-dasharray="5 3"`
		ink = inkDark
	}
	s.WriteString(`<rect class="` + class + `" data-step="` + strconv.Itoa(i+1) + `" data-kind="` + st.Kind.String() +
		`" data-category="` + b.Category.String() + `" x="` + f(x0) + `" y="` + f(y) + `" width="` + f(x1-x0) +
		`" height="` + f(h) + `" rx="2" fill="` + col.fill + `"` + extra + `><title>`)
	xml.EscapeText(s, []byte(p.tooltip(b)))
	s.WriteString("</title></rect>\n")

	lines := p.labelLines(b)
	hz := horizontal(lines, x1-x0, h)
	if x1-x0 < 70 && (len(hz.lines) < len(lines) || hz.cost > 0) {
		// A narrow block: written upwards it may say more.
		if vt := vertical(lines, x1-x0, h); vt.score() > hz.score() {
			hz = vt
		}
	}
	hz.draw(s, (x0+x1)/2, y, bottom, ink)
}

// label is a block's label laid out: its lines, upright or written
// upwards, inside the block or above it.
type label struct {
	lines  []string
	up     bool // written upwards
	inside bool
	// cost counts how far the lines are from the best: one for each
	// shorter variant taken, more for a name cut short.
	cost int
}

// score ranks layouts: more lines first, then the fuller variants.
func (l label) score() int {
	return 10*len(l.lines) - l.cost
}

// pick returns the first of variants that fits width whole, with its
// index; for the name (first line) it falls back to the last variant cut
// short, at a cost.
func pick(variants []string, width float64, first bool) (string, int) {
	for i, v := range variants {
		if textWidth(v, fontSize) <= width {
			return v, i
		}
	}
	if first {
		if t := fit(variants[len(variants)-1], width, fontSize, 4); t != "" {
			return t, len(variants) + 5
		}
	}
	return "", 0
}

// horizontal lays lines out upright: as many as fit the block's width,
// inside the block when it is tall enough, else above it. Only the name
// may be cut short.
func horizontal(lines [][]string, w, h float64) label {
	width := w - 6
	above := chartH - h - 4
	var hl []string
	var costs []int // costs[n-1] is the cost of the first n lines
	cost := 0
	for j, variants := range lines {
		got, c := pick(variants, width, j == 0)
		if got == "" {
			break
		}
		hl = append(hl, got)
		cost += c
		costs = append(costs, cost)
	}
	for n := len(hl); n > 0; n-- {
		need := float64(n)*linePitch + 6
		switch {
		case need <= h:
			return label{lines: hl[:n], inside: true, cost: costs[n-1]}
		case need <= above:
			return label{lines: hl[:n], cost: costs[n-1]}
		}
	}
	return label{}
}

// vertical lays lines out upwards, side by side, for a narrow block: inside
// the block when the name fits there, else above it when it fits there,
// else cut to the larger room.
func vertical(lines [][]string, w, h float64) label {
	if w < fontSize+1 {
		return label{}
	}
	n := max(1, int((w-3)/linePitch))
	inLen, upLen := h-10, chartH-h-10
	if n == 1 && len(lines) > 1 {
		// One line only: the name and the detail together, if they fit.
		var both []string
		for _, d := range lines[1] {
			for _, name := range lines[0] {
				both = append(both, name+" · "+d)
			}
		}
		lines = [][]string{append(both, lines[0]...)}
	}
	// The room where the fuller name fits: inside on a tie.
	length, inside := inLen, true
	ti, ci := pick(lines[0], inLen, true)
	if tu, cu := pick(lines[0], upLen, true); tu != "" && (ti == "" || cu < ci) {
		length, inside = upLen, false
	}
	l := label{up: true, inside: inside}
	for j := 0; j < n && j < len(lines); j++ {
		got, c := pick(lines[j], length, j == 0)
		if got == "" {
			break
		}
		l.lines = append(l.lines, got)
		l.cost += c
	}
	if len(l.lines) == 1 && len(lines) == 1 && n == 1 && strings.Contains(l.lines[0], " · ") {
		l.cost -= 10 // the name and detail together count as two lines when whole
	}
	return l
}

// draw writes the label of a block centred on cx whose top is y.
func (l label) draw(s *svgWriter, cx, y, bottom float64, ink string) {
	n := len(l.lines)
	if !l.inside {
		ink = inkDark
	}
	for j, t := range l.lines {
		switch {
		case l.up:
			base := bottom - 5
			if !l.inside {
				base = y - 5
			}
			lx := cx + fontSize*0.35 - float64(n-1)*linePitch/2 + float64(j)*linePitch
			s.text(lx, base, "", ink, "", labelWeight(j)+` transform="rotate(-90 `+f(lx)+` `+f(base)+`)"`, t)
		case l.inside:
			s.text(cx, y+linePitch+float64(j)*linePitch, "middle", ink, "", labelWeight(j), t)
		default:
			s.text(cx, y-4-float64(n-1-j)*linePitch, "middle", ink, "", labelWeight(j), t)
		}
	}
}

// labelWeight is the class and weight of a label's line: the name bold.
func labelWeight(line int) string {
	if line == 0 {
		return ` class="label" font-weight="bold"`
	}
	return ` class="label"`
}

// tooltip describes a block in full, for viewers that show titles.
func (p *Profile) tooltip(b *Block) string {
	st := b.Step
	parts := []string{oneLine(p.title(st)), p.durationText(st)}
	switch b.Time {
	case Estimated:
		sec, _ := stepTime(st)
		parts = append(parts, "~"+say.Clock(sec))
	case Unknown:
		parts = append(parts, "length unknown")
	}
	if st.Kind == workouts.KindExercise {
		if st.Weight != nil {
			parts = append(parts, p.weightText(st.Weight))
		}
	} else if t := p.targetText(&st.Target); t != "open" {
		parts = append(parts, t)
	}
	for _, r := range b.Rounds {
		parts = append(parts, "round "+strconv.Itoa(r.N)+" of "+strconv.Itoa(r.Of))
	}
	if st.Notes != "" {
		parts = append(parts, "“"+oneLine(st.Notes)+"”")
	}
	return strings.Join(parts, " · ")
}
