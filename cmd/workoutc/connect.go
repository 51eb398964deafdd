package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/connect"
	"github.com/workoutc/workoutc/encode/decode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/connectapi"
	"github.com/workoutc/workoutc/internal/progress"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

// Exit codes of the connect commands beyond the contract's 0-3.
const (
	exitAuth = 4 // not signed in, or the sign-in was refused
	exitNet  = 5 // the service could not be reached or kept failing
)

var timeoutFlag = &cli.DurationFlag{Name: "timeout", Value: connectapi.DefaultTimeout, Usage: "give up on one try of a call after `DURATION`"}

func connectCommand(e *env) *cli.Command {
	subs := []*cli.Command{
		{
			Name:  "login",
			Usage: "sign in to Garmin Connect once and keep the sign-in for later runs",
			Description: "Routes, in the order they are most likely to work:\n" +
				"  --ticket ST-…        a service ticket from a browser: sign in at\n" +
				"                       " + connectapi.TicketSignInURL + "\n" +
				"                       and copy the ticket=ST-… part of the address it lands on\n" +
				"  --garminconnect      the token file python-garminconnect keeps (GARMINTOKENS, else\n" +
				"                       ~/.garminconnect/garmin_tokens.json); --token-file names another\n" +
				"  --email ADDRESS      email and password (read from the terminal), with the MFA code if\n" +
				"                       asked; Garmin's bot protection often refuses this route\n" +
				"Without a route flag, the python-garminconnect file is used when there is one.\n" +
				"The sign-in is kept in the user's config folder (workoutc/connect-token.json, mode 0600)\n" +
				"and renewed with its refresh token; it is never printed.",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "ticket", Usage: "exchange the service `TICKET` (ST-…) for a token"},
				&cli.StringFlag{Name: "service", Usage: "the service `URL` the ticket was issued for (default " + connectapi.TicketServiceURL + ")"},
				&cli.BoolFlag{Name: "garminconnect", Usage: "import python-garminconnect's token file"},
				&cli.StringFlag{Name: "token-file", Usage: "import python-garminconnect's token `FILE`"},
				&cli.StringFlag{Name: "email", Usage: "sign in with `ADDRESS` and a password"},
				timeoutFlag,
			},
			Action: e.connectLogin,
		},
		{Name: "status", Usage: "show who is signed in, and until when", Action: e.connectStatus},
		{Name: "logout", Usage: "forget the stored sign-in", Action: e.connectLogout},
		{
			Name:      "push",
			Usage:     "create (or update) workouts in the account and put them on the calendar",
			ArgsUsage: "FILE.yaml|FILE.fit|FILE.json|DIR...",
			Description: "A DIR is one athlete's folder of a batch (DIR/<YYYY-MM-DD>-<workout>.fit): each file\n" +
				"goes on the calendar on its planned date (from the batch's index.csv, else the\n" +
				"file name). Running push again changes nothing that is already there; a changed\n" +
				"workout is updated in place. Only workouts workoutc made are ever changed.",
			Flags: []cli.Flag{
				&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "show what would be done; change nothing"},
				&cli.StringFlag{Name: "on", Usage: "put the workouts of the files on the calendar on `DATE` (YYYY-MM-DD)"},
				athleteFlag,
				&cli.IntFlag{Name: "reps", Usage: "count `N` for every ranged repeat (3-5); default: the low end"},
				timeoutFlag,
			},
			Action: e.connectPush,
		},
		{
			Name:  "list",
			Usage: "list the account's workouts (workoutc's marked) and the upcoming calendar",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "from", Usage: "show the calendar from `DATE` (YYYY-MM-DD; default today)"},
				&cli.IntFlag{Name: "months", Value: 3, Usage: "show `N` months of the calendar"},
				timeoutFlag,
			},
			Action: e.connectList,
		},
		{
			Name:      "rm",
			Usage:     "remove workouts workoutc made, with their calendar entries",
			ArgsUsage: "ID...|--all",
			Flags: []cli.Flag{
				&cli.BoolFlag{Name: "all", Usage: "every workout workoutc made (and no other)"},
				&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "show what would be removed"},
				timeoutFlag,
			},
			Action: e.connectRm,
		},
	}
	for _, s := range subs {
		s.OnUsageError = onUsageError("connect ")
	}
	return &cli.Command{
		Name:        "connect",
		Usage:       "send workouts to Garmin Connect (login, push, list, rm, status, logout)",
		Subcommands: subs,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				var names []string
				for _, s := range subs {
					names = append(names, s.Name)
				}
				return usageErrorf("connect needs a command: %s (see 'workoutc connect --help')", strings.Join(names, ", "))
			}
			return usageErrorf("unknown connect command %q%s", c.Args().First(), commandHint(subs, c.Args().First()))
		},
	}
}

