// Package fuzzy measures how far apart two spellings are, for the "did you
// mean" hints of the workout language and of the exercise catalog.
package fuzzy

import "slices"

// Distance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// bytes. It works on bytes (inputs are keys, units and exercise names) and
// allocates nothing for strings up to 64 bytes.
func Distance(a, b string) int { return Bounded(a, b, -1) }

// Bounded is Distance when that is at most limit, and limit+1 when it is
// more: it stops as soon as every alignment costs more than limit, which
// makes matching against a long list of candidates cheap. A negative limit
// means no bound.
func Bounded(a, b string, limit int) int {
	if limit >= 0 && abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	if len(b) > 64 {
		return distance(a, b, limit, make([]int, 3*(len(b)+1)))
	}
	var buf [3 * 65]int
	return distance(a, b, limit, buf[:3*(len(b)+1)])
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func distance(a, b string, limit int, buf []int) int {
	n := len(b) + 1
	prev2, prev, cur := buf[:n], buf[n:2*n], buf[2*n:]
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
		// Every later cell is built from this row or the one before (a
		// transposition) plus a cost that is never negative: once both
		// rows are over the limit, so is the answer.
		if limit >= 0 && slices.Min(cur) > limit && (i == 1 || slices.Min(prev) > limit) {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if limit >= 0 && prev[len(b)] > limit {
		return limit + 1
	}
	return prev[len(b)]
}
