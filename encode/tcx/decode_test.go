package tcx_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/internal/testkit/shared"
	"github.com/workoutc/workoutc/workouts"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txt goldens")

// corpusFiles lists the foreign TCX files of ../shared/corpus/tcx; without
// them the test fails under CI=true and skips loudly elsewhere.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	dir := shared.Path(t, "corpus", "tcx")
	files, _ := filepath.Glob(filepath.Join(dir, "*.tcx"))
	if len(files) == 0 {
		shared.Missing(t, "no foreign TCX files in "+dir)
	}
	return files
}

// dump writes a decoded workout and its diagnostics as readable text.
func dump(b *strings.Builder, w *workouts.Workout, diags workouts.Diagnostics) {
	fmt.Fprintf(b, "workout %q sport %s\n", w.Name, w.Sport)
	if w.Description != "" {
		fmt.Fprintf(b, "  description %q\n", w.Description)
	}
	var step func(s *workouts.Step, depth int)
	step = func(s *workouts.Step, depth int) {
		ind := strings.Repeat("  ", depth+1)
		if s.Kind == workouts.KindRepeat {
			fmt.Fprintf(b, "%s%d: repeat x%d\n", ind, s.Pos.Line, s.Count)
			for i := range s.Steps {
				step(&s.Steps[i], depth+1)
			}
			return
		}
		fmt.Fprintf(b, "%s%d: %s", ind, s.Pos.Line, s.Kind)
		if s.Name != "" {
			fmt.Fprintf(b, " %q", s.Name)
		}
		d := s.Duration
		switch d.Kind {
		case workouts.DurationLap:
			b.WriteString(" lap")
		case workouts.DurationTime:
			fmt.Fprintf(b, " %vs", d.Seconds)
		case workouts.DurationDistance:
			fmt.Fprintf(b, " %vm", d.Meters)
		case workouts.DurationHRAbove, workouts.DurationHRBelow, workouts.DurationCalories:
			what := map[workouts.DurationKind]string{workouts.DurationHRAbove: "hr above", workouts.DurationHRBelow: "hr below", workouts.DurationCalories: "kcal"}[d.Kind]
			fmt.Fprintf(b, " until %s %v", what, d.Value)
			if d.Percent {
				b.WriteString("%")
			}
		default:
			fmt.Fprintf(b, " duration(%d)", d.Kind)
		}
		t := s.Target
		switch t.Kind {
		case workouts.TargetOpen:
		case workouts.TargetPace:
			fmt.Fprintf(b, " pace %v-%v m/s", t.Low, t.High)
		case workouts.TargetHR:
			pct := ""
			if t.Percent {
				pct = "%"
			}
			fmt.Fprintf(b, " hr %v-%v%s", t.Low, t.High, pct)
		case workouts.TargetHRZone:
			fmt.Fprintf(b, " hr zone %d", t.Zone)
		case workouts.TargetSpeedZone:
			fmt.Fprintf(b, " speed zone %d", t.Zone)
		case workouts.TargetCadence:
			fmt.Fprintf(b, " cadence %v-%v", t.Low, t.High)
		default:
			fmt.Fprintf(b, " target(%d)", t.Kind)
		}
		if s.Intensity != workouts.DefaultIntensity(s.Kind) {
			fmt.Fprintf(b, " intensity %s", s.Intensity)
		}
		if s.Notes != "" {
			fmt.Fprintf(b, " notes %q", s.Notes)
		}
		b.WriteString("\n")
	}
	for i := range w.Steps {
		step(&w.Steps[i], 0)
	}
	for _, d := range diags {
		fmt.Fprintf(b, "  %s\n", d)
	}
}

func compareText(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./encode/tcx -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./encode/tcx -update rewrites it after a deliberate change); got:\n%s", path, got)
	}
}

