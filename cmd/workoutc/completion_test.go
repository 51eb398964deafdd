package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCompletionScripts: each shell's script is not empty and parses in
// its shell (bash always: it is on every machine that runs the tests; zsh
// and fish when installed), and the bash script completes what it should
// when bash runs it.
func TestCompletionScripts(t *testing.T) {
	dir := t.TempDir()
	for _, sh := range shells {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"workoutc", "completion", sh}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" }); code != 0 {
			t.Fatalf("completion %s: exit %d\n%s", sh, code, stderr.String())
		}
		if stdout.Len() < 200 {
			t.Fatalf("completion %s: %d bytes", sh, stdout.Len())
		}
		script := filepath.Join(dir, "workoutc."+sh)
		if err := os.WriteFile(script, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		check := map[string][]string{"bash": {"bash", "-n", script}, "zsh": {"zsh", "-n", script}, "fish": {"fish", "--no-execute", script}}[sh]
		if _, err := exec.LookPath(check[0]); err != nil {
			if sh == "bash" {
				t.Fatalf("bash is not installed: %v", err)
			}
			t.Logf("%s is not installed: its script is not parsed", sh)
			continue
		}
		if out, err := exec.Command(check[0], check[1:]...).CombinedOutput(); err != nil {
			t.Errorf("%s does not parse its completion script: %v\n%s", sh, err, out)
		}
	}

	// Run the bash completion function as bash does on TAB.
	complete := func(words ...string) string {
		t.Helper()
		prog := "source " + filepath.Join(dir, "workoutc.bash") + "\n" +
			"COMP_WORDS=(" + strings.Join(words, " ") + "); COMP_CWORD=" + strconv.Itoa(len(words)-1) + "\n" +
			"_workoutc; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
		out, err := exec.Command("bash", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	for _, c := range []struct {
		words []string
		want  string
	}{
		{[]string{"workoutc", "bu"}, "build"},
		{[]string{"workoutc", "build", "--ath"}, "--athlete"},
		{[]string{"workoutc", "schema", "w"}, "workout"},
		{[]string{"workoutc", "completion", "f"}, "fish"},
		{[]string{"workoutc", "help", "pre"}, "preview"},
		{[]string{"workoutc", "push", "--d"}, "--device\n--dry-run"},
	} {
		if got := complete(c.words...); got != c.want {
			t.Errorf("TAB after %q gives %q, want %q", c.words, got, c.want)
		}
	}
}
