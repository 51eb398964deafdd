package workouts

import (
	"math"
	"strings"

	"github.com/workoutc/workoutc/workouts/say"
)

// This file holds the conditional durations: a step that runs "until hr
// below 130", "until power above 80%" or for "300 kcal", and a repeat that
// runs "until 20 min", "until 5 km", "until 500 kcal", "until hr above 170"
// or "until power below 200".

// Limits of the conditions, chosen so that every value fits FIT, TCX and
// Garmin Connect.
const (
	maxKcal      = 10000
	minBPM       = 30
	maxBPM       = 250
	maxHRPercent = 100
	maxWatts     = 3000
	maxFTP       = 1000 // percent of FTP; FIT reads more as watts
)

// measure is what a threshold condition or a range target measures, with
// the language's limits of its values.
type measure struct {
	name           string  // "hr", "power", "cadence"
	unit           string  // "bpm", "W", "rpm"
	lo, hi, pctMax float64 // the limits in unit and, 0 for none, in percent
	pctJSON        string  // inspect's JSON unit of a percent
	example        string  // a value for messages: "130"
	pctExample     string  // a percent for messages: "70%"
	say            func(percent bool) string
	rangeExample   string // a range target for messages: "140-155"
}

// measures are the measures of the threshold conditions, by name.
var measures = map[string]measure{
	"hr":    {"hr", "bpm", minBPM, maxBPM, maxHRPercent, "percent_max_hr", "130", "70%", say.HRUnit, "140-155"},
	"power": {"power", "W", 1, maxWatts, maxFTP, "percent_ftp", "200", "80%", say.PowerUnit, "200-250"},
}

// cadence is the measure of a cadence target.
var cadence = measure{name: "cadence", unit: "rpm", lo: 1, hi: 255, rangeExample: "170-180"}

// thresholds are the threshold conditions: the measure and the comparison
// the language writes each with.
var thresholds = map[DurationKind][2]string{
	DurationHRBelow: {"hr", "below"}, DurationHRAbove: {"hr", "above"},
	DurationPowerBelow: {"power", "below"}, DurationPowerAbove: {"power", "above"},
}

var conditionKinds = []string{"hr", "power"}
var conditionAliases = map[string]string{"heart": "hr", "heartrate": "hr", "heart-rate": "hr", "bpm": "hr", "watts": "power", "w": "power", "pwr": "power", "watt": "power"}
var comparisons = []string{"below", "above"}
var comparisonAliases = map[string]string{"under": "below", "<": "below", "less": "below", "over": "above", ">": "above", "more": "above"}

var kcalAliases = map[string]string{"cal": "kcal", "cals": "kcal", "kcals": "kcal", "calories": "kcal", "calorie": "kcal", "kilocalories": "kcal"}

// parseThreshold parses what follows "until " on a step: "hr below 130",
// "hr above 165 bpm", "hr below 70%", "power above 300", "power above
// 300 W", "power below 80%". off is the offset of s in the value.
func parseThreshold(s string, off int) (Duration, *valueError) {
	what, rest, _ := strings.Cut(s, " ")
	rest = strings.TrimSpace(rest)
	restOff := off + len(s) - len(rest)
	m, ok := measures[what]
	if !ok {
		if c := suggest(what, conditionKinds, conditionAliases); c != "" {
			return Duration{}, verr(off, "unknown condition %q (did you mean %q?)", what, c)
		}
		return Duration{}, verr(off, "%q is not a condition (expected \"until hr below 130\", \"until hr above 80%%\" or \"until power above 300\")", strings.TrimSpace("until "+s))
	}
	cmp, num, _ := strings.Cut(rest, " ")
	num = strings.TrimSpace(num)
	numOff := restOff + len(rest) - len(num)
	if cmp != "below" && cmp != "above" {
		if cmp == "" {
			return Duration{}, verr(restOff, "missing below or above after %s (e.g. \"until %s below %s\")", what, what, m.example)
		}
		return Duration{}, verr(restOff, "unknown comparison %q after %s%s", cmp, what, didYouMean(cmp, comparisons, comparisonAliases))
	}
	var d Duration
	for k, t := range thresholds {
		if t == [2]string{what, cmp} {
			d.Kind = k
		}
	}
	unit, lo, hi := m.unit, m.lo, m.hi
	body, pct := cutUnit(num, m)
	if d.Percent = pct; pct {
		lo, hi, unit = 1, m.pctMax, "%"
	}
	if body == "" {
		return Duration{}, verr(numOff, "missing value after %s %s (e.g. \"until %s %s %s\")", what, cmp, what, cmp, m.example)
	}
	v, e := parseNumber(body, numOff)
	if e != nil {
		return Duration{}, verr(numOff, "%q is not a %s value (write %s in %s, or a percentage such as \"%s\")", num, what, what, unit, m.pctExample)
	}
	if v != math.Round(v) {
		return Duration{}, verr(numOff, "%s %s %s must be a whole number", what, cmp, num)
	}
	if v < lo || v > hi {
		return Duration{}, verr(numOff, "%s %s %s is outside %s-%s %s", what, cmp, num, say.Number(lo), say.Number(hi), unit)
	}
	d.Value = v
	d.Unit = unit
	return d, nil
}

