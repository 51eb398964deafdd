package encode

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultTime is the creation time written into files when neither the
// caller nor SOURCE_DATE_EPOCH gives one, so that the same input always
// gives the same bytes.
var DefaultTime = time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)

// MinTime is the earliest creation time a FIT file can carry as a real date:
// FIT reads smaller values (below 0x10000000 s after 1989-12-31) as device
// uptime, not as a date.
var MinTime = time.Date(1989, time.December, 31, 0, 0, 0, 0, time.UTC).Add(0x10000000 * time.Second)

// TimeFromEnv returns the creation time that SOURCE_DATE_EPOCH asks for,
// or DefaultTime when it is unset or empty. getenv is os.Getenv in
// production. It refuses a value that is not a whole number of seconds or
// that lies before MinTime.
func TimeFromEnv(getenv func(string) string) (time.Time, error) {
	v := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH"))
	if v == "" {
		return DefaultTime, nil
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number of seconds since 1970", v)
	}
	t := time.Unix(secs, 0).UTC()
	if t.Before(MinTime) {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is before %s, which FIT reads as device uptime, not a date; use %d or later, or unset it",
			v, MinTime.Format(time.RFC3339), MinTime.Unix())
	}
	if t.Year() > 2100 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is after 2100; FIT dates end in 2126 and watches do not expect such dates", v)
	}
	return t, nil
}
