package fakeconnect

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/shared"
)

// call sends one request with a token the fake handed out.
func call(t *testing.T, s *Server, method, path, body string) (int, string) {
	t.Helper()
	if tokens[s] == "" {
		tokens[s] = signIn(t, s)
	}
	req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tokens[s])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var tokens = map[*Server]string{}

func signIn(t *testing.T, s *Server) string {
	form := url.Values{"client_id": {"GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2"}, "service_ticket": {"ST-" + t.Name()},
		"grant_type": {"https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket"}, "service_url": {"x"}}
	req, _ := http.NewRequest("POST", s.URL+"/di-oauth2-service/oauth/token", strings.NewReader(form.Encode()))
	req.SetBasicAuth("GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2", "")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		Access string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if tok.Access == "" {
		t.Fatal("the fake gave no token")
	}
	return tok.Access
}

const okStep = `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":2},"endConditionValue":60}`

func workout(sport, steps string) string {
	return `{"workoutName":"t","sportType":{"sportTypeId":` + sport + `},"workoutSegments":[{"segmentOrder":1,"sportType":{"sportTypeId":` + sport + `},"workoutSteps":[` + steps + `]}]}`
}

// TestRefusals: what the service refuses, the fake refuses (HTTP 400).
func TestRefusals(t *testing.T) {
	s := New()
	defer s.Close()
	for name, body := range map[string]string{
		"unknown sport":             workout("99", okStep),
		"unknown step type":         workout("1", `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":42},"endCondition":{"conditionTypeId":2}}`),
		"unknown condition":         workout("1", `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":8}}`),
		"unknown target":            workout("1", `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":2},"targetType":{"workoutTargetTypeId":17}}`),
		"exercise without category": workout("5", `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":10},"exerciseName":"DUMBBELL_SQUAT"}`),
		"UNASSIGNED":                workout("5", `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":10},"category":"UNASSIGNED"}`),
		"OTHER":                     workout("5", `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":10},"category":"OTHER","exerciseName":"X"}`),
		"repeat without count":      workout("1", `{"type":"RepeatGroupDTO","workoutSteps":[`+okStep+`]}`),
		"repeat count mismatch":     workout("1", `{"type":"RepeatGroupDTO","numberOfIterations":3,"endConditionValue":4,"workoutSteps":[`+okStep+`]}`),
		"empty repeat":              workout("1", `{"type":"RepeatGroupDTO","numberOfIterations":3,"workoutSteps":[]}`),
		"repeat not by iterations":  workout("1", `{"type":"RepeatGroupDTO","numberOfIterations":3,"endCondition":{"conditionTypeId":2},"workoutSteps":[`+okStep+`]}`),
		"repeat until the lap key":  workout("1", `{"type":"RepeatGroupDTO","endCondition":{"conditionTypeId":1},"endConditionValue":1,"workoutSteps":[`+okStep+`]}`),
		"repeat until, no value":    workout("1", `{"type":"RepeatGroupDTO","endCondition":{"conditionTypeId":2},"workoutSteps":[`+okStep+`]}`),
		"unknown stroke":            workout("4", `{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":3},"strokeType":{"strokeTypeId":9}}`),
		"no steps":                  workout("1", ``),
		"no type":                   workout("1", `{"stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":2}}`),
		"not json":                  `{"workoutName":`,
	} {
		if code, reply := call(t, s, "POST", "/workout-service/workout", body); code != 400 {
			t.Errorf("%s: HTTP %d %s, want 400", name, code, reply)
		}
	}
	for _, p := range []string{"GET /workout-service/workout/1", "PUT /workout-service/workout/1", "DELETE /workout-service/workout/1",
		"POST /workout-service/schedule/1", "DELETE /workout-service/schedule/1"} {
		m, path, _ := strings.Cut(p, " ")
		if code, _ := call(t, s, m, path, `{"date":"2027-01-05"}`); code != 404 {
			t.Errorf("%s of an unknown id: HTTP %d, want 404", p, code)
		}
	}
	if len(s.Workouts()) != 0 {
		t.Errorf("refused bodies were stored: %v", s.Workouts())
	}
	if code, _ := call(t, s, "POST", "/workout-service/workout", workout("1", okStep)); code != 200 {
		t.Errorf("a good body: HTTP %d", code)
	}
}

