package tcx_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/workouts"
)

// encodeErr encodes w and returns the located errors it must fail with.
func encodeErr(t *testing.T, w *workouts.Workout) workouts.Diagnostics {
	t.Helper()
	b, warns, err := tcx.Encode(w, encode.Options{})
	if err == nil {
		t.Fatalf("Encode succeeded, want an error; file:\n%s", b)
	}
	if b != nil || warns != nil {
		t.Errorf("Encode returned %d bytes and %d warnings with its error; want none", len(b), len(warns))
	}
	var ds workouts.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %v is not a workouts.Diagnostics", err)
	}
	return ds
}

// wantDiags compares diagnostics, as "FILE:LINE:COL: msg" lines, with want.
func wantDiags(t *testing.T, got workouts.Diagnostics, want ...string) {
	t.Helper()
	var lines []string
	for _, d := range got {
		lines = append(lines, d.String())
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func runSteps(n int) string {
	var b strings.Builder
	b.WriteString("name: Many\nsteps:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - run: %d min\n", i+1)
	}
	return b.String()
}

// TestLimitSteps: TCX holds at most 20 steps, repeats included. The 21st
// is an error at its place, naming the limit; 20 are fine.
func TestLimitSteps(t *testing.T) {
	var p produced
	defer p.validate(t)

	b, warns := p.encodeOK(t, "twenty", compile(t, "twenty.yaml", runSteps(20), "", 0))
	if len(warns) != 0 {
		t.Errorf("warnings for 20 steps: %v", warns)
	}
	if !bytes.Contains(b, []byte("<StepId>20</StepId>")) {
		t.Error("no StepId 20 in a workout of 20 steps")
	}

	errs := encodeErr(t, compile(t, "many.yaml", runSteps(21), "", 0))
	wantDiags(t, errs, "many.yaml:23:5: step 21 of 21 (repeats included): a TCX workout holds at most 20 steps; split the workout or write it as FIT")

	// A repeat counts as a step: 19 steps and a repeat of one step are 21.
	src := runSteps(19) + "  - repeat: 2\n    steps:\n      - run: 1 min\n"
	errs = encodeErr(t, compile(t, "withrepeat.yaml", src, "", 0))
	wantDiags(t, errs, "withrepeat.yaml:22:5: step 21 of 21 (repeats included): a TCX workout holds at most 20 steps; split the workout or write it as FIT")
}

// TestLimitRepeat: repetitions 2-99. The language stops at 99, so 100 is
// set on the model, as another front end could.
func TestLimitRepeat(t *testing.T) {
	var p produced
	defer p.validate(t)
	src := "name: Reps\nsteps:\n  - repeat: 99\n    steps:\n      - run: 10 s\n      - recover: 10 s\n"
	w := compile(t, "reps.yaml", src, "", 0)
	b, _ := p.encodeOK(t, "reps99", w)
	if !bytes.Contains(b, []byte("<Repetitions>99</Repetitions>")) {
		t.Error("no Repetitions 99")
	}
	w.Steps[0].Count = 100
	wantDiags(t, encodeErr(t, w), "reps.yaml:3:5: repeat 100 times; a TCX repeat runs at most 99 times (split it into two repeats)")
}

// TestRepeatOfOne: TCX needs 2 repetitions or more; a repeat of 1 is
// written as its steps, with a warning.
func TestRepeatOfOne(t *testing.T) {
	var p produced
	defer p.validate(t)
	src := "name: Once\nsteps:\n  - warmup: 5 min\n  - repeat: 1\n    steps:\n      - run: 1 min\n      - recover: 1 min\n  - cooldown: 5 min\n"
	b, warns := p.encodeOK(t, "once", compile(t, "once.yaml", src, "", 0))
	wantDiags(t, warns, "once.yaml:4:5: warning: repeat 1 time is written as its steps alone; a TCX repeat runs 2 to 99 times")
	if bytes.Contains(b, []byte("Repeat_t")) {
		t.Errorf("a repeat of 1 was written as a Repeat_t:\n%s", b)
	}
	for i := 1; i <= 4; i++ {
		if !bytes.Contains(b, []byte(fmt.Sprintf("<StepId>%d</StepId>", i))) {
			t.Errorf("no StepId %d", i)
		}
	}
}

// TestLimitName: names are 1-15 characters. A 16-character name is
// shortened readably, with a warning, and the full name goes into the
// notes; names stay unique.
func TestLimitName(t *testing.T) {
	var p produced
	defer p.validate(t)
	src := `name: Sixteen chars 16
steps:
  - run: 2 min
    name: Walk or slow jog
  - run: 2 min
    name: Abcdefghijklmnop
  - run: 1 min
    name: Progression run one
  - run: 1 min
    name: Progression run two
  - run: 1 min
    name: Fifteen chars15
  - run: 1 min
    name: Walk or slow jog
`
	b, warns := p.encodeOK(t, "names", compile(t, "names.yaml", src, "", 0))
	wantDiags(t, warns,
		`names.yaml:1:1: warning: workout name "Sixteen chars 16" is 16 characters; TCX names hold at most 15, written as "Sixteen chars"`,
		`names.yaml:3:5: warning: step name "Walk or slow jog" is 16 characters; TCX names hold at most 15, written as "Walk/slow jog" (the full name is in the workout notes)`,
		`names.yaml:5:5: warning: step name "Abcdefghijklmnop" is 16 characters; TCX names hold at most 15, written as "Abcdefghijklmno" (the full name is in the workout notes)`,
		`names.yaml:7:5: warning: step name "Progression run one" is 19 characters; TCX names hold at most 15, written as "Progression run" (the full name is in the workout notes)`,
		`names.yaml:9:5: warning: step name "Progression run two" is 19 characters; TCX names hold at most 15, written as "Progression 2" (the full name is in the workout notes)`,
		`names.yaml:13:5: warning: step name "Walk or slow jog" is 16 characters; TCX names hold at most 15, written as "Walk/slow jog" (the full name is in the workout notes)`,
	)
	for _, want := range []string{
		"<Name>Sixteen chars</Name>", "<Name>Fifteen chars15</Name>",
		"Sixteen chars = Sixteen chars 16\n",
		"1. Walk/slow jog = Walk or slow jog\n",
		"4. Progression 2 = Progression run two\n",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("file lacks %q:\n%s", want, b)
		}
	}
	names := regexp.MustCompile(`<Name>([^<]*)</Name>`).FindAllSubmatch(b, -1)
	seen := map[string]int{}
	for _, m := range names {
		n := string(m[1])
		if c := len([]rune(n)); c < 1 || c > tcx.MaxName {
			t.Errorf("name %q is %d characters", n, c)
		}
		seen[n]++
	}
	if seen["Walk/slow jog"] != 2 || seen["Progression run"] != 1 || seen["Progression 2"] != 1 {
		t.Errorf("names: %v; the same full name should give the same TCX name, different ones different names", seen)
	}
}