// connectOptions are the client's settings: the base URLs from the
// environment, the store in the user's config folder.
func (e *env) connectOptions(c *cli.Context) (connectapi.Options, error) {
	api, auth, err := connectapi.Bases(e.getenv)
	if err != nil {
		return connectapi.Options{}, usageErrorf("%s", err)
	}
	store, err := connectapi.DefaultStore()
	if err != nil {
		return connectapi.Options{}, ioError(err)
	}
	t := c.Duration("timeout")
	if c.IsSet("timeout") && t <= 0 {
		return connectapi.Options{}, usageErrorf("--timeout %s must be positive", t)
	}
	return connectapi.Options{API: api, Auth: auth, Timeout: t, Store: store}, nil
}

// connectError maps the client's errors to exit codes.
func connectError(err error) error {
	var xe *exitError
	var he *connectapi.HTTPError
	var ne *connectapi.NetError
	code, msg := exitIO, err.Error()
	switch {
	case errors.As(err, &xe):
		return xe
	case errors.Is(err, connectapi.ErrNotSignedIn), errors.Is(err, connectapi.ErrAuth),
		errors.Is(err, connectapi.ErrBotProtection), errors.Is(err, connectapi.ErrBadPassword):
		code = exitAuth
	case errors.Is(err, context.Canceled):
		code, msg = exitNet, "interrupted"
	case errors.As(err, &ne), errors.As(err, &he) && (he.Status == 429 || he.Status >= 500):
		code = exitNet
	case he != nil: // the service refused the request
		code = exitInput
	case strings.Contains(msg, "run 'workoutc connect login'"):
		code = exitAuth
	}
	return &exitError{code: code, msg: msg}
}

func (e *env) connectLogin(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErrorf("connect login takes no arguments (see 'workoutc connect login --help')")
	}
	routes := 0
	for _, f := range []string{"ticket", "garminconnect", "token-file", "email"} {
		if c.IsSet(f) {
			routes++
		}
	}
	if routes > 1 {
		return usageErrorf("connect login: give one of --ticket, --garminconnect, --token-file and --email")
	}
	opts, err := e.connectOptions(c)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	auth := connectapi.NewAuth(opts)
	var t *connectapi.Token
	switch {
	case c.IsSet("ticket"):
		t, err = auth.ExchangeTicket(ctx, c.String("ticket"), c.String("service"))
	case c.IsSet("email"):
		in := bufio.NewReader(e.stdin)
		pw, err := e.readSecret(in, "Garmin Connect password: ")
		if err != nil {
			return err
		}
		t, err = auth.SignIn(ctx, c.String("email"), pw, func() (string, error) {
			return e.readSecret(in, "MFA code Garmin sent you: ")
		})
		if err != nil {
			return connectError(err)
		}
	default:
		path := c.String("token-file")
		if path == "" {
			if path, err = connectapi.GarminConnectTokens(e.getenv); err != nil {
				return ioError(err)
			}
			if _, serr := os.Stat(path); serr != nil && routes == 0 {
				return usageErrorf("connect login needs a route: --ticket ST-… (from a browser), --garminconnect (python-garminconnect's token file; none at %s) or --email ADDRESS (see 'workoutc connect login --help')", path)
			}
		}
		t, err = connectapi.ImportGarminConnect(path)
	}
	if err != nil { // a refused ticket or token file
		return &exitError{code: exitAuth, msg: err.Error()}
	}
	// One call with the new token: it proves the token works and says
	// whose it is.
	cl := connectapi.WithToken(opts, t)
	if err := cl.EnsureFresh(ctx); err != nil {
		return connectError(err)
	}
	p, err := cl.Profile(ctx)
	if err != nil {
		return connectError(err)
	}
	t = cl.Token()
	t.DisplayName, t.FullName, t.Saved = p.DisplayName, p.FullName, time.Now().UTC().Truncate(time.Second)
	if err := opts.Store.Save(t); err != nil {
		return ioError(fmt.Errorf("keeping the sign-in: %w", err))
	}
	fmt.Fprintf(e.stdout, "signed in to Garmin Connect as %s (%s); kept in %s\n", term.Clean(p.DisplayName), term.Clean(p.FullName), opts.Store.Path())
	return nil
}

