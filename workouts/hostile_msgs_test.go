package workouts

import (
	"os"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/term"
)

// TestTrueMessages: each input of issue 13's "messages" and "numbers"
// lists gets one true, located message (and no false second one).
func TestTrueMessages(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"comments only", "# a workout to come\n\n  # later\n", "w.yaml:1:1: only comments, no workout definition (expected keys name, sport and steps)"},
		{"comments after blank lines", "\n\n# c\n", "w.yaml:3:1: only comments, no workout definition (expected keys name, sport and steps)"},
		{"only step has a typo", "name: x\nsteps:\n  - rnu: 1 min\n", `w.yaml:3:5: unknown key "rnu" in a step (did you mean "run"?)`},
		{"nan", "name: x\nsteps:\n  - run: .nan min\n", `w.yaml:3:10: ".nan" is not a number`},
		{"inf", "name: x\nsteps:\n  - run: .inf\n", `w.yaml:3:10: ".inf" is not a number`},
		{"distance rounds to 0", "name: x\nsteps:\n  - run: 0.0001 m\n", `w.yaml:3:10: distance "0.0001 m" is shorter than 1 cm, the finest a FIT file holds (it would be written as 0 m)`},
		{"900 kB value", "name: x\nsteps:\n  - run: " + strings.Repeat("9", 900<<10) + "x min\n", `w.yaml:3:`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse("w.yaml", []byte(c.src))
			got := diags.Errors().Error()
			if !strings.HasPrefix(got, c.want) || strings.Count(got, "\n") > 0 {
				t.Errorf("got\n%.400s\nwant one line starting\n%s", got, c.want)
			}
			if len(got) > 600 {
				t.Errorf("the message is %d bytes: a value is echoed whole", len(got))
			}
		})
	}
	// A distance of 1 cm is fine.
	if _, diags := Parse("w.yaml", []byte("name: x\nsteps:\n  - run: 0.01 m\n")); diags.HasErrors() {
		t.Errorf("1 cm refused: %v", diags)
	}
}

// TestDiagnosticEscapes: a file name or message with control characters
// prints as one plain line.
func TestDiagnosticEscapes(t *testing.T) {
	d := Diagnostic{Pos: Pos{File: "a\nb\x1b[2J.yaml", Line: 1, Col: 2}, Msg: "bad \u202ename\r"}
	got := d.String()
	if want := `a\nb\x1b[2J.yaml:1:2: bad \u202ename\r`; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	var ds Diagnostics
	ds.Errorf(Pos{File: "f"}, "value %q", strings.Repeat("x", 1<<20))
	if n := len(ds[0].Msg); n > 300 {
		t.Errorf("a 1 MB value makes a %d-byte message", n)
	}
}

// FuzzParseAthlete: no athlete profile panics the parser, every problem is
// located in the file, and no message holds a raw control character.
func FuzzParseAthlete(f *testing.F) {
	for _, s := range []string{"../testdata/athletes/sam.yaml", "../testdata/athletes/ana.yaml"} {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("name: \"a\\e[2J\"\nzones:\n  pace:\n    \"\\u202e\": 9:00-9:30 /mi\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := ParseAthlete("a.yaml", data)
		for _, d := range diags {
			if d.Pos.File != "a.yaml" || d.Msg == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
			if s := d.String(); strings.ContainsFunc(s, term.IsControl) {
				t.Fatalf("raw control character in %q", s)
			}
		}
	})
}