// TestPowerTarget: TCX v2 has no power; every power target is an error at
// its place naming the limit, and nothing is written.
func TestPowerTarget(t *testing.T) {
	src := `name: Power
sport: cycling
steps:
  - run: 5 min
    target: power 200-250
  - run: 5 min
    target: power 85-95%
  - run: 5 min
    target: power zone 4
  - run: 5 min
    target: hr 140-150
`
	wantDiags(t, encodeErr(t, compile(t, "power.yaml", src, "", 0)),
		"power.yaml:5:13: power 200-250 W: TCX has no power targets (TrainingCenterDatabase v2 targets are speed, heart rate and cadence); use --format fit, or an hr or pace target",
		"power.yaml:7:13: power 85-95%: TCX has no power targets (TrainingCenterDatabase v2 targets are speed, heart rate and cadence); use --format fit, or an hr or pace target",
		"power.yaml:9:13: power zone 4: TCX has no power targets (TrainingCenterDatabase v2 targets are speed, heart rate and cadence); use --format fit, or an hr or pace target",
	)
}

// TestCircuitWarnings: the seed circuit becomes lap-button steps named
// after exercise and reps, the loads in the notes, and one warning per
// lossy mapping.
func TestCircuitWarnings(t *testing.T) {
	var p produced
	defer p.validate(t)
	var src string
	for _, g := range goldens(t) {
		if g.name == "strength-circuit" {
			src = g.src
		}
	}
	b, warns := p.encodeOK(t, "circuit", compile(t, "strength-circuit.yaml", src, "sam.yaml", 0))
	wantDiags(t, warns,
		`strength-circuit.yaml:1:1: warning: sport strength is written as Other; TCX sports are Running, Biking and Other`,
		`strength-circuit.yaml:1:1: warning: workout name "Runner Strength Circuit" is 23 characters; TCX names hold at most 15, written as "Runner Strength"`,
		`strength-circuit.yaml:8:9: warning: exercise "Dumbbell Squat" (10 reps, 15 lb) is written as lap-button step "DB Squat x10"; TCX has no exercises, reps or loads (they are in the workout notes)`,
		`strength-circuit.yaml:11:9: warning: exercise "Dumbbell Deadlift" (10 reps, 15 lb) is written as lap-button step "DB Deadlift x10"; TCX has no exercises, reps or loads (they are in the workout notes)`,
		`strength-circuit.yaml:14:9: warning: exercise "Single Leg Romanian Deadlift with Dumbbell" (10 reps each side, 15 lb) is written as lap-button step "SL RDL DB x10ea"; TCX has no exercises, reps or loads (they are in the workout notes)`,
		`strength-circuit.yaml:18:9: warning: exercise "Weighted Hip Raise" (10 reps, 25 lb) is written as lap-button step "Hip Raise x10"; TCX has no exercises, reps or loads (they are in the workout notes)`,
		`strength-circuit.yaml:21:9: warning: exercise "Weighted Single Leg Hip Raise" (10 reps each side, 25 lb) is written as lap-button step "Hip Raise x10ea"; TCX has no exercises, reps or loads (they are in the workout notes)`,
	)
	wantNotes := `Runner Strength = Runner Strength Circuit
1. DB Squat x10 = Dumbbell Squat: 10 reps; 15 lb
2. DB Deadlift x10 = Dumbbell Deadlift: 10 reps; 15 lb
3. SL RDL DB x10ea = Single Leg Romanian Deadlift with Dumbbell: 10 reps each side; 15 lb
4. Hip Raise x10 = Weighted Hip Raise: 10 reps; 25 lb
5. Hip Raise x10ea = Weighted Single Leg Hip Raise: 10 reps each side; 25 lb`
	if !bytes.Contains(b, []byte("<Notes>"+wantNotes+"</Notes>")) {
		t.Errorf("notes differ; want:\n%s\nfile:\n%s", wantNotes, b)
	}
	if n := bytes.Count(b, []byte(`<Duration xsi:type="UserInitiated_t">`)); n != 5 {
		t.Errorf("%d lap-button steps, want 5 (one per exercise)", n)
	}
	if !bytes.Contains(b, []byte("<Seconds>120</Seconds>")) || !bytes.Contains(b, []byte("<Intensity>Resting</Intensity>")) {
		t.Error("the 2 min rest is not a resting Time_t step")
	}
}

