package fit_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

// FuzzInspect: whatever a FIT file's names and notes hold, what inspect
// prints of it (the text tree, and --json after term.JSON) carries no raw
// control character but the text's own line breaks and tabs.
func FuzzInspect(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.fit"))
	if len(seeds) == 0 {
		f.Fatal("no seeds")
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	hostile := "Hill\x1b[2J\r\x7f\u009b\u202e\u2028x"
	hw := &workouts.Workout{Name: hostile, Description: hostile, Sport: workouts.SportRunning, Steps: []workouts.Step{{
		Kind: workouts.KindRun, Intensity: workouts.IntensityActive, Name: hostile, Notes: hostile + "\n" + hostile,
		Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 60}}}}
	b, _, err := fitenc.Encode(hw, encode.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		w, diags, err := fitenc.Decode(data)
		if err != nil {
			if s := err.Error(); strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && term.IsControl(r) }) {
				t.Fatalf("raw control in the error %q", s)
			}
			return
		}
		for _, d := range diags {
			if s := d.String(); strings.ContainsFunc(s, term.IsControl) {
				t.Fatalf("raw control in %q", s)
			}
		}
		text := workouts.InspectText(w)
		if strings.ContainsFunc(text, func(r rune) bool { return r != '\n' && r != '\t' && term.IsControl(r) }) {
			t.Fatalf("raw control in the inspect text %q", text)
		}
		b, err := json.Marshal(workouts.Inspect(w, "f.fit", "fit", nil))
		if err != nil {
			t.Fatal(err)
		}
		if js := string(term.JSON(b)); strings.ContainsFunc(js, term.IsControl) {
			t.Fatalf("raw control in the JSON %q", js)
		}
	})
}
