package club

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug is the longest athlete slug before a "-N" suffix.
const maxSlug = 48

// AthleteSlug is the folder name an athlete's name asks for: lower-case
// ASCII letters, digits and single dashes ("Zoë O'Brien" → "zoe-o-brien"),
// at most 48 bytes, "athlete" when nothing is left, and never a name
// Windows reserves ("CON" → "con-athlete"). It cannot hold "/", "\\" or a
// dot, so it never leaves the output folder. Two athletes may ask for the
// same folder; Slugs makes them unique.
func AthleteSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	s := strings.TrimRight(b.String()[:min(b.Len(), maxSlug)], "-")
	if s == "" {
		return "athlete"
	}
	if reserved(s) {
		s += "-athlete"
	}
	return s
}

// reserved reports whether s is a device name on Windows (with or
// without an extension, case-insensitively: slugs are lower-case).
func reserved(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(s) == 4 && (strings.HasPrefix(s, "com") || strings.HasPrefix(s, "lpt")) && s[3] >= '0' && s[3] <= '9'
}

// Slugs returns a unique folder name for each of names, in order. An
// athlete whose AthleteSlug no earlier athlete asked for keeps it; a later
// one that asks for a taken folder gets the first free "-2", "-3", ...
// that no athlete of the roster asks for. The same list always gives the
// same folders; reordering the roster may swap which of two namesakes is
// "-2".
func Slugs(names []string) []string {
	bases := make([]string, len(names))
	for i, n := range names {
		bases[i] = AthleteSlug(n)
	}
	return uniqueSlugs(bases)
}

// uniqueSlugs makes bases unique as Slugs describes.
func uniqueSlugs(bases []string) []string {
	asked := make(map[string]bool, len(bases))
	for _, b := range bases {
		asked[b] = true
	}
	taken := make(map[string]bool, len(bases))
	next := map[string]int{}
	out := make([]string, len(bases))
	for i, b := range bases {
		if !taken[b] {
			taken[b] = true
			out[i] = b
			continue
		}
		n := max(next[b], 2)
		for {
			s := b + "-" + strconv.Itoa(n)
			n++
			if !asked[s] && !taken[s] {
				taken[s] = true
				out[i] = s
				break
			}
		}
		next[b] = n
	}
	return out
}
