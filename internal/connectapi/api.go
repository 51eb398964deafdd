package connectapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Summary is one workout as the list endpoint gives it (no steps).
type Summary struct {
	WorkoutID   int64  `json:"workoutId"`
	Name        string `json:"workoutName"`
	Description string `json:"description"` // "" when null
	UpdateDate  string `json:"updateDate"`
	SportType   struct {
		Key string `json:"sportTypeKey"`
	} `json:"sportType"`
}

// CalendarItem is one entry of the calendar.
type CalendarItem struct {
	ID        int64  `json:"id"`
	ItemType  string `json:"itemType"`
	WorkoutID *int64 `json:"workoutId"`
	Date      string `json:"date"`
	Title     string `json:"title"`
}

// Profile is who is signed in.
type Profile struct {
	DisplayName string `json:"displayName"`
	FullName    string `json:"fullName"`
}

// pageSize is the list endpoint's page; maxWorkouts bounds the pages read.
const (
	pageSize    = 100
	maxWorkouts = 20000
)

// Workouts lists every workout of the account, page by page.
func (c *Client) Workouts(ctx context.Context) ([]Summary, error) {
	var all []Summary
	for start := 0; start < maxWorkouts; start += pageSize {
		var page []Summary
		if err := c.get(ctx, "listing workouts", fmt.Sprintf("/workout-service/workouts?start=%d&limit=%d", start, pageSize), &page); err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < pageSize {
			return all, nil
		}
	}
	return nil, fmt.Errorf("the account lists more than %d workouts; workoutc stops there", maxWorkouts)
}

// Create posts a new workout and returns its id and the description the
// service stored ("" when the reply has none, or when an earlier try's
// workout was found). happened, when not nil, is asked before the POST is
// sent again after a failure that may have come after the service stored
// it; when it finds the workout it returns its id and Create returns that.
func (c *Client) Create(ctx context.Context, body []byte, happened func(ctx context.Context) (int64, error)) (int64, string, error) {
	var found int64
	var out struct {
		WorkoutID   int64  `json:"workoutId"`
		Description string `json:"description"` // "" when null
	}
	r := request{method: http.MethodPost, path: "/workout-service/workout", body: body, out: &out, what: "creating a workout"}
	if happened != nil {
		r.happened = func(ctx context.Context) (bool, error) {
			id, err := happened(ctx)
			found = id
			return id != 0, err
		}
	}
	_, err := c.do(ctx, r)
	if errors.Is(err, errHappened) {
		return found, "", nil
	}
	if err != nil {
		return 0, "", err
	}
	if out.WorkoutID == 0 {
		return 0, "", errors.New("creating a workout: the reply has no workoutId")
	}
	return out.WorkoutID, out.Description, nil
}

// Update replaces workout id with body (PUT is idempotent: retried).
func (c *Client) Update(ctx context.Context, id int64, body []byte) error {
	_, err := c.do(ctx, request{method: http.MethodPut, path: fmt.Sprintf("/workout-service/workout/%d", id), body: body})
	return err
}

// Delete removes workout id.
func (c *Client) Delete(ctx context.Context, id int64) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: fmt.Sprintf("/workout-service/workout/%d", id)})
	return err
}

// Schedule puts workout id on the calendar on date and returns the
// schedule's id. The service is not idempotent here: the same call twice
// makes two entries, so a caller checks the calendar first, and happened
// (when not nil) is asked before the POST is sent again after a failure.
func (c *Client) Schedule(ctx context.Context, id int64, date time.Time, happened func(ctx context.Context) (bool, error)) (int64, error) {
	body, _ := json.Marshal(map[string]string{"date": date.Format(time.DateOnly)})
	b, err := c.do(ctx, request{method: http.MethodPost, path: fmt.Sprintf("/workout-service/schedule/%d", id), body: body, happened: happened})
	if errors.Is(err, errHappened) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var out struct {
		ID int64 `json:"workoutScheduleId"`
	}
	_ = json.Unmarshal(b, &out) // no recorded reply: the id is only informative
	return out.ID, nil
}

// Unschedule removes calendar entry id.
func (c *Client) Unschedule(ctx context.Context, id int64) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: fmt.Sprintf("/workout-service/schedule/%d", id)})
	return err
}

// Month returns the calendar's workout entries of the month of t.
func (c *Client) Month(ctx context.Context, t time.Time) ([]CalendarItem, error) {
	var out struct {
		Items []CalendarItem `json:"calendarItems"`
	}
	if err := c.get(ctx, "reading the calendar", fmt.Sprintf("/calendar-service/year/%d/month/%d", t.Year(), int(t.Month())-1), &out); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(out.Items, func(it CalendarItem) bool { return it.ItemType != "workout" || it.WorkoutID == nil }), nil
}

// Profile returns who the token belongs to.
func (c *Client) Profile(ctx context.Context) (Profile, error) {
	var p Profile
	err := c.get(ctx, "reading the profile", "/userprofile-service/socialProfile", &p)
	return p, err
}

// get reads the JSON of path into out; what names the call when the reply
// is not the JSON expected.
func (c *Client) get(ctx context.Context, what, path string, out any) error {
	_, err := c.do(ctx, request{method: http.MethodGet, path: path, out: out, what: what})
	return err
}
