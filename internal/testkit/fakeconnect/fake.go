// Package fakeconnect is a fake Garmin Connect service for tests: an
// httptest server on loopback that answers the workout, schedule,
// calendar, profile and sign-in calls as the recordings in
// ../shared/corpus/connect show the live service doing. It refuses what
// the real service refuses (unknown type ids and workout ids, a strength
// step without its category, UNASSIGNED or OTHER categories, a malformed
// repeat; it takes what peers report Connect takes beyond the recordings:
// repeats until a time, distance, calories, power or heart rate, strokes
// free and individual medley, snorkel), stores workouts renumbered and null-filled as the recorded
// replies are (stepOrder depth-first, a childStepId per repeat group,
// int64 step ids that are not always consecutive, integers as floats),
// schedules the same workout twice when asked twice, and can inject 401,
// 429 with Retry-After, 5xx and slow replies. It counts the requests.
package fakeconnect

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is the fake service. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base of both the API and the sign-in services.
	URL string
	srv *httptest.Server

	mu        sync.Mutex
	now       func() time.Time
	nextWID   int64
	nextStep  int64
	nextSched int64
	workouts  map[int64]map[string]any // by id; ids grow, so creation order is id order
	schedules map[int64]schedule
	access    map[string]bool // live access tokens
	refresh   string          // the one live refresh token
	issued    []string        // every secret handed out, for leak checks
	usedTix   map[string]bool
	faults    []*Fault
	counts    map[string]int
	// MaxDescription, when not 0, cuts descriptions to that many
	// characters: no recording shows a limit; it lets tests see what push
	// does if the service cut its mark off.
	MaxDescription int
	// Password sign-in: "blocked" (default: HTTP 429 as Cloudflare
	// answers tools) or "mfa" (Email/Password, then MFACode).
	PasswordMode    string
	Email, Password string
	MFACode         string
}

type schedule struct {
	workoutID int64
	date      string
}

// Fault is a reply the server gives instead of (or after) the real one.
type Fault struct {
	// Method and Prefix select the requests ("" matches any); Prefix is
	// matched against the path.
	Method, Prefix string
	// Status is the reply's status (0: the real reply, delayed).
	Status int
	// RetryAfter is sent as the Retry-After header when not empty.
	RetryAfter string
	// Delay holds the reply back; with Late the request is handled first
	// (a write that happens although its reply comes too late, or, with
	// Status, although the reply says it failed).
	Delay time.Duration
	Late  bool
	// Skip lets that many matching requests through first; Times is how
	// many it then hits (0: one).
	Skip, Times int
}

// New starts a fake service on loopback; Close stops it.
func New() *Server {
	s := &Server{
		now: time.Now, nextWID: 1458300001, nextStep: 12368371200, nextSched: 987650001,
		workouts: map[int64]map[string]any{}, schedules: map[int64]schedule{}, access: map[string]bool{},
		usedTix: map[string]bool{}, counts: map[string]int{},
		PasswordMode: "blocked", MFACode: "123456",
	}
	mux := http.NewServeMux()
	s.routes(mux)
	s.srv = httptest.NewServer(s.wrap(mux))
	s.URL = s.srv.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// SetNow replaces the server's clock (dates of stored workouts).
func (s *Server) SetNow(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// Inject adds a fault.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// ExpireTokens makes every access token handed out so far invalid (as
// when a day has passed): the next req gets 401 and must refresh.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.access = map[string]bool{}
}

// Secrets returns every token and refresh token the server handed out.
func (s *Server) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.issued...)
}

// Counts returns the requests received, by route ("POST
// /workout-service/workout", "GET /workout-service/workout/{id}").
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// ResetCounts starts the counts again.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = map[string]int{}
}

// Writes counts the requests that change the account (POST, PUT, DELETE
// of the workout service), refused ones included.
func (s *Server) Writes() int {
	n := 0
	for k, v := range s.Counts() {
		if strings.Contains(k, "/workout-service/") && !strings.HasPrefix(k, "GET ") {
			n += v
		}
	}
	return n
}

// CountsText is Counts as sorted lines "ROUTE N", then "requests N" and
// "writes N".
func (s *Server) CountsText() string {
	c := s.Counts()
	total := 0
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(c)) {
		fmt.Fprintf(&b, "%s %d\n", k, c[k])
		total += c[k]
	}
	fmt.Fprintf(&b, "requests %d\nwrites %d\n", total, s.Writes())
	return b.String()
}

// Workouts returns the stored workouts' ids in creation order.
func (s *Server) Workouts() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.workouts))
}

