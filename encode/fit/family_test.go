package fit_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/muktihari/fit/kit/hash/crc16"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

// TestFamilyIsEncodeIdentity: every file of a Family, patched or encoded,
// is byte for byte the file EncodeIdentity makes with the same options,
// with the same identity, for every workout of testdata, a plain serial
// number, a fixed one and a block, many salts, and fixed serial numbers.
func TestFamilyIsEncodeIdentity(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/*.yaml")
	athlete := &workouts.Athlete{Zones: map[string]map[string]workouts.Target{
		"pace": {"easy": {Kind: workouts.TargetPace, Low: 2.5, High: 3}}}}
	n := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, ds := workouts.Parse(filepath.Base(p), data)
		if ds.HasErrors() {
			continue // the plan
		}
		r, ds := workouts.Resolve(w, workouts.ResolveOptions{Athlete: athlete})
		if ds.HasErrors() {
			continue
		}
		tm := time.Date(2027, 1, 1, 6, 0, 0, 0, time.UTC)
		for _, o := range []encode.Options{{}, {Salt: "base", Time: tm}, {Serial: 12345, Time: tm}, {Serial: 0xAB000000, SerialMask: 0x3FFF, Time: tm}} {
			f, fd, err := fitenc.EncodeFamily(r, o)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if !fitenc.Patched(f) {
				t.Errorf("%s %+v: the family encodes every file; it should patch them", p, o)
			}
			_, _, wd, _ := fitenc.EncodeIdentity(r, o)
			if fmt.Sprint(fd) != fmt.Sprint(wd) {
				t.Errorf("%s: family warnings %v, EncodeIdentity's %v", p, fd, wd)
			}
			for _, unpatched := range []bool{false, true} {
				if unpatched {
					fitenc.Unpatched(f)
				}
				for i := 0; i < 20; i++ {
					salt := fmt.Sprintf("athlete-%d/2027-01-%02d-x", i*7, i)
					got, gid, err := f.File(salt)
					oo := o
					oo.Salt = salt
					want, wid, _, werr := fitenc.EncodeIdentity(r, oo)
					if err != nil || werr != nil || !bytes.Equal(got, want) || gid != wid {
						t.Fatalf("%s %+v salt %q (unpatched %v): family %x %+v %v; EncodeIdentity %x %+v %v", p, o, salt, unpatched, got, gid, err, want, wid, werr)
					}
					serial := uint32(0xAB000000 + i*977)
					got, gid, err = f.FileSerial(serial)
					want, wid, _, werr = fitenc.EncodeIdentity(r, encode.Options{Time: o.Time, Serial: serial})
					if err != nil || werr != nil || !bytes.Equal(got, want) || gid != wid {
						t.Fatalf("%s serial %d (unpatched %v): the family's file differs from EncodeIdentity's", p, serial, unpatched)
					}
					n++
				}
			}
			if _, _, err := f.FileSerial(0xFFFFFFFF); err == nil {
				t.Errorf("FileSerial(0xFFFFFFFF) gave a file")
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d files compared", n)
	}
}

// TestCRC16 holds the byte-table CRC to the SDK's nibble one.
func TestCRC16(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		h := crc16.New()
		h.Write(b)
		if got, want := fitenc.CRC16(b), h.Sum16(); got != want {
			t.Fatalf("%d bytes: crc %04x, the SDK's %04x", n, got, want)
		}
	}
}
