package fit_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	fitenc "github.com/workoutc/workoutc/encode/fit"
)

// TestFieldsMatchToMesg holds the allocation-free field builders to
// mesgdef's ToMesg: same fields, same order, same values.
func TestFieldsMatchToMesg(t *testing.T) {
	for _, tw := range testWorkouts {
		fast, slow, err := fitenc.MessagesForTest(tw.w(), testOpts)
		if err != nil {
			t.Fatal(err)
		}
		if len(fast) != len(slow) {
			t.Fatalf("%s: %d messages, ToMesg %d", tw.name, len(fast), len(slow))
		}
		for i := range fast {
			a, b := fast[i], slow[i]
			if a.Num != b.Num || len(a.Fields) != len(b.Fields) {
				t.Errorf("%s message %d: %v with %d fields, ToMesg %v with %d", tw.name, i, a.Num, len(a.Fields), b.Num, len(b.Fields))
				continue
			}
			for j := range a.Fields {
				fa, fb := a.Fields[j], b.Fields[j]
				if fa.FieldBase != fb.FieldBase || fa.Value.Type() != fb.Value.Type() ||
					fmtValue(fa.Value.Any()) != fmtValue(fb.Value.Any()) {
					t.Errorf("%s message %d field %d: %s=%v, ToMesg %s=%v", tw.name, i, j, fa.Name, fa.Value.Any(), fb.Name, fb.Value.Any())
				}
			}
		}
	}
}

func fmtValue(v any) string {
	if s, ok := v.([]string); ok {
		return strings.Join(s, "\x00") + "[]"
	}
	return fmt.Sprintf("%T %v", v, v)
}

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
