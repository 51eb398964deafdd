package tcx_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
)

// paceTCX is a TCX workout with one pace target; its speeds are then
// replaced by the test's.
func paceTCX(t *testing.T) string {
	t.Helper()
	w := compile(t, "p.yaml", "name: P\nsport: running\nsteps:\n  - run: 1 km\n    target: pace 5:00-6:00 /km\n", "", 0)
	b, _, err := tcx.Encode(w, encode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var speedRE = regexp.MustCompile(`<(Low|High)InMetersPerSecond>[^<]*</`)

// TestSpeedBounds: a speed of 0 or 1e-300 m/s is refused, located, with a
// range that makes sense (not "5e-324-1000"), rather than read as a pace
// of millions of hours a kilometre.
func TestSpeedBounds(t *testing.T) {
	src := paceTCX(t)
	for _, v := range []string{"0", "1e-300", "0.05"} {
		doc := speedRE.ReplaceAllString(src, "<${1}InMetersPerSecond>"+v+"</")
		_, _, err := tcx.DecodeFile("s.tcx", []byte(doc))
		if err == nil {
			t.Errorf("speed %s: read", v)
			continue
		}
		msg := err.Error()
		if !regexp.MustCompile(`^s\.tcx:\d+:\d+: LowInMetersPerSecond \S+ is outside 0\.1-1000`).MatchString(msg) || strings.Contains(msg, "e-324") {
			t.Errorf("speed %s: %s", v, msg)
		}
	}
}

// TestUnsupportedEncoding: located at the declaration, no library prefixes.
func TestUnsupportedEncoding(t *testing.T) {
	doc := strings.Replace(paceTCX(t), `encoding="UTF-8"`, `encoding="EBCDIC"`, 1)
	if !strings.Contains(doc, "EBCDIC") {
		doc = `<?xml version="1.0" encoding="EBCDIC"?>` + "\n" + doc[strings.Index(doc, "?>")+2:]
	}
	_, _, err := tcx.DecodeFile("e.tcx", []byte(doc))
	want := `^e\.tcx:1:\d+: unsupported encoding "EBCDIC"; TCX files are read in UTF-8, ISO-8859-1 or Windows-1252$`
	if err == nil || !regexp.MustCompile(want).MatchString(err.Error()) {
		t.Errorf("got %v, want %s", err, want)
	}
}
