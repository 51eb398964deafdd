// Package shared finds the project's shared folder (../shared beside the
// repository: the corpus of real files, the TCX schema, the seed) for
// tests. It is a test helper, internal because it is not an API.
//
// A test that needs a file from there calls Path: when the file is missing
// the test is skipped with the reason, loudly, or fails when the
// environment says CI=true, so that CI can never pass without reading it.
package shared

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Root returns the shared folder: the folder "shared" beside the
// repository root (the first folder above the working directory that holds
// go.mod), whether or not it exists.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory, so no repository root to find ../shared beside")
		}
		dir = parent
	}
}

// Find returns the path of parts under the shared folder, or an error
// saying why it is not there.
func Find(parts ...string) (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	p := filepath.Join(append([]string{root}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s is missing: %w", p, err)
	}
	return p, nil
}

// Path returns the path of parts under the shared folder (a file or a
// folder). When it is missing, t is skipped with the reason, or fails when
// CI=true.
func Path(t testing.TB, parts ...string) string {
	t.Helper()
	p, err := Find(parts...)
	if err != nil {
		Missing(t, err.Error())
	}
	return p
}

// Missing skips t loudly with why, or fails it when CI=true: the one rule
// for every test that needs something from ../shared or the machine.
func Missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("needed under CI=true: %s", why)
	}
	t.Skipf("SKIPPED (not under CI): %s", why)
}
