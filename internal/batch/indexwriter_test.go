package batch

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"testing"
)

// TestIndexWriterIsCSV: the index writer's rows are byte for byte what
// encoding/csv writes, for cells of every awkward kind.
func TestIndexWriterIsCSV(t *testing.T) {
	parts := []string{"", "a", "Ana Souza", ",", "\"", "\r", "\n", "\r\n", " ", "\t", "\\.", ".", "\\", "'",
		"=1+2", "-", "@x", "\u00a0", "\u2028", "é", "x y", "2027-01-05", "ana/2027-01-05-hill-repeats.fit", "\x00", "\x7f"}
	r := rand.New(rand.NewPCG(3, 4))
	cell := func() string {
		s := ""
		for n := r.IntN(4); n > 0; n-- {
			s += parts[r.IntN(len(parts))]
		}
		return s
	}
	var got, want bytes.Buffer
	iw := newIndexWriter(&got)
	cw := csv.NewWriter(&want)
	cw.Write(indexHeader)
	for i := 0; i < 20000; i++ {
		row := IndexRow{Athlete: cell(), Date: cell(), Workout: cell(), File: cell()}
		iw.row(row)
		cw.Write([]string{Neutralise(row.Athlete), Neutralise(row.Date), Neutralise(row.Workout), Neutralise(row.File)})
	}
	if err := iw.flush(); err != nil {
		t.Fatal(err)
	}
	cw.Flush()
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := got.Bytes(), want.Bytes()
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("the index differs from encoding/csv's at byte %d: %q, want %q", i, g[i:min(i+40, len(g))], w[i:min(i+40, len(w))])
	}
}
