package preview

import (
	"bytes"
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/say"
)

// WriteText writes the text preview of p to out: a heading, the step tree
// with repeats shown as counts, each step's duration, target or load, time
// and distance or volume, and the totals. Values marked "~" are estimates,
// "?" cannot be estimated; lines under the totals say how.
func (p *Profile) WriteText(out io.Writer) error {
	var b bytes.Buffer
	w := p.Workout
	b.WriteString(oneLine(w.Name))
	b.WriteByte('\n')
	b.WriteString(p.subtitle())
	b.WriteByte('\n')
	if w.Description != "" {
		b.WriteString(oneLine(w.Description))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')

	hasEx, hasRun := kinds(w.Steps)
	tcol, lcol := "TARGET", "DISTANCE"
	switch {
	case hasEx && hasRun:
		tcol, lcol = "TARGET/LOAD", "DISTANCE/VOLUME"
	case hasEx:
		tcol, lcol = "LOAD", "VOLUME"
	}
	start := b.Len()
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	io.WriteString(tw, "STEP\tDURATION\t"+tcol+"\tTIME\t"+lcol+"\tNAME\n")
	p.rows(tw, w.Steps, 0)
	tw.Flush()
	trimLines(&b, start)
	b.WriteByte('\n')
	p.totalsText(&b)
	_, err := out.Write(b.Bytes())
	return err
}

// trimLines drops the spaces tabwriter leaves at the end of the lines of
// b after start.
func trimLines(b *bytes.Buffer, start int) {
	lines := bytes.Split(b.Bytes()[start:], []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " ")
	}
	out := bytes.Join(lines, []byte("\n"))
	b.Truncate(start)
	b.Write(out)
}

// oneLine folds line breaks so that a name or note stays on its row, and
// escapes the other control characters (internal/term).
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return term.Clean(s)
}

func kinds(steps []workouts.Step) (exercise, moving bool) {
	workouts.Walk(steps, func(s *workouts.Step, _ int) {
		switch s.Kind {
		case workouts.KindExercise:
			exercise = true
		case workouts.KindWarmup, workouts.KindRun, workouts.KindRecover, workouts.KindCooldown:
			moving = true
		}
	})
	return
}

func (p *Profile) subtitle() string {
	w := p.Workout
	units := p.System + " units"
	if w.Units == "" {
		units = "units as written"
	}
	n := "steps"
	if p.Executed == 1 {
		n = "step"
	}
	least := ""
	workouts.Walk(w.Steps, func(s *workouts.Step, _ int) {
		if s.Until != nil {
			least = "at least " // a repeat until a condition is counted once: it runs at least once
		}
	})
	return sportName(w) + " · " + units + " · " + least + count(p.Executed) + " " + n + " as executed"
}

// sportName is the workout's sport as the headings say it.
func sportName(w *workouts.Workout) string {
	return cmp.Or(string(w.Sport), string(workouts.SportRunning))
}

func (p *Profile) rows(tw io.Writer, steps []workouts.Step, depth int) {
	indent := strings.Repeat("  ", depth)
	for i := range steps {
		s := &steps[i]
		if s.Kind == workouts.KindRepeat {
			n := repeatCount(s)
			t := p.sum(s.Steps)
			t.Volume = kgIn(t.Volume, p.Totals.VolumeUnit)
			var all Totals
			all.add(t, float64(n))
			last := p.distanceCell(all)
			if _, moving := kinds(s.Steps); s.Steps != nil && !moving {
				last = p.volumeCell(all)
			}
			head := strconv.Itoa(n) + " × " + timeCell(t)
			if s.Until != nil {
				all = untilTotals(t, s.Until)
				last = p.distanceCell(all)
				head = "until " + strings.TrimPrefix(workouts.DescribeDuration(*s.Until), "until ")
			}
			io.WriteString(tw, indent+"repeat\t"+head+"\t\t"+timeCell(all)+"\t"+last+"\t\n")
			p.rows(tw, s.Steps, depth+1)
			continue
		}
		t := p.sum(steps[i : i+1])
		t.Volume = kgIn(t.Volume, p.Totals.VolumeUnit)
		target, last := p.targetText(&s.Target), ""
		if s.Secondary.Kind != workouts.TargetOpen {
			target += " + " + p.targetText(&s.Secondary)
		}
		if s.Kind == workouts.KindExercise {
			target = p.weightText(s.Weight)
			last = p.volumeCell(t)
		} else if s.Kind != workouts.KindRest {
			last = p.distanceCell(t)
		}
		if s.Kind == workouts.KindRest && target == "open" {
			target = ""
		}
		name := s.Name
		if s.Kind == workouts.KindExercise {
			name = p.title(s)
		}
		name = join(", ", name, swimText(s))
		if s.Notes != "" {
			name = join(": ", name, "“"+s.Notes+"”")
		}
		io.WriteString(tw, indent+workouts.KindName(s.Kind, p.Workout.Sport)+"\t"+p.durationText(s)+"\t"+target+"\t"+timeCell(t)+"\t"+last+"\t"+oneLine(name)+"\n")
	}
}

// timeCell formats a time: "2:00", "~10:00" (estimated), "?" (unknown), or
// "~32:00 + ?" when part is unknown.
func timeCell(t Totals) string {
	return estimate(say.Clock(t.Seconds), t.Seconds, t.TimeEstimated, t.UnknownTime > 0)
}

