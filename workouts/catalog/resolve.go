package catalog

import (
	"slices"
	"sort"
)

// newest is the last of the classic strength categories (bench_press to
// warm_up, numbers 0-32); later numbers are the newer categories watches
// added (run, sandbag, banded exercises, suspension, yoga poses, ...).
const newest = 32

// modifiers rank the words a plain name leaves out: "bench press" is the
// barbell one, "calf raise" the standing one, "hammer curl" the dumbbell
// one. A word not listed ranks after them.
var modifiers = map[string]int{"barbell": 0, "standing": 1, "dumbbell": 2}

// implied are words a plain name means without saying them: "dip" is the
// body weight dip, "curl" a biceps curl; they add nothing to a name's
// length ("with" neither).
var implied = map[string]bool{"with": true, "body": true, "weight": true, "bicep": true, "biceps": true}

// equipment are the newer categories named after a piece of equipment.
var equipment = map[string]bool{"banded_exercises": true, "battle_rope": true, "sandbag": true,
	"sled": true, "sledge_hammer": true, "suspension": true, "tire": true}

// Why a plain name resolved as it did, for `workoutc exercises`.
const (
	whyCategory = "the exercise of the category named like it"
	whyExact    = "the exercise of that name"
	whySuperset = "the plain form of the name in the classic categories"
)

// resolve finds the exercise a plain phrase names, as a lifter means it:
//
//  1. in the category named like the phrase (its words are in the phrase:
//     "calf raise" → calf_raise, "back squat" → squat), the exercise of that
//     name; else a classic category's exercise spelt exactly so ("plank
//     knee tucks" is hyperextension's); else the category's exercise whose
//     name adds the fewest words (two at most), the plainest (barbell,
//     then standing, then dumbbell, then others) first;
//  2. else an exercise of that name (words in any order, plurals folded) in
//     a classic category, one Connect's catalogue also has first;
//  3. else, for a phrase of two words or more or one that only newer
//     categories have, the classic exercise that adds at most two words
//     (one when a newer category has the name), fewest and plainest first ("overhead press" → overhead barbell
//     press, not the sandbag's; "dip" → body weight dip);
//  4. else an exercise of that name in a newer category, Connect's first.
//
// Rules 1 (after its first two steps) and 3 apply only when the newer
// categories that have the name are all equipment (banded, sandbag,
// suspension, ...): a yoga pose or a run drill of that name is that
// exercise.
//
// Within a rule, a name spelt exactly as typed comes before one that only
// has the same words ("single leg rdl circuit" is that exercise, not the
// single leg romanian deadlift circuit). Ties go to Connect's, then to the
// catalogue's preference (prefer). ok is false when nothing
// matches; why says which rule chose.
func (x *index) resolve(norm string) (i int, why string, ok bool) {
	q := x.words(norm)
	var exact []int
	literal := map[int]bool{} // spelt exactly as typed
	for _, i := range x.byPhrase[norm] {
		literal[i] = true
		exact = append(exact, i)
	}
	for _, i := range x.byTokens[tokenKey(q)] {
		if !literal[i] {
			exact = append(exact, i)
		}
	}
	best := func(is []int) int {
		var lit []int
		for _, i := range is {
			if literal[i] {
				lit = append(lit, i)
			}
		}
		if len(lit) > 0 {
			return x.best(lit)
		}
		return x.best(is)
	}
	// A newer category's exercise of that name stands aside for the classic
	// ones only when the category is a piece of equipment (banded, sandbag,
	// suspension, ...): "calf raise" is the standing calf raise, but "cat"
	// is the yoga pose and "speed" the run's.
	var newer, classic []int
	onlyEquipment := true
	for _, i := range exact {
		if x.entries[i].Category <= newest {
			classic = append(classic, i)
			continue
		}
		newer = append(newer, i)
		if !equipment[x.entries[i].CategoryName] {
			onlyEquipment = false
		}
	}
	if c, found := x.headCategory(q); found {
		var inCat []int
		for _, i := range exact {
			if x.entries[i].Category == c {
				inCat = append(inCat, i)
			}
		}
		if len(inCat) > 0 {
			return best(inCat), whyCategory, true
		}
		var lit []int
		for _, i := range exact {
			if literal[i] && x.entries[i].Category <= newest {
				lit = append(lit, i)
			}
		}
		if len(lit) > 0 {
			return x.best(lit), whyExact, true
		}
		if onlyEquipment {
			if i, found := x.plainest(q, func(e Entry) bool { return e.Category == c }, 2); found {
				return i, whyCategory, true
			}
		}
	}
	if len(classic) > 0 {
		return best(classic), whyExact, true
	}
	if onlyEquipment && (len(q) >= 2 || len(newer) > 0) {
		extra := 2
		switch {
		case len(newer) > 0 && len(q) == 1:
			extra = 0 // "dip": the body weight dip, not a ring dip
		case len(newer) > 0:
			extra = 1 // the equipment's exercise of that very name beats a long one
		}
		if i, found := x.plainest(q, func(e Entry) bool { return e.Category <= newest }, extra); found {
			return i, whySuperset, true
		}
	}
	if len(newer) > 0 {
		return best(newer), whyExact, true
	}
	return 0, "", false
}

