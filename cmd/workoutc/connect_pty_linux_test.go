package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/workoutc/workoutc/internal/testkit/fakeconnect"
	"github.com/workoutc/workoutc/internal/testkit/shared"
)

// openPTY returns a pseudo-terminal's two ends.
func openPTY(t *testing.T) (master, term *os.File) {
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		shared.Missing(t, "no pseudo-terminal: "+err.Error())
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		shared.Missing(t, "cannot unlock a pseudo-terminal: "+err.Error())
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		shared.Missing(t, "no pseudo-terminal number: "+err.Error())
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		shared.Missing(t, "cannot open the pseudo-terminal: "+err.Error())
	}
	return m, s
}

// TestConnectPushProgress: on a terminal, a push of a batch folder draws
// the progress bar on stderr and clears it; stdout keeps its lines.
func TestConnectPushProgress(t *testing.T) {
	master, term := openPTY(t)
	defer master.Close()
	var seen bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&seen, master); close(done) }()

	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	s := fakeconnect.New()
	defer s.Close()
	getenv := func(k string) string {
		switch k {
		case "WORKOUTC_CONNECT_API", "WORKOUTC_CONNECT_AUTH":
			return s.URL
		case "TERM":
			return "xterm"
		}
		return os.Getenv(k)
	}
	out := filepath.Join(t.TempDir(), "batch")
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{
		{"batch", "-q", "--roster", "../../testdata/club/roster.csv", "--plan", "../../testdata/plan.yaml", "-o", out},
		{"connect", "login", "--ticket", "ST-progress"},
	} {
		if code := run(append([]string{"workoutc"}, args...), nil, &stdout, &stderr, getenv); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
	}
	stdout.Reset()
	if code := run([]string{"workoutc", "connect", "push", filepath.Join(out, "ana-souza")}, nil, &stdout, term, getenv); code != 0 {
		t.Fatalf("push: exit %d", code)
	}
	term.Close()
	<-done
	got := seen.String()
	if !strings.Contains(got, "connect push [##############################] 40/40 writes") || !strings.Contains(got, "\r\x1b[K") {
		t.Errorf("the terminal saw %q, want the bar at 40/40 writes and a cleared line", got)
	}
	if strings.Contains(stdout.String(), "\r") || !strings.Contains(stdout.String(), "push: 20 created") {
		t.Errorf("stdout = %q", stdout.String())
	}
}
