package connectapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"github.com/workoutc/workoutc/internal/term"
)

// The DI OAuth2 token exchange, as python-garminconnect 0.3 does it.
const (
	tokenPath        = "/di-oauth2-service/oauth/token"
	grantTicket      = "https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket"
	defaultSSO       = "https://sso.garmin.com"
	ssoClientID      = "GCM_IOS_DARK"
	iosServiceURL    = "https://mobile.integration.garmin.com/gcm/ios"
	TicketServiceURL = "https://mobile.integration.garmin.com/gcm/android" // the service a browser ticket is for, by default
	// TicketSignInURL is the page a user signs in on to copy a ticket
	// (the address bar shows ?ticket=ST-… afterwards).
	TicketSignInURL = "https://sso.garmin.com/mobile/sso/en_US/sign-in?clientId=GCM_ANDROID_DARK&service=" + TicketServiceURL
)

// ClientIDs are the public mobile-app client ids tried in turn for the
// ticket exchange.
var ClientIDs = []string{
	"GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2",
	"GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4",
	"GARMIN_CONNECT_MOBILE_ANDROID_DI",
	"GARMIN_CONNECT_MOBILE_IOS_DI",
}

// Sign-in errors.
var (
	// ErrBotProtection: Garmin's sign-in page refused a tool (HTTP 429 or
	// 403, a CAPTCHA, or a page that is not the API).
	ErrBotProtection = errors.New("Garmin's sign-in refused the password route (its bot protection answers tools with HTTP 429/403 or a CAPTCHA since March 2026); sign in with --ticket ST-… copied from a browser, or import a python-garminconnect token file with --garminconnect")
	// ErrBadPassword: the email or password is wrong.
	ErrBadPassword = errors.New("Garmin Connect says the email or password is wrong")
)

// Auth talks to the sign-in services.
type Auth struct {
	opts Options
	sso  string
}

// NewAuth returns the sign-in client for opts (opts.Auth is the DI token
// service; the password route's SSO pages are at sso.garmin.com, or at
// opts.Auth when that is not Garmin's default).
func NewAuth(opts Options) *Auth {
	opts = opts.withDefaults()
	sso := defaultSSO
	if opts.Auth != DefaultAuth {
		sso = opts.Auth
	}
	return &Auth{opts: opts, sso: sso}
}

// tokenError is a refused token call: never the body, only the status and
// the OAuth error code, escaped.
func tokenError(what string, status int, body []byte, secrets ...string) error {
	var e struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	msg := fmt.Sprintf("%s: HTTP %d", what, status)
	if e.Error != "" && len(e.Error) < 80 {
		msg += " (" + term.Clean(redactAll(e.Error, secrets)) + ")"
	}
	return errors.New(msg)
}

// post sends body to addr with hc within the timeout, with the headers
// (name, value, ...), and returns the status and the reply (at most
// MaxReply bytes). A failure is named by what, the secrets redacted.
func (a *Auth) post(ctx context.Context, hc *http.Client, what, addr string, body io.Reader, secrets []string, header ...string) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, addr, body)
	if err != nil {
		return 0, nil, err
	}
	header = append(header, "Accept", "application/json", "User-Agent", userAgent)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil, fmt.Errorf("%s: no reply within %s", what, a.opts.Timeout)
		}
		return 0, nil, fmt.Errorf("%s: %s", what, redactAll(err.Error(), secrets))
	}
	defer resp.Body.Close()
	b, err := readCapped(resp.Body)
	if err != nil {
		return 0, nil, fmt.Errorf("%s: %s", what, redactAll(err.Error(), secrets))
	}
	return resp.StatusCode, b, nil
}

