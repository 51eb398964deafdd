package workouts

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/workoutc/workoutc/workouts/say"
)

// valueError is a problem inside one scalar value; Off is the byte offset of
// the offending part within the value, so the error can point at it.
type valueError struct {
	Off int
	Msg string
}

func (e *valueError) Error() string { return e.Msg }

func verr(off int, format string, args ...any) *valueError {
	return &valueError{Off: off, Msg: fmt.Sprintf(format, cutArgs(args)...)}
}

// Limits of the language, chosen so that every value fits FIT and devices.
const (
	maxSeconds = 24 * 3600 // one step lasts at most a day
	maxMeters  = 1_000_000 // and covers at most 1,000 km
	minMeters  = 0.01      // and at least 1 cm, the FIT unit (0.005 m would round to 0)
	maxReps    = 9999
	maxRepeat  = 99 // TCX's limit and far above any real workout
	maxKg      = 655.34
	maxNesting = 10 // repeats inside repeats; devices handle 2 (warned)
)

var (
	timeUnits     = map[string]float64{"s": 1, "min": 60, "h": 3600}
	distanceUnits = map[string]float64{"m": 1, "km": 1000, "mi": 1609.344, "yd": 0.9144}
	unitNames     = []string{"s", "min", "h", "m", "km", "mi", "yd"}
	// durationUnitNames are the units a duration takes: unitNames and kcal.
	durationUnitNames = append(append([]string{}, unitNames...), "kcal")
	unitAliases       = map[string]string{
		"sec": "s", "secs": "s", "second": "s", "seconds": "s",
		"mins": "min", "minute": "min", "minutes": "min", "m'": "min",
		"hr": "h", "hrs": "h", "hour": "h", "hours": "h",
		"meter": "m", "meters": "m", "metre": "m", "metres": "m",
		"k": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
		"mile": "mi", "miles": "mi", "yard": "yd", "yards": "yd", "yds": "yd",
	}
)

// splitNumber splits "12.5 km" or "12.5km" into the number text and the rest.
func splitNumber(s string) (num, rest string, restOff int) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i > 0 && !strings.ContainsAny(s[:i], "0123456789") { // ".nan", ".inf": the whole word is the bad number
		i += strings.IndexByte(s[i:]+" ", ' ')
	}
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	return s[:i], s[j:], j
}

// parseNumber parses a plain decimal number (no sign, no exponent).
func parseNumber(s string, off int) (float64, *valueError) {
	if s == "" {
		return 0, verr(off, "missing number")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, verr(off, "%q is not a number", s)
	}
	return v, nil
}

// parseClock parses "m:ss" or "h:mm:ss" into seconds.
func parseClock(s string) (float64, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	total := 0.0
	for i, p := range parts {
		if p == "" || len(p) > 6 {
			return 0, false
		}
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || strings.ContainsAny(p, "eE+-") {
			return 0, false
		}
		if i > 0 && (v >= 60 || len(p) != 2 && !strings.Contains(p, ".")) {
			return 0, false
		}
		total = total*60 + v
	}
	return total, true
}

