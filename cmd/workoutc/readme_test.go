package main

// TestREADME runs the README's examples as a user would after the install
// step, from the repository root, and compares what they print with what
// the README shows. The convention, for every section of README.md (add a
// section from another branch by following it, and run
// `go test ./cmd/workoutc -run TestREADME`):
//
//   - A block fenced with ```sh holds commands, one a line, run in order
//     from the repository root (a copy of the repository's testdata/ in a
//     fresh folder, so examples may write out/ and the like). Blocks run
//     in README order and share that folder: a later block sees the files
//     an earlier one wrote. Lines starting with # are comments; so is the
//     rest of a line after " # ".
//   - A command is `workoutc ARGS...` (or `go run ./cmd/workoutc ARGS...`,
//     which runs the same), or another program on the PATH (ls, cat, ...).
//     Arguments may be quoted with '...' or "..."; a last `> FILE` sends
//     stdout to FILE. No pipes, &&, ; or $(...): one command a line.
//   - The block that follows (blank lines between are allowed), fenced
//     with a bare ```, is what the commands print: for each command in
//     order, its stderr then its stdout (stdout sent to a file is not
//     shown). Trailing spaces do not count. In an output line, … stands
//     for any text (times, sizes that vary; a literal … in the output is
//     matched by it too); a line that is only … stands for any number of
//     lines (a long listing cut short). A last line "(exit status N)" says
//     the last command exits with N; otherwise every command must exit 0.
//   - A sh block with no output block after it must print nothing.
//   - A block that cannot run here (it needs a watch, the network, or is
//     the test command itself) starts with the line
//     "# not run by the README test: REASON". It is visible to readers, and
//     the test counts these blocks and logs each with its reason.
//   - Other fences (```yaml, ```csv, a bare ``` after prose) are not run;
//     workouts/schema's test validates the ```yaml ones.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/workoutc/workoutc/internal/testkit/fakeconnect"
)

// notRun marks a block the README test does not run.
const notRun = "# not run by the README test:"

// readmeBlock is one ```sh block of README.md and the output block after it.
type readmeBlock struct {
	line     int        // the line of the ```sh fence
	cmds     [][]string // argv, with a "> FILE" redirection as the last two words
	skip     string     // the reason, for a block marked notRun
	output   []string   // the expected lines; nil: no output block
	hasOut   bool
	exitCode int // of the last command
}

// parseREADME reads the ```sh blocks of a README.
func parseREADME(src []byte) ([]readmeBlock, error) {
	var blocks []readmeBlock
	lines := strings.Split(string(src), "\n")
	fence := func(i int) (int, []string, error) { // the body of the fence opened at i
		for j := i + 1; j < len(lines); j++ {
			if strings.TrimSpace(lines[j]) == "```" {
				return j, lines[i+1 : j], nil
			}
		}
		return 0, nil, fmt.Errorf("README.md:%d: the fence is not closed", i+1)
	}
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "```") {
			continue
		}
		end, body, err := fence(i)
		if err != nil {
			return nil, err
		}
		if l != "```sh" {
			i = end
			continue
		}
		b := readmeBlock{line: i + 1}
		for k, raw := range body {
			t := strings.TrimSpace(raw)
			if k == 0 && strings.HasPrefix(t, notRun) {
				b.skip = strings.TrimSpace(strings.TrimPrefix(t, notRun))
				if b.skip == "" {
					return nil, fmt.Errorf("README.md:%d: %q needs a reason", i+2, notRun)
				}
				continue
			}
			if t == "" || strings.HasPrefix(t, "#") || b.skip != "" {
				continue // a block not run may hold any shell
			}
			argv, err := shellWords(t)
			if err != nil {
				return nil, fmt.Errorf("README.md:%d: %v", i+2+k, err)
			}
			if len(argv) >= 3 && argv[0] == "go" && argv[1] == "run" && argv[2] == "./cmd/workoutc" {
				argv = append([]string{"workoutc"}, argv[3:]...)
			}
			b.cmds = append(b.cmds, argv)
		}
		i = end
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
			j++
		}
		if j < len(lines) && strings.TrimSpace(lines[j]) == "```" {
			oend, out, err := fence(j)
			if err != nil {
				return nil, err
			}
			b.hasOut, b.output = true, out
			if n := len(out); n > 0 {
				if m := exitLine.FindStringSubmatch(strings.TrimSpace(out[n-1])); m != nil {
					b.exitCode, _ = strconv.Atoi(m[1])
					b.output = out[:n-1]
				}
			}
			i = oend
		}
		if b.skip == "" && len(b.cmds) == 0 {
			return nil, fmt.Errorf("README.md:%d: a sh block without commands", b.line)
		}
		blocks = append(blocks, b)
	}
	return blocks, nil
}

