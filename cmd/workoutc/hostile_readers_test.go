package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadersRefuseNonFiles: a FIFO (which would block a plain open for
// ever), /dev/zero (which would fill memory) and a folder are refused at
// once with a message naming the file, by every command and for every
// input: definitions, athlete profiles, plans, a plan's workouts,
// rosters, inspect/import files and push sources. A hang fails the test
// by the test binary's timeout.
func TestReadersRefuseNonFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("name: W\nsteps:\n  - run: 2 min\n"), 0o644)
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("name\nSam\n"), 0o644)
	for _, bad := range []string{fifo, "/dev/zero", folder} {
		// A plan whose workout is the bad file, by a path inside its folder.
		planDir := filepath.Join(dir, "club-"+filepath.Base(bad))
		os.MkdirAll(planDir, 0o755)
		link := filepath.Join(planDir, "w.yaml")
		if bad == folder {
			os.Mkdir(link, 0o755)
		} else if err := os.Symlink(bad, link); err != nil {
			t.Fatal(err)
		}
		plan := filepath.Join(planDir, "plan.yaml")
		os.WriteFile(plan, []byte("name: P\nstart: 2027-01-04\nweeks: 1\nsessions:\n  - workout: w.yaml\n    days: [tue]\n"), 0o644)
		goodPlan := filepath.Join(dir, "goodplan.yaml")
		os.WriteFile(goodPlan, []byte("name: P\nstart: 2027-01-04\nweeks: 1\nsessions:\n  - workout: good.yaml\n    days: [tue]\n"), 0o644)
		for _, args := range [][]string{
			{"build", "-o", filepath.Join(dir, "out"), bad},
			{"check", bad},
			{"preview", bad},
			{"build", "--athlete", bad, "-o", filepath.Join(dir, "out"), good},
			{"inspect", bad},
			{"import", bad},
			{"push", "--device", dir, bad},
			{"batch", "--roster", roster, "--plan", bad, "-o", filepath.Join(dir, "club")},
			{"batch", "--allow-outside", "--roster", roster, "--plan", plan, "-o", filepath.Join(dir, "club")},
			{"batch", "--roster", bad, "--plan", goodPlan, "-o", filepath.Join(dir, "club")},
		} {
			code, _, stderr := runCLI(args...)
			if code != exitInput {
				t.Errorf("%q: exit %d, want %d; stderr:\n%s", args, code, exitInput, stderr)
			}
			if !regexp.MustCompile(`(a named pipe \(FIFO\)|a device|a folder), not a file; a [a-z ]+ is a regular file`).MatchString(stderr) &&
				!(bad == folder && args[0] == "push") {
				t.Errorf("%q: stderr does not say what the file is:\n%s", args, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
				t.Errorf("%q: wrote output", args)
			}
		}
	}
}

// TestPlanConfined: a plan's workouts stay in the plan's folder tree
// unless --allow-outside: an absolute path, a ../.. path and a link that
// leads out are refused at the workout: key, without reading the file; a
// file that is not a workout is never quoted.
func TestPlanConfined(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	os.WriteFile(secret, []byte("root:x:0:0:SECRET-LINE\nuser:SECRET-TOO\n"), 0o644)
	outside := filepath.Join(dir, "w.yaml")
	os.WriteFile(outside, []byte("name: W\nsteps:\n  - run: 2 min\n"), 0o644)
	club := filepath.Join(dir, "club", "spring")
	os.MkdirAll(filepath.Join(club, "sub"), 0o755)
	os.WriteFile(filepath.Join(club, "sub", "w.yaml"), []byte("name: Inside\nsteps:\n  - run: 2 min\n"), 0o644)
	os.Symlink(secret, filepath.Join(club, "link.yaml"))
	os.WriteFile(filepath.Join(club, "notes.yaml"), []byte("root:x:0:0:SECRET-LINE\nuser:SECRET-TOO\n"), 0o644)
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("name\nSam\n"), 0o644)
	plan := func(workout string) string {
		p := filepath.Join(club, "plan.yaml")
		os.WriteFile(p, []byte("name: P\nstart: 2027-01-04\nweeks: 1\nsessions:\n  - workout: "+workout+"\n    days: [tue]\n"), 0o644)
		return p
	}
	cases := []struct{ workout, want string }{
		{secret, `plan\.yaml:5:14: workout /\S+/secret\.txt is outside the folder \S+; a plan names its workouts by paths relative to itself that stay in that folder \(batch --allow-outside lifts this\)`},
		{"../../secret.txt", `plan\.yaml:5:14: workout \.\./\.\./secret\.txt is outside the folder`},
		{"sub/../../../w.yaml", `plan\.yaml:5:14: workout sub/\.\./\.\./\.\./w\.yaml is outside the folder`},
		{"link.yaml", `plan\.yaml:5:14: cannot read workout link\.yaml: \S+link\.yaml: a link that leads outside the plan's folder \(batch --allow-outside lifts this\)`},
		{"notes.yaml", `plan\.yaml:5:14: workout notes\.yaml is not a workout definition \(a YAML mapping with name and steps\); its content is not shown`},
	}
	for _, c := range cases {
		code, _, stderr := runCLI("batch", "--roster", roster, "--plan", plan(c.workout), "-o", filepath.Join(dir, "out"))
		if code != exitInput || !regexp.MustCompile(c.want).MatchString(stderr) {
			t.Errorf("workout %s: exit %d, stderr:\n%s\nwant %s", c.workout, code, stderr, c.want)
		}
		if strings.Contains(stderr, "SECRET") {
			t.Errorf("workout %s: the error quotes the file:\n%s", c.workout, stderr)
		}
	}
	// Inside the tree: fine; outside with --allow-outside: fine.
	if code, _, stderr := runCLI("batch", "--roster", roster, "--plan", plan("sub/w.yaml"), "-o", filepath.Join(dir, "out")); code != 0 {
		t.Errorf("a workout in a subfolder: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI("batch", "--allow-outside", "--roster", roster, "--plan", plan("../../w.yaml"), "-o", filepath.Join(dir, "out2")); code != 0 {
		t.Errorf("--allow-outside: exit %d\n%s", code, stderr)
	}
}

// TestOversizedInput: a file over the cap is refused with its real size
// and the cap, named; stdin over the cap says "more than".
func TestOversizedInput(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, make([]byte, 3<<20), 0o644)
	code, _, stderr := runCLI("check", big)
	want := big + ": file is 3145728 bytes (3 MB); a workout definition is at most 1048576 bytes (1 MB)"
	if code != exitInput || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
}
