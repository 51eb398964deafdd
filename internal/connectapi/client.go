// Package connectapi is workoutc's client of the Garmin Connect workout
// service: sign-in and token storage (auth.go, store.go), the HTTP calls
// with their timeouts, retries and size caps (this file), and the marker by
// which workoutc recognises the workouts it made (marker.go).
//
// Nothing here was tried against the live service; it follows the recorded
// traffic in ../shared/corpus/connect and is tested against the fake
// service in internal/testkit/fakeconnect. Tokens never appear in an error or any other
// text this package returns.
package connectapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/workoutc/workoutc/internal/term"
)

// The services' default base URLs and the environment variables that
// replace them (for a proxy, or the fake service of the tests).
const (
	DefaultAPI  = "https://connectapi.garmin.com"
	DefaultAuth = "https://diauth.garmin.com"
	EnvAPI      = "WORKOUTC_CONNECT_API"
	EnvAuth     = "WORKOUTC_CONNECT_AUTH"
)

// Limits of every call.
const (
	// DefaultTimeout bounds one HTTP exchange, reply body included.
	DefaultTimeout = 30 * time.Second
	// MaxRetries is how many times a call is sent again after 429, 5xx or
	// a network failure.
	MaxRetries = 4
	// MaxWait bounds the time a call spends waiting between its tries.
	MaxWait = 2 * time.Minute
	// MaxReply is the largest reply body read; a longer one is an error.
	MaxReply = 8 << 20
)

// Errors a caller maps to messages and exit codes.
var (
	// ErrNotSignedIn: no stored token; run `workoutc connect login`.
	ErrNotSignedIn = errors.New("not signed in to Garmin Connect (run 'workoutc connect login')")
	// ErrAuth: the service refused the token, also after a refresh.
	ErrAuth = errors.New("Garmin Connect refused the stored sign-in (HTTP 401) after a refresh; run 'workoutc connect login' again")
)

// Bases returns the API and sign-in base URLs from the environment
// (getenv), defaulting to Garmin's; a value that is not an http(s) URL is
// an error.
func Bases(getenv func(string) string) (api, auth string, err error) {
	api, auth = DefaultAPI, DefaultAuth
	for _, v := range []struct {
		name string
		dst  *string
	}{{EnvAPI, &api}, {EnvAuth, &auth}} {
		s := getenv(v.name)
		if s == "" {
			continue
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "", "", fmt.Errorf("%s=%s is not an http(s) URL", v.name, term.Clean(s))
		}
		*v.dst = strings.TrimRight(s, "/")
	}
	return api, auth, nil
}

// HTTPError is a reply the service gave with a status that is not a
// success, after any retries.
type HTTPError struct {
	Method, Path string
	Status       int
	// Body is the start of the reply, control characters escaped.
	Body string
	// Tries is the number of times the call was sent.
	Tries int
}

// Error names the call, the status, the tries and the start of the reply.
func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("%s %s: HTTP %d", e.Method, e.Path, e.Status)
	if e.Tries > 1 {
		msg += fmt.Sprintf(" (after %d tries)", e.Tries)
	}
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// NetError is a call that got no reply (connection refused, timeout),
// after any retries.
type NetError struct {
	Method, Path string
	Tries        int
	Err          error
}

// Error names the call, the tries and the failure.
func (e *NetError) Error() string {
	return fmt.Sprintf("%s %s: no reply after %d tries: %v", e.Method, e.Path, e.Tries, e.Err)
}

// Unwrap returns the last failure.
func (e *NetError) Unwrap() error { return e.Err }

// Options configure a Client. The zero value of each field means its
// default.
type Options struct {
	API, Auth string        // base URLs; Bases reads them from the environment
	Timeout   time.Duration // per call; DefaultTimeout
	// MaxRetries (negative: none) and MaxWait bound the retries of a call.
	MaxRetries int
	MaxWait    time.Duration
	// HTTP sends the requests; http.DefaultClient's transport otherwise.
	HTTP *http.Client
	// Sleep waits d or until ctx is done; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Store keeps the token; a refreshed token is saved there.
	Store *Store
}

// Client calls the Connect API with a stored token. It is safe for use by
// one goroutine at a time.
type Client struct {
	opts     Options
	auth     *Auth
	token    *Token
	requests atomic.Int64 // sent so far
}

// NewClient returns a client that signs its calls with the token in
// opts.Store; ErrNotSignedIn when there is none.
func NewClient(opts Options) (*Client, error) {
	opts = opts.withDefaults()
	if opts.Store == nil {
		return nil, ErrNotSignedIn
	}
	t, err := opts.Store.Load()
	if err != nil {
		return nil, err
	}
	return WithToken(opts, t), nil
}

