package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/workoutc/workoutc/internal/testkit/fakeconnect"
)

// connectSetup starts a fake Connect service for every script named
// connect*.txtar and points workoutc at it: WORKOUTC_CONNECT_API and
// WORKOUTC_CONNECT_AUTH, a config folder in $WORK/.config, a home in
// $WORK/home.
func connectSetup(env *testscript.Env) error {
	name := filepath.Base(env.WorkDir) // script-NAME
	if n, ok := env.T().(interface{ Name() string }); ok {
		name = filepath.Base(n.Name())
	}
	if !strings.HasPrefix(strings.TrimPrefix(name, "script-"), "connect") {
		return nil
	}
	s := fakeconnect.New()
	env.Defer(s.Close)
	env.Values["fake"] = s
	env.Setenv("WORKOUTC_CONNECT_API", s.URL)
	env.Setenv("WORKOUTC_CONNECT_AUTH", s.URL)
	env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
	env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
	return os.MkdirAll(filepath.Join(env.WorkDir, "home"), 0o755)
}

// fakeCmd is the script command "fake", which drives the fake service:
//
//	fake fault METHOD PREFIX STATUS [retry-after=S] [delay=D] [late] [skip=N] [times=N]
//	fake expire              make the access tokens handed out invalid
//	fake counts              print the requests by route, "requests N", "writes N"
//	fake reset               start the counts again
//	fake await METHOD PATTERN N  wait until the route has had N requests (at most 20 s)
//	fake calendar            print the calendar: "DATE ID NAME" lines, "N calendar entries"
//	fake add NAME            store a workout made elsewhere (not by workoutc)
//	fake password EMAIL PW   let the password route through (with MFA code 123456)
//	fake cut-descriptions N  store at most N characters of a description
//	fake noleak              fail if the last command's stdout or stderr holds a token
//	fake mode PATH MODE      fail unless PATH has permission bits MODE (octal)
func fakeCmd(ts *testscript.TestScript, neg bool, args []string) {
	s, _ := ts.Value("fake").(*fakeconnect.Server)
	if s == nil {
		ts.Fatalf("fake: no fake service (the script's name must start with connect)")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: fake fault|expire|counts|reset|calendar|add|password|noleak|mode ...")
	}
	switch args[0] {
	case "fault":
		if len(args) < 4 {
			ts.Fatalf("usage: fake fault METHOD PREFIX STATUS [options]")
		}
		st, err := strconv.Atoi(args[3])
		ts.Check(err)
		f := fakeconnect.Fault{Method: strings.TrimPrefix(args[1], "*"), Prefix: args[2], Status: st}
		for _, o := range args[4:] {
			k, v, _ := strings.Cut(o, "=")
			switch k {
			case "retry-after":
				f.RetryAfter = v
			case "delay":
				f.Delay, err = time.ParseDuration(v)
			case "late":
				f.Late = true
			case "skip":
				f.Skip, err = strconv.Atoi(v)
			case "times":
				f.Times, err = strconv.Atoi(v)
			default:
				ts.Fatalf("fake fault: unknown option %q", o)
			}
			ts.Check(err)
		}
		s.Inject(f)
	case "expire":
		s.ExpireTokens()
	case "counts":
		fmt.Fprint(ts.Stdout(), s.CountsText())
	case "reset":
		s.ResetCounts()
	case "await":
		if len(args) != 4 {
			ts.Fatalf("usage: fake await METHOD PATTERN N")
		}
		n, err := strconv.Atoi(args[3])
		ts.Check(err)
		route := args[1] + " " + args[2]
		for deadline := time.Now().Add(20 * time.Second); s.Counts()[route] < n; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				ts.Fatalf("fake await: %s reached %d, not %d, in 20 s", route, s.Counts()[route], n)
			}
		}
	case "calendar":
		sc := s.Scheduled()
		for _, l := range sc {
			fmt.Fprintln(ts.Stdout(), l)
		}
		fmt.Fprintf(ts.Stdout(), "%d calendar entries\n", len(sc))
	case "add":
		name := strings.Join(args[1:], " ")
		_, err := s.Add([]byte(fmt.Sprintf(`{"workoutName":%q,"description":"made in Connect","sportType":{"sportTypeId":1},
			"workoutSegments":[{"segmentOrder":1,"sportType":{"sportTypeId":1},"workoutSteps":[{"type":"ExecutableStepDTO",
			"stepOrder":1,"stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":2},"endConditionValue":600}]}]}`, name)))
		ts.Check(err)
	case "cut-descriptions":
		if len(args) != 2 {
			ts.Fatalf("usage: fake cut-descriptions N")
		}
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		s.MaxDescription = n
	case "password":
		if len(args) != 3 {
			ts.Fatalf("usage: fake password EMAIL PASSWORD")
		}
		s.PasswordMode, s.Email, s.Password = "mfa", args[1], args[2]
	case "noleak":
		out := ts.ReadFile("stdout") + ts.ReadFile("stderr")
		for _, sec := range s.Secrets() {
			if strings.Contains(out, sec) {
				ts.Fatalf("fake noleak: the last command printed a token the service handed out")
			}
		}
		if len(s.Secrets()) == 0 && !neg {
			ts.Fatalf("fake noleak: no token was handed out yet, so the check proves nothing")
		}
	case "mode":
		if len(args) != 3 {
			ts.Fatalf("usage: fake mode PATH MODE")
		}
		want, err := strconv.ParseUint(args[2], 8, 32)
		ts.Check(err)
		st, err := os.Stat(ts.MkAbs(args[1]))
		ts.Check(err)
		if got := uint64(st.Mode().Perm()); (got == want) == neg {
			ts.Fatalf("fake mode: %s has mode %o (want %o)", args[1], got, want)
		}
	default:
		ts.Fatalf("fake: unknown subcommand %q", args[0])
	}
}

// TestBatchDate: the index's date column wins over the file name, quoted
// fields are read as CSV, and a file of neither kind has no date.
func TestBatchDate(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "o-brien-zoe")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(root, "index.csv"), []byte("athlete,date,workout,file\n"+
		`"O'Brien, Zoe",2027-03-02,"Hills, short",o-brien-zoe/2027-03-01-hills.fit`+"\n"), 0o644)
	for _, c := range []struct{ name, want string }{
		{"2027-03-01-hills.fit", "2027-03-02"}, // the index says so
		{"2027-04-05-tempo.fit", "2027-04-05"}, // not in the index: the name
		{"tempo.fit", ""},
	} {
		got, ok := batchDate(dir, c.name)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("batchDate(%s) = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
	if k := batchKey(dir, "2027-03-01-hills.fit"); k != "o-brien-zoe/2027-03-01-hills" {
		t.Errorf("batchKey = %q", k)
	}
}
