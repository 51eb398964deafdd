package fit_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
)

// allFIT collects every FIT file this package's tests make through Encode
// or EncodeSchedule.
var allFIT fitsdk.Collector

// TestMain runs the tests, then sends every FIT file they made to Garmin's
// SDK in one fitsdk.Check, and fails the run when the SDK rejects any (or
// cannot run); benchmarks and fuzzing collect nothing.
func TestMain(m *testing.M) {
	os.Exit(fitsdk.Main(m, &allFIT, func() { fitenc.SetProduced(allFIT.Add) }, func() { fitenc.SetProduced(nil) }))
}

// TestCollector shows that the collector can fail: of a good file, the same
// file again and two bad ones (a broken CRC, not FIT at all), it judges three
// and reports exactly the two bad ones.
func TestCollector(t *testing.T) {
	var c fitsdk.Collector
	good := mustEncode(t, hillWorkout())
	crc := bytes.Clone(good)
	crc[len(crc)-1] ^= 0xFF
	c.Add(good)
	c.Add(good)
	c.Add(crc)
	c.Add([]byte("not a FIT file"))
	n, report, err := c.Judge()
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("judged %d files, want 3 (the good one once)", n)
	}
	if !strings.HasPrefix(report, "2 rejected by the FIT SDK") ||
		!strings.Contains(report, "0001.fit:") || !strings.Contains(report, "0002.fit:") || strings.Contains(report, "0000.fit") {
		t.Errorf("report does not name exactly the two bad files:\n%s", report)
	}
	if dir, _, ok := strings.Cut(strings.TrimPrefix(report, "2 rejected by the FIT SDK (kept in "), "):"); ok {
		os.RemoveAll(dir)
	}

	var good1 fitsdk.Collector
	good1.Add(good)
	if n, report, err := good1.Judge(); err != nil || n != 1 || report != "" {
		t.Errorf("a good file alone: %d files, report %q, err %v", n, report, err)
	}
}
