package connectapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/workoutc/workoutc/internal/testkit/fakeconnect"
)

// setup signs in to a fresh fake service by ticket and returns a client
// whose sleeps are recorded instead of waited.
func setup(t *testing.T, tweak func(*Options)) (*fakeconnect.Server, *Client, *[]time.Duration) {
	t.Helper()
	s := fakeconnect.New()
	t.Cleanup(s.Close)
	var slept []time.Duration
	opts := Options{API: s.URL, Auth: s.URL, Store: &Store{Dir: t.TempDir()},
		Sleep: func(ctx context.Context, d time.Duration) error { slept = append(slept, d); return ctx.Err() }}
	if tweak != nil {
		tweak(&opts)
	}
	tok, err := NewAuth(opts).ExchangeTicket(context.Background(), "ST-test-ticket", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := opts.Store.Save(tok); err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, c, &slept
}

// noSecret fails when text holds a secret the fake handed out.
func noSecret(t *testing.T, s *fakeconnect.Server, text string) {
	t.Helper()
	if len(s.Secrets()) == 0 {
		t.Fatal("no secret handed out: the check would prove nothing")
	}
	for _, sec := range s.Secrets() {
		if strings.Contains(text, sec) {
			t.Errorf("a token is in %q", text)
		}
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	s, c, slept := setup(t, nil)
	s.Inject(fakeconnect.Fault{Method: "GET", Prefix: "/workout-service/workouts", Status: 429, RetryAfter: "7"})
	s.Inject(fakeconnect.Fault{Method: "GET", Prefix: "/workout-service/workouts", Status: 503, RetryAfter: "Wed, 21 Oct 2015 07:28:10 GMT"})
	c.opts.Now = func() time.Time { return time.Date(2015, 10, 21, 7, 28, 0, 0, time.UTC) }
	if _, err := c.Workouts(context.Background()); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{7 * time.Second, 10 * time.Second}; fmt.Sprint(*slept) != fmt.Sprint(want) {
		t.Errorf("slept %v, want %v (Retry-After in seconds, then as a date)", *slept, want)
	}
}

func TestRetriesBoundedInCount(t *testing.T) {
	s, c, slept := setup(t, nil)
	s.Inject(fakeconnect.Fault{Prefix: "/workout-service/", Status: 502, Times: 100})
	_, err := c.Workouts(context.Background())
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 502 || he.Tries != MaxRetries+1 {
		t.Fatalf("err = %v, want HTTP 502 after %d tries", err, MaxRetries+1)
	}
	if len(*slept) != MaxRetries {
		t.Fatalf("slept %d times, want %d", len(*slept), MaxRetries)
	}
	for i, d := range *slept { // 0.5 s doubled, with at most a quarter of jitter
		base := 500 * time.Millisecond << i
		if d < base || d > base+base/4 {
			t.Errorf("wait %d = %v, want %v to %v", i+1, d, base, base+base/4)
		}
	}
	if got := s.Counts()["GET /workout-service/workouts"]; got != MaxRetries+1 {
		t.Errorf("the service saw %d tries, want %d", got, MaxRetries+1)
	}
}

func TestRetriesBoundedInTime(t *testing.T) {
	s, c, slept := setup(t, nil)
	s.Inject(fakeconnect.Fault{Prefix: "/workout-service/", Status: 429, RetryAfter: "100", Times: 10})
	_, err := c.Workouts(context.Background())
	if err == nil || !strings.Contains(err.Error(), "asks to wait 1m40s more, beyond the 2m0s a call may wait") {
		t.Fatalf("err = %v, want the wait bound named", err)
	}
	if len(*slept) != 1 {
		t.Errorf("slept %v, want one 100 s wait (a second would pass 2 min)", *slept)
	}
}

func TestTimeoutEveryTry(t *testing.T) {
	s, c, slept := setup(t, func(o *Options) { o.Timeout = 50 * time.Millisecond })
	s.Inject(fakeconnect.Fault{Method: "GET", Prefix: "/workout-service/workouts", Delay: time.Second, Times: 10})
	_, err := c.Workouts(context.Background())
	var ne *NetError
	if !errors.As(err, &ne) || ne.Tries != MaxRetries+1 || !strings.Contains(err.Error(), "timed out after 50ms") {
		t.Fatalf("err = %v, want a timeout after %d tries", err, MaxRetries+1)
	}
	if len(*slept) != MaxRetries {
		t.Errorf("slept %d times between tries, want %d", len(*slept), MaxRetries)
	}
	noSecret(t, s, err.Error())
}

func TestPostNotResentBlindly(t *testing.T) {
	s, c, _ := setup(t, nil)
	s.Inject(fakeconnect.Fault{Method: "POST", Prefix: "/workout-service/workout", Status: 500, Late: true})
	body := []byte(`{"workoutName":"x","sportType":{"sportTypeId":1},"workoutSegments":[{"segmentOrder":1,"sportType":{"sportTypeId":1},
		"workoutSteps":[{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":1}}]}]}`)
	// Without a way to tell whether it happened, a 500 on a create is final.
	if _, _, err := c.Create(context.Background(), body, nil); err == nil {
		t.Fatal("a create that got 500 was sent again blindly")
	}
	if n := len(s.Workouts()); n != 1 {
		t.Fatalf("%d workouts stored, want the 1 the service made before its 500", n)
	}
	// With one, the stored workout is found and not made twice.
	s.Inject(fakeconnect.Fault{Method: "POST", Prefix: "/workout-service/workout", Status: 500, Late: true})
	asked := 0
	id, _, err := c.Create(context.Background(), body, func(context.Context) (int64, error) {
		asked++
		ids := s.Workouts()
		return ids[len(ids)-1], nil
	})
	if err != nil || asked != 1 || id != s.Workouts()[1] || len(s.Workouts()) != 2 {
		t.Fatalf("id %d, err %v, asked %d, stored %v", id, err, asked, s.Workouts())
	}
}

func TestRefreshOnceOn401(t *testing.T) {
	s, c, _ := setup(t, nil)
	old := c.Token().Access
	s.ExpireTokens()
	if _, err := c.Workouts(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c.Token().Access == old {
		t.Fatal("the token was not renewed")
	}
	saved, err := c.opts.Store.Load()
	if err != nil || saved.Access != c.Token().Access {
		t.Fatalf("the renewed token was not stored (%v)", err)
	}
	if n := s.Counts()["POST /di-oauth2-service/oauth/token"]; n != 2 {
		t.Errorf("%d token calls, want 2 (the sign-in and one refresh)", n)
	}
}

func TestStopAfterSecond401(t *testing.T) {
	s, c, _ := setup(t, nil)
	s.Inject(fakeconnect.Fault{Prefix: "/workout-service/", Status: 401, Times: 10})
	_, err := c.Workouts(context.Background())
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("err = %v, want ErrAuth", err)
	}
	if n := s.Counts()["GET /workout-service/workouts"]; n != 2 {
		t.Errorf("%d tries, want 2 (one refresh between)", n)
	}
	noSecret(t, s, err.Error())
}

func TestRefreshRefused(t *testing.T) {
	s, c, _ := setup(t, nil)
	s.ExpireTokens()
	c.token.Refresh = "rt-not-the-one-the-service-gave-out"
	_, err := c.Workouts(context.Background())
	if err == nil || !strings.Contains(err.Error(), "refreshing the sign-in: HTTP 400 (invalid_grant); run 'workoutc connect login' again") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "rt-not-the-one") {
		t.Error("the refresh token is in the error")
	}
	noSecret(t, s, err.Error())
}

func TestTokenNeverFormatted(t *testing.T) {
	s, c, _ := setup(t, nil)
	tok := c.Token()
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		noSecret(t, s, fmt.Sprintf(f, tok))
		noSecret(t, s, fmt.Sprintf(f, *tok))
	}
	noSecret(t, s, fmt.Sprint(c))
}

