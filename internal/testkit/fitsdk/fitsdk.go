// Package fitsdk runs the conformance judge for FIT files: Garmin's official
// JavaScript FIT SDK (npm @garmin/fitsdk, pinned in testdata/fitsdk), driven
// by testdata/fitsdk/check.mjs under Node.
//
// It is a test helper shared by several packages' tests. It is internal
// because it is not an API: it needs node on PATH and the SDK installed with
//
//	npm ci --prefix testdata/fitsdk
//
// and it finds both by walking up from the current directory to go.mod.
package fitsdk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// chunkSize is the most files given to one node process; Check runs as many
// processes as it needs, one after another, to stay under argv limits.
const chunkSize = 200

// installHint is the command that installs the pinned SDK.
const installHint = "npm ci --prefix testdata/fitsdk"

// sdkPackage is the npm package of the SDK.
const sdkPackage = "@garmin/fitsdk"

// Result is the verdict of check.mjs on one file.
type Result struct {
	// File is the path as given to Check.
	File string `json:"file"`
	// OK is true when the file has no errors (warnings do not count).
	OK bool `json:"ok"`
	// Errors lists what makes the file unacceptable.
	Errors []string `json:"errors"`
	// Warnings lists what is odd but acceptable.
	Warnings []string `json:"warnings"`
	// Summary holds what the SDK decoded: "type" (file type), "steps",
	// "repeatSteps", "exerciseTitles", "schedules", "numValidSteps",
	// "workoutName", "sport", "serialNumber", "timeCreated", "messages"
	// (count per message kind) and others. Numbers are float64, as
	// encoding/json decodes them.
	Summary map[string]any `json:"summary"`
}

// Check runs the judge on files, in chunks of chunkSize per node process, and
// returns one Result per file in the order given. A file that cannot be read
// or is not a FIT file gets a Result that is not OK, not an error. The error
// is for a judge that cannot run: node missing, the SDK not installed (run
// npm ci --prefix testdata/fitsdk), or check.mjs failing.
func Check(files ...string) ([]Result, error) {
	if len(files) == 0 {
		return nil, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, "testdata", "fitsdk")
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("fitsdk: node not found on PATH (needs Node 20, then %s): %w", installHint, err)
	}
	if err := checkInstalled(dir); err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "check.mjs")

	results := make([]Result, 0, len(files))
	for start := 0; start < len(files); start += chunkSize {
		end := min(start+chunkSize, len(files))
		chunk, err := run(node, script, files[start:end])
		if err != nil {
			return nil, err
		}
		results = append(results, chunk...)
	}
	return results, nil
}

// Require runs Check on files and fails t with every error of every file that
// is not OK, or with Check's own error.
func Require(t testing.TB, files ...string) {
	t.Helper()
	results, err := Check(files...)
	if err != nil {
		t.Fatalf("fitsdk: %v", err)
	}
	if bad, report := rejected(results); bad > 0 {
		t.Fatalf("fitsdk: %d of %d files rejected by the FIT SDK:%s", bad, len(results), report)
	}
}

// RepoRoot returns the directory holding go.mod, walking up from the current
// directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("fitsdk: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("fitsdk: no go.mod in the current directory or above it")
		}
		dir = parent
	}
}

// checkInstalled makes sure node_modules holds the SDK at the version that
// package.json pins.
func checkInstalled(dir string) error {
	var pin struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := readJSON(filepath.Join(dir, "package.json"), &pin); err != nil {
		return fmt.Errorf("fitsdk: %w", err)
	}
	want := pin.Dependencies[sdkPackage]
	var got struct {
		Version string `json:"version"`
	}
	installed := filepath.Join(dir, "node_modules", filepath.FromSlash(sdkPackage), "package.json")
	if err := readJSON(installed, &got); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("fitsdk: %s is not installed; run %s", sdkPackage, installHint)
		}
		return fmt.Errorf("fitsdk: %w; run %s", err, installHint)
	}
	if want != "" && got.Version != want {
		return fmt.Errorf("fitsdk: %s %s is installed but package.json pins %s; run %s", sdkPackage, got.Version, want, installHint)
	}
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// run checks one chunk of files in one node process.
func run(node, script string, files []string) ([]Result, error) {
	args := make([]string, 0, len(files)+1)
	args = append(args, script)
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, fmt.Errorf("fitsdk: %w", err)
		}
		args = append(args, abs)
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = filepath.Dir(script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("fitsdk: node check.mjs: %w\n%s", err, strings.TrimSpace(stderr.String()))
	}

	results := make([]Result, 0, len(files))
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 0, 64*1024), 64<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var r Result
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("fitsdk: bad output line from check.mjs: %w: %q", err, line)
		}
		i := len(results)
		if i >= len(files) {
			return nil, fmt.Errorf("fitsdk: check.mjs printed more results than the %d files given", len(files))
		}
		if r.File != args[i+1] {
			return nil, fmt.Errorf("fitsdk: check.mjs result %d is for %q, want %q", i, r.File, args[i+1])
		}
		r.File = files[i]
		results = append(results, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("fitsdk: reading check.mjs output: %w", err)
	}
	if len(results) != len(files) {
		return nil, fmt.Errorf("fitsdk: check.mjs gave %d results for %d files\n%s", len(results), len(files), strings.TrimSpace(stderr.String()))
	}
	return results, nil
}

// rejected counts the results that are not OK and lists each such file
// with its errors, one "\nFILE:" line and a "\n\tERROR" line per error.
func rejected(results []Result) (bad int, report string) {
	var b strings.Builder
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
	return bad, b.String()
}