// readSecret prompts on stderr and reads a line, without echo when stdin
// is a terminal.
func (e *env) readSecret(in *bufio.Reader, prompt string) (string, error) {
	fmt.Fprint(e.stderr, prompt)
	restore := noEcho(e.stdin)
	line, err := in.ReadString('\n')
	restore()
	fmt.Fprintln(e.stderr)
	line = strings.TrimRight(line, "\r\n")
	if line == "" && err != nil {
		return "", usageErrorf("connect login: nothing to read for %q", strings.TrimSuffix(prompt, ": "))
	}
	return line, nil
}

func (e *env) connectStatus(c *cli.Context) error {
	store, err := connectapi.DefaultStore()
	if err != nil {
		return ioError(err)
	}
	t, err := store.Load()
	if err != nil {
		return connectError(err)
	}
	who := term.Clean(t.DisplayName)
	if t.FullName != "" {
		who += " (" + term.Clean(t.FullName) + ")"
	}
	how := cmp.Or(map[string]string{"ticket": "a browser's service ticket", "garminconnect": "python-garminconnect's token file",
		"password": "email and password"}[t.Source], "an unknown route")
	fmt.Fprintf(e.stdout, "signed in to Garmin Connect as %s, with %s\n", who, how)
	when := func(x time.Time) string {
		if x.IsZero() {
			return "unknown"
		}
		return x.UTC().Format("2006-01-02 15:04 UTC")
	}
	state := ""
	if !t.Expires.IsZero() && time.Now().After(t.Expires) {
		state = " (expired: the next call renews it)"
	}
	fmt.Fprintf(e.stdout, "access token valid until %s%s\n", when(t.Expires), state)
	fmt.Fprintf(e.stdout, "sign-in renewable until %s\n", when(t.RefreshExpires))
	fmt.Fprintf(e.stdout, "kept in %s\n", store.Path())
	return nil
}

func (e *env) connectLogout(c *cli.Context) error {
	store, err := connectapi.DefaultStore()
	if err != nil {
		return ioError(err)
	}
	had, err := store.Remove()
	if err != nil {
		return ioError(err)
	}
	if !had {
		fmt.Fprintln(e.stdout, "not signed in; nothing to forget")
		return nil
	}
	fmt.Fprintf(e.stdout, "signed out: removed %s (Garmin keeps the token valid until it expires)\n", store.Path())
	return nil
}

// account signs in and lists the account's workouts: workoutc's own and
// the others.
func (e *env) account(ctx context.Context, c *cli.Context) (*connectapi.Client, []connectapi.Own, []connectapi.Summary, error) {
	cl, err := e.signedIn(ctx, c)
	if err != nil {
		return nil, nil, nil, err
	}
	own, foreign, err := connectapi.Account(ctx, cl)
	if err != nil {
		return nil, nil, nil, connectError(err)
	}
	return cl, own, foreign, nil
}

