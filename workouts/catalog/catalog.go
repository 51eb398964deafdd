// Package catalog is the FIT strength exercise catalog: every exercise
// category and exercise name of the FIT profile, with the phrase a user types
// for each ("dumbbell squat"), its key ("squat/dumbbell_squat"), its numbers
// (28/29) and a display title ("Dumbbell Squat").
//
// Lookup matches the free text of a workout's `exercise:` against the whole
// catalog, a plain gym name meaning what a lifter means ("calf raise" is the
// standing calf raise; Explain says why); Search backs `workoutc exercises`.
// The table is generated from the FIT profile by gen.go (`go generate`).
//
// Garmin Connect's own exercise catalogue, smaller than FIT's, is generated
// beside it by connectgen.go from ../shared/corpus/connect/connect-exercises.json
// (connect_gen.go): Entry.Connect spells an entry as Connect does and says
// whether Connect has it, FromConnect reads Connect's keys back, and
// ConnectSuggest names the nearest exercises Connect has.
package catalog

//go:generate go run gen.go

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/workoutc/workoutc/workouts/internal/fuzzy"
)

type name struct {
	num  uint16
	name string
}

type category struct {
	num   uint16
	name  string
	names []name
}

// Entry is one exercise of the catalog.
type Entry struct {
	Category     uint16 // FIT exercise_category
	Number       uint16 // FIT exercise_name within the category
	CategoryName string // the category in FIT's snake_case, "squat"
	Name         string // the exercise in FIT's snake_case, "dumbbell_squat"
	Title        string // the display title, "Dumbbell Squat"
}

// Key returns "category/name" in FIT's snake_case: "squat/dumbbell_squat".
func (e Entry) Key() string { return e.CategoryName + "/" + e.Name }

// Phrase returns the name as a user types it: "dumbbell squat".
func (e Entry) Phrase() string { return strings.ReplaceAll(e.Name, "_", " ") }

type index struct {
	entries     []Entry           // by category number, then exercise number; no Title (see entry)
	byPhrase    map[string][]int  // phrase → entries, preferred first
	byTokens    map[string][]int  // sorted normalised tokens → entries, preferred first
	byKey       map[string]int    // "category/name" → entry
	byNum       map[[2]uint16]int // numbers → entry
	catNames    map[string]uint16 // category name → number
	phrases     []string          // every distinct phrase, sorted: the candidates of hints
	phraseWords [][]string        // per entry: the words of its phrase
	catWords    [][]string        // per entry: the words of its category
	vocab       map[string]bool   // every word of every phrase
	catByNum    map[uint16]string // number → category name
	tokens      [][]string        // per entry: its phrase's words as words() folds them
	catTokens   [][]string        // per category of categories: its name's words, folded
}

var (
	once sync.Once
	idx  *index
)

