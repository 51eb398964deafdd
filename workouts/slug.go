package workouts

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a name into a file name that is safe on every OS: lower-case
// ASCII letters, digits and single dashes, at most 64 bytes, never empty,
// never a dot name, and never a name Windows reserves (CON, NUL, COM1, ...).
// Accents are dropped ("Séance" → "seance"); the same name always gives the
// same slug.
func Slug(name string) string {
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
		if b.Len() >= 64 {
			break
		}
	}
	s := strings.TrimRight(b.String()[:min(b.Len(), 64)], "-")
	if s == "" {
		return "workout"
	}
	if reservedName(s) {
		s += "-workout"
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
