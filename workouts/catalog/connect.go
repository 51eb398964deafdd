package catalog

//go:generate go run connectgen.go

import (
	"sort"
	"strings"
	"sync"

	"github.com/workoutc/workoutc/workouts/internal/fuzzy"
)

type connectName struct {
	key        string
	bodyWeight bool
}

type connectCategory struct {
	key   string
	names []connectName
}

// NoName is Entry.Number for an entry that names a category alone, as
// Connect's catalogue does with the exercise spelled like its category
// (CALF_RAISE/CALF_RAISE) and Connect's own warm-up steps do: FIT has no
// exercise_name for it.
const NoName = 0xFFFF

// connectKey spells a FIT snake_case category or exercise name as Garmin
// Connect's catalogue does: upper case, with an underscore before a
// leading digit ("3_way_calf_raise" → "_3_WAY_CALF_RAISE").
func connectKey(snake string) string {
	k := strings.ToUpper(snake)
	if k != "" && k[0] >= '0' && k[0] <= '9' {
		k = "_" + k
	}
	return k
}

// snakeOf is connectKey backwards.
func snakeOf(key string) string {
	s := strings.ToLower(key)
	if len(s) > 1 && s[0] == '_' && s[1] >= '0' && s[1] <= '9' {
		s = s[1:]
	}
	return s
}

type connectIndex struct {
	known   map[[2]string]bool // {CATEGORY, NAME} of every exercise of Connect's catalogue
	entries []int              // indexes into the FIT catalogue of the entries Connect has, in FIT order
	in      []bool             // per FIT entry: Connect has it
	cats    map[string]bool    // Connect's category keys
}

var (
	connectOnce sync.Once
	connectIdx  *connectIndex
)

func loadConnect() *connectIndex {
	connectOnce.Do(func() {
		x := load()
		c := &connectIndex{known: make(map[[2]string]bool, 1600), cats: map[string]bool{}, in: make([]bool, len(x.entries))}
		for _, cat := range connectCategories {
			c.cats[cat.key] = true
			for _, n := range cat.names {
				c.known[[2]string{cat.key, n.key}] = true
			}
		}
		upper := map[string]string{} // category keys, once each
		for i, e := range x.entries {
			ck, ok := upper[e.CategoryName]
			if !ok {
				ck = connectKey(e.CategoryName)
				upper[e.CategoryName] = ck
			}
			if c.cats[ck] && c.known[[2]string{ck, connectKey(e.Name)}] {
				c.in[i] = true
				c.entries = append(c.entries, i)
			}
		}
		connectIdx = c
	})
	return connectIdx
}

// Connect returns the category and exerciseName keys that Garmin Connect's
// catalogue has for e, and whether it has e at all: Connect knows 1,510
// exercises, fewer than FIT's 1,846. An entry with Number NoName (a
// category alone) is Connect's exercise spelled like the category, when
// Connect has one.
func (e Entry) Connect() (category, name string, ok bool) {
	category = connectKey(e.CategoryName)
	if e.Number == NoName || e.Name == "" {
		name = category
	} else {
		name = connectKey(e.Name)
	}
	return category, name, loadConnect().known[[2]string{category, name}]
}

// InConnect reports whether Garmin Connect's catalogue has e.
func InConnect(e Entry) bool {
	_, _, ok := e.Connect()
	return ok
}

// FromConnect returns the FIT catalogue entry of a Connect category and
// exerciseName ("CALF_RAISE", "_3_WAY_CALF_RAISE"). Connect's exercise
// spelled like its category (CORE/CORE) is, where FIT has no exercise of
// that name, the category alone: Number is NoName and Name is empty. ok is false when FIT has no such exercise (or
// no such category).
func FromConnect(category, name string) (Entry, bool) {
	x := load()
	c, n := snakeOf(category), snakeOf(name)
	num, ok := x.catNames[c]
	if !ok {
		return Entry{}, false
	}
	if i, ok := x.byKey[c+"/"+n]; ok {
		return x.entry(i), true
	}
	if name == category || n == "" {
		return Entry{Category: num, Number: NoName, CategoryName: c, Title: title(c)}, true
	}
	return Entry{}, false
}

// ConnectCategory reports whether Connect's catalogue has the category key
// ("SQUAT").
func ConnectCategory(key string) bool { return loadConnect().cats[key] }

// ConnectSuggest returns up to n exercises that Connect's catalogue has and
// that are closest to e, best first: by the spelling of the phrase, those of
// e's own category first on a tie, then by the catalogue's preference.
func ConnectSuggest(e Entry, n int) []Entry {
	x, c := load(), loadConnect()
	p := e.Phrase()
	type cand struct {
		i, d int
		same bool
	}
	cands := make([]cand, 0, len(c.entries))
	limit := max(len(p), 8)
	for _, i := range c.entries {
		f := x.entries[i]
		d := fuzzy.Bounded(p, f.Phrase(), limit)
		// Words in common count for more than spelling: "weighted
		// single leg hip raise" is nearer "single leg hip raise" than
		// "weighted hip raise" is.
		d -= 2 * shared(x.phraseWords[i], strings.Fields(p))
		if f.Category == e.Category {
			d -= 2 // the same movement family
		}
		cands = append(cands, cand{i, d, f.Category == e.Category})
	}
	sort.SliceStable(cands, func(a, b int) bool {
		ca, cb := cands[a], cands[b]
		if ca.d != cb.d {
			return ca.d < cb.d
		}
		if ca.same != cb.same {
			return ca.same
		}
		return x.prefer(ca.i, cb.i)
	})
	out := []Entry{}
	for _, cd := range cands {
		if len(out) == n {
			break
		}
		out = append(out, x.entry(cd.i))
	}
	return out
}

// shared counts the words of a that b also has.
func shared(a, b []string) int {
	n := 0
	for _, w := range a {
		for _, v := range b {
			if w == v {
				n++
				break
			}
		}
	}
	return n
}
