package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/fakeconnect"
)

// BenchmarkConnectPush20 pushes one athlete's batch folder (20 workouts,
// each on its date) into an empty account of the fake service, and
// reports the requests a push makes; "again" is the second push of the
// same folder, which writes nothing.
//
//	go test ./cmd/workoutc -run '^$' -bench ConnectPush20 -benchtime 20x
func BenchmarkConnectPush20(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	out := filepath.Join(b.TempDir(), "batch")
	runOK(b, nil, "batch", "--roster", "../../testdata/club/roster.csv", "--plan", "../../testdata/plan.yaml", "-o", out, "-q")
	folder := filepath.Join(out, "sam-rivera")
	if ents, _ := os.ReadDir(folder); len(ents) != 20 {
		b.Fatalf("%s holds %d files, want 20", folder, len(ents))
	}
	fresh := func() (*fakeconnect.Server, func(string) string) {
		s := fakeconnect.New()
		getenv := func(k string) string {
			switch k {
			case "WORKOUTC_CONNECT_API", "WORKOUTC_CONNECT_AUTH":
				return s.URL
			}
			return os.Getenv(k)
		}
		runOK(b, getenv, "connect", "login", "--ticket", "ST-bench")
		s.ResetCounts()
		return s, getenv
	}
	b.Run("first", func(b *testing.B) {
		var req, writes int
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s, getenv := fresh()
			b.StartTimer()
			runOK(b, getenv, "connect", "push", folder)
			b.StopTimer()
			c := s.Counts()
			for _, n := range c {
				req += n
			}
			writes += s.Writes()
			if len(s.Workouts()) != 20 || len(s.Scheduled()) != 20 {
				b.Fatalf("%d workouts, %d calendar entries; want 20 and 20", len(s.Workouts()), len(s.Scheduled()))
			}
			s.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(req)/float64(b.N), "requests/op")
		b.ReportMetric(float64(writes)/float64(b.N), "writes/op")
	})
	b.Run("again", func(b *testing.B) {
		s, getenv := fresh()
		defer s.Close()
		runOK(b, getenv, "connect", "push", folder)
		s.ResetCounts()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			runOK(b, getenv, "connect", "push", folder)
		}
		b.StopTimer()
		req := 0
		for _, n := range s.Counts() {
			req += n
		}
		if s.Writes() != 0 {
			b.Fatalf("a second push wrote %d times", s.Writes())
		}
		b.ReportMetric(float64(req)/float64(b.N), "requests/op")
	})
}

func runOK(b *testing.B, getenv func(string) string, args ...string) {
	b.Helper()
	if getenv == nil {
		getenv = os.Getenv
	}
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"workoutc"}, args...), nil, &stdout, &stderr, getenv); code != 0 {
		b.Fatalf("workoutc %v: exit %d\n%s%s", args, code, stdout.String(), stderr.String())
	}
}