// TestTimeAndDistanceLimits: Time_t and Distance_t hold whole numbers up to
// 65,535.
func TestTimeAndDistanceLimits(t *testing.T) {
	var p produced
	defer p.validate(t)
	ok := "name: Long\nsteps:\n  - run: 18:12:15\n  - run: 65.535 km\n  - run: 1.5 s\n  - run: 1 mi\n"
	b, warns := p.encodeOK(t, "long", compile(t, "long.yaml", ok, "", 0))
	wantDiags(t, warns, "long.yaml:5:5: warning: time 1.5 s is written as 2 s; TCX holds whole seconds")
	for _, want := range []string{"<Seconds>65535</Seconds>", "<Meters>65535</Meters>", "<Seconds>2</Seconds>", "<Meters>1609</Meters>"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("file lacks %s", want)
		}
	}
	bad := "name: Longer\nsteps:\n  - run: 18:12:16\n  - run: 65.536 km\n"
	wantDiags(t, encodeErr(t, compile(t, "longer.yaml", bad, "", 0)),
		"longer.yaml:3:5: time 18:12:16 is longer than TCX holds: a TCX step lasts at most 65535 s (18:12:15)",
		"longer.yaml:4:5: distance 65536 m is longer than TCX holds: a TCX step covers at most 65535 m",
	)
}

