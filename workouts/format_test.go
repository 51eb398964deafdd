package workouts

import (
	"math"
	"strings"
	"testing"
)

// TestTimeStringExact: every time of whole milliseconds the language takes
// is written so that it parses back to the same milliseconds.
func TestTimeStringExact(t *testing.T) {
	check := func(ms int64) {
		s, ok := timeString(float64(ms) / 1000)
		if !ok {
			t.Fatalf("%d ms: no spelling", ms)
		}
		d, err := parseDuration(s, true)
		if err != nil || int64(math.Round(d.Seconds*1000)) != ms {
			t.Fatalf("%d ms: %q parses to %v (%v)", ms, s, d.Seconds, err)
		}
	}
	for ms := int64(1); ms <= 200_000; ms++ {
		check(ms)
	}
	for ms := int64(maxSeconds*1000 - 100_000); ms <= maxSeconds*1000; ms++ {
		check(ms)
	}
	for ms := int64(1); ms < maxSeconds*1000; ms = ms*3 + 7 {
		check(ms)
	}
	for _, c := range []struct {
		secs float64
		want string
	}{{30, "30 s"}, {90, "1:30"}, {120, "2 min"}, {3600, "1 h"}, {3723, "1:02:03"}, {1.5, "1.5 s"}, {90.25, "90.25 s"}} {
		if got, _ := timeString(c.secs); got != c.want {
			t.Errorf("timeString(%v) = %q, want %q", c.secs, got, c.want)
		}
	}
	for _, bad := range []float64{0, -1, maxSeconds + 1} {
		if s, ok := timeString(bad); ok {
			t.Errorf("timeString(%v) = %q, want no spelling", bad, s)
		}
	}
}

// TestDistanceStringExact: every distance of whole centimetres is written
// so that it parses back to the same centimetres, in the unit a runner
// would write when one fits.
func TestDistanceStringExact(t *testing.T) {
	check := func(cm int64) {
		s, ok := distanceString(float64(cm) / 100)
		if !ok {
			t.Fatalf("%d cm: no spelling", cm)
		}
		d, err := parseDuration(s, true)
		if err != nil || int64(math.Round(d.Meters*100)) != cm {
			t.Fatalf("%d cm: %q parses to %v (%v)", cm, s, d.Meters, err)
		}
	}
	for cm := int64(1); cm <= 300_000; cm++ {
		check(cm)
	}
	for cm := int64(1); cm < maxMeters*100; cm = cm*3 + 1 {
		check(cm)
	}
	for _, c := range []struct {
		m    float64
		want string
	}{{400, "400 m"}, {1000, "1 km"}, {1500, "1.5 km"}, {1609.34, "1 mi"}, {3218.69, "2 mi"}, {914.4, "1000 yd"}, {12.34, "12.34 m"}} {
		if got, _ := distanceString(c.m); got != c.want {
			t.Errorf("distanceString(%v) = %q, want %q", c.m, got, c.want)
		}
	}
}

// TestPaceExact: every speed from 1:00 to 60:00 per km, in mm/s as FIT
// holds it, gets a pace that the parser turns into the same mm/s.
func TestPaceExact(t *testing.T) {
	for mm := 278.0; mm <= 16666; mm++ {
		s, ok := paceString(mm/1000, mm/1000)
		if !ok {
			t.Fatalf("%v mm/s: no pace", mm)
		}
		tg, err := parsePace(s, 0)
		if err != nil || math.Round(tg.Low*1000) != mm || math.Round(tg.High*1000) != mm {
			t.Fatalf("%v mm/s: %q parses to %v-%v (%v)", mm, s, tg.Low, tg.High, err)
		}
	}
	// The seed's easy pace is whole seconds per mile: it is written so.
	if s, _ := paceString(2.555, 2.823); s != "9:30-10:30 /mi" {
		t.Errorf("easy pace = %q, want 9:30-10:30 /mi", s)
	}
	if s, _ := paceString(4.0, 4.0); s != "4:10 /km" {
		t.Errorf("4 m/s = %q, want 4:10 /km", s)
	}
	if s, ok := paceString(0.1, 0.2); ok {
		t.Errorf("0.1 m/s = %q, want no pace (slower than 60:00 /km)", s)
	}
}