func parseDuration(s string, allowDistance bool) (Duration, *valueError) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Duration{}, verr(0, "missing duration (expected a time such as \"2 min\", a distance such as \"1 mi\", or \"lap\")")
	}
	if s == "lap" {
		return Duration{Kind: DurationLap}, nil
	}
	if rest, ok := strings.CutPrefix(s, "until"); ok && (rest == "" || rest[0] == ' ') {
		return parseStepUntil(s, rest)
	}
	if strings.Contains(s, ":") {
		secs, ok := parseClock(s)
		if !ok {
			return Duration{}, verr(0, "%q is not a time (write m:ss or h:mm:ss, e.g. \"1:30\")", s)
		}
		return checkTime(Duration{Kind: DurationTime, Seconds: secs, Unit: "clock"}, s)
	}
	num, unit, uoff := splitNumber(s)
	if num == "" {
		if c := suggest(s, []string{"lap"}, map[string]string{"open": "lap", "lap button": "lap", "press lap": "lap"}); c != "" {
			return Duration{}, verr(0, "unknown duration %q (did you mean %q?)", s, c)
		}
		return Duration{}, verr(0, "%q is not a duration (expected a time such as \"2 min\", a distance such as \"1 mi\", or \"lap\")", s)
	}
	v, e := parseNumber(num, 0)
	if e != nil {
		return Duration{}, e
	}
	if unit == "" {
		return Duration{}, verr(len(num), "missing unit after %s (write \"%s s\", \"%s min\", \"%s m\" or \"%s mi\")", num, num, num, num, num)
	}
	if f, ok := timeUnits[unit]; ok {
		return checkTime(Duration{Kind: DurationTime, Seconds: v * f, Unit: unit}, s)
	}
	if f, ok := distanceUnits[unit]; ok {
		if !allowDistance {
			return Duration{}, verr(uoff, "a distance is not allowed here; use a time such as \"2 min\" or \"lap\"")
		}
		d := Duration{Kind: DurationDistance, Meters: v * f, Unit: unit}
		if d.Meters <= 0 {
			return d, verr(0, "distance %q must be more than zero", s)
		}
		if d.Meters < minMeters {
			return d, verr(0, "distance %q is shorter than 1 cm, the finest a FIT file holds (it would be written as 0 m)", s)
		}
		if d.Meters > maxMeters {
			return d, verr(0, "distance %q is longer than 1000 km", s)
		}
		return d, nil
	}
	if unit == "kcal" || kcalAliases[unit] != "" {
		if unit != "kcal" {
			return Duration{}, verr(uoff, "unknown duration unit %q (did you mean \"kcal\"?)", unit)
		}
		return parseCalories(s, v)
	}
	return Duration{}, verr(uoff, "unknown duration unit %q%s", unit, didYouMean(unit, durationUnitNames, unitAliases))
}

func checkTime(d Duration, s string) (Duration, *valueError) {
	if d.Seconds <= 0 {
		return d, verr(0, "time %q must be more than zero", s)
	}
	if d.Seconds > maxSeconds {
		return d, verr(0, "time %q is longer than 24 h", s)
	}
	// A tolerance, not !=: "33136.596 s" is whole milliseconds, but
	// 33136.596*1000 is 33136596.000000004 in floating point.
	if ms := d.Seconds * 1000; math.Abs(ms-math.Round(ms)) > 1e-6 {
		return d, verr(0, "time %q is finer than a millisecond", s)
	}
	return d, nil
}

var targetKinds = []string{"open", "pace", "hr", "power", "cadence"}
var targetAliases = map[string]string{
	"heart": "hr", "heartrate": "hr", "heart-rate": "hr", "bpm": "hr",
	"speed": "pace", "watts": "power", "w": "power", "rpm": "cadence", "spm": "cadence", "none": "open",
}

func parseTarget(s string) (Target, *valueError) {
	s = strings.TrimSpace(s)
	kind, rest, _ := strings.Cut(s, " ")
	rest = strings.TrimSpace(rest)
	restOff := len(s) - len(rest)
	switch kind {
	case "open":
		if rest != "" {
			return Target{}, verr(restOff, "an open target takes no value")
		}
		return Target{Kind: TargetOpen}, nil
	case "pace":
		if IsProfileName(rest) {
			return Target{Kind: TargetPace, Name: rest}, nil
		}
		return parsePace(rest, restOff)
	case "hr":
		return parseRangeTarget(rest, restOff, TargetHR, HRZones, measures[kind])
	case "power":
		return parseRangeTarget(rest, restOff, TargetPower, PowerZones, measures[kind])
	case "cadence":
		if IsProfileName(rest) {
			return Target{}, verr(restOff, "cadence takes a range such as \"cadence 170-180\", not a named zone")
		}
		return parseRangeTarget(rest, restOff, TargetCadence, 0, cadence)
	case "":
		return Target{}, verr(0, "missing target (expected open, pace, hr, power or cadence)")
	}
	return Target{}, verr(0, "unknown target %q%s", kind, didYouMean(kind, targetKinds, targetAliases))
}