func (p *Profile) distanceCell(t Totals) string {
	if !p.Totals.HasDistance {
		return ""
	}
	return estimate(p.distanceText(t.Meters), t.Meters, t.DistanceEstimated, t.UnknownDistance > 0)
}

// estimate marks a total's text s: "~" when part is estimated, " + ?" when
// part is unknown, "?" alone when all of it is (v is 0).
func estimate(s string, v float64, estimated, unknown bool) string {
	if unknown && v == 0 {
		return "?"
	}
	if estimated {
		s = "~" + s
	}
	if unknown {
		s += " + ?"
	}
	return s
}

func (p *Profile) volumeCell(t Totals) string {
	if t.Volume == 0 {
		return ""
	}
	return count(t.Volume) + " " + p.Totals.VolumeUnit
}

func plural(n float64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// totalsText writes the totals and what their marks mean.
func (p *Profile) totalsText(b *bytes.Buffer) {
	t := &p.Totals
	hasEx, _ := kinds(p.Workout.Steps)
	line := func(label, value string) {
		b.WriteString(label)
		b.WriteString(strings.Repeat(" ", max(1, 10-len(label))))
		b.WriteString(value)
		b.WriteByte('\n')
	}
	if hasEx {
		sets := count(t.Sets)
		if t.TimedSets > 0 {
			sets += " (" + plural(t.TimedSets, "timed", "timed") + ")"
		}
		line("sets", sets)
		reps := count(t.Reps)
		if slices.ContainsFunc(p.allSteps(), func(s *workouts.Step) bool { return sides(s) == 2 }) {
			reps += " (each side counts both sides)"
		}
		line("reps", reps)
		vol := count(t.Volume) + " " + t.VolumeUnit + " (reps × load)"
		if t.BodyweightReps > 0 {
			vol += " + " + plural(t.BodyweightReps, "rep", "reps") + " with no load"
		}
		line("volume", vol)
	}
	tt := timeCell(Totals{Seconds: t.Seconds, TimeEstimated: t.TimeEstimated})
	if t.UnknownTime > 0 {
		tt += " + ? for " + plural(t.UnknownTime, "step", "steps") + " of unknown length (" + p.unknownReasons() + ")"
	}
	line("time", tt)
	if t.HasDistance {
		d := p.distanceText(t.Meters)
		if t.DistanceEstimated {
			d = "~" + d
		}
		if t.UnknownDistance > 0 {
			d += " + ? for " + plural(t.UnknownDistance, "step", "steps") + " with no pace target"
			if t.UnknownDistanceSeconds > 0 {
				d += " (" + say.Clock(t.UnknownDistanceSeconds) + " of the time)"
			}
		}
		line("distance", d)
	}
	distEst, repEst := "", ""
	for _, bl := range p.allSteps() {
		d := bl.Duration.Kind
		if midPace(&bl.Target) > 0 && (d == workouts.DurationDistance || d == workouts.DurationTime && bl.Kind != workouts.KindExercise) {
			distEst = "time and distance at the middle of the step's pace range"
		}
		if d == workouts.DurationReps {
			repEst = strconv.Itoa(secondsPerRep) + " s a rep"
		}
	}
	if est := join("; ", distEst, repEst); est != "" {
		b.WriteString("~ estimated: " + est + "\n")
	}
	if t.UnknownTime > 0 || t.UnknownDistance > 0 && t.HasDistance {
		b.WriteString("? not estimated and not in the totals: the workout does not say\n")
	}
}

// unknownReasons says why some steps' time is unknown.
func (p *Profile) unknownReasons() string {
	var has [len(unknownWhy)]bool
	for _, s := range p.allSteps() {
		if _, q := stepTime(s); q == Unknown {
			switch {
			case s.Duration.Kind == workouts.DurationDistance:
				has[1] = true
			case workouts.IsCondition(s.Duration):
				has[2] = true
			default:
				has[0] = true
			}
		}
	}
	workouts.Walk(p.Workout.Steps, func(s *workouts.Step, _ int) {
		has[3] = has[3] || s.Until != nil && s.Until.Kind != workouts.DurationTime
	})
	var why []string
	for i, w := range unknownWhy {
		if has[i] {
			why = append(why, w)
		}
	}
	switch len(why) {
	case 0:
		return "until the lap button"
	case 1:
		return why[0]
	}
	return strings.Join(why[:len(why)-1], ", ") + ", or " + why[len(why)-1]
}

// unknownWhy are the reasons a step's time is unknown.
var unknownWhy = [...]string{"until the lap button", "a distance with no pace target",
	"a heart-rate, power or calorie condition", "a repeat until a condition"}

// allSteps lists the non-repeat steps of the workout, each once.
func (p *Profile) allSteps() []*workouts.Step {
	var out []*workouts.Step
	workouts.Walk(p.Workout.Steps, func(s *workouts.Step, _ int) {
		if s.Kind != workouts.KindRepeat {
			out = append(out, s)
		}
	})
	return out
}

// swimText says a swim step's stroke and equipment: "free, fins".
func swimText(s *workouts.Step) string {
	return join(", ", s.Stroke.String(), s.Equipment.String()) // "" for none
}

// join joins the parts that are not empty with sep.
func join(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), sep)
}