// Scheduled returns the calendar as sorted lines "DATE WORKOUTID NAME".
func (s *Server) Scheduled() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, sc := range s.schedules {
		name := "?"
		if w := s.workouts[sc.workoutID]; w != nil {
			name, _ = w["workoutName"].(string)
		}
		out = append(out, fmt.Sprintf("%s %d %s", sc.date, sc.workoutID, name))
	}
	slices.Sort(out)
	return out
}

// Add stores a workout body as if made elsewhere (Connect's editor, another
// tool) and returns its id; an error when the service would refuse it.
func (s *Server) Add(body []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.store(body, 0)
	if err != nil {
		return 0, err
	}
	return int64(w["workoutId"].(int64)), nil
}

func (s *Server) secret(prefix string, n int) string {
	b := make([]byte, n)
	rand.Read(b)
	v := prefix + hex.EncodeToString(b)
	s.issued = append(s.issued, v)
	return v
}

// jwt returns a fake (unsigned) JWT with exp and client_id claims.
func (s *Server) jwt(clientID string, exp time.Time) string {
	enc := base64.RawURLEncoding
	head := enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`))
	b := make([]byte, 12)
	rand.Read(b)
	claims, _ := json.Marshal(map[string]any{"exp": exp.Unix(), "client_id": clientID, "jti": hex.EncodeToString(b)})
	sig := make([]byte, 24)
	rand.Read(sig)
	t := head + "." + enc.EncodeToString(claims) + "." + enc.EncodeToString(sig)
	s.issued = append(s.issued, t)
	return t
}

// wrap applies the faults and counts the request.
func (s *Server) wrap(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		s.mu.Lock()
		if pattern == "" {
			pattern = r.Method + " " + r.URL.Path
		}
		s.counts[pattern]++
		var hit *Fault
		for _, f := range s.faults {
			if f.Times <= 0 || (f.Method != "" && f.Method != r.Method) || !strings.HasPrefix(r.URL.Path, f.Prefix) {
				continue
			}
			if f.Skip > 0 {
				f.Skip--
				continue
			}
			f.Times--
			hit = f
			break
		}
		s.mu.Unlock()
		if hit == nil {
			mux.ServeHTTP(w, r)
			return
		}
		// Read the body first: only then does the server notice a client
		// that gives up (a timeout, Ctrl-C) and end the delay early.
		body, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		r.Body = io.NopCloser(bytes.NewReader(body))
		if hit.Late {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, r)
			sleepCtx(r, hit.Delay)
			if hit.Status != 0 { // done, but the reply says it failed
				w.WriteHeader(hit.Status)
				fmt.Fprintf(w, `{"message":"injected fault after the work","status":%d}`, hit.Status)
				return
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		sleepCtx(r, hit.Delay)
		if hit.Status == 0 {
			mux.ServeHTTP(w, r)
			return
		}
		if hit.RetryAfter != "" {
			w.Header().Set("Retry-After", hit.RetryAfter)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(hit.Status)
		fmt.Fprintf(w, `{"message":"injected fault","status":%d}`, hit.Status)
	})
}

func sleepCtx(r *http.Request, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	w.Write(b)
}

// fail is the service's reply to a request it will not take.
func fail(status int, msg string) map[string]any {
	return map[string]any{"message": msg, "error": http.StatusText(status)}
}

// refuse answers as the service does to a body it will not take.
func refuse(w http.ResponseWriter, status int, msg string) { writeJSON(w, status, fail(status, msg)) }

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /di-oauth2-service/oauth/token", s.token)
	mux.HandleFunc("POST /mobile/api/login", s.login)
	mux.HandleFunc("POST /mobile/api/mfa/verifyCode", s.mfa)
	for _, rt := range []struct {
		pattern string
		workout bool // {id} must be a stored workout
		h       func(*Server, req) (int, any)
	}{
		{"GET /userprofile-service/socialProfile", false, func(*Server, req) (int, any) {
			return 200, map[string]any{"displayName": "test-user", "fullName": "Test User", "userName": "test-user@example.invalid", "id": 99999999}
		}},
		{"GET /workout-service/workouts", false, (*Server).list},
		{"POST /workout-service/workout", false, (*Server).create},
		{"GET /workout-service/workout/{id}", true, func(s *Server, c req) (int, any) { return 200, s.workouts[c.id] }},
		{"PUT /workout-service/workout/{id}", true, (*Server).put},
		{"DELETE /workout-service/workout/{id}", true, func(s *Server, c req) (int, any) {
			delete(s.workouts, c.id)
			return http.StatusNoContent, nil
		}},
		{"POST /workout-service/schedule/{id}", true, (*Server).schedule},
		{"DELETE /workout-service/schedule/{id}", false, (*Server).unschedule},
		{"GET /calendar-service/year/{y}/month/{m}", false, (*Server).calendar},
	} {
		mux.HandleFunc(rt.pattern, s.api(rt.workout, rt.h))
	}
}

// req is what an API handler gets: the request, its {id} (ok false
// when missing or not a positive number) and its body.
type req struct {
	r    *http.Request
	id   int64
	ok   bool
	body []byte
}

// api wraps an API handler, run under the lock: it refuses a request
// without a live access token (401), a body too large (413) and, with
// workout, an {id} that is no stored workout (404); then it writes the
// handler's reply as JSON, or only its status when the reply is nil.
func (s *Server) api(workout bool, h func(*Server, req) (int, any)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		live := ok && s.access[tok]
		s.mu.Unlock()
		if !live {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Token is not active"})
			return
		}
		c := req{r: r}
		c.id, c.ok = pathID(r)
		if r.Method == http.MethodPost || r.Method == http.MethodPut {
			var err error
			if c.body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20)); err != nil {
				refuse(w, 413, "body too large")
				return
			}
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		status, v := 404, any(fail(404, "workout not found"))
		if !workout || c.ok && s.workouts[c.id] != nil {
			status, v = h(s, c)
		}
		if v == nil {
			w.WriteHeader(status)
			return
		}
		writeJSON(w, status, v)
	}
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		refuse(w, 400, "bad form")
		return
	}
	user, _, ok := r.BasicAuth()
	if !ok || !strings.HasPrefix(user, "GARMIN_CONNECT_MOBILE_") || r.PostForm.Get("client_id") != user {
		writeJSON(w, 401, map[string]any{"error": "invalid_client"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.PostForm.Get("grant_type") {
	case "https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket":
		t := r.PostForm.Get("service_ticket")
		if !strings.HasPrefix(t, "ST-") || s.usedTix[t] || r.PostForm.Get("service_url") == "" {
			writeJSON(w, 400, map[string]any{"error": "invalid_grant"})
			return
		}
		s.usedTix[t] = true
	case "refresh_token":
		if s.refresh == "" || r.PostForm.Get("refresh_token") != s.refresh {
			writeJSON(w, 400, map[string]any{"error": "invalid_grant"})
			return
		}
	default:
		writeJSON(w, 400, map[string]any{"error": "unsupported_grant_type"})
		return
	}
	exp := s.now().Add(24 * time.Hour)
	at := s.jwt(user, exp)
	s.access[at] = true
	s.refresh = s.secret("rt-", 24)
	writeJSON(w, 200, map[string]any{"access_token": at, "refresh_token": s.refresh, "token_type": "bearer",
		"expires_in": 86400, "refresh_token_expires_in": 2592000, "scope": "CONNECT_READ CONNECT_WRITE"})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	mode := s.PasswordMode
	s.mu.Unlock()
	if mode != "mfa" {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, "<html><title>Just a moment...</title></html>")
		return
	}
	var in struct{ Username, Password string }
	if json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&in) != nil {
		refuse(w, 400, "bad body")
		return
	}
	if in.Username != s.Email || in.Password != s.Password {
		writeJSON(w, 200, map[string]any{"responseStatus": map[string]any{"type": "INVALID_USERNAME_PASSWORD"}})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "SESSION", Value: "fake-mfa-session", Path: "/"})
	writeJSON(w, 200, map[string]any{"responseStatus": map[string]any{"type": "MFA_REQUIRED"}, "customerMfaInfo": map[string]any{"mfaLastMethodUsed": "email"}})
}

func (s *Server) mfa(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Code string `json:"mfaVerificationCode"`
	}
	if c, err := r.Cookie("SESSION"); err != nil || c.Value != "fake-mfa-session" {
		refuse(w, 400, "no sign-in session")
		return
	}
	if json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&in) != nil || in.Code != s.MFACode {
		writeJSON(w, 200, map[string]any{"responseStatus": map[string]any{"type": "INVALID_MFA_CODE"}})
		return
	}
	s.mu.Lock()
	t := s.secret("ST-", 16)
	s.mu.Unlock()
	writeJSON(w, 200, map[string]any{"responseStatus": map[string]any{"type": "SUCCESSFUL"}, "serviceTicketId": t})
}

func (s *Server) list(c req) (int, any) {
	start, err1 := strconv.Atoi(c.r.URL.Query().Get("start"))
	limit, err2 := strconv.Atoi(c.r.URL.Query().Get("limit"))
	if err1 != nil || err2 != nil || start < 0 || limit < 1 {
		return 400, fail(400, "start and limit are required")
	}
	ids := slices.Sorted(maps.Keys(s.workouts))
	slices.Reverse(ids) // newest first, as recorded
	out := []any{}
	for i := start; i < len(ids) && i < start+limit; i++ {
		out = append(out, summary(s.workouts[ids[i]]))
	}
	return 200, out
}

// summary is the list endpoint's shape: no segments, updateDate.
func summary(b map[string]any) map[string]any {
	nullUnit := map[string]any{"unitId": nil, "unitKey": nil, "factor": nil}
	return map[string]any{
		"workoutId": b["workoutId"], "ownerId": b["ownerId"], "workoutName": b["workoutName"], "description": b["description"],
		"updateDate": b["updatedDate"], "createdDate": b["createdDate"], "sportType": b["sportType"], "trainingPlanId": nil,
		"author": map[string]any{"userProfilePk": nil, "displayName": nil, "fullName": nil, "profileImgNameLarge": nil,
			"profileImgNameMedium": nil, "profileImgNameSmall": nil, "userPro": false, "vivokidUser": false},
		"estimatedDurationInSecs": b["estimatedDurationInSecs"], "estimatedDistanceInMeters": b["estimatedDistanceInMeters"],
		"estimateType": nil, "estimatedDistanceUnit": nullUnit, "poolLength": flt(0), "poolLengthUnit": nullUnit,
		"workoutProvider": nil, "workoutSourceId": nil, "consumer": nil, "atpPlanId": nil, "workoutNameI18nKey": nil,
		"descriptionI18nKey": nil, "workoutThumbnailUrl": nil, "shared": false, "estimated": true,
	}
}

func (s *Server) create(c req) (int, any) {
	out, err := s.store(c.body, 0)
	if err != nil {
		return 400, fail(400, err.Error())
	}
	return 200, out
}

func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) put(c req) (int, any) {
	if _, err := s.store(c.body, c.id); err != nil {
		return 400, fail(400, err.Error())
	}
	return http.StatusNoContent, nil
}

func (s *Server) schedule(c req) (int, any) {
	var in struct {
		Date string `json:"date"`
	}
	if json.Unmarshal(c.body, &in) != nil {
		return 400, fail(400, "bad body")
	}
	if _, err := time.Parse(time.DateOnly, in.Date); err != nil {
		return 400, fail(400, "date must be YYYY-MM-DD")
	}
	// Not idempotent, as the service: every call is a new entry.
	sid := s.nextSched
	s.nextSched++
	s.schedules[sid] = schedule{workoutID: c.id, date: in.Date}
	return 200, map[string]any{"workoutScheduleId": sid, "workout": summary(s.workouts[c.id]), "calendarDate": in.Date,
		"createdDate": s.now().UTC().Format("2006-01-02"), "ownerId": 99999999}
}

func (s *Server) unschedule(c req) (int, any) {
	if _, there := s.schedules[c.id]; !c.ok || !there {
		return 404, fail(404, "schedule not found")
	}
	delete(s.schedules, c.id)
	return http.StatusNoContent, nil
}

func (s *Server) calendar(c req) (int, any) {
	y, err1 := strconv.Atoi(c.r.PathValue("y"))
	m, err2 := strconv.Atoi(c.r.PathValue("m"))
	if err1 != nil || err2 != nil || m < 0 || m > 11 {
		return 400, fail(400, "bad month (months count from 0)")
	}
	first := time.Date(y, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	items := []any{}
	for _, id := range slices.Sorted(maps.Keys(s.schedules)) {
		sc := s.schedules[id]
		if !strings.HasPrefix(sc.date, first.Format("2006-01-")) {
			continue
		}
		title, sport := any(nil), any(nil)
		if wk := s.workouts[sc.workoutID]; wk != nil {
			title = wk["workoutName"]
			sport = wk["sportType"].(map[string]any)["sportTypeKey"]
		}
		items = append(items, map[string]any{"id": id, "groupId": nil, "trainingPlanId": 0, "itemType": "workout",
			"title": title, "date": sc.date, "workoutId": sc.workoutID, "sportTypeKey": sport, "protectedWorkoutSchedule": false})
	}
	return 200, map[string]any{"startDate": first.Format(time.DateOnly), "endDate": last.Format(time.DateOnly),
		"numOfDaysInMonth": last.Day(), "calendarItems": items}
}