// headCategory returns the category whose words are all among q's, the one
// of most words (then the lowest number) when several are.
func (x *index) headCategory(q []string) (uint16, bool) {
	best, bestWords, found := uint16(0), 0, false
	for ci, c := range categories {
		if len(c.names) == 0 {
			continue
		}
		words := x.catTokens[ci]
		if len(words) > len(q) || !subset(words, q) {
			continue
		}
		if len(words) > bestWords {
			best, bestWords, found = c.num, len(words), true
		}
	}
	return best, found
}

// plainest returns the entry, among those keep accepts, whose words hold
// all of q's with the fewest others (implied words not counted; at most maxExtra
// of them unless maxExtra < 0), the plainest modifier first, then Connect's,
// then the catalogue's preference.
func (x *index) plainest(q []string, keep func(Entry) bool, maxExtra int) (int, bool) {
	type cand struct{ i, extra, rank int }
	var cands []cand
	for i, e := range x.entries {
		if !keep(e) {
			continue
		}
		words := x.tokens[i]
		if !subset(q, words) {
			continue
		}
		extra, rank := 0, len(modifiers)
		for _, w := range words {
			if slices.Contains(q, w) || implied[w] {
				continue
			}
			extra++
			if r, ok := modifiers[w]; ok && r < rank {
				rank = r
			}
		}
		if maxExtra >= 0 && extra > maxExtra {
			continue
		}
		cands = append(cands, cand{i, extra, rank})
	}
	if len(cands) == 0 {
		return 0, false
	}
	c := loadConnect()
	sort.SliceStable(cands, func(a, b int) bool {
		ca, cb := cands[a], cands[b]
		switch {
		case ca.extra != cb.extra:
			return ca.extra < cb.extra
		case ca.rank != cb.rank:
			return ca.rank < cb.rank
		case c.in[ca.i] != c.in[cb.i]:
			return c.in[ca.i]
		}
		return x.prefer(ca.i, cb.i)
	})
	return cands[0].i, true
}

// best returns the preferred of is: one Connect's catalogue has first, then
// the catalogue's preference.
func (x *index) best(is []int) int {
	if len(is) == 1 {
		return is[0] // no need to load Connect's table
	}
	c := loadConnect()
	b := is[0]
	for _, i := range is[1:] {
		if c.in[i] != c.in[b] {
			if c.in[i] {
				b = i
			}
			continue
		}
		if x.prefer(i, b) {
			b = i
		}
	}
	return b
}

func subset(a, b []string) bool {
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}
