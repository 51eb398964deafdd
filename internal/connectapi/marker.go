package connectapi

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Mark is how workoutc recognises the workouts it made, on any computer:
// one line at the end of the workout's description in the account,
//
//	[workoutc key=sam-rivera/2027-01-05-hill-repeats sum=3f2a9c0d11e4b7a8 on=2027-01-05]
//
// Key is the workout's stable identity (its slug, or for a batch file
// athlete/file); Sum is a hash of the JSON workoutc sent (without the
// mark), so that a changed definition is seen as changed; On lists the
// dates it was put on the calendar, so that rm finds its calendar entries.
type Mark struct {
	Key   string
	Sum   string
	Dates []string
}

// markRE finds the mark; lengths are checked after the match (bounded
// repeats such as {1,200} would compile into hundreds of states at every
// start of the program).
var markRE = regexp.MustCompile(`\[workoutc key=([a-z0-9@/._-]+) sum=([0-9a-f]+)(?: on=([0-9,-]+))?\]`)

// Limits of a mark's parts.
const (
	maxKey   = 200
	maxDates = 4000
)

// String is the mark's line.
func (m Mark) String() string {
	s := fmt.Sprintf("[workoutc key=%s sum=%s", m.Key, m.Sum)
	if len(m.Dates) > 0 {
		s += " on=" + strings.Join(m.Dates, ",")
	}
	return s + "]"
}

// ValidKey reports whether key can be a mark's key.
func ValidKey(key string) bool { return len(key) <= maxKey && keyRE.MatchString(key) }

// keyRE is a mark's key, the key group of markRE.
var keyRE = regexp.MustCompile(`^[a-z0-9@/._-]+$`)

// ParseMark finds workoutc's mark in a description.
func ParseMark(desc string) (Mark, bool) {
	sm := markRE.FindStringSubmatch(desc)
	if sm == nil || len(sm[1]) > maxKey || len(sm[2]) != 16 || len(sm[3]) > maxDates {
		return Mark{}, false
	}
	m := Mark{Key: sm[1], Sum: sm[2]}
	if sm[3] != "" {
		m.Dates = strings.Split(sm[3], ",")
	}
	return m, true
}

// Sum is the hash of a workout body that a mark carries.
func Sum(body []byte) string {
	h := sha256.Sum256(body)
	return hex.EncodeToString(h[:8])
}

// userText is the description without workoutc's mark.
func userText(desc string) string {
	return strings.TrimRight(markRE.ReplaceAllString(desc, ""), " \n")
}

// marked returns body with the mark as the last line of its description
// and, when id is not 0, the workoutId set (for PUT).
func marked(body []byte, m Mark, id int64) ([]byte, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, fmt.Errorf("the workout JSON is not an object: %v", err)
	}
	var desc string
	_ = json.Unmarshal(obj["description"], &desc) // none, or null: ""
	desc = userText(desc)
	if desc != "" {
		desc += "\n"
	}
	b, _ := json.Marshal(desc + m.String())
	obj["description"] = b
	if id != 0 {
		obj["workoutId"], _ = json.Marshal(id)
	}
	return json.Marshal(obj)
}

// mergeDates is the sorted union of dates.
func mergeDates(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
