package fit_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

// TestSerialOption: encode.Options.Serial sets the serial number; with
// SerialMask it fixes only the bits outside the mask, the rest still
// coming from the content and salt; 0xFFFFFFFF is refused; everything
// else in the file stays as without it.
func TestSerialOption(t *testing.T) {
	enc := func(w *workouts.Workout, opts encode.Options) []byte {
		t.Helper()
		opts.Time = testOpts.Time
		b, _, err := fitenc.Encode(w, opts)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	salted := encode.Options{Salt: "sam/2027-01-05"}
	derived := serialOf(t, enc(hillWorkout(), salted))

	// A mask without a serial changes nothing.
	maskOnly := salted
	maskOnly.SerialMask = 0xFF
	if !bytes.Equal(enc(hillWorkout(), maskOnly), enc(hillWorkout(), salted)) {
		t.Error("SerialMask without Serial changed the file")
	}

	// Set: whatever the content.
	set := encode.Options{Serial: 0x12345678}
	for name, w := range map[string]*workouts.Workout{"hill": hillWorkout(), "circuit": circuitWorkout()} {
		if s := serialOf(t, enc(w, set)); s != 0x12345678 {
			t.Errorf("%s: serial %#x, want 0x12345678", name, s)
		}
	}

	// A block: the high bits from Serial, the low from the content.
	const mask = 1<<14 - 1
	block := salted
	block.Serial, block.SerialMask = 5<<14|0x3FFF, mask // Serial's bits under the mask are ignored
	got := serialOf(t, enc(hillWorkout(), block))
	if want := uint32(5<<14) | derived&mask; got != want {
		t.Errorf("block serial %#x, want %#x (derived %#x)", got, want, derived)
	}
	other := serialOf(t, enc(circuitWorkout(), block))
	if other>>14 != 5 || other == got {
		t.Errorf("another workout in the same block: %#x (hill %#x)", other, got)
	}
	// Only the serial number (and the CRC) differ from the derived file.
	a, b := enc(hillWorkout(), salted), enc(hillWorkout(), block)
	if len(a) != len(b) {
		t.Fatalf("%d and %d bytes", len(a), len(b))
	}
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	if diff == 0 || diff > 6 {
		t.Errorf("%d bytes differ; want at most the 4 of the serial and the 2 of the CRC", diff)
	}

	// A mask of every bit: the derived serial, whatever Serial says.
	for _, fixed := range []uint32{0xFFFFFFFF, 1} {
		o := salted
		o.Serial, o.SerialMask = fixed, 0xFFFFFFFF
		if s := serialOf(t, enc(hillWorkout(), o)); s != derived {
			t.Errorf("an all-content mask gave %#x, want %#x", s, derived)
		}
	}

	// FIT's invalid value is refused.
	data, _, err := fitenc.Encode(hillWorkout(), encode.Options{Serial: 0xFFFFFFFF})
	if err == nil || data != nil || !strings.Contains(err.Error(), "invalid value") {
		t.Errorf("serial 0xFFFFFFFF: %d bytes, err %v", len(data), err)
	}
}
