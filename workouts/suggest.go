package workouts

import (
	"fmt"
	"strings"
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

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions), on
// bytes; inputs are short keys and units.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	var rows [3][65]int
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Suggest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo. Commands use it for their own names.
func Suggest(s string, candidates []string) string { return suggest(s, candidates, nil) }