// TestWeightStringExact: every load FIT holds (kg × 100, 1 to 65534) is
// written in its unit so that it parses back to the same value.
func TestWeightStringExact(t *testing.T) {
	for raw := 1; raw <= 65534; raw++ {
		for _, w := range []Weight{{Value: float64(raw) / 100, Unit: "kg"}, {Value: float64(raw) / 100 / 0.45359237, Unit: "lb"}} {
			s, ok := weightString(&w)
			if !ok {
				t.Fatalf("%d: no spelling for %v", raw, w)
			}
			p, err := parseWeight(s)
			if err != nil || math.Round(p.Kilograms()*100) != float64(raw) || p.Unit != w.Unit && raw > 1 {
				t.Fatalf("%d: %q parses to %v (%v)", raw, s, p, err)
			}
		}
	}
}

// TestFormatFlags: what the language cannot say is written as close as it
// can be, with a "# import:" comment and a warning for each, and the
// result still parses.
func TestFormatFlags(t *testing.T) {
	w := &Workout{Name: "  Foreign\x01 ", Steps: []Step{
		{Kind: KindRun, Intensity: IntensityActive, Duration: Duration{Kind: DurationHRBelow, Value: 300}},
		{Kind: KindRun, Intensity: IntensityActive, Duration: Duration{Kind: DurationTime, Seconds: 60}, Target: Target{Kind: TargetSpeedZone, Zone: 3}},
		{Kind: KindRun, Intensity: IntensityActive, Duration: Duration{Kind: DurationTime, Seconds: 60}, Secondary: Target{Kind: TargetSpeedZone, Zone: 4}},
		{Kind: KindRepeat, Until: &Duration{Kind: DurationOther, Other: "repeat_until_training_peaks_tss", Value: 50}, Steps: []Step{
			{Kind: KindRest, Intensity: IntensityRest, Duration: Duration{Kind: DurationDistance, Meters: 200}},
		}},
		{Kind: KindRepeat, Count: 150, Steps: []Step{{Kind: KindRun, Intensity: IntensityInterval, Duration: Duration{Kind: DurationLap}}}},
		{Kind: KindExercise, Intensity: IntensityWarmup, Exercise: &Exercise{Category: 31, Number: NoExerciseName, Key: "warm_up", Title: "Warm-up"}},
		{Kind: KindExercise, Intensity: IntensityActive, Exercise: &Exercise{Category: 28, Number: 29, Key: "squat/dumbbell_squat", Title: "DB Squat"},
			Duration: Duration{Kind: DurationDistance, Meters: 20}, Target: Target{Kind: TargetHRZone, Zone: 2}},
		{Kind: KindRun, Intensity: IntensityActive, Duration: Duration{Kind: DurationTime, Seconds: 60}, Target: Target{Kind: TargetHR, Low: 10, High: 20}},
	}}
	y, diags := Format(w)
	out := string(y)
	wantFlags := []string{
		"workout name",
		"the file gives no sport; wrote strength",
		"step 1: the file ends this step until hr below 300 bpm, outside what the language writes",
		"step 2: the file's target speed zone 3",
		"step 3: the file's secondary target speed zone 4 has no spelling",
		"step 4: the file repeats this block until repeat_until_training_peaks_tss 50",
		"step 5: a repeat count of 150",
		"step 6: the file names exercise category warm_up (31) with no exercise",
		"step 7: the file ends this exercise after 20 m",
		"step 7: the file gives this exercise a target, hr zone 2",
		"step 7: the file titles this exercise \"DB Squat\"",
		"step 8: the file's target hr 10-20 bpm is outside 30-250",
	}
	for _, f := range wantFlags {
		found := false
		for _, d := range diags {
			if strings.Contains(d.Msg, f) && d.Severity == SeverityWarning {
				found = true
			}
		}
		if !found {
			t.Errorf("no warning %q in\n%s", f, diags)
		}
		comment := f
		if i := strings.Index(f, ": "); strings.HasPrefix(f, "step ") && i >= 0 {
			comment = f[i+2:]
		}
		if !strings.Contains(out, "# import: "+comment) && !strings.Contains(out, comment) {
			t.Errorf("no comment %q in\n%s", comment, out)
		}
	}
	if len(diags) != len(wantFlags) {
		t.Errorf("%d warnings, want %d:\n%s", len(diags), len(wantFlags), diags)
	}
	p, pd := Parse("x.yaml", y)
	if pd.HasErrors() {
		t.Fatalf("does not parse: %v\n%s", pd, out)
	}
	for _, want := range []string{"name: Foreign\n", "sport: strength\n", "- recover: 200 m\n", "intensity: rest\n", "- repeat: 99\n", "- warmup: lap\n", "exercise: dumbbell squat\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if n := CountSteps(p.Steps); n != 10 {
		t.Errorf("%d steps parsed back, want 10", n)
	}
}

