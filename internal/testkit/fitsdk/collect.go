package fitsdk

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Collector keeps one copy of each distinct FIT file it is given, so that a
// package's TestMain can judge every file its tests made in one Check.
// The zero value is ready to use and safe for concurrent Adds.
type Collector struct {
	mu    sync.Mutex
	seen  map[[sha256.Size]byte]bool
	files [][]byte
}

// Add keeps a copy of b unless the same bytes were added before.
func (c *Collector) Add(b []byte) {
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

// Judge writes the collected files into a temporary folder and gives them
// all to Check at once. It returns how many files there were and, when the
// SDK rejects any, a report naming each with its errors; the folder is then
// kept for a look at the files (fit dump), else removed.
func (c *Collector) Judge() (n int, report string, err error) {
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
	results, err := Check(paths...)
	if err != nil {
		os.RemoveAll(dir)
		return 0, "", err
	}
	bad, list := rejected(results)
	if bad == 0 {
		os.RemoveAll(dir)
		return len(paths), "", nil
	}
	return len(paths), fmt.Sprintf("%d rejected by the FIT SDK (kept in %s):%s\n", bad, dir, list), nil
}

// Main runs a package's tests with m and then judges every file c
// collected, failing the run when the SDK rejects any or cannot run. A run
// with -bench or -fuzz makes files by the million to measure or explore,
// so it collects nothing: start is called (to hook c up) only otherwise,
// and stop after the tests. It returns the exit code for os.Exit.
func Main(m *testing.M, c *Collector, start, stop func()) int {
	flag.Parse()
	collect := flagValue("test.bench") == "" && flagValue("test.fuzz") == ""
	if collect {
		start()
	}
	code := m.Run()
	stop()
	if collect && code == 0 {
		n, report, err := c.Judge()
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
	return code
}

func flagValue(name string) string {
	if f := flag.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}
