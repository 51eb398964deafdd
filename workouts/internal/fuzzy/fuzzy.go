// Package fuzzy measures how far apart two spellings are, for the "did you
// mean" hints of the workout language and of the exercise catalog.
package fuzzy

// Distance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// bytes. It works on bytes (inputs are keys, units and exercise names) and
// allocates nothing for strings up to 64 bytes.
func Distance(a, b string) int {
	if len(b) > 64 {
		return distance(a, b, make([]int, 3*(len(b)+1)))
	}
	var buf [3 * 65]int
	return distance(a, b, buf[:3*(len(b)+1)])
}

func distance(a, b string, buf []int) int {
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
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
