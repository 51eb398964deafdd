package club

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/club/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCSVPositions checks fields, their lines and columns (in characters),
// the BOM, quotes, line breaks inside quotes, CRLF and blank lines.
func TestCSVPositions(t *testing.T) {
	in := "\uFEFFname,pace.easy\r\n" +
		"Zoë,\"9:30-10:30 /mi\"\r\n" +
		"\r\n" +
		"   \n" +
		"\"Rivera, \"\"Sam\"\"\", x\n" +
		"\"two\nlines\",é\rlast,\"\""
	r := newCSVReader("r.csv", strings.NewReader(in))
	type f struct {
		v         string
		line, col int
	}
	var got [][]f
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var row []f
		for _, c := range rec {
			row = append(row, f{c.Value, c.Line, c.Col})
		}
		got = append(got, row)
	}
	want := [][]f{
		{{"name", 1, 1}, {"pace.easy", 1, 6}},
		{{"Zoë", 2, 1}, {"9:30-10:30 /mi", 2, 5}},
		{{`Rivera, "Sam"`, 5, 1}, {" x", 5, 19}},
		{{"two\nlines", 6, 1}, {"é", 7, 8}},
		{{"last", 8, 1}, {"", 8, 6}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d records %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("record %d: %v, want %v", i, got[i], want[i])
			continue
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("record %d field %d: %+v, want %+v", i, j, got[i][j], want[i][j])
			}
		}
	}
}