// IsProfileName reports whether s can name a zone or a load of an athlete
// profile: a word of ASCII letters, digits, '-' and '_' that starts with a
// letter and is not "zone" (which starts a zone number: "hr zone 2"), such
// as "easy", "threshold" or "z2-low".
func IsProfileName(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') || s == "zone" {
		return false
	}
	if strings.HasPrefix(s, "zone ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// parseRangeTarget parses "140-155", "140-155 bpm", "70-80%", "zone 2" or a
// zone name for a numeric target of measure m. maxZone 0 means the target
// has no zones.
func parseRangeTarget(s string, off int, kind TargetKind, maxZone int, m measure) (Target, *valueError) {
	label, unit := m.name, m.unit
	if s == "" {
		return Target{}, verr(off, "missing %s range (e.g. \"%s %s\")", label, label, m.rangeExample)
	}
	if z, ok := strings.CutPrefix(s, "zone"); ok && maxZone > 0 {
		z = strings.TrimSpace(z)
		n, err := strconv.Atoi(z)
		if err != nil || n < 1 || n > maxZone {
			return Target{}, verr(off, "%s zone %q is not a zone number from 1 to %d", label, z, maxZone)
		}
		zk := TargetHRZone
		if kind == TargetPower {
			zk = TargetPowerZone
		}
		return Target{Kind: zk, Zone: n}, nil
	}
	if maxZone > 0 && IsProfileName(s) {
		return Target{Kind: kind, Name: s}, nil
	}
	t := Target{Kind: kind}
	body, pct := cutUnit(s, m)
	t.Percent = pct
	a, b := cutRange(body)
	x, e1 := parseNumber(a, off)
	y, e2 := parseNumber(b, off)
	if e1 != nil || e2 != nil {
		return Target{}, verr(off, "%q is not a %s range (e.g. \"%s %s\")", s, label, label, m.rangeExample)
	}
	if x > y {
		return Target{}, verr(off, "%s range %q runs backwards (write %s-%s)", label, s, say.Number(y), say.Number(x))
	}
	minV, maxV := m.lo, m.hi
	if t.Percent {
		minV, maxV = 1, m.pctMax
	}
	if x < minV || y > maxV {
		u := unit
		if t.Percent {
			u = "%"
		}
		return Target{}, verr(off, "%s range %q is outside %s-%s %s", label, s, say.Number(minV), say.Number(maxV), u)
	}
	if x != math.Round(x) || y != math.Round(y) {
		return Target{}, verr(off, "%s range %q must be whole numbers", label, s)
	}
	t.Low, t.High = x, y
	return t, nil
}

// parsePace parses "8:00-8:30 /mi", "5:45-6:20/km" or a single pace
// "8:00 /mi" into a speed range in m/s.
func parsePace(s string, off int) (Target, *valueError) {
	if s == "" {
		return Target{}, verr(off, "missing pace range (e.g. \"pace 8:00-8:30 /mi\" or \"pace easy\")")
	}
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return Target{}, verr(off+len(s), "pace %q needs a unit: /mi or /km (e.g. \"%s /mi\")", s, s)
	}
	unit := strings.ReplaceAll(strings.TrimSpace(s[i+1:]), " ", "")
	meters, slowest, fastest := paceUnit(unit)
	if meters == 0 {
		return Target{}, verr(off+i, "unknown pace unit \"/%s\"%s", unit, didYouMean(unit, paceUnitNames, unitAliases))
	}
	body := strings.TrimSpace(s[:i])
	a, b := cutRange(body)
	p1, ok1 := parseClock(a)
	p2, ok2 := parseClock(b)
	if !ok1 || !ok2 {
		return Target{}, verr(off, "%q is not a pace range (write m:ss-m:ss /%s, e.g. \"8:00-8:30 /%s\")", body, unit, unit)
	}
	if p1 < fastest || p2 < fastest || p1 > slowest || p2 > slowest {
		return Target{}, verr(off, "pace %q is outside %s-%s per %s", body, say.Clock(fastest), say.Clock(slowest), unit)
	}
	slow, fast := max(p1, p2), min(p1, p2)
	return Target{Kind: TargetPace, Low: meters / slow, High: meters / fast, Unit: "/" + unit}, nil
}

