package calendar

import (
	"os"
	"path"
	"strings"
	"testing"
)

// FuzzParseIndex: no index panics the parser, and every session it
// accepts is a .fit file one folder deep inside the batch folder.
func FuzzParseIndex(f *testing.F) {
	f.Add([]byte("athlete,date,workout,file\nSam Rivera,2027-01-04,Easy,sam-rivera/2027-01-04-easy.fit\n"))
	f.Add([]byte("athlete,date,workout,file\n\"O'Brien, Zoë\",2027-01-05,Hill,o-brien-zoe/2027-01-05-hill.fit\nX,2027-01-05,Hill,x/a.tcx\n"))
	f.Add([]byte("athlete,date,workout,file\nA,2027-01-04,E,../a/b.fit\n"))
	if b, err := os.ReadFile("../../testdata/club/roster.csv"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sessions, order, err := parseIndex("index.csv", strings.NewReader(string(data)))
		if err != nil {
			return
		}
		if len(order) != len(sessions) {
			t.Fatalf("%d folders in order, %d in the map", len(order), len(sessions))
		}
		for slug, list := range sessions {
			for _, s := range list {
				dir, name := path.Split(s.file)
				if dir != slug+"/" || name == "" || slug == ".." || slug == "." || strings.HasPrefix(s.file, "/") || s.date.IsZero() {
					t.Fatalf("session %+v of folder %q escapes the batch folder", s, slug)
				}
			}
		}
	})
}
