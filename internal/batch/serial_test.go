package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

// serialsOf returns the FIT serial number of every file of the batch in
// dir, by path, and the paths in index order.
func serialsOf(t *testing.T, dir string) (map[string]uint32, []string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, IndexName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]uint32{}
	var order []string
	for _, r := range recs[1:] {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(r[3])))
		if err != nil {
			t.Fatal(err)
		}
		s, ok := fitSerial(b)
		if !ok {
			t.Fatalf("%s: no serial number", r[3])
		}
		out[r[3]] = s
		order = append(order, r[3])
	}
	return out, order
}

// sameTrees runs the batch with 1 and with 4 workers and fails unless the
// two trees are byte for byte the same; it returns the first folder.
func sameTrees(t *testing.T, c *club.Club, roster string, opts Options) string {
	t.Helper()
	var dirs []string
	for _, workers := range []int{1, 4} {
		o := opts
		o.Dir, o.Encoders, o.Workers = filepath.Join(t.TempDir(), "out"), fitOnly, workers
		if _, err := Run(c, opener(roster), o); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, o.Dir)
	}
	a, b := tree(t, dirs[0]), tree(t, dirs[1])
	if len(a) != len(b) {
		t.Fatalf("%d and %d files with 1 and 4 workers", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between 1 and 4 workers", p)
		}
	}
	return dirs[0]
}

// checkDistinct fails unless every serial is distinct and inside the
// block of its file's member.
func checkDistinct(t *testing.T, c *club.Club, s *Serials, serials map[string]uint32) {
	t.Helper()
	owner := map[uint32]string{}
	for p, v := range serials {
		if prev, dup := owner[v]; dup {
			t.Errorf("%s and %s share serial number %#08x", prev, p, v)
		}
		owner[v] = p
		slug, _, _ := strings.Cut(p, "/")
		i := slices.Index(c.Slugs, slug)
		if first, last := s.Block(i); v < first || v > last {
			t.Errorf("%s: serial %#08x outside %s's block %#08x-%#08x", p, v, slug, first, last)
		}
	}
}

// TestSerialBlocks: every member gets a block of its own, never one that
// could give the serial number 0 or 0xFFFFFFFF; the blocks depend on the
// set of folder names, not their order; a full table still works, one
// more athlete is an error at the roster.
func TestSerialBlocks(t *testing.T) {
	slugs := make([]string, 5000)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("athlete-%d", i)
	}
	s, err := newSerials("roster.csv", slugs, blockBits)
	if err != nil {
		t.Fatal(err)
	}
	byBlock := map[uint32]string{}
	for i, slug := range slugs {
		first, last := s.Block(i)
		if first == 0 || last == 0xFFFFFFFF || last-first != BlockSize-1 || first&(BlockSize-1) != 0 {
			t.Errorf("%s: block %#08x-%#08x", slug, first, last)
		}
		if prev, dup := byBlock[first]; dup {
			t.Errorf("%s and %s share block %#08x", prev, slug, first)
		}
		byBlock[first] = slug
	}
	// Reversed, the same folders get the same blocks.
	rev := slices.Clone(slugs)
	slices.Reverse(rev)
	r, err := newSerials("roster.csv", rev, blockBits)
	if err != nil {
		t.Fatal(err)
	}
	for i := range slugs {
		a, _ := s.Block(i)
		b, _ := r.Block(len(slugs) - 1 - i)
		if a != b {
			t.Errorf("%s: block %#08x, reversed %#08x", slugs[i], a, b)
		}
	}
	// One more athlete: nobody else moves (here).
	more, err := newSerials("roster.csv", append(slices.Clone(slugs), "zoe"), blockBits)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(more.blocks[:len(slugs)], s.blocks) {
		t.Error("adding an athlete moved others' blocks")
	}

	// 2^4 blocks of 2^28: 14 usable, all taken.
	full, err := newSerials("roster.csv", slugs[:14], 28)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(slices.Values(full.blocks))
	if want := []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}; !slices.Equal(got, want) {
		t.Errorf("a full table: blocks %v", got)
	}
	_, err = newSerials("roster.csv", slugs[:15], 28)
	var ds workouts.Diagnostics
	if !errors.As(err, &ds) || !strings.HasPrefix(err.Error(), "roster.csv: 15 athletes; a batch holds at most 14,") {
		t.Errorf("15 athletes for 14 blocks: %v", err)
	}
}

// writeClub writes a roster of names and a one-week plan of an easy run
// on three days, and checks them.
func writeClub(t *testing.T, names []string) (*club.Club, string) {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"name"})
	for _, n := range names {
		w.Write([]string{n})
	}
	w.Flush()
	roster := filepath.Join(dir, "roster.csv")
	writeFile(t, roster, b.String())
	writeFile(t, filepath.Join(dir, "easy.yaml"), "name: Easy\nsteps:\n  - run: 20 min\n")
	writeFile(t, filepath.Join(dir, "plan.yaml"), "start: 2027-01-04\nweeks: 1\nsessions:\n  - workout: easy.yaml\n    days: [mon, wed, fri]\n")
	return load(t, roster, filepath.Join(dir, "plan.yaml")), roster
}

