package mutate

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/internal/testkit/shared"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

// reader reads one file's bytes and returns the messages it would print.
type reader func(name string, data []byte) []string

func messages(diags workouts.Diagnostics, err error) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	if err != nil {
		out = append(out, err.Error())
	}
	return out
}

var readers = map[string]reader{
	".fit": func(name string, data []byte) []string {
		_, diags, err := fitenc.Decode(data)
		out := messages(diags, err)
		if _, err := fitenc.Identify(data); err == nil {
			_, err := fitenc.DecodeSchedule(data)
			out = append(out, messages(nil, err)...)
		}
		return out
	},
	".tcx": func(name string, data []byte) []string {
		_, diags, err := tcx.DecodeFile(name, data)
		return messages(diags, err)
	},
	".yaml": func(name string, data []byte) []string {
		switch {
		case strings.Contains(name, "athletes"):
			_, diags := workouts.ParseAthlete(name, data)
			return messages(diags, nil)
		case strings.HasSuffix(name, "plan.yaml"):
			_, diags := club.ParsePlan(name, data, func(string) ([]byte, error) { return nil, os.ErrNotExist })
			return messages(diags, nil)
		}
		_, diags := workouts.Parse(name, data)
		return messages(diags, nil)
	},
	".csv": func(name string, data []byte) []string {
		rr := club.NewRosterReader(name, bytes.NewReader(data))
		cols, diags, _ := rr.Header()
		out := messages(diags, nil)
		for cols != nil {
			row, err := rr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return append(out, err.Error())
			}
			out = append(out, messages(row.Diags, nil)...)
		}
		return out
	},
}

// files lists the goldens of testdata (the definitions, profiles, plan and
// roster, not the generated dumps or the error examples) and the
// FIT and TCX files of the shared corpus.
func files(t *testing.T) []string {
	var out []string
	for _, pat := range []string{"*.fit", "*.tcx", "*.yaml", "athletes/*.yaml", "club/*.yaml", "club/*.csv"} {
		m, _ := filepath.Glob(filepath.Join("../../../testdata", pat))
		out = append(out, m...)
	}
	for _, sub := range []string{"fit", "tcx"} {
		dir := shared.Path(t, "corpus", sub)
		m, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range m {
			if _, ok := readers[strings.ToLower(filepath.Ext(p))]; ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// fullBudget bounds the bytes read to try every mutation of a file: 9n
// mutations of n bytes each. Every golden (at most 2.6 kB) and the small
// corpus files are under it; the three corpus files of 13-94 kB (a full
// pass of the 94 kB activity would read 80 GB) get sampleBudget bytes of
// evenly spread mutations instead, the header's every one first.
const (
	fullBudget   = 80 << 20
	sampleBudget = 16 << 20
)

// TestMutations: no cut and no bit flip of any golden or corpus file
// panics a reader, and no message any of them gives holds a raw control
// character. Every truncation and every single-bit flip is tried for every
// file within fullBudget; the files run in parallel, one worker each.
func TestMutations(t *testing.T) {
	list := files(t)
	if len(list) < 10 {
		t.Fatalf("only %d files to mutate: %v", len(list), list)
	}
	start := time.Now()
	var total atomic.Int64
	for _, p := range list {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			read := readers[strings.ToLower(filepath.Ext(p))]
			name := filepath.Base(p)
			n := mutateAll(t, name, data, read)
			total.Add(int64(n))
		})
	}
	t.Cleanup(func() {
		t.Logf("%d files, %d mutations in %v", len(list), total.Load(), time.Since(start).Round(time.Millisecond))
	})
}

// mutateAll runs read on every truncation and every single-bit flip of
// data, failing on a panic or a raw control character in a message, and
// returns how many it tried.
func mutateAll(t *testing.T, name string, data []byte, read reader) int {
	t.Helper()
	// One worker a file: the files run in parallel (t.Parallel, at most
	// GOMAXPROCS at once), so the test keeps no more cores busy than
	// there are while the other packages' tests run beside it.
	workers := 1
	jobs := make(chan int, 256)
	var wg sync.WaitGroup
	var failures atomic.Int32
	// job i < len(data): truncate to i bytes; else flip bit i-len(data).
	work := func() {
		defer wg.Done()
		buf := make([]byte, len(data))
		for i := range jobs {
			var in []byte
			var what string
			if i < len(data) {
				in, what = data[:i:i], fmt.Sprintf("cut to %d bytes", i)
			} else {
				b := i - len(data)
				copy(buf, data)
				buf[b/8] ^= 1 << (b % 8)
				in, what = buf, fmt.Sprintf("bit %d of byte %d flipped", b%8, b/8)
			}
			if msg, ok := safeRead(read, name, in); !ok {
				if failures.Add(1) <= 5 {
					t.Errorf("%s, %s: %s", name, what, msg)
				}
			}
		}
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go work()
	}
	n := len(data) + 8*len(data)
	tried := 0
	if 9*len(data)*len(data) <= fullBudget {
		for i := 0; i < n; i++ {
			jobs <- i
		}
		tried = n
	} else {
		// The header (its 14 bytes: every cut and flip), then an even
		// spread over the rest.
		head := min(14, len(data))
		for i := 0; i < head; i++ {
			jobs <- i
			for b := 0; b < 8; b++ {
				jobs <- len(data) + 8*i + b
			}
		}
		k := max(1, sampleBudget/len(data))
		step := max(1, n/k)
		for i := 0; i < n; i += step {
			jobs <- i
		}
		tried = 9*head + (n+step-1)/step
	}
	close(jobs)
	wg.Wait()
	return tried
}

// safeRead runs read and reports a panic or a raw control character.
func safeRead(read reader, name string, data []byte) (msg string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, ok = fmt.Sprintf("panic: %v", r), false
		}
	}()
	for _, m := range read(name, data) {
		if strings.ContainsFunc(m, term.IsControl) {
			return fmt.Sprintf("a raw control character in %q", term.Cut(m, 300)), false
		}
	}
	return "", true
}