func TestServerTextEscaped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		fmt.Fprint(w, "bad\x1b[31m red\r\nline\u202e")
	}))
	defer srv.Close()
	c := WithToken(Options{API: srv.URL}, &Token{Access: "secret-access-token"})
	_, err := c.Workouts(context.Background())
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\r\n\u202e") || !strings.Contains(err.Error(), `bad\x1b[31m red\r\nline\u202e`) {
		t.Fatalf("err = %q", err)
	}
}

func TestReplyCapped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("["))
		chunk := []byte(strings.Repeat(" ", 1<<20))
		for i := 0; i < 10; i++ {
			w.Write(chunk)
		}
	}))
	defer srv.Close()
	c := WithToken(Options{API: srv.URL}, &Token{Access: "secret-access-token"})
	_, err := c.Workouts(context.Background())
	var ne *NetError
	if !errors.As(err, &ne) || ne.Tries != 1 || !strings.Contains(err.Error(), "reply larger than 8 MiB") {
		t.Fatalf("err = %v, want one try and the cap named", err)
	}
}

func TestBases(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if a, b, err := Bases(getenv); err != nil || a != DefaultAPI || b != DefaultAuth {
		t.Fatalf("defaults: %q %q %v", a, b, err)
	}
	env[EnvAPI], env[EnvAuth] = "http://127.0.0.1:8080/", "https://proxy.example/auth"
	if a, b, err := Bases(getenv); err != nil || a != "http://127.0.0.1:8080" || b != "https://proxy.example/auth" {
		t.Fatalf("set: %q %q %v", a, b, err)
	}
	env[EnvAPI] = "ftp://x"
	if _, _, err := Bases(getenv); err == nil || !strings.Contains(err.Error(), "WORKOUTC_CONNECT_API=ftp://x is not an http(s) URL") {
		t.Fatalf("err = %v", err)
	}
}