// TestScheduleNotIdempotent: the same schedule twice is two entries.
func TestScheduleNotIdempotent(t *testing.T) {
	s := New()
	defer s.Close()
	_, reply := call(t, s, "POST", "/workout-service/workout", workout("1", okStep))
	var w struct{ WorkoutID int64 }
	json.Unmarshal([]byte(reply), &w)
	for i := 0; i < 2; i++ {
		if code, r := call(t, s, "POST", "/workout-service/schedule/"+itoa(w.WorkoutID), `{"date":"2027-01-05"}`); code != 200 || !strings.Contains(r, `"workoutScheduleId"`) {
			t.Fatalf("schedule: %d %s", code, r)
		}
	}
	if n := len(s.Scheduled()); n != 2 {
		t.Fatalf("%d calendar entries, want 2", n)
	}
	_, cal := call(t, s, "GET", "/calendar-service/year/2027/month/0", "")
	if strings.Count(cal, `"itemType":"workout"`) != 2 || !strings.Contains(cal, `"date":"2027-01-05"`) {
		t.Errorf("calendar: %s", cal)
	}
	_, cal = call(t, s, "GET", "/calendar-service/year/2027/month/1", "")
	if strings.Contains(cal, `"itemType"`) {
		t.Errorf("February holds January's entries: %s", cal)
	}
	// The list's summaries: updateDate, no segments; the detail: updatedDate.
	_, list := call(t, s, "GET", "/workout-service/workouts?start=0&limit=10", "")
	_, detail := call(t, s, "GET", "/workout-service/workout/"+itoa(w.WorkoutID), "")
	if !strings.Contains(list, `"updateDate"`) || strings.Contains(list, "workoutSegments") || !strings.Contains(detail, `"updatedDate"`) {
		t.Errorf("list %s\ndetail %s", list, detail)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestRenumbering: every recorded request comes back numbered as the
// service numbers: stepOrder 1..n depth-first, a childStepId per group on
// the group and its direct children, int64 step ids, floats.
func TestRenumbering(t *testing.T) {
	dir := shared.Path(t, "corpus", "connect", "kaiord")
	ins, _ := filepath.Glob(filepath.Join(dir, "*Input.gcn"))
	if len(ins) == 0 {
		t.Fatal("no recorded requests")
	}
	s := New()
	defer s.Close()
	for _, in := range ins {
		b, _ := os.ReadFile(in)
		code, reply := call(t, s, "POST", "/workout-service/workout", string(b))
		if code != 200 {
			t.Fatalf("%s: HTTP %d %s", in, code, reply)
		}
		out := []byte(reply)
		var w struct {
			Segments []struct{ WorkoutSteps []step } `json:"workoutSegments"`
		}
		if err := json.Unmarshal(out, &w); err != nil {
			t.Fatal(err)
		}
		order, groups := 0, 0
		for _, seg := range w.Segments {
			checkSteps(t, in, seg.WorkoutSteps, nil, &order, &groups)
		}
		if !strings.Contains(string(out), `"endConditionValue":`) || strings.Contains(string(out), `"endConditionValue":1000,`) {
			t.Errorf("%s: integers are not written as floats", in)
		}
	}
}

type step struct {
	Type         string `json:"type"`
	StepID       int64  `json:"stepId"`
	StepOrder    int    `json:"stepOrder"`
	ChildStepID  *int   `json:"childStepId"`
	WorkoutSteps []step `json:"workoutSteps"`
}

func checkSteps(t *testing.T, name string, steps []step, group *int, order, groups *int) {
	for _, st := range steps {
		*order++
		if st.StepOrder != *order || st.StepID < 1e10 {
			t.Errorf("%s: step %d has stepOrder %d, stepId %d", name, *order, st.StepOrder, st.StepID)
		}
		if st.Type == "RepeatGroupDTO" {
			*groups++
			g := *groups
			if st.ChildStepID == nil || *st.ChildStepID != g {
				t.Errorf("%s: group %d has childStepId %v", name, g, st.ChildStepID)
			}
			checkSteps(t, name, st.WorkoutSteps, &g, order, groups)
			continue
		}
		if (group == nil) != (st.ChildStepID == nil) || (group != nil && *group != *st.ChildStepID) {
			t.Errorf("%s: step %d childStepId %v, want %v", name, *order, st.ChildStepID, group)
		}
	}
}

// TestGoldensAccepted: every Connect JSON golden of the repository (what
// --format connect writes) is taken by the fake, as the recorded requests
// are.
func TestGoldensAccepted(t *testing.T) {
	files, _ := filepath.Glob("../../../testdata/*.json")
	n := 0
	s := New()
	defer s.Close()
	for _, f := range files {
		if strings.HasSuffix(f, ".inspect.json") {
			continue
		}
		n++
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if code, reply := call(t, s, "POST", "/workout-service/workout", string(b)); code != 200 {
			t.Errorf("%s: HTTP %d %s", f, code, reply)
		}
	}
	if n == 0 {
		t.Fatal("no Connect JSON goldens found in testdata")
	}
}