func load() *index {
	once.Do(func() {
		n := 0
		for _, c := range categories {
			n += len(c.names)
		}
		x := &index{
			entries:     make([]Entry, 0, n),
			byPhrase:    make(map[string][]int, n),
			byTokens:    make(map[string][]int, n),
			byKey:       make(map[string]int, n),
			byNum:       make(map[[2]uint16]int, n),
			catNames:    make(map[string]uint16, len(categories)),
			catByNum:    make(map[uint16]string, len(categories)),
			vocab:       make(map[string]bool, n),
			tokens:      make([][]string, 0, n),
			phraseWords: make([][]string, 0, n),
			catWords:    make([][]string, 0, n),
		}
		for _, c := range categories {
			x.catNames[c.name] = c.num
			x.catByNum[c.num] = c.name
			for _, n := range c.names {
				for w := range strings.SplitSeq(n.name, "_") {
					x.vocab[w] = true
				}
			}
		}
		for _, c := range categories {
			catWords := strings.Split(c.name, "_")
			for _, n := range c.names {
				e := Entry{Category: c.num, Number: n.num, CategoryName: c.name, Name: n.name} // Title: see entry
				i := len(x.entries)
				x.entries = append(x.entries, e)
				p := e.Phrase()
				x.byPhrase[p] = append(x.byPhrase[p], i)
				x.byKey[e.Key()] = i
				x.byNum[[2]uint16{c.num, n.num}] = i
				tw := x.words(p)
				x.tokens = append(x.tokens, tw)
				k := tokenKey(tw)
				x.byTokens[k] = append(x.byTokens[k], i)
				x.phraseWords = append(x.phraseWords, strings.Fields(p))
				x.catWords = append(x.catWords, catWords)
			}
		}
		for _, c := range categories {
			x.catTokens = append(x.catTokens, x.words(strings.ReplaceAll(c.name, "_", " ")))
		}
		x.phrases = make([]string, 0, len(x.byPhrase))
		for p := range x.byPhrase {
			x.phrases = append(x.phrases, p)
		}
		slices.Sort(x.phrases)
		prefer := func(a, b int) int {
			if x.prefer(a, b) {
				return -1
			}
			if x.prefer(b, a) {
				return 1
			}
			return 0
		}
		for _, m := range []map[string][]int{x.byPhrase, x.byTokens} {
			for _, is := range m {
				if len(is) > 1 {
					slices.SortStableFunc(is, prefer)
				}
			}
		}
		idx = x
	})
	return idx
}

// entry returns entry i with its title, made only for the entries asked for.
func (x *index) entry(i int) Entry {
	e := x.entries[i]
	e.Title = title(e.Name)
	return e
}

// prefer orders entries that share a name across categories ("plank" is in
// core, plank and others): the category of the same name first, then the
// classic strength categories (numbers 0-32) before the newer ones, then by
// number. The order is fixed, so the same text always means the same
// exercise.
func (x *index) prefer(a, b int) bool {
	ea, eb := x.entries[a], x.entries[b]
	sa, sb := ea.Name == ea.CategoryName, eb.Name == eb.CategoryName
	if sa != sb {
		return sa
	}
	ca, cb := strings.Contains(ea.Name, ea.CategoryName), strings.Contains(eb.Name, eb.CategoryName)
	if ca != cb {
		return ca
	}
	return ea.Category < eb.Category || ea.Category == eb.Category && ea.Number < eb.Number
}

// small words stay lower-case in titles unless they come first.
var small = map[string]bool{"a": true, "an": true, "and": true, "at": true, "for": true, "in": true,
	"of": true, "on": true, "or": true, "the": true, "to": true, "with": true}

