package workouts

import (
	"math"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/workoutc/workoutc/workouts/say"
)

// This file holds pool swimming: the workout's "pool:", the "stroke:" and
// "equipment:" of its steps, the sport-bound kinds "swim:" and "ride:", and
// the rule that a distance in a pool is a whole number of lengths.

// Pool is the pool of a pool swim: Length in Unit ("m" or "yd").
type Pool struct {
	Length float64
	Unit   string // "m" or "yd"
	Pos    Pos
}

// Meters returns the pool's length in metres.
func (p Pool) Meters() float64 {
	if p.Unit == "yd" {
		return p.Length * 0.9144
	}
	return p.Length
}

// String spells the pool as the language does: "25 m", "25 yd".
func (p Pool) String() string { return say.Number(p.Length) + " " + p.Unit }

// Limits of a pool's length, in its unit: FIT holds up to 655.35 m.
const (
	minPool = 10
	maxPool = 200
)

func parsePool(s string) (Pool, *valueError) {
	s = strings.TrimSpace(s)
	num, unit, uoff := splitNumber(s)
	if num == "" {
		return Pool{}, verr(0, "%q is not a pool length (e.g. \"25 m\", \"25 yd\" or \"50 m\")", s)
	}
	v, e := parseNumber(num, 0)
	if e != nil {
		return Pool{}, e
	}
	if unit == "" {
		return Pool{}, verr(len(num), "missing unit after %s (write \"%s m\" or \"%s yd\")", num, num, num)
	}
	if unit != "m" && unit != "yd" {
		return Pool{}, verr(uoff, "unknown pool unit %q%s", unit, didYouMean(unit, []string{"m", "yd"}, unitAliases))
	}
	if v < minPool || v > maxPool {
		return Pool{}, verr(0, "pool length %q is outside %d-%d %s", s, minPool, maxPool, unit)
	}
	if c := v * 100; math.Abs(c-math.Round(c)) > 1e-6 {
		return Pool{}, verr(0, "pool length %q is finer than a hundredth of a %s", s, map[string]string{"m": "metre", "yd": "yard"}[unit])
	}
	return Pool{Length: v, Unit: unit}, nil
}

// Stroke is the swimming stroke of a step ("stroke: free"); 0 is none.
// The values are FIT's swim_stroke plus one.
type Stroke uint8

// The strokes, in FIT's order.
const (
	StrokeNone Stroke = iota
	StrokeFree
	StrokeBack
	StrokeBreast
	StrokeFly
	StrokeDrill
	StrokeMixed
	StrokeIM
)

var strokeNames = [...]string{"", "free", "back", "breast", "fly", "drill", "mixed", "im"}

var strokeAliases = map[string]string{
	"freestyle": "free", "crawl": "free", "front crawl": "free", "fr": "free",
	"backstroke": "back", "bk": "back", "breaststroke": "breast", "br": "breast",
	"butterfly": "fly", "fl": "fly", "individual medley": "im", "medley": "im",
	"choice": "mixed", "any": "mixed", "drills": "drill", "kick": "drill",
}

// String returns the stroke's spelling ("free", "im", ...), "" for none.
func (s Stroke) String() string { return enumString(strokeNames[:], s, "stroke") }

// Equipment is the swimming equipment of a step ("equipment: fins"); 0 is
// none. The values are FIT's workout_equipment.
type Equipment uint8

// The equipment, numbered as FIT numbers it.
const (
	EquipmentNone Equipment = iota
	EquipmentFins
	EquipmentKickboard
	EquipmentPaddles
	EquipmentPullBuoy
	EquipmentSnorkel
)

var equipmentNames = [...]string{"", "fins", "kickboard", "paddles", "pull buoy", "snorkel"}

var equipmentAliases = map[string]string{
	"fin": "fins", "flippers": "fins", "board": "kickboard", "kick board": "kickboard",
	"paddle": "paddles", "hand paddles": "paddles", "buoy": "pull buoy", "pullbuoy": "pull buoy",
	"pull-buoy": "pull buoy", "pull_buoy": "pull buoy", "pull": "pull buoy",
}

// String returns the equipment's spelling ("fins", "pull buoy", ...), ""
// for none.
func (e Equipment) String() string { return enumString(equipmentNames[:], e, "equipment") }

// sportKinds are the step kinds bound to a sport: "swim:" and "ride:" are
// active steps (KindRun) of a swimming and a cycling workout.
var sportKinds = map[string]Sport{"swim": SportSwimming, "ride": SportCycling}

// KindName returns the key that a step of kind k is written with in a
// workout of sport: "swim" for the active steps of a swim, the kind's own
// name otherwise. (A cycling workout's "ride:" steps are written "run:",
// as they were before "ride:" existed, so that imports and previews of
// rides read as they always did.)
func KindName(k Kind, sport Sport) string {
	if k == KindRun && sport == SportSwimming {
		return "swim"
	}
	return k.String()
}

// poolValue reads the workout's "pool:".
func (p *parser) poolValue(key, v *yaml.Node) *Pool {
	pl, ok := scalarValue(p, key, v, parsePool)
	if !ok {
		return nil
	}
	pl.Pos = p.pos(v)
	return &pl
}

// checkPool reports a pool on a workout that is not a swim.
func (p *parser) checkPool(w *Workout) {
	if w.Pool != nil && w.Sport != SportSwimming {
		p.diags.Errorf(w.Pool.Pos, "pool belongs to swimming workouts; this workout's sport is %s", w.Sport)
	}
}

// sportKind reports a "swim:" or "ride:" step in a workout of another
// sport.
func (p *parser) sportKind(key *yaml.Node) {
	want, ok := sportKinds[key.Value]
	if ok && p.wsport != want {
		p.errorf(key, "%s: steps belong to %s workouts; this workout's sport is %s (use \"run:\" or set sport: %s)", key.Value, want, p.wsport, want)
	}
}