// dateFlag is the date (YYYY-MM-DD) flag name holds, or def when it is
// not set.
func dateFlag(c *cli.Context, name string, def time.Time) (time.Time, error) {
	if !c.IsSet(name) {
		return def, nil
	}
	d, err := time.Parse(time.DateOnly, c.String(name))
	if err != nil {
		return def, usageErrorf("--%s %q is not a date (YYYY-MM-DD)", name, c.String(name))
	}
	return d, nil
}

// signedIn returns a client with the stored sign-in, renewed if due.
func (e *env) signedIn(ctx context.Context, c *cli.Context) (*connectapi.Client, error) {
	opts, err := e.connectOptions(c)
	if err != nil {
		return nil, err
	}
	cl, err := connectapi.NewClient(opts)
	if err != nil {
		return nil, connectError(err)
	}
	if err := cl.EnsureFresh(ctx); err != nil {
		return nil, connectError(err)
	}
	return cl, nil
}

func (e *env) connectPush(c *cli.Context) error {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageErrorf("connect push needs at least one FILE.yaml, FILE.fit, FILE.json or batch folder")
	}
	var on []string
	if c.IsSet("on") {
		d, err := dateFlag(c, "on", time.Time{})
		if err != nil {
			return err
		}
		on = []string{d.Format(time.DateOnly)}
	}
	reps, err := repsOf(c)
	if err != nil {
		return err
	}
	athlete, err := e.athlete(c)
	if err != nil {
		return err
	}
	items, ok, err := e.connectItems(paths, athlete, reps, on)
	if err != nil {
		return err
	}
	if !ok {
		return inputFailed
	}
	ctx, stop := interruptible()
	defer stop()
	cl, err := e.signedIn(ctx, c)
	if err != nil {
		return err
	}
	plan, err := connectapi.MakePlan(ctx, cl, items)
	if err != nil {
		return connectError(err)
	}
	if c.Bool("dry-run") {
		for _, st := range plan.Steps {
			name, what, id := term.Clean(st.Item.Name), "unchanged", fmt.Sprintf(": workout %d", st.WorkoutID)
			switch st.Op {
			case connectapi.OpCreate:
				what, id = "would create", "" // no id yet
			case connectapi.OpUpdate:
				what = "would update"
			}
			fmt.Fprintf(e.stdout, "%-13s %s (%s)%s\n", what, name, st.Item.Source, id)
			for _, d := range st.Schedule {
				fmt.Fprintf(e.stdout, "would schedule %s on %s\n", name, d)
			}
		}
		fmt.Fprintf(e.stdout, "dry run: %d writes would be made; %d requests made\n", plan.Writes(), cl.Requests())
		return nil
	}
	var bar *progress.Bar
	total := plan.Writes()
	if total > 1 && progress.IsTerminal(e.stderr, e.getenv) {
		bar = progress.New(e.stderr, "connect push", "writes", total)
	}
	done := map[string]int{} // writes by what: created, updated, scheduled
	writes := 0
	err = plan.Apply(ctx, cl, func(ev connectapi.Event) {
		if bar != nil {
			bar.Done()
		}
		name := term.Clean(ev.Step.Item.Name)
		switch ev.What {
		case "unmarked":
			fmt.Fprintf(e.stderr, "%s: warning: Garmin Connect did not keep workoutc's mark at the end of the description (workout %d), so a later push will not recognise it and would make it again; shorten the description\n", ev.Step.Item.Source, ev.Step.WorkoutID)
			return
		case "scheduled":
			fmt.Fprintf(e.stdout, "scheduled %s on %s\n", name, ev.Date)
		default:
			fmt.Fprintf(e.stdout, "%-9s %s (%s): workout %d\n", ev.What, name, ev.Step.Item.Source, ev.Step.WorkoutID)
		}
		done[ev.What]++
		writes++
		if bar != nil {
			bar.Set(writes)
		}
	})
	if bar != nil {
		bar.Done()
	}
	unchanged, already := 0, -done["scheduled"]
	for _, st := range plan.Steps {
		if st.Op == connectapi.OpUnchanged {
			unchanged++
		}
		already += len(st.On)
	}
	fmt.Fprintf(e.stdout, "push: %d created, %d updated, %d unchanged; %d scheduled, %d already on the calendar; %d requests\n",
		done["created"], done["updated"], unchanged, done["scheduled"], already, cl.Requests())
	if err != nil {
		fmt.Fprintf(e.stderr, "workoutc: stopped after %d of %d writes; run the same push again to finish (what is done is not done twice)\n", writes, total)
		return connectError(err)
	}
	return nil
}