// TestTargets: every target the language has but power, as TCX writes it.
func TestTargets(t *testing.T) {
	var p produced
	defer p.validate(t)
	src := `name: Targets
steps:
  - run: 1 min
    target: hr 140-155
  - run: 1 min
    target: hr 70-80%
  - run: 1 min
    target: hr zone 3
  - run: 1 min
    target: cadence 170-180
  - run: 1 min
    target: pace 8:00-8:30 /mi
  - run: 1 min
    target: pace 4:00 /km
  - run: 1 min
`
	b, warns := p.encodeOK(t, "targets", compile(t, "targets.yaml", src, "", 0))
	if len(warns) > 0 {
		t.Errorf("warnings: %v", warns)
	}
	for _, want := range []string{
		`<Low xsi:type="HeartRateInBeatsPerMinute_t">
                <Value>140</Value>`,
		// % of max HR is a TCX value type of its own: no max HR needed.
		`<Low xsi:type="HeartRateAsPercentOfMax_t">
                <Value>70</Value>
              </Low>
              <High xsi:type="HeartRateAsPercentOfMax_t">
                <Value>80</Value>`,
		`<HeartRateZone xsi:type="PredefinedHeartRateZone_t">
              <Number>3</Number>`,
		`<Target xsi:type="Cadence_t">
            <Low>170</Low>
            <High>180</High>`,
		// 8:30 /mi = 3.156 m/s, 8:00 /mi = 3.353 m/s.
		`<ViewAs>Pace</ViewAs>
              <LowInMetersPerSecond>3.156</LowInMetersPerSecond>
              <HighInMetersPerSecond>3.353</HighInMetersPerSecond>`,
		`<LowInMetersPerSecond>4.167</LowInMetersPerSecond>
              <HighInMetersPerSecond>4.167</HighInMetersPerSecond>`,
		`<Target xsi:type="None_t"></Target>`,
	} {
		if !containsXML(b, want) {
			t.Errorf("file lacks\n%s\nfile:\n%s", want, b)
		}
	}
}

var betweenTags = regexp.MustCompile(`>\s+<`)

// containsXML reports whether doc contains want, ignoring the white space
// between tags.
func containsXML(doc []byte, want string) bool {
	return bytes.Contains(betweenTags.ReplaceAll(doc, []byte("><")), betweenTags.ReplaceAll([]byte(want), []byte("><")))
}

// TestSportsAndIntensity: Running, Biking, Other; Active and Resting; kinds
// without a name are named after the kind.
func TestSportsAndIntensity(t *testing.T) {
	var p produced
	defer p.validate(t)
	for _, c := range []struct {
		sport, want, warn string
	}{
		{"running", "Running", ""},
		{"cycling", "Biking", ""},
		{"generic", "Other", ""},
		{"walking", "Other", "s.yaml:1:1: warning: sport walking is written as Other; TCX sports are Running, Biking and Other"},
		{"swimming", "Other", "s.yaml:1:1: warning: sport swimming is written as Other; TCX sports are Running, Biking and Other"},
	} {
		src := "name: S\nsport: " + c.sport + "\nsteps:\n  - warmup: 1 min\n  - run: 1 min\n  - recover: 1 min\n  - rest: 1 min\n  - cooldown: 1 min\n  - run: 1 min\n    intensity: rest\n"
		b, warns := p.encodeOK(t, c.sport, compile(t, "s.yaml", src, "", 0))
		if c.warn == "" {
			wantDiags(t, warns)
		} else {
			wantDiags(t, warns, c.warn)
		}
		if !bytes.Contains(b, []byte(`<Workout Sport="`+c.want+`">`)) {
			t.Errorf("%s: no Sport %s", c.sport, c.want)
		}
		got := regexp.MustCompile(`<Name>([^<]*)</Name>\s*<Duration[^>]*>\s*<Seconds>60</Seconds>\s*</Duration>\s*<Intensity>(\w+)</Intensity>`).FindAllSubmatch(b, -1)
		var pairs []string
		for _, m := range got {
			pairs = append(pairs, string(m[1])+"/"+string(m[2]))
		}
		want := "Warm up/Active Run/Active Recover/Resting Rest/Resting Cool down/Active Run/Resting"
		if strings.Join(pairs, " ") != want {
			t.Errorf("%s: names/intensities %v, want %s", c.sport, pairs, want)
		}
	}
}

