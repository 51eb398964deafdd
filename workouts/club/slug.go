package club

import (
	"strconv"

	"github.com/workoutc/workoutc/workouts"
)

// maxSlug is the longest athlete slug before a "-N" suffix.
const maxSlug = 48

// AthleteSlug is the folder name an athlete's name asks for: lower-case
// ASCII letters, digits and single dashes ("Zoë O'Brien" → "zoe-o-brien"),
// at most 48 bytes, "athlete" when nothing is left, and never a name
// Windows reserves ("CON" → "con-athlete"). It cannot hold "/", "\\" or a
// dot, so it never leaves the output folder. Two athletes may ask for the
// same folder; a slugger makes them unique.
func AthleteSlug(name string) string { return workouts.SlugMax(name, maxSlug, "athlete") }

// slugger makes folder names unique: an athlete whose AthleteSlug no
// earlier athlete asked for keeps it; a later one that asks for a taken
// folder gets the first free "-2", "-3", ... that no athlete of the roster
// asks for. The same list always gives the same folders; reordering the
// roster may swap which of two namesakes is "-2". It holds one map entry
// and one string per athlete and a record per namesake only.
type slugger struct {
	seen  map[string]int32 // every folder asked for or given → the line of its first asker (0: given)
	bases []string
	dups  []int // indexes into bases of the athletes that must move
}

// add records the next athlete's folder; it reports the line of the
// first athlete that asked for it when it is taken.
func (s *slugger) add(base string, line int) (firstLine int, taken bool) {
	if s.seen == nil {
		s.seen = map[string]int32{}
	}
	if l, ok := s.seen[base]; ok {
		s.dups = append(s.dups, len(s.bases))
		s.bases = append(s.bases, base)
		return int(l), true
	}
	s.seen[base] = int32(line)
	s.bases = append(s.bases, base)
	return 0, false
}

// finish gives every moved athlete its folder and returns all folders in
// order (the slice holds the bases, rewritten in place).
func (s *slugger) finish() []string {
	next := map[string]int{}
	for _, i := range s.dups {
		b := s.bases[i]
		n := max(next[b], 2)
		for {
			c := b + "-" + strconv.Itoa(n)
			n++
			if _, used := s.seen[c]; !used {
				s.seen[c] = 0
				s.bases[i] = c
				break
			}
		}
		next[b] = n
	}
	return s.bases
}
