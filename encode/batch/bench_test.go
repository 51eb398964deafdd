package batch

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/workoutc/workoutc/internal/fitsdk"
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

func BenchmarkRerun1000(b *testing.B) {
	skipMany(b)
	c, roster := benchClub(b, 1000)
	dir := filepath.Join(b.TempDir(), "out")
	runBatch(b, c, roster, dir, 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if sum := runBatch(b, c, roster, dir, 0); sum.Written != 0 {
			b.Fatalf("%+v", sum)
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

// TestBatchSpeed measures what the issue asks about, with the real binary:
//
//   - a 1,000-athlete batch (20,000 files) against `cp -r` of the same tree
//     and against Garmin's JS SDK encoding the same files
//     (testdata/fitsdk/bench-encode.mjs);
//   - peak memory (maximum RSS) of the batch at 10,000 athletes against 100.
//
// It takes a few minutes, so it runs only with WORKOUTC_BATCH_BENCH=1:
//
//	WORKOUTC_BATCH_BENCH=1 go test ./encode/batch -run TestBatchSpeed -v -timeout 30m
//
// WORKOUTC_BATCH_BENCH_DIR=/dev/shm measures on another file system (a
// RAM disk takes the disk out of the comparison).
//
// It prints the numbers (median of 3 runs for the timings); it fails only
// when something does not run or two files share a serial number.
func TestBatchSpeed(t *testing.T) {
	if os.Getenv("WORKOUTC_BATCH_BENCH") == "" {
		t.Skip("set WORKOUTC_BATCH_BENCH=1 to measure (minutes)")
	}
	tmp := t.TempDir()
	if base := os.Getenv("WORKOUTC_BATCH_BENCH_DIR"); base != "" {
		// Another file system, e.g. /dev/shm to take the disk out.
		var err error
		if tmp, err = os.MkdirTemp(base, "batch-bench-"); err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(tmp)
	}
	bin := filepath.Join(tmp, "workoutc")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/workoutc").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	plan, _ := filepath.Abs(seedPlan)
	batch := func(roster, out string) (time.Duration, int64) {
		cmd := exec.Command(bin, "batch", "-q", "--roster", roster, "--plan", plan, "-o", out)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatalf("batch: %v", err)
		}
		return time.Since(start), cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	}
	median := func(ds []time.Duration) time.Duration {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[len(ds)/2]
	}
	dropCaches := func() { exec.Command("sync").Run() }

	roster1k := filepath.Join(tmp, "roster-1000.csv")
	writeRoster(t, roster1k, 1000)
	root, err := fitsdk.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	type jsResult struct {
		Files         int   `json:"files"`
		EncodeMs      int64 `json:"encodeMs"`
		EncodeWriteMs int64 `json:"encodeWriteMs"`
	}
	// Three rounds; in each, the batch, cp -r of its tree and the JS SDK
	// writing the same files, one after another, so that each sees the
	// file system in a like state (it slows down as trees pile up).
	var runs, cps, reruns, jsRuns, jsEncodes []time.Duration
	var rss1k int64
	var js jsResult
	for i := 0; i < 3; i++ {
		out := filepath.Join(tmp, fmt.Sprintf("out-%d", i))
		dropCaches()
		d, rss := batch(roster1k, out)
		runs, rss1k = append(runs, d), rss
		d, _ = batch(roster1k, out)
		reruns = append(reruns, d)

		dropCaches()
		start := time.Now()
		if out, err := exec.Command("cp", "-r", out, out+"-cp").CombinedOutput(); err != nil {
			t.Fatalf("cp -r: %v %s", err, out)
		}
		cps = append(cps, time.Since(start))

		dropCaches()
		cmd := exec.Command("node", filepath.Join(root, "testdata", "fitsdk", "bench-encode.mjs"), out, filepath.Join(tmp, fmt.Sprintf("js-%d", i)))
		cmd.Stderr = os.Stderr
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("node bench-encode.mjs: %v", err)
		}
		if err := json.Unmarshal(b, &js); err != nil {
			t.Fatalf("bench-encode.mjs said %q: %v", b, err)
		}
		jsRuns = append(jsRuns, time.Duration(js.EncodeWriteMs)*time.Millisecond)
		jsEncodes = append(jsEncodes, time.Duration(js.EncodeMs)*time.Millisecond)
	}
	files, bytes := 0, int64(0)
	filepath.Walk(filepath.Join(tmp, "out-0"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && filepath.Ext(p) == ".fit" {
			files++
			bytes += fi.Size()
		}
		return nil
	})

	// Encoding alone, one core, in process: every member's files compiled
	// and dropped, as the JS SDK's encode-only pass does.
	c := load(t, roster1k, seedPlan)
	var goEncode time.Duration
	for pass := 0; pass < 2; pass++ {
		f, _ := os.Open(roster1k)
		start := time.Now()
		serials, err := NewSerials(c)
		if err != nil {
			t.Fatal(err)
		}
		c.Members(f, func(m club.Member) error {
			_, _, err := Compile(c, m, Options{Encoders: fitOnly, Serials: serials})
			return err
		})
		goEncode = time.Since(start)
		f.Close()
	}

	// Serial numbers: distinct across the whole batch.
	seen := map[uint32]int{}
	pairs := 0
	filepath.Walk(filepath.Join(tmp, "out-0"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && filepath.Ext(p) == ".fit" {
			b, _ := os.ReadFile(p)
			s, _ := fitSerial(b)
			pairs += seen[s]
			seen[s]++
		}
		return nil
	})

	// Peak memory at 100 and 10,000 athletes.
	rss := map[int]int64{}
	var took10k time.Duration
	for _, n := range []int{100, 10000} {
		roster := filepath.Join(tmp, "roster-"+strconv.Itoa(n)+".csv")
		writeRoster(t, roster, n)
		out := filepath.Join(tmp, "mem-"+strconv.Itoa(n))
		d, r := batch(roster, out)
		rss[n] = r
		if n == 10000 {
			took10k = d
		}
		os.RemoveAll(out)
	}

	run, cp, jsw := median(runs), median(cps), median(jsRuns)
	t.Logf("cores: %d, load average at the end: %s", runtime.NumCPU(), loadavg())
	t.Logf("1,000 athletes: %d files, %d bytes (JS SDK: %d files); serial numbers shared: %d pairs", files, bytes, js.Files, pairs)
	if pairs > 0 {
		t.Errorf("%d pairs of files share a serial number", pairs)
	}
	t.Logf("workoutc batch (fresh dir), median of 3: %v (runs %v)", run.Round(time.Millisecond), runs)
	t.Logf("workoutc batch (re-run, unchanged):      %v", median(reruns).Round(time.Millisecond))
	t.Logf("cp -r of the same tree, median of 3:     %v (runs %v)", cp.Round(time.Millisecond), cps)
	t.Logf("Garmin JS SDK encode+write, median of 3: %v (runs %v)", jsw.Round(time.Millisecond), jsRuns)
	t.Logf("encoding only, one core: Go %v, Garmin JS SDK %v (median of 3: %v)", goEncode.Round(time.Millisecond), median(jsEncodes), jsEncodes)
	t.Logf("batch / cp -r = %.2f (aim ≤ 2); JS SDK encode+write / batch = %.1f, encode only JS / Go = %.1f (aim ≥ 10)",
		float64(run)/float64(cp), float64(jsw)/float64(run), float64(median(jsEncodes))/float64(goEncode))
	t.Logf("peak RSS: 100 athletes %d KiB, 1,000 athletes %d KiB, 10,000 athletes %d KiB (%v); 10,000/100 = %.2f (aim ≤ 1.5)",
		rss[100], rss1k, rss[10000], took10k.Round(time.Millisecond), float64(rss[10000])/float64(rss[100]))
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return string(b[:min(len(b), 14)])
}