// TestSerialBlockCollision: two athletes whose folder names pick the same
// block. The one whose folder sorts first keeps it, the other takes the
// next, wherever they are in the roster and however many workers run;
// every file's serial number is distinct and in its athlete's block.
func TestSerialBlockCollision(t *testing.T) {
	const last = MaxAthletes
	home := map[uint32]string{}
	var a, b string
	var h uint32
	for i := 0; a == ""; i++ {
		name := fmt.Sprintf("Runner %d", i)
		_, hb := homeBlock(nil, club.AthleteSlug(name), last)
		if other, ok := home[hb]; ok {
			a, b, h = other, name, hb
		}
		home[hb] = name
	}
	if club.AthleteSlug(b) < club.AthleteSlug(a) {
		a, b = b, a
	}
	third := "Zoë Third"
	if _, h3 := homeBlock(nil, club.AthleteSlug(third), last); h3 == h || h3 == h+1 {
		t.Fatalf("pick another third athlete: %s's block is %d", third, h3)
	}
	t.Logf("%q and %q both pick block %d", a, b, h)

	serialsBy := map[string]uint32{}
	for _, names := range [][]string{{b, third, a}, {a, b, third}} {
		c, roster := writeClub(t, names)
		s, err := NewSerials(c)
		if err != nil {
			t.Fatal(err)
		}
		ia, ib := slices.Index(names, a), slices.Index(names, b)
		if fa, _ := s.Block(ia); fa != h<<blockBits {
			t.Errorf("%s (sorts first): block %#08x, want %#08x", a, fa, h<<blockBits)
		}
		if fb, _ := s.Block(ib); fb != (h+1)<<blockBits {
			t.Errorf("%s (sorts second): block %#08x, want the next, %#08x", b, fb, (h+1)<<blockBits)
		}
		dir := sameTrees(t, c, roster, Options{})
		serials, _ := serialsOf(t, dir)
		if len(serials) != 9 {
			t.Fatalf("%d files", len(serials))
		}
		checkDistinct(t, c, s, serials)
		// Another roster order: each file keeps its serial number.
		for p, v := range serials {
			if prev, ok := serialsBy[p]; ok && prev != v {
				t.Errorf("%s: serial %#08x, %#08x in the other roster order", p, v, prev)
			}
			serialsBy[p] = v
		}
	}
}

// TestSerialsWithinBlock: with blocks of 32 serial numbers, an athlete's
// 20 files must share low bits; each file takes the first free number of
// the block from its content's, in plan order, the same with 1 and 4
// workers, and all 80 are distinct.
func TestSerialsWithinBlock(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	// The low bits of the content: those of the usual layout (where none
	// of these files moved: 14 bits leave room).
	wide, _ := serialsOf(t, sameTrees(t, c, seedRoster, Options{}))

	const bits = 5
	s, err := newSerials(c.File, c.Slugs, bits)
	if err != nil {
		t.Fatal(err)
	}
	serials, order := serialsOf(t, sameTrees(t, c, seedRoster, Options{Serials: s}))
	if len(serials) != 80 {
		t.Fatalf("%d files", len(serials))
	}
	checkDistinct(t, c, s, serials)
	used := map[string]map[uint32]bool{}
	moved := 0
	for _, p := range order { // index order: each athlete's files in plan order
		slug, _, _ := strings.Cut(p, "/")
		if used[slug] == nil {
			used[slug] = map[uint32]bool{}
		}
		first, _ := s.Block(slices.Index(c.Slugs, slug))
		low := wide[p] & (1<<bits - 1)
		want := first | low
		for used[slug][want] {
			low = (low + 1) & (1<<bits - 1)
			want = first | low
		}
		if want != first|wide[p]&(1<<bits-1) {
			moved++
		}
		used[slug][want] = true
		if serials[p] != want {
			t.Errorf("%s: serial %#08x, want %#08x", p, serials[p], want)
		}
	}
	if moved == 0 {
		t.Error("no file had to move: the test shows nothing")
	}
	// Compile's identities are the files' own.
	f, _ := os.Open(seedRoster)
	defer f.Close()
	c.Members(f, func(m club.Member) error {
		entries, _, err := Compile(c, m, Options{Encoders: fitOnly, Serials: s})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if v, _ := fitSerial(e.Data); v != e.Identity.SerialNumber || v != serials[e.Path] {
				t.Errorf("%s: Identity %#08x, data %#08x, written %#08x", e.Path, e.Identity.SerialNumber, v, serials[e.Path])
			}
		}
		return nil
	})
	t.Logf("%d of 80 files took another number of their block", moved)
}

// TestSerialLimits: a plan with more FIT files per athlete than a block
// holds, or serial numbers of another roster, are refused before anything
// is written; the plan's error is at the plan.
func TestSerialLimits(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	small, err := newSerials(c.File, c.Slugs, 4)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	_, err = Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly, Serials: small})
	var ds workouts.Diagnostics
	want := seedPlan + ": the plan gives each athlete 20 FIT files; a batch gives an athlete at most 16,"
	if !errors.As(err, &ds) || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("20 files in blocks of 16: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused run made %s: %v", dir, err)
	}
	var m club.Member
	f, _ := os.Open(seedRoster)
	c.Members(f, func(x club.Member) error { m = x; return nil })
	f.Close()
	if _, _, err := Compile(c, m, Options{Encoders: fitOnly, Serials: small}); !errors.As(err, &ds) {
		t.Errorf("Compile with blocks of 16: %v", err)
	}

	other, _ := newSerials(c.File, c.Slugs[:2], blockBits)
	_, err = Run(c, opener(seedRoster), Options{Dir: dir, Encoders: fitOnly, Serials: other})
	if err == nil || !strings.Contains(err.Error(), "for a roster of 2 athletes, not 4") {
		t.Errorf("serials of another roster: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused run made %s: %v", dir, err)
	}
}

// BenchmarkNewSerials10000 gives 10,000 athletes their blocks, as Run
// does once before it starts.
func BenchmarkNewSerials10000(b *testing.B) {
	slugs := make([]string, 10000)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("athlete-%05d", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := newSerials("roster.csv", slugs, blockBits); err != nil {
			b.Fatal(err)
		}
	}
}