// swimKey reads "stroke:" or "equipment:" of a step.
func (p *parser) swimKey(s *Step, key, v *yaml.Node) {
	val, ok := p.scalar(key, v)
	if !ok {
		return
	}
	if p.wsport != SportSwimming {
		p.errorf(key, "%s belongs to swimming steps; this workout's sport is %s", key.Value, p.wsport)
		return
	}
	val = strings.TrimSpace(val)
	if key.Value == "stroke" {
		s.Stroke = Stroke(p.oneOf(v, "stroke", val, strokeNames[1:], strokeAliases) + 1)
	} else {
		s.Equipment = Equipment(p.oneOf(v, "equipment", val, equipmentNames[1:], equipmentAliases) + 1)
	}
}

// checkLengths reports a distance that is not a whole number of the pool's
// lengths, pointing at the value.
func (p *parser) checkLengths(s *Step, v *yaml.Node) {
	if p.pool == nil || s.Duration.Kind != DurationDistance {
		return
	}
	if n, ok := wholeLengths(s.Duration.Meters, *p.pool); !ok {
		lo, pl := math.Floor(n), *p.pool
		hint := lengthsText(1, pl)
		if lo >= 1 {
			hint = lengthsText(lo, pl) + " or " + lengthsText(lo+1, pl)
		}
		p.errorf(v, "%s is %s lengths of the %s pool; a pool distance is whole lengths (e.g. %s)",
			strings.TrimSpace(v.Value), say.Number(math.Round(n*100)/100), pl, hint)
	}
}

// wholeLengths returns how many lengths of pool meters covers and whether
// that is a whole number (to the centimetre FIT holds).
func wholeLengths(meters float64, pool Pool) (float64, bool) {
	lm := pool.Meters()
	if lm <= 0 {
		return 0, true
	}
	n := meters / lm
	return n, math.Abs(meters-math.Round(n)*lm) < 0.005 && math.Round(n) >= 1
}

func lengthsText(n float64, pl Pool) string {
	return "\"" + say.Number(math.Round(n*pl.Length*100)/100) + " " + pl.Unit + "\""
}

// paceUnitNames are the units a pace is per: "pace 8:00 /mi", "pace
// 5:00 /km", "pace 1:45 /100m", "pace 1:35 /100yd".
var paceUnitNames = []string{"mi", "km", "100m", "100yd"}

// paceUnit returns the metres a pace unit stands for and the slowest and
// fastest paces (in seconds per unit) the language takes in it; 0 when
// unit is not a pace unit.
func paceUnit(unit string) (meters, slowest, fastest float64) {
	u := paceUnits[unit]
	return u[0], u[1], u[2]
}

var paceUnits = map[string][3]float64{"mi": {1609.344, 3600, 60}, "km": {1000, 3600, 60},
	"100m": {100, 600, 30}, "100yd": {91.44, 600, 30}}

// formatPool writes the workout's "pool:" when the language can say it:
// in a swimming workout whose distances are whole lengths.
func (f *formatter) formatPool(root *yaml.Node, w *Workout) {
	pl := w.Pool
	if pl == nil {
		return
	}
	if f.sport != SportSwimming {
		f.flag(root, "", "the file gives a pool of %s, but its sport is %s; the language gives pools to swimming workouts, so it is left out", pl, f.sport)
		return
	}
	if _, err := parsePool(pl.String()); err != nil || pl.Length <= 0 {
		f.flag(root, "", "the file's pool of %s m is outside what the language writes (%d-%d m or yd); left out", say.Number(math.Round(pl.Meters()*100)/100), minPool, maxPool)
		return
	}
	bad := ""
	Walk(w.Steps, func(s *Step, _ int) {
		if bad == "" && s.Kind != KindRepeat && s.Kind != KindExercise && s.Duration.Kind == DurationDistance {
			if _, ok := wholeLengths(s.Duration.Meters, *pl); !ok {
				bad = DescribeDuration(s.Duration)
			}
		}
	})
	if bad != "" {
		f.flag(root, "", "the file's pool is %s, but a distance of %s is not whole lengths of it; the language checks distances against the pool, so the pool is left out", pl, bad)
		return
	}
	add(root, "pool", str(pl.String()))
	f.pool = pl
}

// paceUnits are the units the formatter writes paces in: per 100 of the
// pool's unit first for a swim, per km or mile otherwise.
func (f *formatter) paceUnits() []string {
	if f.sport != SportSwimming {
		return []string{"km", "mi"}
	}
	if f.pool != nil && f.pool.Unit == "yd" {
		return []string{"100yd", "100m", "km", "mi"}
	}
	return []string{"100m", "100yd", "km", "mi"}
}

// swimKeys writes a step's "stroke:" and "equipment:", which the language
// gives swimming steps only.
func (f *formatter) swimKeys(m *yaml.Node, s *Step, where string) {
	for _, k := range []struct {
		key, plural, unknown string
		v                    uint8
		name                 string
		known                bool
	}{
		{"stroke", "strokes", "an unknown stroke", uint8(s.Stroke), s.Stroke.String(), s.Stroke <= StrokeIM},
		{"equipment", "equipment", "unknown equipment", uint8(s.Equipment), s.Equipment.String(), s.Equipment <= EquipmentSnorkel},
	} {
		switch {
		case k.v == 0:
		case f.sport != SportSwimming:
			f.flag(m, where, "the file gives this step %s %s; the language gives %s to swimming steps, so it is left out", k.key, k.name, k.plural)
		case k.known:
			add(m, k.key, str(k.name))
		default:
			f.flag(m, where, "the file gives %s %d; left out", k.unknown, k.v)
		}
	}
}
