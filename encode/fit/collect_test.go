package fit_test

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/fitsdk"
)

// allFIT collects every FIT file this package's tests make through Encode
// or EncodeSchedule.
var allFIT fitCollector

// TestMain runs the tests, then sends every FIT file they made to Garmin's
// SDK in one fitsdk.Check, and fails the run when the SDK rejects any (or
// cannot run). Benchmarks and fuzzing make files by the million to measure
// or explore, so a run with -bench or -fuzz collects nothing.
func TestMain(m *testing.M) {
	flag.Parse()
	collect := flagValue("test.bench") == "" && flagValue("test.fuzz") == ""
	if collect {
		fitenc.SetProduced(allFIT.add)
	}
	code := m.Run()
	fitenc.SetProduced(nil)
	if collect && code == 0 {
		n, report, err := allFIT.judge()
		switch {
		case err != nil:
			fmt.Fprintf(os.Stderr, "fitsdk: %v\n", err)
			code = 1
		case report != "":
			fmt.Fprintf(os.Stderr, "fitsdk: of the %d FIT files the tests made, %s", n, report)
			code = 1
		case testing.Verbose():
			fmt.Printf("fitsdk: the SDK accepts all %d FIT files the tests made\n", n)
		}
	}
	os.Exit(code)
}

func flagValue(name string) string {
	if f := flag.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// fitCollector keeps one copy of each distinct file it is given.
type fitCollector struct {
	mu    sync.Mutex
	seen  map[[sha256.Size]byte]bool
	files [][]byte
}

func (c *fitCollector) add(b []byte) {
	sum := sha256.Sum256(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[[sha256.Size]byte]bool{}
	}
	if !c.seen[sum] {
		c.seen[sum] = true
		c.files = append(c.files, bytes.Clone(b))
	}
}

// judge writes the collected files into a temporary folder and gives them
// all to fitsdk.Check at once. It returns how many files there were and,
// when the SDK rejects any, a report naming each with its errors; the
// folder is then kept for a look at the files (fit dump), else removed.
func (c *fitCollector) judge() (n int, report string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.files) == 0 {
		return 0, "", nil
	}
	dir, err := os.MkdirTemp("", "fit-tests-")
	if err != nil {
		return 0, "", err
	}
	paths := make([]string, len(c.files))
	for i, b := range c.files {
		paths[i] = filepath.Join(dir, fmt.Sprintf("%04d.fit", i))
		if err := os.WriteFile(paths[i], b, 0o644); err != nil {
			os.RemoveAll(dir)
			return 0, "", err
		}
	}
	results, err := fitsdk.Check(paths...)
	if err != nil {
		os.RemoveAll(dir)
		return 0, "", err
	}
	var b strings.Builder
	bad := 0
	for _, r := range results {
		if r.OK {
			continue
		}
		bad++
		fmt.Fprintf(&b, "\n%s:", r.File)
		for _, e := range r.Errors {
			fmt.Fprintf(&b, "\n\t%s", e)
		}
	}
	if bad == 0 {
		os.RemoveAll(dir)
		return len(paths), "", nil
	}
	return len(paths), fmt.Sprintf("%d rejected by the FIT SDK (kept in %s):%s\n", bad, dir, b.String()), nil
}

// TestCollector shows that the collector can fail: of a good file, the same
// file again and two bad ones (a broken CRC, not FIT at all), it judges three
// and reports exactly the two bad ones.
func TestCollector(t *testing.T) {
	var c fitCollector
	good := mustEncode(t, hillWorkout())
	crc := bytes.Clone(good)
	crc[len(crc)-1] ^= 0xFF
	c.add(good)
	c.add(good)
	c.add(crc)
	c.add([]byte("not a FIT file"))
	n, report, err := c.judge()
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

	var good1 fitCollector
	good1.add(good)
	if n, report, err := good1.judge(); err != nil || n != 1 || report != "" {
		t.Errorf("a good file alone: %d files, report %q, err %v", n, report, err)
	}
}