// TestDecodeForeign reads the Kaiord fixtures (made by another converter),
// including one that breaks the schema with a 16-character name, and
// compares what it reads with testdata/foreign.txt.
func TestDecodeForeign(t *testing.T) {
	var b strings.Builder
	for _, f := range corpusFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, diags, err := tcx.DecodeFile(filepath.Base(f), data)
		fmt.Fprintf(&b, "== %s\n", filepath.Base(f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		dump(&b, w, diags)
	}
	got := b.String()
	if !strings.Contains(got, `kaiord-WorkoutRepeatBlocks.tcx:5:7: warning: workout name "Interval Workout" is 16 characters; the TCX schema allows 15 (read anyway)`) {
		t.Errorf("no warning for the 16-character name of kaiord-WorkoutRepeatBlocks.tcx:\n%s", got)
	}
	compareText(t, "testdata/foreign.txt", got)
}

// TestDecodeGoldens reads the repository's golden TCX files back.
func TestDecodeGoldens(t *testing.T) {
	var b strings.Builder
	files := goldenTCX(t)
	if len(files) < 2 {
		t.Fatalf("%d golden TCX files in %s", len(files), testdata)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, diags, err := tcx.DecodeFile(filepath.Base(f), data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fmt.Fprintf(&b, "== %s\n", filepath.Base(f))
		dump(&b, w, diags)
	}
	compareText(t, "testdata/goldens.txt", b.String())
}

const head = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
`

func doc(workoutsXML string) []byte {
	return []byte(head + "<Workouts>" + workoutsXML + "</Workouts></TrainingCenterDatabase>\n")
}

const okStep = `<Step xsi:type="Step_t"><StepId>1</StepId><Duration xsi:type="Time_t"><Seconds>60</Seconds></Duration><Intensity>Active</Intensity><Target xsi:type="None_t"/></Step>`

// TestDecodeRefuses: what is not a readable TCX workout is an error, with
// its place when it has one, and no workout.
func TestDecodeRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not xml", []byte("hello"), "tcx: not a TCX file: it has no root element"},
		{"broken xml", []byte(head + "<Workouts>"), "f.tcx:3:1: not a TCX file: XML syntax error: unexpected EOF"},
		{"gpx", []byte(`<?xml version="1.0"?>` + "\n<gpx></gpx>"), "f.tcx:2:1: not a TCX file: the root element is <gpx>, not <TrainingCenterDatabase>"},
		{"doctype", []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><TrainingCenterDatabase/>`), "f.tcx:1:22: the file has a DOCTYPE; TCX files have none and the reader refuses them (no entity is expanded)"},
		{"activity", []byte(head + "<Activities><Activity Sport=\"Running\"/></Activities></TrainingCenterDatabase>"), "f.tcx:2:1: no workout in this TCX file (it holds Activities); a workout is a Workouts/Workout element"},
		{"no steps", doc(`<Workout Sport="Running"><Name>X</Name></Workout>`), "f.tcx:3:11: the workout has no steps"},
		{"bad number", doc(`<Workout Sport="Running"><Name>X</Name>` + strings.Replace(okStep, ">60<", ">sixty<", 1) + `</Workout>`),
			`f.tcx:3:120: Seconds "sixty" is not a number`},
		{"too long", doc(`<Workout Sport="Running"><Name>X</Name>` + strings.Replace(okStep, ">60<", ">65536<", 1) + `</Workout>`),
			`f.tcx:3:120: Seconds 65536 is outside 0-65535`},
		{"empty repeat", doc(`<Workout Sport="Running"><Name>X</Name><Step xsi:type="Repeat_t"><StepId>1</StepId><Repetitions>2</Repetitions></Step></Workout>`),
			`f.tcx:3:50: repeat has no steps`},
		{"unknown step", doc(`<Workout Sport="Running"><Name>X</Name><Step xsi:type="Lap_t"><StepId>1</StepId></Step></Workout>`),
			`f.tcx:3:50: unknown step type "Lap_t" (TCX steps are Step_t and Repeat_t)`},
		{"entity", doc(`<Workout Sport="Running"><Name>&x;</Name>` + okStep + `</Workout>`), "f.tcx:3:1: not a TCX file: XML syntax error: invalid character entity &x;"},
		{"deep", doc(strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100)), "f.tcx:3:197: elements nest more than 64 deep"},
		// Found by FuzzDecode: Go's XML decoder accepts a second root.
		{"two roots", []byte(`<TrainingCenterDatabase/><Workouts/>`), "f.tcx:1:26: a second root element <Workouts> after </TrainingCenterDatabase>; an XML file has one"},
		{"too big", bytes.Repeat([]byte(" "), tcx.MaxInput+1), "tcx: file is 16777217 bytes; the reader takes at most 16777216"},
	} {
		w, diags, err := tcx.DecodeFile("f.tcx", c.data)
		if err == nil {
			t.Errorf("%s: no error; read %+v", c.name, w)
			continue
		}
		if w != nil || diags != nil {
			t.Errorf("%s: a workout or warnings with the error", c.name)
		}
		if err.Error() != c.want {
			t.Errorf("%s: error\n%s\nwant\n%s", c.name, err, c.want)
		}
		if strings.HasPrefix(c.want, "f.tcx:") {
			var ds workouts.Diagnostics
			if !errors.As(err, &ds) {
				t.Errorf("%s: a located error is not a workouts.Diagnostics", c.name)
			}
		}
	}
}

