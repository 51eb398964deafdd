// Package tcxtest validates TCX files against Garmin's
// TrainingCenterDatabasev2.xsd with xmllint, for tests.
//
// The schema is not part of this repository: it lives beside it, in
// ../shared/schemas/TrainingCenterDatabasev2.xsd relative to the
// repository root (the folder holding go.mod). When the schema or xmllint
// is missing, Validate follows the one rule of internal/testkit/shared: it fails
// the test under CI=true and otherwise skips it with a loud message, so
// that a clone elsewhere does not pass quietly without the check.
package tcxtest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/shared"
)

// SchemaName is the schema's file name.
const SchemaName = "TrainingCenterDatabasev2.xsd"

// SchemaPath returns the path of the TCX schema: $TCX_SCHEMA when set,
// else ../shared/schemas/TrainingCenterDatabasev2.xsd beside the root of
// the module that holds the working directory. It returns an error saying
// where it looked when the file is not there.
func SchemaPath() (string, error) {
	if p := os.Getenv("TCX_SCHEMA"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("TCX_SCHEMA=%s: %w", p, err)
		}
		return p, nil
	}
	p, err := shared.Find("schemas", SchemaName)
	if err != nil {
		return "", fmt.Errorf("the TCX schema: %v (set TCX_SCHEMA to its path)", err)
	}
	return p, nil
}

// Unavailable reports why files cannot be validated here (no schema, no
// xmllint), or "" when they can.
func Unavailable() string {
	if _, err := SchemaPath(); err != nil {
		return err.Error()
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		return "xmllint is not installed (Debian: apt-get install libxml2-utils)"
	}
	return ""
}

// Require fails t under CI=true, and skips it loudly elsewhere, when files
// cannot be validated here (shared.Missing's rule).
func Require(t testing.TB) {
	t.Helper()
	if why := Unavailable(); why != "" {
		shared.Missing(t, "TCX files not validated: "+why)
	}
}

// Check runs xmllint --noout --schema over files and returns its report
// when a file does not validate.
func Check(files ...string) error {
	if len(files) == 0 {
		return nil
	}
	xsd, err := SchemaPath()
	if err != nil {
		return err
	}
	args := append([]string{"--noout", "--nonet", "--schema", xsd}, files...)
	cmd := exec.Command("xmllint", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("xmllint: %v\n%s", err, strings.TrimSpace(out.String()))
	}
	return nil
}

// Validate requires (see Require) that files can be validated and fails t
// unless every file validates against the schema.
func Validate(t testing.TB, files ...string) {
	t.Helper()
	Require(t)
	if err := Check(files...); err != nil {
		t.Fatal(err)
	}
}

// ValidateData writes each named document into a temporary folder and
// validates them all (see Validate). Names must be plain file names.
func ValidateData(t testing.TB, docs map[string][]byte) {
	t.Helper()
	Require(t)
	dir := t.TempDir()
	var files []string
	for name, data := range docs {
		p := filepath.Join(dir, filepath.Base(name))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	sort.Strings(files)
	if err := Check(files...); err != nil {
		t.Fatal(err)
	}
}