// connectItems compiles every input to the workout JSON, with its key and
// dates; it prints every problem and reports whether all went well.
func (e *env) connectItems(paths []string, athlete *workouts.Athlete, reps int, on []string) ([]*connectapi.Item, bool, error) {
	var items []*connectapi.Item
	ok := true
	add := func(path string, data []byte, key string, dates []string) {
		it, diags, err := compileForConnect(path, data, athlete, reps)
		clean := e.report(diags)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
		}
		if it == nil || !clean {
			ok = false
			return
		}
		if key == "" {
			key = workouts.Slug(it.Name)
		}
		it.Key, it.Dates = key, dates
		items = append(items, it)
	}
	for _, p := range paths {
		if p == "-" {
			return nil, false, usageErrorf("connect push reads files and folders, not stdin")
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, false, ioError(err)
		}
		files := []string{p}
		if st.IsDir() {
			if _, err := os.Stat(filepath.Join(p, "index.csv")); err == nil {
				return nil, false, &exitError{code: exitInput, msg: fmt.Sprintf("%s is a whole batch; push one athlete's folder (%s)", p, filepath.Join(p, "ATHLETE"))}
			}
			entries, err := os.ReadDir(p)
			if err != nil {
				return nil, false, ioError(err)
			}
			// One file a session: a batch written with --format fit,connect
			// holds x.fit and x.json; the JSON is what Connect takes, so it wins.
			hasJSON := map[string]bool{}
			for _, en := range entries {
				if strings.EqualFold(filepath.Ext(en.Name()), ".json") {
					hasJSON[strings.TrimSuffix(en.Name(), filepath.Ext(en.Name()))] = true
				}
			}
			files = nil
			for _, en := range entries {
				ext := strings.ToLower(filepath.Ext(en.Name()))
				if !en.IsDir() && (ext == ".json" || ext == ".fit" && !hasJSON[strings.TrimSuffix(en.Name(), filepath.Ext(en.Name()))]) {
					files = append(files, filepath.Join(p, en.Name()))
				}
			}
		}
		n := 0
		for _, fp := range files {
			data, err := readConnectInput(fp)
			if err != nil {
				return nil, false, err
			}
			if st.IsDir() && strings.EqualFold(filepath.Ext(fp), ".fit") && fitenc.IsFIT(data) {
				if _, _, err := fitenc.Decode(data); errors.Is(err, fitenc.ErrNotWorkout) {
					continue // the batch's schedule.fit: the dates come from the workouts
				}
			}
			n++
			dir, base := filepath.Dir(fp), filepath.Base(fp)
			d, isBatch := batchDate(dir, base)
			switch {
			case isBatch:
				add(fp, data, batchKey(dir, base), []string{d})
			case !st.IsDir():
				add(fp, data, "", on)
			default:
				fmt.Fprintf(e.stderr, "%s: warning: not named YYYY-MM-DD-<workout> and not in the batch's index.csv, so not put on the calendar\n", fp)
				add(fp, data, batchKey(dir, base), nil)
			}
		}
		if st.IsDir() && n == 0 {
			return nil, false, &exitError{code: exitInput, msg: fmt.Sprintf("%s holds no .fit or .json workout files", p)}
		}
	}
	return items, ok, nil
}