// TestDeterministic: same input, same bytes; LF only, two-space indent.
func TestDeterministic(t *testing.T) {
	var p produced
	defer p.validate(t)
	src := "name: D\ndescription: |\n  Line one.\n  Line two & <three>.\nsteps:\n  - run: 1 min\n    notes: \"Say \\\"hi\\\"\\nand go\"\n"
	w := compile(t, "d.yaml", src, "", 0)
	a, _ := p.encodeOK(t, "d", w)
	b, _, err := tcx.Encode(w, encode.Options{Salt: "other", Time: encode.MinTime})
	if err != nil || !bytes.Equal(a, b) {
		t.Fatalf("two encodes differ (err %v)", err)
	}
	if bytes.Contains(a, []byte("\r")) || !bytes.HasSuffix(a, []byte("</TrainingCenterDatabase>\n")) {
		t.Error("not LF-only, or no final newline")
	}
	for i, l := range lines(string(a)) {
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if ind%2 != 0 || strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			t.Errorf("line %d is not indented by two spaces a level: %q", i+1, l)
		}
	}
	want := "<Notes>Line one.\nLine two &amp; &lt;three&gt;.\n\n1. Run: Say &#34;hi&#34; and go</Notes>"
	if !bytes.Contains(a, []byte(want)) {
		t.Errorf("notes: want %q in\n%s", want, a)
	}
}

// TestBadModel: Encode refuses what a resolved workout never holds, at its
// place, without panicking.
func TestBadModel(t *testing.T) {
	w := compile(t, "bad.yaml", "name: Bad\nsteps:\n  - run: 1 min\n  - repeat: 2\n    steps:\n      - run: 1 min\n", "", 0)
	w.Steps[0].Target = workouts.Target{Kind: workouts.TargetPace, Name: "easy"}
	w.Steps[1].Count = 0
	wantDiags(t, encodeErr(t, w),
		`bad.yaml:3:5: target "easy" is a named zone; resolve the workout before encoding`,
		"bad.yaml:4:5: repeat count 0; a repeat runs at least once",
	)
	if _, _, err := tcx.Encode(nil, encode.Options{}); err == nil {
		t.Error("Encode(nil) did not fail")
	}
	empty := &workouts.Workout{Pos: workouts.Pos{File: "e.yaml", Line: 1, Col: 1}, Name: "E", Sport: workouts.SportRunning}
	wantDiags(t, encodeErr(t, empty), "e.yaml:1:1: the workout has no steps; a TCX workout needs at least one")
}

// TestBadWeight: a load still named, or in a unit that is neither kg nor
// lb, is refused at its place, as the FIT and Connect encoders refuse it
// (encode.CheckWeight), instead of going into the notes as written.
func TestBadWeight(t *testing.T) {
	var src string
	for _, g := range goldens(t) {
		if g.name == "strength-circuit" {
			src = g.src
		}
	}
	w := compile(t, "strength-circuit.yaml", src, "sam.yaml", 0)
	var loads []*workouts.Weight
	var walk func([]workouts.Step)
	walk = func(steps []workouts.Step) {
		for i := range steps {
			if steps[i].Weight != nil {
				loads = append(loads, steps[i].Weight)
			}
			walk(steps[i].Steps)
		}
	}
	walk(w.Steps)
	if len(loads) < 2 {
		t.Fatalf("the circuit has %d loads, want at least 2", len(loads))
	}
	loads[0].Unit = "stone"
	*loads[1] = workouts.Weight{Name: "medium", Pos: loads[1].Pos}
	wantDiags(t, encodeErr(t, w),
		loads[0].Pos.String()+`: weight unit "stone" is neither kg nor lb`,
		loads[1].Pos.String()+`: weight "medium" is a named load; resolve the workout before encoding`,
	)
}

// TestControlCharacters: what XML cannot hold becomes U+FFFD, with a
// warning, and the file still validates. (The language refuses control
// characters; another front end might not.)
func TestControlCharacters(t *testing.T) {
	var p produced
	defer p.validate(t)
	w := compile(t, "ctl.yaml", "name: Bell\nsteps:\n  - run: 1 min\n    notes: ok \uFFFD\n", "", 0)
	w.Name, w.Steps[0].Name, w.Description = "Bell\a", "\x01 go", "bad \xff byte"
	b, warns := p.encodeOK(t, "ctl", w)
	wantDiags(t, warns,
		"ctl.yaml:1:1: warning: description holds characters XML cannot (control characters or invalid UTF-8); written as U+FFFD",
		"ctl.yaml:1:1: warning: workout name holds characters XML cannot (control characters or invalid UTF-8); written as U+FFFD",
		"ctl.yaml:3:5: warning: step name holds characters XML cannot (control characters or invalid UTF-8); written as U+FFFD",
	)
	for _, want := range []string{"<Name>Bell\uFFFD</Name>", "<Name>\uFFFD go</Name>", "bad \uFFFD byte", "ok \uFFFD"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("file lacks %q:\n%s", want, b)
		}
	}
}
