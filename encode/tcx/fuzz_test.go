package tcx_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/internal/testkit/shared"
)

// FuzzDecode: no input makes Decode panic, loop or return a workout and an
// error together; what it reads encodes without panicking. Seeded with the
// golden TCX files, the foreign files beside the repository when present,
// and a few broken documents. With seeds of a few kilobytes the fuzzer's
// default minimisation (60 s per new input) stalls progress: run it with
// -fuzzminimizetime 5s.
func FuzzDecode(f *testing.F) {
	seeds := goldenTCX(f)
	if len(seeds) < 2 {
		f.Fatalf("%d golden TCX seeds in %s", len(seeds), testdata)
	}
	var foreign []string // optional seeds: the fuzz target runs without them
	if dir, err := shared.Find("corpus", "tcx"); err == nil {
		foreign, _ = filepath.Glob(filepath.Join(dir, "*.tcx"))
	}
	for _, p := range append(seeds, foreign...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(head + "<Workouts><Workout Sport=\"Other\"><Name>x</Name>" + okStep + "</Workout></Workouts></TrainingCenterDatabase>"))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><TrainingCenterDatabase/>`))
	f.Add([]byte("<TrainingCenterDatabase><Workouts><Workout><Step><Child><Child/></Child></Step></Workout></Workouts></TrainingCenterDatabase>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, diags, err := tcx.DecodeFile("", data)
		if err != nil {
			if w != nil || diags != nil {
				t.Fatalf("a workout or warnings with the error %v", err)
			}
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if w == nil || len(w.Steps) == 0 {
			t.Fatalf("no workout and no error")
		}
		for _, d := range diags {
			if d.Msg == "" {
				t.Fatal("empty diagnostic")
			}
		}
		b, _, err := tcx.Encode(w, encode.Options{})
		if err == nil && len(b) == 0 {
			t.Fatal("Encode returned nothing and no error")
		}
	})
}