// parseStepUntil parses a step's "until hr below 130" (s, with rest what
// follows "until").
func parseStepUntil(s, rest string) (Duration, *valueError) {
	t := strings.TrimSpace(rest)
	off := len(s) - len(t)
	if t == "" {
		return Duration{}, verr(0, "missing condition after until (e.g. \"until hr below 130\" or \"until power above 300\")")
	}
	if c := t[0]; c >= '0' && c <= '9' {
		return Duration{}, verr(0, "a step runs until hr or power (\"until hr below 130\"); for a time, distance or calories write it without until (\"%s\")", t)
	}
	return parseThreshold(t, off)
}

// parseCalories parses the number of "300 kcal"; num and unit come from
// splitNumber.
func parseCalories(s string, v float64) (Duration, *valueError) {
	if v != math.Round(v) || v < 1 || v > maxKcal {
		return Duration{}, verr(0, "calories %q must be a whole number from 1 to %d kcal", s, maxKcal)
	}
	return Duration{Kind: DurationCalories, Value: v, Unit: "kcal"}, nil
}

// parseRepeatUntil parses a repeat's "until 20 min", "until 5 km", "until
// 500 kcal", "until hr above 170" or "until power below 200" (s without
// "until").
func parseRepeatUntil(s string, off int) (Duration, *valueError) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Duration{}, verr(off, "missing condition after until (e.g. \"until 20 min\", \"until 5 km\", \"until 500 kcal\" or \"until hr above 170\")")
	}
	if c := s[0]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return parseThreshold(s, off)
	}
	d, e := parseDuration(s, true)
	if e != nil {
		e.Off += off
		return d, e
	}
	switch d.Kind {
	case DurationTime, DurationDistance, DurationCalories:
		return d, nil
	}
	return Duration{}, verr(off, "a repeat runs until a time, a distance, calories, hr or power (e.g. \"until 20 min\"), not %q", s)
}

// conditionText spells a condition as the language writes it after "until"
// (and for calories as the duration itself): "hr below 130", "power above
// 80%", "300 kcal", "20 min", "5 km"; ok is false when the language cannot
// write it (outside its limits, or a condition it has no spelling for).
func conditionText(d Duration) (string, bool) {
	whole := func(v, lo, hi float64) bool { return v == math.Round(v) && v >= lo && v <= hi }
	switch d.Kind {
	case DurationTime:
		return timeString(d.Seconds)
	case DurationDistance:
		return distanceString(d.Meters)
	case DurationCalories:
		if whole(d.Value, 1, maxKcal) {
			return say.Number(d.Value) + " kcal", true
		}
	}
	t, ok := thresholds[d.Kind]
	if !ok {
		return "", false
	}
	m := measures[t[0]]
	lo, hi, pct := m.lo, m.hi, ""
	if d.Percent {
		lo, hi, pct = 1, m.pctMax, "%"
	}
	if whole(d.Value, lo, hi) {
		return t[0] + " " + t[1] + " " + say.Number(d.Value) + pct, true
	}
	return "", false
}

// IsCondition reports whether d ends a step on a heart-rate or power
// threshold or on calories: a duration no clock or distance can total.
func IsCondition(d Duration) bool {
	_, ok := thresholds[d.Kind]
	return ok || d.Kind == DurationCalories
}