func readConnectInput(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, ioError(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxWorkoutFile+1))
	if err != nil {
		return nil, ioError(err)
	}
	if len(b) > maxWorkoutFile {
		return nil, &exitError{code: exitInput, msg: fmt.Sprintf("%s: more than %d MB; not a workout", p, maxWorkoutFile>>20)}
	}
	return b, nil
}

// compileForConnect turns one input (YAML, FIT or Connect JSON, told
// apart by content) into the JSON push sends. err is a problem of a file
// that has no place in it, naming the file (as decode.File words it).
func compileForConnect(name string, data []byte, athlete *workouts.Athlete, reps int) (*connectapi.Item, workouts.Diagnostics, error) {
	if !fitenc.IsFIT(data) && !connect.IsJSON(data) {
		_, res, diags := compileDefinition(name, data, workouts.ResolveOptions{Athlete: athlete, Reps: reps}, []encode.Encoder{connect.Encoder{}}, encode.Options{}, false)
		if res.Workout == nil || res.Data[0] == nil {
			return nil, diags, nil
		}
		return &connectapi.Item{Name: res.Workout.Name, Source: name, Body: res.Data[0]}, diags, nil
	}
	_, w, diags, err := decode.File(name, data)
	var located workouts.Diagnostics
	if errors.As(err, &located) {
		return nil, located, nil
	} else if err != nil {
		return nil, nil, err
	}
	if w.Name == "" {
		w.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	body, ed, err := connect.Encode(w, encode.Options{})
	diags = append(diags, ed...)
	if err != nil {
		return nil, append(diags, encode.Errors(workouts.Pos{File: name}, connect.Encoder{}, err)...), nil
	}
	return &connectapi.Item{Name: w.Name, Source: name, Body: body}, diags, nil
}

func (e *env) connectList(c *cli.Context) error {
	from, err := dateFlag(c, "from", time.Now().UTC())
	if err != nil {
		return err
	}
	months := c.Int("months")
	if months < 0 || months > 24 {
		return usageErrorf("--months %d is out of range (0 to 24)", months)
	}
	ctx, stop := interruptible()
	defer stop()
	cl, own, foreign, err := e.account(ctx, c)
	if err != nil {
		return err
	}
	ours := map[int64]bool{}
	all := slices.Clone(foreign)
	for _, o := range own {
		all = append(all, o.Summary)
		ours[o.WorkoutID] = true
	}
	by := func(id int64) string {
		if ours[id] {
			return "workoutc"
		}
		return "-"
	}
	slices.SortFunc(all, func(a, b connectapi.Summary) int { return cmp.Compare(b.WorkoutID, a.WorkoutID) })
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tBY\tSPORT\tUPDATED\tNAME")
	for _, s := range all {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", s.WorkoutID, by(s.WorkoutID), term.Clean(s.SportType.Key), term.Clean(s.UpdateDate), term.Clean(s.Name))
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%s, %d made by workoutc\n", plural(len(all), "workout"), len(own))
	if months == 0 {
		return nil
	}
	up, err := connectapi.Upcoming(ctx, cl, from, months)
	if err != nil {
		return connectError(err)
	}
	fmt.Fprintf(e.stdout, "calendar from %s (%s): %s\n", from.Format(time.DateOnly), plural(months, "month"), plural(len(up), "workout"))
	tw = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, it := range up {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", it.Date, *it.WorkoutID, by(*it.WorkoutID), term.Clean(it.Title))
	}
	tw.Flush()
	return nil
}

func (e *env) connectRm(c *cli.Context) error {
	all := c.Bool("all")
	args := c.Args().Slice()
	if all == (len(args) > 0) {
		return usageErrorf("connect rm takes workout IDs or --all (see 'workoutc connect list')")
	}
	var ids []int64
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return usageErrorf("connect rm: %q is not a workout ID (see 'workoutc connect list')", a)
		}
		ids = append(ids, id)
	}
	ctx, stop := interruptible()
	defer stop()
	cl, own, foreign, err := e.account(ctx, c)
	if err != nil {
		return err
	}
	var pick []connectapi.Own
	if all {
		pick = own
	} else {
		bad := false
		for _, id := range ids {
			if i := slices.IndexFunc(own, func(o connectapi.Own) bool { return o.WorkoutID == id }); i >= 0 {
				pick = append(pick, own[i])
				continue
			}
			bad = true
			if i := slices.IndexFunc(foreign, func(f connectapi.Summary) bool { return f.WorkoutID == id }); i >= 0 {
				fmt.Fprintf(e.stderr, "workoutc: workout %d (%s) was not made by workoutc; workoutc removes only its own\n", id, term.Clean(foreign[i].Name))
			} else {
				fmt.Fprintf(e.stderr, "workoutc: no workout %d in the account (see 'workoutc connect list')\n", id)
			}
		}
		if bad {
			return inputFailed
		}
	}
	rms, err := connectapi.PlanRemove(ctx, cl, pick)
	if err != nil {
		return connectError(err)
	}
	verb := "removed"
	if c.Bool("dry-run") {
		verb = "would remove"
	}
	entries := 0
	for i, r := range rms {
		if !c.Bool("dry-run") {
			if err := connectapi.Remove(ctx, cl, r); err != nil {
				fmt.Fprintf(e.stdout, "rm: %d of %d removed\n", i, len(rms))
				return connectError(err)
			}
		}
		entries += len(r.Entries)
		note := ""
		if n := len(r.Entries); n > 0 {
			note = " and its " + strings.TrimPrefix(entriesText(n), "1 ") // "calendar entry", "2 calendar entries"
		}
		fmt.Fprintf(e.stdout, "%s %s (workout %d)%s\n", verb, term.Clean(r.Name), r.WorkoutID, note)
	}
	fmt.Fprintf(e.stdout, "rm: %s and %s %s; %s not made by workoutc left alone\n", plural(len(rms), "workout"), entriesText(entries), verb, plural(len(foreign), "workout"))
	return nil
}

