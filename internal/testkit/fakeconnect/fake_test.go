package fakeconnect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/shared"
)

// serverFields are the fields whose values are the service's own (ids,
// dates, the author, a chart URL): their presence is compared, not their
// values.
var serverFields = map[string]bool{"workoutId": true, "ownerId": true, "createdDate": true, "updatedDate": true,
	"stepId": true, "author": true, "workoutThumbnailUrl": true}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// equivalent lists where got and want differ: the same keys everywhere,
// the same values (numbers by value and by being written as a float or
// an integer), except serverFields.
func equivalent(path string, got, want any, diffs *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want an object", path, got))
			return
		}
		var keys []string
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: not in the recorded reply", path, k))
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, there := g[k]
			if !there {
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: missing (recorded %v)", path, k, w[k]))
				continue
			}
			if serverFields[k] {
				continue
			}
			equivalent(path+"."+k, gv, w[k], diffs)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %d elements", path, got, len(w)))
			return
		}
		for i := range w {
			equivalent(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], diffs)
		}
	case json.Number:
		g, ok := got.(json.Number)
		isFloat := func(n json.Number) bool { return strings.ContainsAny(string(n), ".eE") }
		gf, _ := g.Float64()
		wf, _ := w.Float64()
		if !ok || gf != wf || isFloat(g) != isFloat(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", path, got, w))
		}
	default:
		if fmt.Sprint(got) != fmt.Sprint(want) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", path, got, want))
		}
	}
}

// TestRecordedPairs posts every recorded Kaiord request to the fake and
// compares its reply with the reply the live service recorded.
func TestRecordedPairs(t *testing.T) {
	dir := shared.Path(t, "corpus", "connect", "kaiord")
	ins, _ := filepath.Glob(filepath.Join(dir, "*Input.gcn"))
	if len(ins) == 0 {
		t.Fatalf("no *Input.gcn in %s", dir)
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), "Input.gcn")
		t.Run(name, func(t *testing.T) {
			req, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := os.ReadFile(strings.TrimSuffix(in, "Input.gcn") + "Output.gcn")
			if err != nil {
				t.Fatal(err)
			}
			s := New()
			defer s.Close()
			code, got := call(t, s, "POST", "/workout-service/workout", string(req))
			if code != 200 {
				t.Fatalf("the fake refuses a request the service took: HTTP %d %s", code, got)
			}
			var diffs []string
			equivalent("", decodeAny(t, []byte(got)), decodeAny(t, rec), &diffs)
			// What GET gives back is what POST answered.
			var w struct{ WorkoutID int64 }
			json.Unmarshal([]byte(got), &w)
			if code, again := call(t, s, "GET", "/workout-service/workout/"+itoa(w.WorkoutID), ""); code != 200 || again != got {
				t.Errorf("GET after POST: HTTP %d, and the body differs from the POST's reply", code)
			}
			for _, d := range diffs {
				t.Error(d)
			}
		})
	}
}
