package fit_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	fitenc "github.com/workoutc/workoutc/encode/fit"
)

func TestRemapSerial(t *testing.T) {
	for in, want := range map[uint32]uint32{0: 1, 0xFFFFFFFF: 0xFFFFFFFE, 1: 1, 0xDEADBEEF: 0xDEADBEEF} {
		if got := fitenc.RemapSerial(in); got != want {
			t.Errorf("remapSerial(%#x) = %#x, want %#x", in, got, want)
		}
	}
}

func TestCutUTF8(t *testing.T) {
	for _, s := range []string{"", "abc", strings.Repeat("é", 10), "a" + strings.Repeat("€", 10), "😀😀😀", "x😀"} {
		for n := 0; n <= len(s)+1; n++ {
			got := fitenc.CutUTF8(s, n)
			if len(got) > n || !utf8.ValidString(got) || !strings.HasPrefix(s, got) || len(got) < min(n, len(s))-3 {
				t.Errorf("cutUTF8(%q, %d) = %q", s, n, got)
			}
		}
	}
}
