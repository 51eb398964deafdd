package shared

import (
	"strings"
	"testing"
)

// recorder stands in for a test to see whether the rule skips or fails
// first (its Skipf and Fatalf do not stop the goroutine, as the real ones
// do, so only the first call counts).
type recorder struct {
	testing.TB
	first, msg string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	if r.first == "" {
		r.first, r.msg = "skip", format
	}
}
func (r *recorder) Fatalf(format string, args ...any) {
	if r.first == "" {
		r.first, r.msg = "fail", format
	}
}

// TestMissing: the one rule of the tests that need ../shared (or a tool):
// skip loudly outside CI, fail under CI=true.
func TestMissing(t *testing.T) {
	t.Setenv("CI", "")
	r := &recorder{TB: t}
	Missing(r, "x is missing")
	if r.first != "skip" || !strings.HasPrefix(r.msg, "SKIPPED (not under CI)") {
		t.Errorf("outside CI: %s %q; want a loud skip", r.first, r.msg)
	}
	t.Setenv("CI", "true")
	r = &recorder{TB: t}
	Missing(r, "x is missing")
	if r.first != "fail" {
		t.Errorf("under CI=true: %s %q; want a failure", r.first, r.msg)
	}
	r = &recorder{TB: t}
	Path(r, "no-such-file-in-shared")
	if r.first != "fail" {
		t.Errorf("Path of a missing file under CI=true: %s %q; want a failure", r.first, r.msg)
	}
}
