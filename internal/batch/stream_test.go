//go:build unix

package batch

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestUnchangedRerunWritesNothing: a re-run with nothing changed creates,
// writes and renames no file: the index and the manifest are compared with
// those in place, not staged. Only the stage and old folders are made (and
// removed again).
func TestUnchangedRerunWritesNothing(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	dir := t.TempDir()
	opts := Options{Dir: dir, Encoders: fitOnly, Workers: 2, Inputs: []byte("the same plan")}
	if _, err := Run(c, opener(seedRoster), opts); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	manBefore, _ := os.ReadFile(filepath.Join(dir, manifestPath))
	var ops []string
	fault = func(op, name string) error {
		if op != "locked" {
			ops = append(ops, op+" "+name)
		}
		return nil
	}
	sum, err := Run(c, opener(seedRoster), opts)
	fault = nil
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != 0 || sum.Unchanged != 80 {
		t.Errorf("summary %+v", sum)
	}
	sort.Strings(ops)
	if want := []string{"mkdir " + oldPrefix, "mkdir " + stagePrefix}; strings.Join(ops, "\n") != strings.Join(want, "\n") {
		t.Errorf("a re-run with nothing changed did:\n%s\nwant only:\n%s", strings.Join(ops, "\n"), strings.Join(want, "\n"))
	}
	if d := sameTree(before, snapshot(t, dir), false); d != "" {
		t.Errorf("the folder changed: %s", d)
	}
	if m, _ := os.ReadFile(filepath.Join(dir, manifestPath)); !bytes.Equal(m, manBefore) {
		t.Errorf("the manifest was rewritten")
	}
}

// TestIndexRepaired: an index.csv changed by hand (a byte at its start, in
// its middle, at its end, cut short, a line added, emptied) is put back as
// a fresh run writes it by the next run, whichever byte differs first; the
// athletes' files stay as they are.
func TestIndexRepaired(t *testing.T) {
	c := load(t, seedRoster, seedPlan)
	fresh := t.TempDir()
	runBatch(t, c, seedRoster, fresh, 0)
	want, err := os.ReadFile(filepath.Join(fresh, IndexName))
	if err != nil {
		t.Fatal(err)
	}
	wantTree := snapshot(t, fresh)
	flip := func(i int) func([]byte) []byte {
		return func(b []byte) []byte { b[i] ^= 1; return b }
	}
	for name, change := range map[string]func([]byte) []byte{
		"first byte":  flip(0),
		"after 4 KiB": flip(4097),
		"middle":      flip(len(want) / 2),
		"last byte":   flip(len(want) - 1),
		"cut short":   func(b []byte) []byte { return b[:len(b)-10] },
		"line added":  func(b []byte) []byte { return append(b, "Sam,2027-03-01,Extra,sam-rivera/x.fit\n"...) },
		"emptied":     func(b []byte) []byte { return b[:0] },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			runBatch(t, c, seedRoster, dir, 0)
			p := filepath.Join(dir, IndexName)
			b, _ := os.ReadFile(p)
			if err := os.WriteFile(p, change(b), 0o644); err != nil {
				t.Fatal(err)
			}
			sum := runBatch(t, c, seedRoster, dir, 0)
			if sum.Written != 0 || sum.Unchanged != 80 {
				t.Errorf("summary %+v", sum)
			}
			got, _ := os.ReadFile(p)
			if !bytes.Equal(got, want) {
				t.Errorf("index.csv after the re-run differs from a fresh run's (%d bytes, want %d)", len(got), len(want))
			}
			if d := sameTree(wantTree, snapshot(t, dir), true); d != "" {
				t.Errorf("the folder differs from a fresh run's: %s", d)
			}
		})
	}
}

// TestStreamStagesFromFirstDifference: a stream fed in pieces of every
// size stages nothing while it equals old, and, once it differs, a file
// of head, the equal part and the rest.
func TestStreamStagesFromFirstDifference(t *testing.T) {
	old := bytes.Repeat([]byte("0123456789abcdef"), 10000) // 160 kB: several read pieces
	o := &outDir{}
	for _, tc := range []struct {
		name string
		data []byte
		same bool
	}{
		{"equal", old, true},
		{"prefix", old[:len(old)-1], false},
		{"longer", append(append([]byte{}, old...), 'x'), false},
		{"differs late", append(append([]byte{}, old[:150000]...), 'x'), false},
		{"differs first", append([]byte{'x'}, old[1:]...), false},
	} {
		for _, piece := range []int{1, 7, 4096, 70000, len(tc.data) + 1} {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "stage"), 0o755); err != nil {
				t.Fatal(err)
			}
			var err error
			if o.stage, err = os.Open(filepath.Join(dir, "stage")); err != nil {
				t.Fatal(err)
			}
			o.path = dir
			s := &stream{o: o, name: "f", head: []byte("head\n"), old: bytes.NewReader(old), oldN: int64(len(old))}
			for b := tc.data; len(b) > 0; {
				k := min(piece, len(b))
				if n, err := s.Write(b[:k]); n != k || err != nil {
					t.Fatalf("%s, pieces of %d: Write = %d, %v", tc.name, piece, n, err)
				}
				b = b[k:]
			}
			if s.same() != tc.same {
				t.Errorf("%s, pieces of %d: same = %v", tc.name, piece, s.same())
			}
			if !tc.same {
				if err := s.stage(); err != nil {
					t.Fatal(err)
				}
				got, _ := os.ReadFile(filepath.Join(dir, "stage", "f"))
				if want := append([]byte("head\n"), tc.data...); !bytes.Equal(got, want) {
					t.Errorf("%s, pieces of %d: staged %d bytes, want %d", tc.name, piece, len(got), len(want))
				}
			} else if _, err := os.Lstat(filepath.Join(dir, "stage", "f")); err == nil {
				t.Errorf("%s, pieces of %d: staged a file though nothing differs", tc.name, piece)
			}
			o.stage.Close()
		}
	}
}
