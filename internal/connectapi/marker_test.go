package connectapi

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMarkRoundTrip(t *testing.T) {
	m := Mark{Key: "sam-rivera/2027-01-05-hill-repeats", Sum: Sum([]byte("x")), Dates: []string{"2027-01-05", "2027-01-12"}}
	got, ok := ParseMark("Posterior-chain strength run.\n" + m.String())
	if !ok || got.String() != m.String() {
		t.Fatalf("ParseMark = %v, %v; want %v", got, ok, m)
	}
	for _, desc := range []string{"", "made in Connect", "[workoutc key=UPPER sum=0123456789abcdef]", "[workoutc key=a sum=short]"} {
		if _, ok := ParseMark(desc); ok {
			t.Errorf("ParseMark(%q) found a mark", desc)
		}
	}
}

func TestMarked(t *testing.T) {
	m := Mark{Key: "hill-repeats", Sum: "0123456789abcdef"}
	for in, wantDesc := range map[string]string{
		`{"workoutName":"a","description":"Hills."}`: "Hills.\n" + m.String(),
		`{"workoutName":"a"}`:                        m.String(),
		`{"workoutName":"a","description":null}`:     m.String(),
		// an old mark is replaced, not added to
		`{"workoutName":"a","description":"Hills.\n[workoutc key=hill-repeats sum=fedcba9876543210 on=2027-01-05]"}`: "Hills.\n" + m.String(),
	} {
		out, err := marked([]byte(in), m, 42)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			ID   int64  `json:"workoutId"`
			Desc string `json:"description"`
			Name string `json:"workoutName"`
		}
		if err := json.Unmarshal(out, &got); err != nil || got.Desc != wantDesc || got.ID != 42 || got.Name != "a" {
			t.Errorf("marked(%s) = %s", in, out)
		}
	}
	if _, err := marked([]byte(`[1]`), m, 0); err == nil || !strings.Contains(err.Error(), "not an object") {
		t.Errorf("err = %v", err)
	}
}

func FuzzParseMark(f *testing.F) {
	seeds := []string{"", "Hills.\n[workoutc key=hill-repeats sum=0123456789abcdef on=2027-01-05,2027-01-12]",
		"[workoutc key=a/b sum=0123456789abcdef]", "[workoutc key= sum=]", strings.Repeat("[workoutc key=", 100)}
	for _, s := range seeds {
		f.Add(s)
	}
	if len(seeds) == 0 {
		f.Fatal("no seeds")
	}
	f.Fuzz(func(t *testing.T, desc string) {
		m, ok := ParseMark(desc)
		if !ok {
			return
		}
		if !ValidKey(m.Key) || len(m.Sum) != 16 {
			t.Fatalf("ParseMark(%q) = %+v", desc, m)
		}
		if again, ok := ParseMark(m.String()); !ok || again.String() != m.String() {
			t.Fatalf("the mark %q does not parse back", m.String())
		}
	})
}

func FuzzJWTClaims(f *testing.F) {
	seeds := []string{fakeJWT(`{"exp":1700000000,"client_id":"X"}`), "a.b.c", "", "..", fakeJWT(`{"exp":"soon"}`)}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		exp, _ := jwtClaims(tok) // must not panic; a date it gives is a sane one
		if !exp.IsZero() && (exp.Year() < 1970 || exp.Year() > 5200) {
			t.Fatalf("jwtClaims(%q) = %v", tok, exp)
		}
	})
}
