package workouts

import "testing"

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Hill Repeats":            "hill-repeats",
		"Runner Strength Circuit": "runner-strength-circuit",
		"Séance fractionnée":      "seance-fractionnee",
		"../../etc/passwd":        "etc-passwd",
		".hidden":                 "hidden",
		"CON":                     "con-workout",
		"com1":                    "com1-workout",
		"":                        "workout",
		"日本語":                     "workout",
		"  5 x 1 km @ 10K  ":      "5-x-1-km-10k",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slug(string(make([]byte, 0)) + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b")
	if len(long) > 64 {
		t.Errorf("slug too long: %d", len(long))
	}
}
