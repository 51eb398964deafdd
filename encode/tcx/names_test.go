package tcx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestShorten(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"Hill Repeats", 15, "Hill Repeats"},
		{"  Hill \t Repeats ", 15, "Hill Repeats"}, // xsd:token collapses white space
		{"Walk or slow jog", 15, "Walk/slow jog"},
		{"Squats and lunges galore", 15, "Squats&lunges"},
		{"Runner Strength Circuit", 15, "Runner Strength"},
		{"Circuit (metric)", 15, "Circuit metric"},
		{"Dumbbell Squat", 11, "DB Squat"},
		{"Dumbbell Deadlift", 11, "DB Deadlift"},
		{"Single Leg Romanian Deadlift with Dumbbell", 9, "SL RDL DB"},
		{"Weighted Hip Raise", 11, "Hip Raise"},
		{"10 minutes easy", 13, "10 min easy"},
		{"Repeat the hill", 12, "Rep the hill"},
		{"Repeat the hill", 11, "Rep hill"},
		{"Abcdefghijklmnop", 15, "Abcdefghijklmno"},
		{"Goblet squat", 11, "Goblet"},              // a whole word that keeps half the room
		{"Go verylongwordhere", 10, "Go verylon"},   // else cut mid-word
		{"Éééééééééééééééé", 15, "Ééééééééééééééé"}, // characters, not bytes
		{"Hills / flats / more", 15, "Hills/flats/mor"},
	} {
		got := shorten(c.in, c.max)
		if got != c.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > c.max || n == 0 {
			t.Errorf("shorten(%q, %d) = %q: %d characters", c.in, c.max, got, n)
		}
	}
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"Weighted Single Leg Hip Raise", 9, "Hip Raise"},
		{"Side Plank", 8, "Plank"},
		{"Walking Lunge", 10, "Walk Lunge"},
		{"Supercalifragilistic", 9, "Supercali"},
	} {
		if got := shortenName(c.in, c.max, true); got != c.want {
			t.Errorf("shortenName(%q, %d, true) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

func TestNamerUnique(t *testing.T) {
	n := newNamer()
	got := []string{
		n.name("Progression run one", "Progression run one", "", false),
		n.name("Progression run two", "Progression run two", "", false),
		n.name("Progression run three", "Progression run three", "", false),
		n.name("Progression run one", "Progression run one", "", false),
		n.name("Dumbbell Squat x10", "Dumbbell Squat", " x10", true),
		n.name("Dumbbell Squat x12", "Dumbbell Squat", " x12", true),
		n.name("X x123456789012345", "X", " x123456789012345", true),
	}
	want := []string{"Progression run", "Progression 2", "Progression 3", "Progression run", "DB Squat x10", "DB Squat x12", "X x123456789012"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("names %q, want %q", got, want)
	}
}