// TestDecodeLenient: files that break the schema in small ways are read,
// with a warning each.
func TestDecodeLenient(t *testing.T) {
	data := []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>
<TrainingCenterDatabase xmlns:x="http://www.w3.org/2001/XMLSchema-instance">
<Workouts>
<Workout Sport="Swimming">
<Name>Caf` + "\xe9" + ` workout for the week</Name>
<Step><StepId>1</StepId><Name>Warmup</Name><Duration x:type="Distance_t"><Meters>1000</Meters></Duration><Intensity>Active</Intensity><Target x:type="HeartRate_t"><HeartRateZone x:type="CustomHeartRateZone_t"><Low x:type="HeartRateAsPercentOfMax_t"><Value>60</Value></Low><High x:type="HeartRateInBeatsPerMinute_t"><Value>150</Value></High></HeartRateZone></Target></Step>
<Step x:type="tc:Repeat_t"><StepId>30</StepId><Repetitions>1</Repetitions>
<Child x:type="Step_t"><StepId>2</StepId><Duration x:type="HeartRateBelow_t"><HeartRate x:type="HeartRateAsPercentOfMax_t"><Value>65</Value></HeartRate></Duration><Intensity>Resting</Intensity><Target x:type="Speed_t"><SpeedZone x:type="PredefinedSpeedZone_t"><Number>3</Number></SpeedZone></Target></Child>
</Step>
<Step x:type="Step_t"><StepId>3</StepId><Duration x:type="CaloriesBurned_t"><Calories>50</Calories></Duration><Intensity>Hard</Intensity></Step>
<ScheduledOn>2027-01-05</ScheduledOn>
<Notes>Read this.</Notes>
</Workout>
<Workout Sport="Running"><Name>Second</Name>` + okStep + `</Workout>
</Workouts>
</TrainingCenterDatabase>
`)
	w, diags, err := tcx.DecodeFile("lenient.tcx", data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	dump(&b, w, diags)
	// Columns after the "é" (one byte in Latin-1, two in UTF-8) count the
	// UTF-8 bytes.
	want := `workout "Café workout for the week" sport generic
  description "Read this."
  6: warmup 1000m
  7: repeat x1
    8: recover until hr below 65% speed zone 3
  10: run until kcal 50
  lenient.tcx:2:1: warning: the root element's namespace is no namespace, not http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2; read as TCX v2 anyway
  lenient.tcx:4:1: warning: the file holds 2 workouts; read the first, "Café workout for the week"
  lenient.tcx:4:1: warning: unknown sport "Swimming" (TCX sports are Running, Biking and Other); read as Other (generic)
  lenient.tcx:5:1: warning: workout name "Café workout for the week" is 25 characters; the TCX schema allows 15 (read anyway)
  lenient.tcx:6:2: warning: a step has no xsi:type; read as Step_t from what it holds
  lenient.tcx:6:165: warning: heart-rate range mixes bpm and percent of max HR, which the workout language cannot say; read as open
  lenient.tcx:7:29: warning: StepId 30 is outside 1-20, what the TCX schema allows (read anyway)
  lenient.tcx:7:48: warning: repeat 1 times is outside 2-99, what the TCX schema allows (read anyway)
  lenient.tcx:10:2: warning: step has no Target; read as open
  lenient.tcx:10:112: warning: unknown intensity "Hard" (TCX intensities are Active and Resting); read as Active
  lenient.tcx:11:2: warning: scheduled dates (ScheduledOn 2027-01-05) are not read; the workout language has none
`
	if b.String() != want {
		t.Errorf("read:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestDecodeNotes: the lines Encode adds to the notes give names, kinds
// and notes back; other text stays the description.
func TestDecodeNotes(t *testing.T) {
	step := func(id int, name, intensity string) string {
		return `<Step xsi:type="Step_t"><StepId>` + strconv.Itoa(id) + `</StepId><Name>` + name + `</Name><Duration xsi:type="UserInitiated_t"/><Intensity>` + intensity + `</Intensity><Target xsi:type="None_t"/></Step>`
	}
	data := doc(`<Workout Sport="Running"><Name>Short</Name>` + step(1, "Easy spin", "Active") + step(2, "Uphill", "Active") + step(3, "Jog", "Resting") +
		`<Notes>First line.
3. Not a step line: it is in the description.

Short = Short name in full
1. Easy spin = Easy spin to finish (cooldown)
2. Uphill: Hinge: forward
3. Jog (rest)</Notes></Workout>`)
	w, diags, err := tcx.DecodeFile("", data)
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	var b strings.Builder
	dump(&b, w, diags)
	want := `workout "Short name in full" sport running
  description "First line.\n3. Not a step line: it is in the description."
  3: cooldown "Easy spin to finish" lap
  3: run "Uphill" lap notes "Hinge: forward"
  3: rest "Jog" lap
`
	if b.String() != want {
		t.Errorf("read:\n%s\nwant:\n%s", b.String(), want)
	}
}
