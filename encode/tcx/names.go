package tcx

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// collapse returns s as an xsd:token reads it: runs of white space made
// one space, none at either end.
func collapse(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") && !strings.Contains(s, "  ") &&
		strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// A rule rewrites a name's words; shorten applies rules one at a time, in
// order, until the name fits.
type rule func(words []string) []string

// phrase rules replace whole words (case-insensitively) by an
// abbreviation. from holds one or two words.
type phrase struct {
	from []string
	to   string
}

// abbreviations are applied in this order, the ones that lose the least
// first. Exercise words follow Garmin's catalog titles.
var abbreviations = []phrase{
	{[]string{"dumbbell"}, "DB"}, {[]string{"dumbbells"}, "DB"},
	{[]string{"barbell"}, "BB"}, {[]string{"barbells"}, "BB"},
	{[]string{"kettlebell"}, "KB"}, {[]string{"kettlebells"}, "KB"},
	{[]string{"minutes"}, "min"}, {[]string{"minute"}, "min"}, {[]string{"mins"}, "min"},
	{[]string{"seconds"}, "s"}, {[]string{"second"}, "s"}, {[]string{"secs"}, "s"},
	{[]string{"hours"}, "h"}, {[]string{"hour"}, "h"},
	{[]string{"kilometers"}, "km"}, {[]string{"kilometres"}, "km"},
	{[]string{"meters"}, "m"}, {[]string{"metres"}, "m"},
	{[]string{"miles"}, "mi"}, {[]string{"mile"}, "mi"},
	{[]string{"repetitions"}, "reps"}, {[]string{"repeats"}, "reps"}, {[]string{"repeat"}, "rep"},
	{[]string{"single", "leg"}, "SL"}, {[]string{"single-leg"}, "SL"},
	{[]string{"single", "arm"}, "SA"}, {[]string{"single-arm"}, "SA"},
	{[]string{"romanian", "deadlift"}, "RDL"}, {[]string{"romanian", "deadlifts"}, "RDL"},
	{[]string{"walking"}, "walk"},
	{[]string{"alternating"}, "alt"},
	{[]string{"recovery"}, "rec"},
	{[]string{"threshold"}, "thresh"},
	{[]string{"intervals"}, "ints"},
	{[]string{"weighted"}, "wtd"},
	{[]string{"deadlift"}, "DL"}, {[]string{"deadlifts"}, "DL"},
}

// fillers are dropped, one word at a time, after every abbreviation.
var fillers = []string{"with", "w/", "the", "a", "an", "of", "for", "to", "at", "on", "in", "wtd"}

// rules is the whole sequence shorten tries.
var rules = buildRules()

func buildRules() []rule {
	r := []rule{glue}
	for _, p := range abbreviations {
		r = append(r, replacePhrase(p))
	}
	for _, f := range fillers {
		r = append(r, dropWord(f))
	}
	return r
}

// shorten returns the name s (white space collapsed) at most max
// characters long, shortened as the package documentation describes.
func shorten(s string, max int) string {
	return shortenName(s, max, false)
}

// shortenName shortens s to max characters as the package documentation
// describes. With front (an exercise title), what is still too long after
// the rules loses words at the front, which qualify the movement that the
// last word names ("Side Plank" → "Plank").
func shortenName(s string, max int, front bool) string {
	s = collapse(s)
	if runes(s) <= max {
		return s
	}
	words := strings.Fields(s)
	for _, r := range rules {
		words = r(words)
		if s = strings.Join(words, " "); runes(s) <= max {
			return s
		}
	}
	for front && len(words) > 1 && runes(s) > max {
		words = words[1:]
		s = strings.Join(words, " ")
	}
	return cut(s, max)
}

// glue drops brackets and joins the words around "or" and "and" with "/"
// and "&": "Walk or slow jog" → "Walk/slow jog".
func glue(words []string) []string {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		w := strings.Map(func(r rune) rune {
			if strings.ContainsRune("()[]{}", r) {
				return -1
			}
			return r
		}, words[i])
		if w == "" {
			continue
		}
		var sep string
		switch strings.ToLower(w) {
		case "or", "/":
			sep = "/"
		case "and", "&", "+":
			sep = "&"
		}
		if sep != "" && len(out) > 0 && i+1 < len(words) {
			out[len(out)-1] += sep + words[i+1]
			i++
			continue
		}
		out = append(out, w)
	}
	return out
}

func replacePhrase(p phrase) rule {
	return func(words []string) []string {
		out := words[:0:0]
		for i := 0; i < len(words); i++ {
			if i+len(p.from) <= len(words) && matchWords(words[i:i+len(p.from)], p.from) {
				to := p.to
				if r, _ := utf8.DecodeRuneInString(words[i]); unicode.IsUpper(r) {
					to = strings.ToUpper(to[:1]) + to[1:]
				}
				out = append(out, to)
				i += len(p.from) - 1
				continue
			}
			out = append(out, words[i])
		}
		return out
	}
}

func matchWords(words, want []string) bool {
	for i, w := range want {
		if !strings.EqualFold(words[i], w) {
			return false
		}
	}
	return true
}

func dropWord(f string) rule {
	return func(words []string) []string {
		out := words[:0:0]
		for _, w := range words {
			if !strings.EqualFold(w, f) || len(words) == 1 {
				out = append(out, w)
			}
		}
		return out
	}
}

// cut returns the first max characters of s, ending after a whole word
// when that keeps at least half of them, without trailing separators.
func cut(s string, max int) string {
	if runes(s) <= max {
		return s
	}
	end, n := 0, 0 // byte offset of rune max
	for i := range s {
		if n == max {
			end = i
			break
		}
		n++
	}
	head := s[:end]
	if s[end] == ' ' {
		return trimTail(head)
	}
	if i := strings.LastIndexByte(head, ' '); i >= 0 && runes(head[:i]) >= (max+1)/2 {
		head = head[:i]
	}
	return trimTail(head)
}

// trimTail drops spaces and joining punctuation at the end of a cut name.
func trimTail(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("/&-,:;(+", r)
	})
}

// namer gives TCX names to the steps of one workout, keeping them unique:
// two different full names never get the same TCX name.
type namer struct {
	byFull map[string]string // full name → TCX name
	owner  map[string]string // TCX name → full name
}

func newNamer() *namer {
	return &namer{byFull: map[string]string{}, owner: map[string]string{}}
}

// name returns the TCX name of a step whose full name is full, shortened
// from base+suffix: base is shortened so that suffix (" x10") stays whole.
// title says that base is an exercise title (see shortenName).
func (n *namer) name(full, base, suffix string, title bool) string {
	if t, ok := n.byFull[full]; ok {
		return t
	}
	room := MaxName - runes(suffix)
	t := shortenName(base, max(room, 1), title) + suffix
	if runes(t) > MaxName { // a suffix longer than a name
		t = cut(t, MaxName)
	}
	for i := 2; ; i++ {
		if prev, taken := n.owner[t]; !taken || prev == full {
			break
		}
		num := " " + strconv.Itoa(i)
		t = cut(shortenName(base, max(room-runes(num), 1), title)+suffix, MaxName-runes(num)) + num
	}
	n.byFull[full] = t
	n.owner[t] = full
	return t
}
