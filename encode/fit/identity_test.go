package fit_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

// TestEncodeIdentity: the identity EncodeIdentity returns is what
// Identify reads from its bytes, and the bytes are Encode's, for a plain
// serial, a fixed one and a block.
func TestEncodeIdentity(t *testing.T) {
	data, err := os.ReadFile("../../testdata/hill-repeats.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, ds := workouts.Parse("hill-repeats.yaml", data)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	r, ds := workouts.Resolve(w, workouts.ResolveOptions{Athlete: &workouts.Athlete{Zones: map[string]map[string]workouts.Target{
		"pace": {"easy": {Kind: workouts.TargetPace, Low: 2.5, High: 3}}}}})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, o := range []encode.Options{{}, {Salt: "x", Time: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}, {Serial: 12345}, {Serial: 0xAB000000, SerialMask: 0x3FFF}} {
		b, id, _, err := fitenc.EncodeIdentity(r, o)
		if err != nil {
			t.Fatal(err)
		}
		want, _, _ := fitenc.Encode(r, o)
		if !bytes.Equal(b, want) {
			t.Errorf("%+v: EncodeIdentity's bytes differ from Encode's", o)
		}
		got, err := fitenc.Identify(b)
		if err != nil {
			t.Fatal(err)
		}
		if got != id {
			t.Errorf("%+v: identity %+v, the bytes hold %+v", o, id, got)
		}
	}
}