// entriesText is a count of calendar entries: "1 calendar entry", "2
// calendar entries".
func entriesText(n int) string {
	if n == 1 {
		return "1 calendar entry"
	}
	return fmt.Sprintf("%d calendar entries", n)
}

var datedName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-[a-z0-9-]+\.(?i:fit|json)$`)

// batchDate returns the planned date of file name in a batch's athlete
// folder dir: the date column of the batch's index.csv (dir/../index.csv,
// columns athlete,date,workout,file) for the row whose file is
// <folder>/<name>, else the YYYY-MM-DD the batch starts the file name
// with. ok is false when the file is not a batch file.
func batchDate(dir, name string) (date string, ok bool) {
	rel := filepath.Base(dir) + "/" + name
	if f, err := os.Open(filepath.Join(dir, "..", "index.csv")); err == nil {
		defer f.Close()
		cr := csv.NewReader(io.LimitReader(f, 64<<20))
		cr.FieldsPerRecord = -1
		if head, err := cr.Read(); err == nil && len(head) >= 4 && head[1] == "date" && head[3] == "file" {
			for {
				rec, err := cr.Read()
				if err != nil {
					break
				}
				if len(rec) >= 4 && rec[3] == rel {
					if d, err := time.Parse(time.DateOnly, rec[1]); err == nil {
						return d.Format(time.DateOnly), true
					}
				}
			}
		}
	}
	if m := datedName.FindStringSubmatch(name); m != nil {
		if d, err := time.Parse(time.DateOnly, m[1]); err == nil {
			return d.Format(time.DateOnly), true
		}
	}
	return "", false
}

// batchKey is a batch file's key: athlete folder / file name without its
// extension.
func batchKey(dir, name string) string {
	k := strings.ToLower(filepath.Base(dir) + "/" + strings.TrimSuffix(name, filepath.Ext(name)))
	if !connectapi.ValidKey(k) {
		return workouts.Slug(filepath.Base(dir)) + "/" + workouts.Slug(strings.TrimSuffix(name, filepath.Ext(name)))
	}
	return k
}
