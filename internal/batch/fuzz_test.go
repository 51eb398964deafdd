package batch

import (
	"os"
	"path"
	"strings"
	"testing"
)

// FuzzReadIndex: no index panics the reader, and every row it accepts
// names a file one folder deep inside the batch folder, with a date;
// what Neutralise writes reads back as it was.
func FuzzReadIndex(f *testing.F) {
	f.Add([]byte("athlete,date,workout,file\nSam Rivera,2027-01-04,Easy,sam-rivera/2027-01-04-easy.fit\n"))
	f.Add([]byte("athlete,date,workout,file\n\"O'Brien, Zoë\",2027-01-05,Hill,o-brien-zoe/2027-01-05-hill.fit\n'-Ana,2027-01-05,'=x,x/a.tcx\n"))
	f.Add([]byte("athlete,date,workout,file\nA,2027-01-04,E,../a/b.fit\n"))
	if b, err := os.ReadFile(goldenDir + "/index.csv"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := ReadIndex("index.csv", strings.NewReader(string(data)), func(r IndexRow) error {
			folder, file := path.Split(r.File)
			if folder == "" || strings.Count(r.File, "/") != 1 || !safeName(file) || !safeName(strings.TrimSuffix(folder, "/")) || strings.HasPrefix(r.File, "/") {
				t.Fatalf("row %+v escapes the batch folder", r)
			}
			if n := Neutralise(r.Athlete); Unneutralise(n) != r.Athlete {
				t.Fatalf("%q does not round-trip", r.Athlete)
			}
			return nil
		})
		_ = err
	})
}

// FuzzManifest: no manifest or journal panics its parser, every file a
// parsed manifest lists is inside its athlete's folder, and every path a
// journal renames is one of the batch's own.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(manifestMagic + "\nrun x\na sam 00112233445566778899aabbccddeeff\nf sam/2027-01-04-e.fit 12 00112233445566778899aabbccddeeff\nf index.csv 5 00112233445566778899aabbccddeeff\nend\n"))
	f.Add([]byte(manifestMagic + "\nrun x\na sam 00112233445566778899aabbccddeeff\nf ../x/a.fit 12 00112233445566778899aabbccddeeff\nend\n"))
	f.Add([]byte(journalMagic + "\nrun x\nm .workoutc-batch/stage/sam sam\nm sam/a.fit .workoutc-batch/old/sam/a.fit\nd gone\nend\n"))
	f.Add([]byte(journalMagic + "\nrun x\nm ../etc/passwd sam\nend\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := parseManifest(data); err == nil {
			for slug, a := range m.athletes {
				if !safeName(slug) {
					t.Fatalf("folder %q", slug)
				}
				for _, fr := range m.files(a) {
					if !safeName(fr.name) {
						t.Fatalf("file %q of %q", fr.name, slug)
					}
				}
			}
		}
		if j, err := parseJournal(data); err == nil {
			for _, o := range j.ops {
				for _, p := range []string{o.from, o.to} {
					if o.dir && p == o.to {
						continue
					}
					if strings.HasPrefix(p, "/") || strings.Contains(p, "..") || strings.Contains(p, "\\") || !ownPath(p) {
						t.Fatalf("journal path %q", p)
					}
				}
			}
		}
	})
}