var exitLine = regexp.MustCompile(`^\(exit status (\d+)\)$`)

// shellWords splits one command line as a shell would for the simple
// commands the README shows, and refuses what it does not handle.
func shellWords(s string) ([]string, error) {
	if i := strings.Index(s, " # "); i >= 0 && !strings.ContainsAny(s[:i], `'"`) {
		s = strings.TrimSpace(s[:i])
	}
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("unclosed %c in %q", c, s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case strings.IndexByte("|&;$`<\\", c) >= 0:
			return nil, fmt.Errorf("%q: the README test runs simple commands only (no %c); split the line or mark the block %q", s, c, notRun)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	for k, w := range words {
		if w == ">" && k != len(words)-2 {
			return nil, fmt.Errorf("%q: > FILE must end the line", s)
		}
	}
	return words, nil
}

// matchLines compares output lines with the README's: … in a line
// matches any text, a line that is only … any number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	w := strings.TrimRight(want[0], " \t")
	if w == "…" {
		for k := 0; k <= len(got); k++ {
			if matchLines(want[1:], got[k:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && matchLine(w, strings.TrimRight(got[0], " \t")) && matchLines(want[1:], got[1:])
}

func matchLine(want, got string) bool {
	if !strings.Contains(want, "…") {
		return want == got
	}
	parts := strings.Split(want, "…")
	for k := range parts {
		parts[k] = regexp.QuoteMeta(parts[k])
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$").MatchString(got)
}

func TestREADME(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := parseREADME(src)
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	ran, skipped := 0, 0
	for i, b := range blocks {
		if b.skip != "" {
			skipped++
			t.Logf("README.md:%d: not run: %s", b.line, b.skip)
			continue
		}
		ran++
		fmt.Fprintf(&script, "readmeblock %d\n", i)
	}
	if ran < 10 {
		t.Fatalf("only %d sh blocks of README.md run; the README's examples must run", ran)
	}
	t.Logf("README.md: %d sh blocks run, %d marked %q", ran, skipped, notRun)
	dir := t.TempDir()
	file := filepath.Join(dir, "readme.txtar")
	if err := os.WriteFile(file, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Files:               []string{file},
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// No real watch is looked for, and the defaults hold.
			env.Setenv("WORKOUTC_MOUNT_ROOTS", filepath.Join(env.WorkDir, "no-mounts", "*"))
			env.Setenv("SOURCE_DATE_EPOCH", "")
			// The Garmin Connect examples run against the fake service
			// the connect scripts use, with a config folder of their own.
			fake := fakeconnect.New()
			env.Defer(fake.Close)
			env.Setenv("WORKOUTC_CONNECT_API", fake.URL)
			env.Setenv("WORKOUTC_CONNECT_AUTH", fake.URL)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			if err := os.MkdirAll(filepath.Join(env.WorkDir, "home"), 0o755); err != nil {
				return err
			}
			return copyTree(testdata, filepath.Join(env.WorkDir, "testdata"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"readmeblock": func(ts *testscript.TestScript, neg bool, args []string) {
				i, _ := strconv.Atoi(args[0])
				runBlock(ts, blocks[i])
			},
		},
	})
}

// runBlock runs the commands of one block and compares their output.
func runBlock(ts *testscript.TestScript, b readmeBlock) {
	var out strings.Builder
	code := 0
	for k, argv := range b.cmds {
		redirect := ""
		if n := len(argv); n >= 3 && argv[n-2] == ">" {
			redirect, argv = argv[n-1], argv[:n-2]
		}
		err := ts.Exec(argv[0], argv[1:]...)
		code = 0
		var xe *exec.ExitError
		if errors.As(err, &xe) {
			code = xe.ExitCode()
		} else if err != nil {
			ts.Fatalf("README.md:%d: %s: %v", b.line, strings.Join(argv, " "), err)
		}
		if code != 0 && (k != len(b.cmds)-1 || code != b.exitCode) {
			ts.Fatalf("README.md:%d: %s exits %d (the README says %d)\n%s%s", b.line, strings.Join(argv, " "), code, b.exitCode, ts.ReadFile("stderr"), ts.ReadFile("stdout"))
		}
		out.WriteString(ts.ReadFile("stderr"))
		if redirect != "" {
			if err := os.WriteFile(ts.MkAbs(redirect), []byte(ts.ReadFile("stdout")), 0o644); err != nil {
				ts.Fatalf("README.md:%d: %v", b.line, err)
			}
		} else {
			out.WriteString(ts.ReadFile("stdout"))
		}
	}
	if code != b.exitCode {
		ts.Fatalf("README.md:%d: the last command exits %d, the README says %d", b.line, code, b.exitCode)
	}
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if out.Len() == 0 {
		got = nil
	}
	if !b.hasOut {
		if got != nil {
			ts.Fatalf("README.md:%d: the block prints this, but no output block follows it:\n%s", b.line, out.String())
		}
		return
	}
	if !matchLines(b.output, got) {
		ts.Fatalf("README.md:%d: the block prints\n%s\nbut the README shows\n%s", b.line, out.String(), strings.Join(b.output, "\n"))
	}
}

// copyTree copies the files of src (not node_modules) into dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// TestREADMEConvention: the parser of the convention reads what it
// promises, and the comparison can fail.
func TestREADMEConvention(t *testing.T) {
	src := "x\n```sh\n# a comment\nworkoutc check a.yaml   # why\ngo run ./cmd/workoutc import 'a b.fit' > a.yaml\n```\n\n```\nok …\n(exit status 1)\n```\n" +
		"```sh\n" + notRun + " needs a watch\nworkoutc push out/\n```\n```yaml\nname: x\n```\n"
	blocks, err := parseREADME([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 || blocks[0].exitCode != 1 || !blocks[0].hasOut || len(blocks[0].output) != 1 || blocks[1].skip != "needs a watch" {
		t.Fatalf("blocks %+v", blocks)
	}
	want := [][]string{{"workoutc", "check", "a.yaml"}, {"workoutc", "import", "a b.fit", ">", "a.yaml"}}
	if fmt.Sprint(blocks[0].cmds) != fmt.Sprint(want) {
		t.Errorf("commands %q, want %q", blocks[0].cmds, want)
	}
	for _, c := range []struct {
		want, got string
		ok        bool
	}{
		{"ok …", "ok 63ms  ", true},
		{"ok …", "no 63ms", false},
		{"a", "a\nb", false},
		{"a\n…\nz", "a\nb\nc\nz", true},
		{"a\n…\nz", "a\nz", true},
		{"a\n…\nz", "a\nb\nc", false},
	} {
		if matchLines(strings.Split(c.want, "\n"), strings.Split(c.got, "\n")) != c.ok {
			t.Errorf("matchLines(%q, %q) != %v", c.want, c.got, c.ok)
		}
	}
	for _, bad := range []string{"workoutc a | head", "a && b", "echo $(x)", "a > b c", "'open"} {
		if _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%q) takes it", bad)
		}
	}
	if _, err := parseREADME([]byte("```sh\n" + notRun + "\nx\n```\n")); err == nil {
		t.Error("a marker without a reason is taken")
	}
}
