package fit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitdump"
	"github.com/workoutc/workoutc/workouts"
)

// FuzzCompile runs the whole pipeline on arbitrary definitions: parse,
// validate, resolve against a profile, encode to FIT. Whatever the input,
// nothing panics; a definition that parses and resolves always encodes
// (the encoder cuts or warns, it does not fail on valid input), and the
// file reads back with the right number of steps. Seeds are the
// repository's definitions and their error files.
func FuzzCompile(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/*.yaml")
	errs, _ := filepath.Glob("../../testdata/errors/*.yaml")
	seeds = append(seeds, errs...)
	if len(seeds) < 5 {
		f.Fatalf("found %d seeds; the testdata definitions are missing", len(seeds))
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	src, err := os.ReadFile("../../testdata/athletes/sam.yaml")
	if err != nil {
		f.Fatal(err)
	}
	sam, diags := workouts.ParseAthlete("sam.yaml", src)
	if diags.HasErrors() {
		f.Fatal(diags)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, diags := workouts.Parse("f.yaml", data)
		if w == nil || diags.HasErrors() {
			return
		}
		r, rd := workouts.Resolve(w, workouts.ResolveOptions{Athlete: sam, Reps: 3})
		if rd.HasErrors() {
			return
		}
		b, wd, err := fitenc.Encode(r, encode.Options{})
		if err != nil {
			// Only a workout too big for FIT may fail, and then it says so.
			if n := workouts.CountSteps(r.Steps); n <= fitenc.MaxSteps {
				t.Fatalf("valid %d-step workout failed to encode: %v", n, err)
			}
			return
		}
		if wd.HasErrors() {
			t.Fatalf("encode returned bytes and errors: %v", wd)
		}
		var out bytes.Buffer
		if err := fitdump.Dump(&out, b); err != nil {
			t.Fatalf("our own file does not read back: %v", err)
		}
		if got, want := strings.Count(out.String(), "\nworkout_step:\n"), workouts.CountSteps(r.Steps); got != want {
			t.Fatalf("file holds %d steps, the workout %d", got, want)
		}
	})
}
