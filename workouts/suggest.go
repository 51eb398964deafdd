package workouts

import (
	"fmt"
	"strings"

	"github.com/workoutc/workoutc/workouts/internal/fuzzy"
)

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo. aliases maps common other spellings to the
// candidate they mean ("mins" → "min") and is consulted first.
func suggest(s string, candidates []string, aliases map[string]string) string {
	ls := strings.ToLower(strings.TrimSpace(s))
	if a, ok := aliases[ls]; ok {
		return a
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(ls, c); d < bestD {
			best, bestD = c, d
		}
	}
	// Accept up to a third of the word as edits (at least 1, at most 3).
	limit := min(max(len(ls)/3, 1), 3)
	if bestD <= limit && best != ls {
		return best
	}
	// A shortened or lengthened word ("easy" for "easyish") is a plausible
	// slip too, when it shares at least three letters.
	if len(ls) >= 3 {
		for _, c := range candidates {
			if c != ls && (strings.HasPrefix(c, ls) || strings.HasPrefix(ls, c) && len(c) >= 3) {
				return c
			}
		}
	}
	return ""
}

// didYouMean formats the hint part of a message: ` (did you mean "x"?)`, or a
// list of what is valid when there is no close candidate.
func didYouMean(s string, candidates []string, aliases map[string]string) string {
	if c := suggest(s, candidates, aliases); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return " (expected " + orList(candidates) + ")"
}

// orList formats ["a","b","c"] as `a, b or c`.
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// editDistance is fuzzy.Distance, except that two long strings (over 64
// bytes: no key or unit is that long) are only equal or far apart.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	return fuzzy.Distance(a, b)
}

// Suggest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo. Commands use it for their own names.
func Suggest(s string, candidates []string) string { return suggest(s, candidates, nil) }