// tokenCall posts form to the token endpoint with clientID.
func (a *Auth) tokenCall(ctx context.Context, what, clientID string, form url.Values, secrets ...string) (*Token, int, error) {
	status, b, err := a.post(ctx, a.opts.HTTP, what, a.opts.Auth+tokenPath, strings.NewReader(form.Encode()), secrets,
		"Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(clientID+":")), "Content-Type", "application/x-www-form-urlencoded")
	if err != nil {
		return nil, status, err
	}
	if status != http.StatusOK {
		return nil, status, tokenError(what, status, b, secrets...)
	}
	var out struct {
		Access         string  `json:"access_token"`
		Refresh        string  `json:"refresh_token"`
		ExpiresIn      float64 `json:"expires_in"`
		RefreshExpires float64 `json:"refresh_token_expires_in"`
	}
	if err := json.Unmarshal(b, &out); err != nil || out.Access == "" {
		return nil, status, fmt.Errorf("%s: the reply holds no access token", what)
	}
	now := a.opts.Now().UTC()
	exp, cid := jwtClaims(out.Access)
	t := &Token{Access: out.Access, Refresh: out.Refresh, ClientID: cmp.Or(cid, clientID)} // the token's own, when it names one
	switch {
	case !exp.IsZero():
		t.Expires = exp
	case out.ExpiresIn > 0:
		t.Expires = now.Add(time.Duration(out.ExpiresIn) * time.Second).Truncate(time.Second)
	}
	if out.RefreshExpires > 0 {
		t.RefreshExpires = now.Add(time.Duration(out.RefreshExpires) * time.Second).Truncate(time.Second)
	}
	return t, status, nil
}

func redactAll(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}

// ExchangeTicket trades an SSO service ticket (ST-…) for a DI token.
// serviceURL is the service the ticket was issued for ("" means
// TicketServiceURL).
func (a *Auth) ExchangeTicket(ctx context.Context, ticket, serviceURL string) (*Token, error) {
	ticket = strings.TrimSpace(ticket)
	if i := strings.Index(ticket, "ticket="); i >= 0 { // a whole address pasted
		ticket = ticket[i+len("ticket="):]
		if j := strings.IndexAny(ticket, "&#"); j >= 0 {
			ticket = ticket[:j]
		}
	}
	if !strings.HasPrefix(ticket, "ST-") || len(ticket) > 512 || strings.ContainsAny(ticket, " \t\r\n") {
		return nil, errors.New("a service ticket starts with ST- (copy it from the address bar after signing in at " + TicketSignInURL + ")")
	}
	serviceURL = cmp.Or(serviceURL, TicketServiceURL)
	var last error
	for _, id := range ClientIDs {
		form := url.Values{"client_id": {id}, "service_ticket": {ticket}, "grant_type": {grantTicket}, "service_url": {serviceURL}}
		t, status, err := a.tokenCall(ctx, "exchanging the ticket", id, form, ticket)
		if err == nil {
			t.Source = "ticket"
			return t, nil
		}
		last = err
		if status == http.StatusTooManyRequests || status == 0 {
			break
		}
	}
	return nil, fmt.Errorf("%w; a ticket works once and for a few minutes: sign in again at %s and copy a fresh one", last, TicketSignInURL)
}

// Refresh renews t's access token with its refresh token.
func (a *Auth) Refresh(ctx context.Context, t *Token) (*Token, error) {
	if t.Refresh == "" {
		return nil, errors.New("the access token expired and the sign-in has no refresh token; run 'workoutc connect login' again")
	}
	if !t.RefreshExpires.IsZero() && a.opts.Now().After(t.RefreshExpires) {
		return nil, errors.New("the sign-in expired (its refresh token is past its date); run 'workoutc connect login' again")
	}
	form := url.Values{"grant_type": {"refresh_token"}, "client_id": {t.ClientID}, "refresh_token": {t.Refresh}}
	nt, _, err := a.tokenCall(ctx, "refreshing the sign-in", t.ClientID, form, t.Refresh, t.Access)
	if err != nil {
		return nil, fmt.Errorf("%w; run 'workoutc connect login' again", err)
	}
	if nt.Refresh == "" {
		nt.Refresh, nt.RefreshExpires = t.Refresh, t.RefreshExpires
	}
	nt.Source = t.Source
	return nt, nil
}

// SignIn is the email and password route, with prompt asked for the MFA
// code when the account wants one. Garmin's bot protection often refuses
// it (ErrBotProtection).
func (a *Auth) SignIn(ctx context.Context, email, password string, prompt func() (string, error)) (*Token, error) {
	jar, _ := cookiejar.New(nil)
	hc := *a.opts.HTTP
	hc.Jar = jar
	params := url.Values{"clientId": {ssoClientID}, "locale": {"en-US"}, "service": {iosServiceURL}}.Encode()
	secrets := []string{password}
	post := func(path string, body any) (map[string]any, error) {
		b, _ := json.Marshal(body)
		status, rb, err := a.post(ctx, &hc, "signing in", a.sso+path+"?"+params, bytes.NewReader(b), secrets, "Content-Type", "application/json")
		if err != nil {
			return nil, err
		}
		if status == http.StatusTooManyRequests || status == http.StatusForbidden {
			return nil, ErrBotProtection
		}
		var out map[string]any
		if json.Unmarshal(rb, &out) != nil {
			if status >= 500 {
				return nil, fmt.Errorf("signing in: HTTP %d", status)
			}
			return nil, ErrBotProtection // an HTML challenge page
		}
		return out, nil
	}
	status := func(m map[string]any) string {
		rs, _ := m["responseStatus"].(map[string]any)
		s, _ := rs["type"].(string)
		return s
	}
	res, err := post("/mobile/api/login", map[string]any{"username": email, "password": password, "rememberMe": true, "captchaToken": ""})
	if err != nil {
		return nil, err
	}
	if status(res) == "MFA_REQUIRED" {
		method := "email"
		if info, ok := res["customerMfaInfo"].(map[string]any); ok {
			if m, ok := info["mfaLastMethodUsed"].(string); ok && m != "" {
				method = m
			}
		}
		code, err := prompt()
		if err != nil {
			return nil, err
		}
		secrets = append(secrets, code)
		res, err = post("/mobile/api/mfa/verifyCode", map[string]any{"mfaMethod": method, "mfaVerificationCode": strings.TrimSpace(code),
			"rememberMyBrowser": true, "reconsentList": []string{}, "mfaSetup": false})
		if err != nil {
			return nil, err
		}
		if s := status(res); s != "SUCCESSFUL" {
			return nil, fmt.Errorf("Garmin Connect did not take the MFA code (%s)", term.Clean(s))
		}
	}
	switch s := status(res); s {
	case "SUCCESSFUL":
		ticket, _ := res["serviceTicketId"].(string)
		if ticket == "" {
			return nil, errors.New("signing in: the reply holds no service ticket")
		}
		t, err := a.ExchangeTicket(ctx, ticket, iosServiceURL)
		if err != nil {
			return nil, err
		}
		t.Source = "password"
		return t, nil
	case "INVALID_USERNAME_PASSWORD":
		return nil, ErrBadPassword
	case "CAPTCHA_REQUIRED", "":
		return nil, ErrBotProtection
	default:
		return nil, fmt.Errorf("signing in: Garmin Connect answered %s", term.Clean(s))
	}
}

// WithToken returns a client that signs its calls with t (during login,
// before t is stored).
func WithToken(opts Options, t *Token) *Client {
	opts = opts.withDefaults()
	return &Client{opts: opts, auth: NewAuth(opts), token: t}
}