func TestWorkoutsPaged(t *testing.T) {
	s, c, _ := setup(t, nil)
	for i := 0; i < 2*pageSize+50; i++ {
		if _, err := s.Add([]byte(`{"workoutName":"w","sportType":{"sportTypeId":1},"workoutSegments":[{"segmentOrder":1,"sportType":{"sportTypeId":1},
			"workoutSteps":[{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":1}}]}]}`)); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := c.Workouts(context.Background())
	if err != nil || len(ws) != 2*pageSize+50 {
		t.Fatalf("%d workouts, %v", len(ws), err)
	}
	seen := map[int64]bool{}
	for _, w := range ws {
		seen[w.WorkoutID] = true
	}
	if len(seen) != len(ws) {
		t.Errorf("pages overlap: %d distinct of %d", len(seen), len(ws))
	}
	if n := s.Counts()["GET /workout-service/workouts"]; n != 3 {
		t.Errorf("%d pages read, want 3", n)
	}
}

func TestEnsureFresh(t *testing.T) {
	s, c, _ := setup(t, nil)
	c.token.Expires = time.Now().Add(-time.Hour) // as stored a day ago
	if err := c.EnsureFresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Workouts(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s.Counts()["POST /di-oauth2-service/oauth/token"] != 2 || !c.Token().Expires.After(time.Now()) {
		t.Errorf("counts %v, expires %v: the token was not renewed ahead", s.Counts(), c.Token().Expires)
	}
	// A sign-in past its refresh date is not sent: log in again.
	c.token.Expires, c.token.RefreshExpires = time.Now().Add(-time.Hour), time.Now().Add(-time.Minute)
	if err := c.EnsureFresh(context.Background()); err == nil || !strings.Contains(err.Error(), "the sign-in expired") {
		t.Fatalf("err = %v", err)
	}
	if s.Counts()["POST /di-oauth2-service/oauth/token"] != 2 {
		t.Error("an expired refresh token was sent")
	}
}
