package batch

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/workoutc/workoutc/workouts/club"
)

// writeRoster writes a roster of n athletes for the seed plan: imperial
// and metric alternately, every athlete with their own paces and loads.
func writeRoster(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "name,units,max_hr,pace.easy,hr.easy,load.medium,load.heavy")
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			s := 30 + i%25
			fmt.Fprintf(w, "Athlete %05d,imperial,%d,9:%02d-10:%02d /mi,%d-%d,%d lb,%d lb\n", i, 170+i%30, s, s, 120+i%10, 140+i%10, 10+i%15, 20+i%20)
		} else {
			s := 10 + i%40
			fmt.Fprintf(w, "\"Athlete %05d, Jr.\",metric,%d,5:%02d-6:%02d /km,%d-%d,%d kg,%d kg\n", i, 165+i%30, s, s, 118+i%10, 138+i%10, 4+i%8, 8+i%12)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func benchClub(b testing.TB, n int) (*club.Club, string) {
	roster := filepath.Join(b.TempDir(), "roster.csv")
	writeRoster(b, roster, n)
	return load(b, roster, seedPlan), roster
}

// The figures of the issue (against cp -r and Garmin's JS SDK, peak
// memory, system calls) come from scripts/bench-batch.sh, which runs the
// real binary side by side with them.

// BenchmarkRun1000 writes the batch of a 1,000-athlete roster on the
// contract's 8-week plan (20,000 FIT files) into a fresh folder per
// iteration; BenchmarkRerun1000 runs it again over an unchanged tree.
func BenchmarkRun1000(b *testing.B) {
	skipMany(b)
	c, roster := benchClub(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(b.TempDir(), "out")
		sum := runBatch(b, c, roster, dir, 0)
		if sum.Files != 20000 {
			b.Fatalf("%d files", sum.Files)
		}
		b.SetBytes(sum.Bytes)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/20000, "µs/file")
}

// BenchmarkRerun1000 is a re-run with nothing changed and Options.Inputs
// set, as the command sets it: no member is compiled again (but the
// first, for the warnings). BenchmarkRerunCompare1000 is the same
// without Inputs: every member compiled, its files compared by hash.
func BenchmarkRerun1000(b *testing.B) { benchRerun(b, []byte("the same plan")) }

func BenchmarkRerunCompare1000(b *testing.B) { benchRerun(b, nil) }

func benchRerun(b *testing.B, inputs []byte) {
	skipMany(b)
	c, roster := benchClub(b, 1000)
	dir := filepath.Join(b.TempDir(), "out")
	opts := Options{Dir: dir, Encoders: fitOnly, Inputs: inputs}
	if _, err := Run(c, opener(roster), opts); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if sum, err := Run(c, opener(roster), opts); err != nil || sum.Written != 0 {
			b.Fatalf("%+v %v", sum, err)
		}
	}
}

// skipMany keeps a fixed -benchtime of thousands of iterations (as CI
// uses for quick benchmarks) from writing millions of files.
func skipMany(b *testing.B) {
	if b.N > 20 {
		b.Skipf("b.N = %d: each iteration writes 20,000 files; use -benchtime 3x", b.N)
	}
}

// BenchmarkCompile is the per-athlete hot path: resolve and encode the
// 20 files of one member, without writing.
func BenchmarkCompile(b *testing.B) {
	c := load(b, seedRoster, seedPlan)
	f, _ := os.Open(seedRoster)
	var m club.Member
	c.Members(f, func(x club.Member) error {
		if x.Index == 0 {
			m = x
		}
		return nil
	})
	f.Close()
	serials, err := NewSerials(c)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, _, err := Compile(c, m, Options{Encoders: fitOnly, Serials: serials}); err != nil {
			b.Fatal(err)
		}
	}
}
