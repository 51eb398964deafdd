package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/workoutc/workoutc/internal/testkit/fitdump"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/internal/testkit/tcxtest"
)

var update = flag.Bool("update", false, "rewrite the cmp files of testscripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		// With WORKOUTC_TEST_EXIT set, the exact exit code is also
		// printed as "[exit N]" so that scripts can assert it.
		"workoutc": func() {
			code := run(os.Args, os.Stdin, os.Stdout, os.Stderr, os.Getenv)
			if os.Getenv("WORKOUTC_TEST_EXIT") != "" {
				fmt.Fprintf(os.Stderr, "[exit %d]\n", code)
			}
			os.Exit(code)
		},
	})
}

// TestScripts runs every testdata/script/*.txtar: one script per promise of
// the contract (exit codes, located errors, nothing written, stdin/stdout).
// $TESTDATA is the repository's testdata folder.
func TestScripts(t *testing.T) {
	td, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", td)
			return connectSetup(env)
		},
		// [tcxschema]: TCX files can be validated here (the schema of
		// ../shared and xmllint). Under CI=true a missing schema fails the
		// script instead (shared.Missing's rule).
		Condition: func(cond string) (bool, error) {
			if cond != "tcxschema" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			why := tcxtest.Unavailable()
			if why != "" && os.Getenv("CI") == "true" {
				return false, fmt.Errorf("needed under CI=true: %s", why)
			}
			return why == "", nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fake": fakeCmd, // drives the fake Connect service (connect_test.go)
			// fitsdk FILE...: Garmin's JS FIT SDK must accept every file.
			"fitsdk": func(ts *testscript.TestScript, neg bool, args []string) {
				var files []string
				for _, a := range args {
					files = append(files, ts.MkAbs(a))
				}
				res, err := fitsdk.Check(files...)
				if err != nil {
					ts.Fatalf("fitsdk: %v", err)
				}
				bad := false
				for _, r := range res {
					if !r.OK {
						bad = true
						ts.Logf("%s: %v", r.File, r.Errors)
					}
				}
				if bad != neg {
					ts.Fatalf("fitsdk: unexpected verdict (negated: %v)", neg)
				}
			},
			// tcxvalid FILE...: every file validates against Garmin's
			// TrainingCenterDatabasev2.xsd (guard it with [tcxschema]).
			"tcxvalid": func(ts *testscript.TestScript, neg bool, args []string) {
				var files []string
				for _, a := range args {
					files = append(files, ts.MkAbs(a))
				}
				err := tcxtest.Check(files...)
				if (err != nil) != neg {
					ts.Fatalf("tcxvalid: %v (negated: %v)", err, neg)
				}
			},
			// fitdump FILE: print the readable dump of a FIT file.
			"fitdump": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: fitdump FILE")
				}
				var buf bytes.Buffer
				err := fitdump.Dump(&buf, []byte(ts.ReadFile(args[0])))
				if (err != nil) != neg {
					ts.Fatalf("fitdump: %v", err)
				}
				ts.Stdout().Write(buf.Bytes())
			},
		},
	})
}
