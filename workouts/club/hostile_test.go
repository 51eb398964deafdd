package club

import (
	"io"
	"runtime"
	"strings"
	"testing"
)

// repeatReader yields head, then n copies of unit, then tail, without
// holding them in memory.
type repeatReader struct {
	head, unit, tail string
	n                int
	buf              []byte
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		switch {
		case r.head != "":
			r.buf, r.head = []byte(r.head), ""
		case r.n > 0:
			k := min(r.n, max(1, 4096/len(r.unit)))
			r.buf, r.n = []byte(strings.Repeat(r.unit, k)), r.n-k
		case r.tail != "":
			r.buf, r.tail = []byte(r.tail), ""
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// TestRosterHugeRow: a row of millions of empty fields (or one of many
// short ones past the byte bound) is refused at the row's start, and the
// reader's memory does not grow with the row: the bytes allocated stay far
// below the row's size (gigabytes before).
func TestRosterHugeRow(t *testing.T) {
	cases := []struct {
		name string
		r    *repeatReader
		want string
	}{
		{"fields", &repeatReader{head: "name,units\n", unit: ",", n: 5_000_000, tail: "\n"},
			"r.csv:2:1: the row has more than 1000 fields; a roster row holds at most 1000"},
		{"bytes", &repeatReader{head: "name,units\nSam,", unit: strings.Repeat("x", 4000) + ",", n: 500, tail: "\n"},
			"r.csv:2:1: the row is longer than 262144 bytes"},
		{"long fields", &repeatReader{head: "name,units\nSam,", unit: strings.Repeat("x", 999) + ",", n: 300, tail: "\n"},
			"r.csv:2:1: the row is longer than 262144 bytes; a roster row holds at most 262144"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, ds, err := Check(nil, "r.csv", c.r)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if got := ds.Error(); !strings.HasPrefix(got, c.want) {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes allocated", alloc)
			if alloc > 2<<20 {
				t.Errorf("reading the row allocated %d bytes; want under 2 MB whatever the row's length", alloc)
			}
		})
	}
}

// TestLoadBelowOne: a load under 1% is refused, as the message's range
// says (0.5% passed before).
func TestLoadBelowOne(t *testing.T) {
	in := "start: 2027-01-04\nweeks: 1\nsessions:\n  - workout: circuit.yaml\n    days: [mon]\n    load: [0.5%]\n"
	_, ds := ParsePlan("club/p.yaml", []byte(in), files(testWorkouts))
	if got, want := ds.Error(), "club/p.yaml:6:12: load 0.5% is outside 1%-200%"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