// title turns "single_leg_romanian_deadlift_with_dumbbell" into
// "Single Leg Romanian Deadlift with Dumbbell".
func title(snake string) string {
	words := strings.Split(snake, "_")
	for i, w := range words {
		if w == "" || i > 0 && small[w] {
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// normalize lower-cases s, turns '_', '-' and ',' into spaces and collapses
// runs of spaces.
func normalize(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ',', '\t':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// aliases are abbreviations lifters write, spelled out as the catalog does.
var aliases = map[string]string{
	"db": "dumbbell", "dbs": "dumbbell", "kb": "kettlebell", "kbs": "kettlebell", "bb": "barbell",
	"rdl": "romanian deadlift", "rdls": "romanian deadlift", "sl": "single leg", "1": "single",
	"one": "single", "pushdown": "pressdown", "pushdowns": "pressdown", "fly": "flye", "flys": "flye",
	"flies": "flye",
}

// words splits a normalised phrase into words, expanding abbreviations and
// folding simple plurals ("squats" → "squat") onto words of the catalog;
// catalog phrases are folded the same way, so both sides meet.
func (x *index) words(norm string) []string {
	var out []string
	for _, w := range strings.Fields(norm) {
		if a, ok := aliases[w]; ok {
			out = append(out, strings.Fields(a)...)
			continue
		}
		for _, cut := range []string{"es", "s"} {
			if t, ok := strings.CutSuffix(w, cut); ok && x.vocab[t] {
				w = t
				break
			}
		}
		if !x.vocab[w] && x.vocab[w+"s"] {
			w += "s" // "thruster": the catalogue has only "thrusters"
		}
		out = append(out, w)
	}
	return out
}

func tokenKey(words []string) string {
	if len(words) == 1 {
		return words[0]
	}
	s := slices.Clone(words)
	slices.Sort(s)
	return strings.Join(s, " ")
}

// Lookup finds the exercise that text names. text is the phrase of a name
// ("dumbbell squat"; case, '_' and '-' do not matter, and the words may come
// in any order, with plurals and the abbreviations db, kb, bb and rdl), a key
// ("squat/dumbbell_squat") or numbers ("28/29"). The error says what was not
// found and suggests the closest names.
func Lookup(text string) (Entry, error) {
	x := load()
	norm := normalize(text)
	if norm == "" {
		return Entry{}, fmt.Errorf("exercise is empty (see \"workoutc exercises\" for the catalog)")
	}
	if c, n, ok := strings.Cut(norm, "/"); ok {
		return x.lookupKey(text, strings.TrimSpace(c), strings.TrimSpace(n))
	}
	if i, _, ok := x.resolve(norm); ok {
		return x.entry(i), nil
	}
	return Entry{}, fmt.Errorf("unknown exercise %q%s", clip(text), x.hint(norm))
}

// Explain is Lookup with the reason for its choice, for a plain phrase
// that more than one exercise could mean ("calf raise": "the exercise of
// the category named like it"); why is empty for a key or numbers.
func Explain(text string) (e Entry, why string, err error) {
	x := load()
	norm := normalize(text)
	if norm != "" && !strings.Contains(norm, "/") {
		if i, why, ok := x.resolve(norm); ok {
			return x.entry(i), why, nil
		}
	}
	e, err = Lookup(text)
	return e, "", err
}

func (x *index) lookupKey(text, c, n string) (Entry, error) {
	if cn, err1 := strconv.ParseUint(c, 10, 16); err1 == nil {
		nn, err2 := strconv.ParseUint(n, 10, 16)
		if err2 == nil {
			if i, ok := x.byNum[[2]uint16{uint16(cn), uint16(nn)}]; ok {
				return x.entry(i), nil
			}
		}
		return Entry{}, fmt.Errorf("unknown exercise numbers %q (see \"workoutc exercises\" for the catalog)", clip(text))
	}
	c, n = strings.ReplaceAll(c, " ", "_"), strings.ReplaceAll(n, " ", "_")
	if _, ok := x.catNames[c]; !ok {
		cats := make([]string, 0, len(x.catNames))
		for k := range x.catNames {
			cats = append(cats, k)
		}
		sort.Strings(cats)
		if s := closest(c, cats, 1); len(s) > 0 {
			return Entry{}, fmt.Errorf("unknown exercise category %q (did you mean %q?)", clip(c), s[0])
		}
		return Entry{}, fmt.Errorf("unknown exercise category %q (see \"workoutc exercises\" for the categories)", clip(c))
	}
	if i, ok := x.byKey[c+"/"+n]; ok {
		return x.entry(i), nil
	}
	var names []string
	for _, e := range x.entries {
		if e.CategoryName == c {
			names = append(names, e.Name)
		}
	}
	if s := closest(n, names, 3); len(s) > 0 {
		for i := range s {
			s[i] = c + "/" + s[i]
		}
		return Entry{}, fmt.Errorf("category %s has no exercise %q (did you mean %s?)", c, clip(n), quoteList(s))
	}
	// The name may exist in another category.
	if is := x.byPhrase[strings.ReplaceAll(n, "_", " ")]; len(is) > 0 {
		return Entry{}, fmt.Errorf("category %s has no exercise %q (did you mean %q?)", c, clip(n), x.entries[is[0]].Key())
	}
	return Entry{}, fmt.Errorf("category %s has no exercise %q (see \"workoutc exercises %s\")", c, clip(n), strings.ReplaceAll(c, "_", " "))
}

// hint suggests the phrases closest to norm: by spelling first, then by the
// words they share.
func (x *index) hint(norm string) string {
	if s := closest(norm, x.phrases, 3); len(s) > 0 {
		return " (did you mean " + quoteList(s) + "?)"
	}
	if s := x.match(norm); len(s) > 0 {
		ps := []string{}
		for _, i := range s[:min(len(s), 3)] {
			ps = append(ps, x.entries[i].Phrase())
		}
		return " (did you mean " + quoteList(ps) + "?)"
	}
	return " (see \"workoutc exercises\" for the catalog)"
}

// closest returns up to n candidates within a plausible typo distance of s,
// nearest first.
func closest(s string, candidates []string, n int) []string {
	limit := min(max(len(s)/4, 2), 6)
	type cand struct {
		s string
		d int
	}
	var found []cand
	for _, c := range candidates {
		if d := fuzzy.Bounded(s, c, limit); d <= limit {
			found = append(found, cand{c, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].d < found[j].d })
	out := []string{}
	for i := 0; i < len(found) && i < n; i++ {
		out = append(out, found[i].s)
	}
	return out
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	r := []rune(s)
	if len(r) > 60 {
		r = r[:60]
	}
	return string(r) + "…"
}

// Search returns the exercises that query matches, best first, at most limit
// of them (0: all). An empty query lists the whole catalog. A query is a key
// ("squat/dumbbell_squat"), numbers ("28" for a category, "28/29"), or words
// that must each begin a word of the exercise or of its category, in any
// order ("db squat", "hip raise").
func Search(query string, limit int) []Entry {
	x := load()
	norm := normalize(query)
	var hits []int
	switch {
	case norm == "":
		for i := range x.entries {
			hits = append(hits, i)
		}
	case strings.Contains(norm, "/"):
		if e, err := Lookup(norm); err == nil {
			hits = append(hits, x.byKey[e.Key()])
		}
	default:
		if n, err := strconv.ParseUint(norm, 10, 16); err == nil {
			for i, e := range x.entries {
				if uint64(e.Category) == n {
					hits = append(hits, i)
				}
			}
			break
		}
		hits = x.match(norm)
	}
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Entry, len(hits))
	for i, h := range hits {
		out[i] = x.entry(h)
	}
	return out
}

// match ranks the entries whose words or category words each query word
// begins: the exact phrase first, then entries whose own words hold more of
// the query, then shorter names, then the preferred category.
func (x *index) match(norm string) []int {
	q := x.words(norm)
	type hit struct {
		i, inPhrase, words int
		exact              bool
	}
	var hits []hit
	for i, pw := range x.phraseWords {
		inPhrase, ok := 0, true
		for _, w := range q {
			if hasPrefix(pw, w) {
				inPhrase++
			} else if !hasPrefix(x.catWords[i], w) {
				ok = false
				break
			}
		}
		if ok {
			hits = append(hits, hit{i, inPhrase, len(pw), x.entries[i].Phrase() == norm})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		ha, hb := hits[a], hits[b]
		switch {
		case ha.exact != hb.exact:
			return ha.exact
		case ha.inPhrase != hb.inPhrase:
			return ha.inPhrase > hb.inPhrase
		case ha.words != hb.words:
			return ha.words < hb.words
		}
		return x.prefer(ha.i, hb.i)
	})
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.i
	}
	return out
}

// hasPrefix reports whether some word of words begins with p.
func hasPrefix(words []string, p string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, p) })
}

// ByNumber returns the exercise with FIT numbers category/number.
func ByNumber(category, number uint16) (Entry, bool) {
	x := load()
	i, ok := x.byNum[[2]uint16{category, number}]
	if !ok {
		return Entry{}, false
	}
	return x.entry(i), true
}

// CategoryName returns the snake_case name of FIT exercise category c.
func CategoryName(c uint16) (string, bool) {
	n, ok := load().catByNum[c]
	return n, ok
}
