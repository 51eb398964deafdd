package progress

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestLine(t *testing.T) {
	for _, c := range []struct {
		done, total int
		want        string
	}{
		{0, 1000, "batch [······························]    0/1000 athletes"},
		{500, 1000, "batch [###############···············]  500/1000 athletes"},
		{1000, 1000, "batch [##############################] 1000/1000 athletes"},
		{0, 0, "batch [##############################] 0/0 athletes"},
	} {
		if got := Line("batch", "athletes", c.done, c.total); got != c.want {
			t.Errorf("Line(%d, %d) = %q, want %q", c.done, c.total, got, c.want)
		}
	}
}

// TestBarRate checks that the bar redraws at most every 100 ms, always
// shows the last step, and clears its line at the end.
func TestBarRate(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "batch", "athletes", 3)
	clock := time.Unix(0, 0)
	b.now = func() time.Time { return clock }
	b.Set(1)
	b.Set(2) // same instant: skipped
	clock = clock.Add(50 * time.Millisecond)
	b.Set(3) // the last one always shows
	b.Done()
	got := buf.String()
	if n := strings.Count(got, "\r"); n != 3 {
		t.Errorf("%d redraws and clears, want 3: %q", n, got)
	}
	if strings.Contains(got, "2/3") || !strings.Contains(got, "3/3") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("unexpected drawing %q", got)
	}
}

func TestIsTerminal(t *testing.T) {
	env := func(string) string { return "xterm" }
	if IsTerminal(&bytes.Buffer{}, env) {
		t.Error("a buffer is not a terminal")
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	if IsTerminal(null, env) {
		t.Error("the null device is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f, env) {
		t.Error("a file is not a terminal")
	}
}
