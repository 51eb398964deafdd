package workouts

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a workout's name into a file name that is safe on every OS:
// SlugMax(name, 64, "workout"). Accents are dropped ("Séance" → "seance");
// the same name always gives the same slug.
func Slug(name string) string { return SlugMax(name, 64, "workout") }

// SlugMax turns a name into lower-case ASCII letters, digits and single
// dashes, at most max bytes: never empty (fallback when nothing is left),
// never a dot name, never holding "/" or "\\", and never a name Windows
// reserves (CON, NUL, COM1, ...: those get "-fallback" added).
func SlugMax(name string, max int, fallback string) string {
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
		if b.Len() >= max {
			break
		}
	}
	s := strings.TrimRight(b.String()[:min(b.Len(), max)], "-")
	if s == "" {
		return fallback
	}
	if reservedName(s) {
		s += "-" + fallback
	}
	return s
}

func reservedName(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul":
		return true
	}
	if len(s) == 4 && (strings.HasPrefix(s, "com") || strings.HasPrefix(s, "lpt")) && s[3] >= '0' && s[3] <= '9' {
		return true
	}
	return false
}
