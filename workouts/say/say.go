// Package say writes the values of a workout for people, in the one
// wording that inspect, preview, the TCX notes and the tests' FIT dump
// (internal/testkit/fitdump) share: times "45 s", "2:00", "1:02:03"; paces
// "5:54-6:31" (per a unit the caller names); heart rate "140-155 bpm" or
// "70-80% of max"; power "200-250 W" or "85-95% of FTP". It takes plain numbers, so it is the
// same for a workout the language parsed and for a file read back.
//
// The language's own spellings (what the formatter writes into YAML and
// the parser reads back) are not here: they live beside the parser in
// package workouts, which must keep them parseable.
package say

import (
	"math"
	"strconv"
	"strings"
)

// maxClock is the longest time Clock writes out as h:mm:ss: about 31,700
// years. Past it (99 repeats nested 10 deep reach 10^21 s, beyond an
// int64) Clock gives hours with three digits, never a wrapped number.
const maxClock = 1e12

// Clock writes seconds as m:ss or h:mm:ss, rounded to the second: "1:30",
// "1:02:03"; past about 31,700 years "1.51e+18 h".
func Clock(sec float64) string {
	if !(sec < maxClock) {
		return strconv.FormatFloat(sec/3600, 'g', 3, 64) + " h"
	}
	n := int64(math.Round(sec))
	if n < 0 {
		return "-" + Clock(-sec)
	}
	h, m, s := n/3600, n/60%60, n%60
	var b []byte
	if h > 0 {
		b = strconv.AppendInt(b, h, 10)
		b = append(b, ':', byte('0'+m/10), byte('0'+m%10))
	} else {
		b = strconv.AppendInt(b, m, 10)
	}
	b = append(b, ':', byte('0'+s/10), byte('0'+s%10))
	return string(b)
}

// Time writes a duration in seconds as a runner reads it: "45 s", "1.5 s",
// "2:00", "1:02:03", with the fraction of a second when there is one
// ("1:30.25").
func Time(sec float64) string {
	ms := int64(math.Round(sec * 1000))
	whole, frac := ms/1000, ms%1000
	var s string
	if whole < 60 {
		s = strconv.FormatInt(whole, 10)
	} else {
		s = Clock(float64(whole))
	}
	if frac != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(frac+1000, 10)[1:], "0")
	}
	if whole < 60 {
		s += " s"
	}
	return s
}

// Number writes v in the fewest digits that give it back: "140", "72.5".
func Number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Range writes a range low-high, the smaller first, one number when the
// two are equal: "140-155", "150".
func Range(lo, hi float64) string {
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		return Number(lo)
	}
	return Number(lo) + "-" + Number(hi)
}

// HRUnit is what follows a heart rate: " bpm", or "% of max" when it is a
// percent of the athlete's maximum.
func HRUnit(percent bool) string {
	if percent {
		return "% of max"
	}
	return " bpm"
}

// PowerUnit is what follows a power: " W", or "% of FTP" when it is a
// percent of the athlete's functional threshold power.
func PowerUnit(percent bool) string {
	if percent {
		return "% of FTP"
	}
	return " W"
}

// Pace writes the time a speed in m/s takes to cover meters: "5:54" (per
// km for meters 1000); "-" for a speed that is not above 0.
func Pace(mps, meters float64) string {
	if !(mps > 0) {
		return "-"
	}
	return Clock(meters / mps)
}

// PaceRange writes a speed range in m/s as paces over meters, the faster
// first: "5:54-6:31"; one pace when both ends are the same to 1 mm/s.
func PaceRange(lo, hi, meters float64) string {
	if lo > hi {
		lo, hi = hi, lo
	}
	if math.Round(lo*1000) == math.Round(hi*1000) {
		return Pace(hi, meters)
	}
	return Pace(hi, meters) + "-" + Pace(lo, meters)
}
