package catalog

import (
	"fmt"
	"strings"
	"testing"
)

// The generated table is the whole corpus catalogue, and every one of its
// 1,510 exercises maps onto the FIT catalogue and back: FromConnect finds
// the FIT entry, and the entry's Connect keys are the table's spelling.
func TestConnectTableMapsOntoFIT(t *testing.T) {
	if len(connectCategories) != 47 || connectLen() != 1510 {
		t.Fatalf("Connect table: %d categories, %d exercises; want 47 and 1510 (regenerate with go generate)", len(connectCategories), connectLen())
	}
	categoryOnly := 0
	for _, c := range connectCategories {
		if !ConnectCategory(c.key) {
			t.Errorf("ConnectCategory(%q) = false", c.key)
		}
		for _, n := range c.names {
			e, ok := FromConnect(c.key, n.key)
			if !ok {
				t.Errorf("FromConnect(%s, %s): no FIT entry", c.key, n.key)
				continue
			}
			cat, name, ok := e.Connect()
			if !ok || cat != c.key || name != n.key {
				t.Errorf("FromConnect(%s, %s) = %s, whose Connect keys are %s/%s %v", c.key, n.key, e.Key(), cat, name, ok)
			}
			if e.Number == NoName {
				categoryOnly++
				continue
			}
			if got, ok := ByNumber(e.Category, e.Number); !ok || got != e {
				t.Errorf("FromConnect(%s, %s) = %v, not the catalogue's %v", c.key, n.key, e, got)
			}
		}
	}
	if categoryOnly != 16 {
		t.Errorf("%d Connect exercises are spelled like their category, want 16", categoryOnly)
	}
	// FIT's side: every entry Connect has is one of the table's pairs, the
	// others are not, and the count matches.
	in := 0
	for _, e := range load().entries {
		cat, name, ok := e.Connect()
		if ok {
			in++
		}
		if strings.ToLower(strings.TrimPrefix(name, "_")) != e.Name || cat != strings.ToUpper(e.CategoryName) {
			t.Errorf("%s: Connect keys %s/%s", e.Key(), cat, name)
		}
	}
	if in != 1510-16 {
		t.Errorf("%d FIT entries are in Connect's catalogue, want %d", in, 1510-16)
	}
}

func TestConnectKey(t *testing.T) {
	for in, want := range map[string]string{
		"3_way_calf_raise": "_3_WAY_CALF_RAISE", "calf_raise": "CALF_RAISE", "": "", "90_degree_hold": "_90_DEGREE_HOLD",
	} {
		if got := connectKey(in); got != want {
			t.Errorf("connectKey(%q) = %q, want %q", in, got, want)
		}
		if got := snakeOf(want); got != in {
			t.Errorf("snakeOf(%q) = %q, want %q", want, got, in)
		}
	}
	if _, ok := FromConnect("CALF_RAISE", "_3_WAY_CALF_RAISE"); !ok {
		t.Error("FromConnect(CALF_RAISE, _3_WAY_CALF_RAISE) not found")
	}
	if _, ok := FromConnect("UNASSIGNED", "X"); ok {
		t.Error("FromConnect(UNASSIGNED, X) found")
	}
}

// A FIT-only exercise gets Connect exercises as suggestions, each of which
// Connect has.
func TestConnectSuggest(t *testing.T) {
	n := 0
	for _, e := range load().entries {
		if InConnect(e) {
			continue
		}
		n++
		s := ConnectSuggest(e, 3)
		if len(s) != 3 {
			t.Fatalf("ConnectSuggest(%s) = %d entries", e.Key(), len(s))
		}
		for _, x := range s {
			if !InConnect(x) {
				t.Errorf("ConnectSuggest(%s) gives %s, which Connect lacks", e.Key(), x.Key())
			}
		}
	}
	if n == 0 {
		t.Fatal("every FIT exercise is in Connect's catalogue; the test checks nothing")
	}
}

func ExampleEntry_Connect() {
	e, _ := Lookup("3 way calf raise")
	cat, name, ok := e.Connect()
	fmt.Println(cat, name, ok)
	back, _ := FromConnect(cat, name)
	fmt.Println(back.Key())
	// Output:
	// CALF_RAISE _3_WAY_CALF_RAISE true
	// calf_raise/3_way_calf_raise
}

func ExampleExplain() {
	e, why, _ := Explain("calf raise")
	fmt.Println(e.Key()+":", why)
	// Output: calf_raise/standing_calf_raise: the exercise of the category named like it
}