// TestRosterErrors: every problem of a roster, at its line and column.
func TestRosterErrors(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "r.csv: empty roster: the first line is the header (name,units,max_hr,pace.easy,...), then one athlete a line"},
		{"no name column", "athlete,units\nSam,metric\n", `r.csv:1:1: the header has no name column; the first line names the columns (name,units,max_hr,pace.easy,...) (did you mean to call column "athlete" "name"?)` + "\n" +
			`r.csv:1:1: unknown column "athlete" (did you mean "name"?)`},
		{"typo column", "name,max-hr,pace_easy,zones.pace.easy,loads.heavy,pace.,pace.easy\nSam\n",
			`r.csv:1:6: unknown column "max-hr" (did you mean "max_hr"?)` + "\n" +
				`r.csv:1:13: warning: column "pace_easy" is not part of an athlete profile; it is ignored` + "\n" +
				`r.csv:1:23: unknown column "zones.pace.easy" (did you mean "pace.easy"?)` + "\n" +
				`r.csv:1:39: unknown column "loads.heavy" (did you mean "load.heavy"?)` + "\n" +
				`r.csv:1:51: column "pace.": "" is not a zone name (letters, digits, - and _, starting with a letter)`},
		{"duplicate column", "name,hr.easy,HR.easy\nSam,125-145,130-150\n", `r.csv:1:14: column hr.easy appears twice (also column 2)`},
		{"bad cells", "name,units,max_hr,pace.easy,hr.easy,load.medium\n" +
			"Sam,imperal,400,9:30-10:30,zone 9,15 stone\n" +
			",metric\n" +
			"Ana,metric,176,5:45-6:20 /km,120-140,6 kg,extra\n",
			"r.csv:2:5: units: unknown units \"imperal\" (did you mean \"imperial\"?)\n" +
				"r.csv:2:13: max_hr: max_hr \"400\" is not a heart rate from 100 to 250 bpm\n" +
				"r.csv:2:17: pace.easy: pace \"9:30-10:30\" needs a unit: /mi or /km (e.g. \"9:30-10:30 /mi\")\n" +
				"r.csv:2:28: hr.easy: hr zone \"9\" is not a zone number from 1 to 5\n" +
				"r.csv:2:35: load.medium: unknown weight unit \"stone\" (expected kg or lb)\n" +
				"r.csv:3:1: missing name; every row is one athlete and needs a name\n" +
				"r.csv:4:43: the row has 7 fields; the header names 6 columns"},
		{"line break in a name", "name\n\"Sam\nRivera\"\n", `r.csv:2:1: name "Sam\nRivera" has a line break`},
		{"unclosed quote", "name,units\nSam,\"metric\nAna,metric\n", `r.csv:2:5: quoted field is not closed (a " is missing)`},
		{"text after quote", "name,units\n\"Sam\"x,metric\n", `r.csv:2:6: unexpected 'x' after the closing quote of a field; a field is either all quoted ("...") or not at all`},
		{"invalid utf-8", "name\nS\xffm\n", "r.csv:2:2: invalid UTF-8; save the roster as CSV UTF-8"},
		{"utf-16", "\xff\xfen\x00a\x00", "r.csv:1:1: the roster is UTF-16; save it as CSV UTF-8"},
		{"header only", "name,units\n\n", "r.csv:2:1: the roster has a header but no athletes; add one athlete a line after the header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ds workouts.Diagnostics
			if c.name == "header only" {
				_, ds, _ = Check(nil, "r.csv", strings.NewReader(c.in))
			} else {
				_, ds = parseRoster("r.csv", []byte(c.in))
			}
			if got := ds.Error(); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestRosterSeed reads the golden roster: BOM-free, quoted, a blank line,
// imperial and metric, a missing max_hr.
func TestRosterSeed(t *testing.T) {
	as, ds := parseRoster("roster.csv", readTestdata(t, "roster.csv"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if len(as) != 4 {
		t.Fatalf("%d athletes, want 4", len(as))
	}
	z := as[2]
	if z.Name != "O'Brien, Zoë" || z.Units != "metric" || z.MaxHR != 0 || z.Pos.Line != 5 {
		t.Errorf("third athlete: %+v", z)
	}
	if w := z.Loads["heavy"]; w.Value != 8 || w.Unit != "kg" || w.Pos.String() != "roster.csv:5:46" {
		t.Errorf("Zoë's heavy load: %+v at %s", w, w.Pos)
	}
	if _, ok := z.Zones["hr"]["easy"]; ok {
		t.Error("an empty cell gave a value")
	}
	// The same roster with a BOM and CRLF reads the same.
	bom := append([]byte("\uFEFF"), []byte(strings.ReplaceAll(string(readTestdata(t, "roster.csv")), "\n", "\r\n"))...)
	as2, ds := parseRoster("roster.csv", bom)
	if ds.HasErrors() || len(as2) != 4 || as2[2].Name != z.Name || as2[2].Loads["heavy"].Pos != z.Loads["heavy"].Pos {
		t.Errorf("with BOM and CRLF: %v %v", ds, as2)
	}
}

// TestCheckNeeds: what the plan needs and a row lacks is an error at the
// row's cell, naming the column; a column nobody has is one error at the
// header.
func TestCheckNeeds(t *testing.T) {
	plan := seedPlan(t)
	roster := "name,units,pace.easy,load.medium,load.hevy\n" +
		"Sam,imperial,9:30-10:30 /mi,15 lb,25 lb\n" +
		"Ana,metric,,6 kg\n"
	_, ds, err := Check(plan, "r.csv", strings.NewReader(roster))
	if err != nil {
		t.Fatal(err)
	}
	want := `r.csv:1:1: the roster has no column load.heavy, which ../../testdata/strength-circuit.yaml:20:17 needs (did you mean "load.hevy"?)` + "\n" +
		`r.csv:3:12: Ana has no pace.easy, which ../../testdata/hill-repeats.yaml:8:13 needs`
	if got := ds.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func seedPlan(t testing.TB) *Plan {
	t.Helper()
	plan, ds := ParsePlan("../../testdata/plan.yaml", readTestdata(t, "../plan.yaml"), os.ReadFile)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return plan
}

// FuzzRoster: no input panics, every problem has a place in the file, and
// a roster without errors gives named athletes.
func FuzzRoster(f *testing.F) {
	seeds := []string{string(readTestdata(f, "roster.csv")), "\uFEFFname\n\"a\"\"b\"\n", "name,pace.easy\r\nx,\"9:00-9:30 /mi\"\r\n", "name\n\"open\n"}
	if len(seeds) == 0 {
		f.Fatal("no seeds")
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		as, ds := parseRoster("f.csv", data)
		for _, d := range ds {
			if d.Pos.File != "f.csv" || d.Msg == "" {
				t.Fatalf("bad diagnostic %q", d)
			}
		}
		if !ds.HasErrors() {
			for _, a := range as {
				if a.Name == "" {
					t.Fatalf("an athlete without a name from %q", data)
				}
			}
		}
	})
}

// parseRoster reads a whole roster and returns its athletes in order, with
// every problem of the header and of every row. The athletes are usable
// only when the diagnostics hold no error.
func parseRoster(file string, data []byte) ([]*workouts.Athlete, workouts.Diagnostics) {
	rr := NewRosterReader(file, bytes.NewReader(data))
	cols, diags, _ := rr.Header()
	if cols == nil {
		return nil, diags
	}
	var out []*workouts.Athlete
	for {
		row, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if ds, ok := err.(workouts.Diagnostics); ok {
				diags = append(diags, ds...)
			} else {
				diags.Errorf(workouts.Pos{File: file}, "%v", err)
			}
			break
		}
		diags = append(diags, row.Diags...)
		out = append(out, row.Athlete)
	}
	diags.Sort()
	return out, diags
}