func (o Options) withDefaults() Options {
	o.API, o.Auth, o.HTTP = cmp.Or(o.API, DefaultAPI), cmp.Or(o.Auth, DefaultAuth), cmp.Or(o.HTTP, &http.Client{})
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = MaxRetries
	}
	o.MaxRetries = max(o.MaxRetries, 0)
	if o.MaxWait <= 0 {
		o.MaxWait = MaxWait
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Token returns the client's current token (refreshed ones included).
func (c *Client) Token() *Token { return c.token }

// Requests returns how many requests the client sent.
func (c *Client) Requests() int { return int(c.requests.Load()) }

// request is one API call.
type request struct {
	method, path string
	body         []byte
	// happened allows sending a write again after a failure that may
	// have come after the service acted on it (5xx, a lost reply).
	// When nil such failures are final for POST; when set it is asked
	// first and, if the write did happen, the call stops there.
	happened func(ctx context.Context) (bool, error)
	// out, when set, is where the reply's JSON is read; what names the
	// call when it is not the JSON expected.
	out  any
	what string
}

// errHappened stops the retries of a write the service did act on.
var errHappened = errors.New("the write was done by an earlier try")

// do sends r with the token, refreshes the token once on 401, retries 429,
// 5xx and network failures within the bounds, and returns the reply body
// (at most MaxReply bytes).
func (c *Client) do(ctx context.Context, r request) ([]byte, error) {
	refreshed := false
	tries := 0
	var waited time.Duration
	for {
		tries++
		status, hdr, body, err := c.send(ctx, r)
		if err == nil && status >= 200 && status < 300 {
			if r.out == nil {
				return body, nil
			}
			if err := json.Unmarshal(body, r.out); err != nil {
				return nil, fmt.Errorf("%s: the reply is not the JSON expected: %v", r.what, err)
			}
			return body, nil
		}
		if err == nil && status == http.StatusUnauthorized {
			if refreshed {
				return nil, ErrAuth
			}
			refreshed = true
			if err := c.refresh(ctx); err != nil {
				return nil, err
			}
			tries--
			continue
		}
		retryable := err != nil && ctx.Err() == nil && !errors.Is(err, errTooLarge) || status == http.StatusTooManyRequests || status >= 500
		if !retryable || tries > c.opts.MaxRetries {
			return nil, c.fail(r, tries, status, body, err)
		}
		// A write that may have been done: only 429 (refused before any
		// work) is sent again blindly; otherwise ask first.
		if r.method == http.MethodPost && status != http.StatusTooManyRequests {
			if r.happened == nil {
				return nil, c.fail(r, tries, status, body, err)
			}
			done, herr := r.happened(ctx)
			if herr != nil {
				return nil, herr
			}
			if done {
				return nil, errHappened
			}
		}
		d := backoff(tries)
		if ra, ok := retryAfter(hdr, c.opts.Now()); ok {
			d = ra
		}
		if waited+d > c.opts.MaxWait {
			e := c.fail(r, tries, status, body, err)
			return nil, fmt.Errorf("%w; the service asks to wait %s more, beyond the %s a call may wait: try again later", e, d.Round(time.Second), c.opts.MaxWait)
		}
		waited += d
		if err := c.opts.Sleep(ctx, d); err != nil {
			return nil, err
		}
	}
}

func (c *Client) fail(r request, tries, status int, body []byte, err error) error {
	if err != nil {
		return &NetError{Method: r.method, Path: r.path, Tries: tries, Err: c.redact(err)}
	}
	return &HTTPError{Method: r.method, Path: r.path, Status: status, Body: c.redactText(excerpt(body)), Tries: tries}
}

// backoff is the wait before try n+1: 0.5 s doubled each try, with jitter
// of up to a quarter.
func backoff(n int) time.Duration {
	d := 500 * time.Millisecond << (n - 1)
	return d + time.Duration(rand.Int64N(int64(d/4)+1))
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// send makes one exchange within the timeout.
func (c *Client) send(ctx context.Context, r request) (int, http.Header, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, c.opts.API+r.path, body)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token.Access)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	c.requests.Add(1)
	resp, err := c.opts.HTTP.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("timed out after %s", c.opts.Timeout)
		}
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	b, err := readCapped(resp.Body)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("timed out after %s reading the reply", c.opts.Timeout)
		}
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, b, nil
}

const userAgent = "workoutc (+https://github.com/workoutc/workoutc)"

// errTooLarge is a reply over MaxReply: not sent again.
var errTooLarge = fmt.Errorf("reply larger than %d MiB", MaxReply>>20)

func readCapped(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxReply+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxReply {
		return nil, errTooLarge
	}
	return b, nil
}

// refresh renews the access token with the refresh token and stores it.
func (c *Client) refresh(ctx context.Context) error {
	t, err := c.auth.Refresh(ctx, c.token)
	if err != nil {
		return err
	}
	t.DisplayName, t.FullName = c.token.DisplayName, c.token.FullName
	c.token = t
	if c.opts.Store != nil {
		return c.opts.Store.Save(t)
	}
	return nil
}

// EnsureFresh refreshes the token ahead of time when its access token
// has expired (or expires within a minute), so that a run does not start
// with a 401 on every call.
func (c *Client) EnsureFresh(ctx context.Context) error {
	if c.token.Expires.IsZero() || c.opts.Now().Add(time.Minute).Before(c.token.Expires) {
		return nil
	}
	return c.refresh(ctx)
}

// redact removes the token's secrets from err's text.
func (c *Client) redact(err error) error {
	s := err.Error()
	if r := c.redactText(s); r != s {
		return errors.New(r)
	}
	return err
}

func (c *Client) redactText(s string) string {
	if c.token != nil {
		s = c.token.redact(s)
	}
	return s
}

// excerpt is the start of a reply for a message: at most 200 runes,
// control characters escaped.
func excerpt(b []byte) string {
	s := strings.TrimSpace(string(b))
	if utf8.RuneCountInString(s) > 200 {
		s = string([]rune(s)[:200]) + "…"
	}
	return term.Clean(s)
}
