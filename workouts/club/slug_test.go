package club

import (
	"regexp"
	"strings"
	"testing"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// hostileNames are names that must not leave the output folder, clash on
// a case-insensitive file system, or be a device name on Windows.
var hostileNames = []string{
	"..", ".", "../../etc/passwd", "/etc/passwd", `..\..\windows`, ".bashrc", "CON", "con.txt", "Nul", "COM1", "lpt9",
	"", "   ", "!!!", "🏃‍♀️", "名前", "Sam Rivera", "sam rivera", "SAM-RIVERA", "Sam Rivera", "sam-rivera-2",
	"Zoë", "Zoe", strings.Repeat("a", 300), "a/b", "a\x00b", "-lead-", "athlete",
}

func TestAthleteSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Sam Rivera", "sam-rivera"}, {"O'Brien, Zoë", "o-brien-zoe"}, {"..", "athlete"}, {"../../etc/passwd", "etc-passwd"},
		{"CON", "con-athlete"}, {"com1", "com1-athlete"}, {".bashrc", "bashrc"}, {"名前", "athlete"}, {"Ṡam", "sam"},
	} {
		if got := AthleteSlug(c.in); got != c.want {
			t.Errorf("AthleteSlug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// windowsReserved matches the device names Windows reserves.
var windowsReserved = regexp.MustCompile(`^(con|prn|aux|nul|com[0-9]|lpt[0-9])$`)

// TestSlugsHostile: every folder is a plain slug, unique, and the same
// list always gives the same folders.
func TestSlugsHostile(t *testing.T) {
	got := slugs(hostileNames)
	seen := map[string]string{}
	for i, s := range got {
		if !slugRE.MatchString(s) || len(s) > 64 || windowsReserved.MatchString(s) {
			t.Errorf("%q → unsafe folder %q", hostileNames[i], s)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("%q and %q share folder %q", prev, hostileNames[i], s)
		}
		seen[s] = hostileNames[i]
	}
	again := slugs(hostileNames)
	if strings.Join(got, ",") != strings.Join(again, ",") {
		t.Error("the same names gave different folders")
	}
	// Namesakes: the first keeps the folder; later ones skip any folder
	// another athlete asks for ("sam-rivera-2" is a real name here).
	want := map[int]string{16: "sam-rivera", 17: "sam-rivera-3", 18: "sam-rivera-4", 19: "sam-rivera-5", 20: "sam-rivera-2"}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("%q → %q, want %q", hostileNames[i], got[i], w)
		}
	}
}

// slugs returns a unique folder name for each of names, in order. An
// athlete whose AthleteSlug no earlier athlete asked for keeps it; a later
// one that asks for a taken folder gets the first free "-2", "-3", ...
// that no athlete of the roster asks for. The same list always gives the
// same folders; reordering the roster may swap which of two namesakes is
// "-2".
func slugs(names []string) []string {
	var s slugger
	for i, n := range names {
		s.add(AthleteSlug(n), i+1)
	}
	return s.finish()
}
