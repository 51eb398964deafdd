// Package hostile makes the inputs meant to hurt a parser that the tests of
// several packages feed to it: an alias bomb, absurdly nested repeats and
// binary garbage. It is a test helper, internal because it is not an API.
package hostile

import (
	"fmt"
	"strings"
)

// AliasBomb is a workout definition whose YAML aliases would expand to
// 9^26 nodes if a parser followed them. Its first alias is on line 5.
func AliasBomb() string {
	var b strings.Builder
	b.WriteString("name: bomb\nsteps:\n  - run: 1 min\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n")
	for c := 'b'; c <= 'z'; c++ {
		fmt.Fprintf(&b, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", c, c, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1)
	}
	return b.String()
}

// DeepRepeats is a workout definition with n repeats nested one in the
// other around a single run.
func DeepRepeats(n int) string {
	var b strings.Builder
	b.WriteString("name: deep\nsteps:\n")
	for i := 0; i < n; i++ {
		ind := strings.Repeat("    ", i)
		fmt.Fprintf(&b, "%s  - repeat: 2\n%s    steps:\n", ind, ind)
	}
	fmt.Fprintf(&b, "%s  - run: 1 min\n", strings.Repeat("    ", n))
	return b.String()
}

// Garbage is n bytes of deterministic binary noise.
func Garbage(n int) []byte {
	g := make([]byte, n)
	for i := range g {
		g[i] = byte(i*7919 + i>>3)
	}
	return g
}