// TestFormatParsedSeed: a parsed definition goes through Format unchanged
// in meaning (named zones and loads, ranges and units stay as written).
func TestFormatParsedSeed(t *testing.T) {
	src := `name: Hill Repeats
sport: strength
steps:
  - warmup: 1 mi
    target: pace easy
  - repeat: 3-5
    steps:
      - run: 2 min
        name: Uphill
      - exercise: squat
        reps: 10
        weight: medium
`
	w, d := Parse("h.yaml", []byte(src))
	if d.HasErrors() {
		t.Fatal(d)
	}
	y, diags := Format(w)
	if len(diags) > 0 {
		t.Errorf("warnings: %v", diags)
	}
	for _, want := range []string{"target: pace easy\n", "- repeat: 3-5\n", "weight: medium\n"} {
		if !strings.Contains(string(y), want) {
			t.Errorf("missing %q in\n%s", want, y)
		}
	}
}

// TestFormatRepeatUntil: a repeat until a condition the language writes
// becomes "repeat: until ..." with no flag; one it cannot write (a time
// over 24 h, a condition it has no word for) becomes the number of rounds
// that covers it when the block has a known length, else one round,
// flagged.
func TestFormatRepeatUntil(t *testing.T) {
	block := []Step{
		{Kind: KindRun, Intensity: IntensityActive, Duration: Duration{Kind: DurationTime, Seconds: 180}},
		{Kind: KindRecover, Intensity: IntensityRecovery, Duration: Duration{Kind: DurationTime, Seconds: 60}},
	}
	for _, c := range []struct {
		until Duration
		want  string
		flag  bool
	}{
		{Duration{Kind: DurationTime, Seconds: 1200}, "- repeat: until 20 min\n", false},
		{Duration{Kind: DurationTime, Seconds: 1000}, "- repeat: until 16:40\n", false},
		{Duration{Kind: DurationDistance, Meters: 5000}, "- repeat: until 5 km\n", false},
		{Duration{Kind: DurationCalories, Value: 500}, "- repeat: until 500 kcal\n", false},
		{Duration{Kind: DurationHRBelow, Value: 120}, "- repeat: until hr below 120\n", false},
		{Duration{Kind: DurationHRAbove, Value: 80, Percent: true}, "- repeat: until hr above 80%\n", false},
		{Duration{Kind: DurationPowerBelow, Value: 200}, "- repeat: until power below 200\n", false},
		{Duration{Kind: DurationPowerAbove, Value: 95, Percent: true}, "- repeat: until power above 95%\n", false},
		{Duration{Kind: DurationTime, Seconds: 100000}, "- repeat: 99\n", true},
		{Duration{Kind: DurationHRBelow, Value: 300}, "- repeat: 1\n", true},
	} {
		w := &Workout{Name: "x", Sport: SportRunning, Steps: []Step{{Kind: KindRepeat, Until: &c.until, Steps: block}}}
		y, diags := Format(w)
		flagged := len(diags) == 1 && strings.Contains(string(y), "# import: the file repeats this block until")
		if !strings.Contains(string(y), c.want) || flagged != c.flag || !c.flag && len(diags) > 0 {
			t.Errorf("until %+v: want %q (flagged %v), got %v\n%s", c.until, c.want, c.flag, diags, y)
			continue
		}
		p, pd := Parse("x.yaml", y)
		if pd.HasErrors() {
			t.Errorf("until %+v: does not parse: %v\n%s", c.until, pd, y)
		} else if !c.flag && (p.Steps[0].Until == nil || *p.Steps[0].Until != withUnit(c.until)) {
			t.Errorf("until %+v: parses back to %+v", c.until, p.Steps[0].Until)
		}
	}
	w := &Workout{Name: "x", Sport: SportRunning, Steps: []Step{{Kind: KindRepeat, Until: &Duration{Kind: DurationTime, Seconds: 100000}, Steps: block}}}
	_, diags := Format(w)
	if !strings.Contains(diags[0].Msg, "wrote 99, as 99 × 4:00 covers it") {
		t.Errorf("message %q", diags[0].Msg)
	}
}

// withUnit is d as the parser gives it back: with the unit it was written
// in.
func withUnit(d Duration) Duration {
	switch d.Kind {
	case DurationTime:
		d.Unit = map[float64]string{1200: "min", 1000: "clock"}[d.Seconds]
	case DurationDistance:
		d.Unit = "km"
	case DurationCalories:
		d.Unit = "kcal"
	case DurationHRBelow, DurationHRAbove:
		d.Unit = "bpm"
	case DurationPowerBelow, DurationPowerAbove:
		d.Unit = "W"
	}
	if d.Percent {
		d.Unit = "%"
	}
	return d
}