var weightAliases = map[string]string{"lbs": "lb", "pound": "lb", "pounds": "lb", "#": "lb",
	"kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg"}

func parseWeight(s string) (Weight, *valueError) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Weight{}, verr(0, "missing weight (e.g. \"15 lb\", \"7.5 kg\" or a load of the athlete profile such as \"medium\")")
	}
	if IsProfileName(s) {
		return Weight{Name: s}, nil
	}
	num, unit, uoff := splitNumber(s)
	v, e := parseNumber(num, 0)
	if e != nil {
		return Weight{}, verr(0, "%q is not a weight (e.g. \"15 lb\", \"7.5 kg\" or a load name such as \"medium\")", s)
	}
	if unit == "" {
		return Weight{}, verr(len(num), "missing unit after %s (write \"%s lb\" or \"%s kg\")", num, num, num)
	}
	if unit != "kg" && unit != "lb" {
		return Weight{}, verr(uoff, "unknown weight unit %q%s", unit, didYouMean(unit, []string{"kg", "lb"}, weightAliases))
	}
	w := Weight{Value: v, Unit: unit}
	if v <= 0 {
		return w, verr(0, "weight %q must be more than zero", s)
	}
	if w.Kilograms() > maxKg {
		return w, verr(0, "weight %q is over FIT's maximum of 655.34 kg", s)
	}
	return w, nil
}

// cutRange splits "a-b" into its trimmed ends; a single "a" is a-a.
func cutRange(s string) (a, b string) {
	a, b, isRange := strings.Cut(s, "-")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !isRange {
		b = a
	}
	return a, b
}

// cutUnit cuts "%" (when m takes percentages) or m's unit off the end of s.
func cutUnit(s string, m measure) (body string, percent bool) {
	switch {
	case strings.HasSuffix(s, "%") && m.pctMax > 0:
		return strings.TrimSpace(strings.TrimSuffix(s, "%")), true
	case m.unit != "" && strings.HasSuffix(s, m.unit):
		return strings.TrimSpace(strings.TrimSuffix(s, m.unit)), false
	}
	return s, false
}

// parseRepeat parses a repeat count "4" or range "3-5".
func parseRepeat(s string) (count, lo, hi int, e *valueError) {
	s = strings.TrimSpace(s)
	a, b, isRange := strings.Cut(s, "-")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	x, err1 := strconv.ParseUint(a, 10, 64)
	if err1 != nil {
		return 0, 0, 0, badRepeat(s, a, err1)
	}
	if !isRange {
		if x < 1 || x > maxRepeat {
			return 0, 0, 0, verr(0, "repeat count %s is out of range (use 1 to %d)", a, maxRepeat)
		}
		return int(x), 0, 0, nil
	}
	y, err2 := strconv.ParseUint(b, 10, 64)
	if err2 != nil {
		return 0, 0, 0, badRepeat(s, b, err2)
	}
	if x < 1 || y > maxRepeat || x > maxRepeat {
		return 0, 0, 0, verr(0, "repeat range %s is out of range (counts go from 1 to %d)", s, maxRepeat)
	}
	if x >= y {
		return 0, 0, 0, verr(0, "repeat range %s must go from low to high (e.g. \"3-5\")", s)
	}
	return 0, int(x), int(y), nil
}

func badRepeat(s, part string, err error) *valueError {
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		return verr(0, "repeat count %s is out of range (use 1 to %d)", part, maxRepeat)
	}
	return verr(0, "repeat %q is not a count or range (e.g. \"4\" or \"3-5\")", s)
}
