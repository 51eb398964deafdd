package fit

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workoutc/workoutc/workouts"
)

// text returns s as a FIT string can hold it: valid UTF-8, no NUL byte
// (which would end the string early) and at most MaxText bytes, cut on a
// rune boundary. Each repair is a warning at pos naming what (e.g. "step
// name"); so is a text longer than budget bytes (0: no budget), what Garmin
// Connect itself writes.
func (st *state) text(pos workouts.Pos, what, s string, budget int) string {
	if len(s) <= MaxText && utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		if budget > 0 && len(s) > budget { // common enough to skip fmt
			st.diags = append(st.diags, workouts.Diagnostic{Pos: pos, Severity: workouts.SeverityWarning,
				Msg: what + " is " + strconv.Itoa(len(s)) + " bytes; Garmin Connect writes at most " +
					strconv.Itoa(budget) + " and watches may cut the rest"})
		}
		return s // the usual case
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		st.diags.Warnf(pos, "%s is not valid UTF-8; replaced the bad bytes with U+FFFD", what)
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
		st.diags.Warnf(pos, "%s holds NUL bytes, which end a FIT string; removed them", what)
	}
	if n := len(s); n > MaxText {
		s = cutUTF8(s, MaxText)
		st.diags.Warnf(pos, "%s is %d bytes; a FIT string holds at most %d, cut to %d", what, n, MaxText, len(s))
	} else if budget > 0 && n > budget {
		st.diags.Warnf(pos, "%s is %d bytes; Garmin Connect writes at most %d and watches may cut the rest", what, n, budget)
	}
	return s
}

// cutUTF8 returns the longest prefix of the valid UTF-8 s that is at most n
// bytes and ends on a rune boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
