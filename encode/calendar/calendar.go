// Package calendar puts a club batch on each athlete's watch calendar: for
// every athlete folder of a batch (package encode/batch), a FIT schedules
// file, DIR/<athlete>/schedule.fit, that lists the athlete's upcoming
// sessions, each citing the file_id of its workout file in the same folder.
//
// It reads what the batch wrote, DIR/index.csv and the workout files it
// lists, so every entry cites the identity of the file as it is on disk.
// Watches show about 30 upcoming scheduled workouts and drop the rest
// (jpickup/GarminTools#26): a schedule lists at most Options.Max sessions
// from Options.From, and Summary says where it cut.
package calendar

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/input"
)

// FileName is the schedule file in each athlete folder.
const FileName = "schedule.fit"

// DefaultMax is how many sessions a schedule lists unless told otherwise:
// about what a watch shows.
const DefaultMax = 30

// IndexName is the batch's index in its folder (encode/batch writes it).
const IndexName = "index.csv"

// ErrNoSessions: no session of the batch falls on or after Options.From.
var ErrNoSessions = errors.New("no sessions to schedule")

// Options say what the schedules list.
type Options struct {
	// From is the first day listed (its year, month and day); the zero
	// Time lists from the earliest session.
	From time.Time
	// Max is the most sessions a schedule lists; 0 means DefaultMax.
	Max int
	// Time is the schedule files' creation time; the zero Time means
	// encode.DefaultTime.
	Time time.Time
}

// Summary is what Write did.
type Summary struct {
	// Files are the schedule files written, relative to the batch folder
	// with forward slashes, in the index's athlete order.
	Files []string
	// Sessions is the most sessions an athlete has on or after From, and
	// Listed the most a schedule lists (Listed < Sessions: it was cut).
	Sessions, Listed int
	// First and Last are the first and last day listed; Next is the first
	// day left out (zero when nothing was cut).
	First, Last, Next time.Time
}

// Cut reports whether some sessions were left out.
func (s Summary) Cut() bool { return s.Listed < s.Sessions }

// session is one row of the index: a workout file on a day.
type session struct {
	date time.Time
	file string // relative, forward slashes
	row  int
}

// Write reads the batch in dir and writes a schedule file into every
// athlete folder that has a FIT workout on or after opts.From. It encodes
// every schedule before writing any; each is written atomically. With no
// session on or after From it returns ErrNoSessions and writes nothing.
func Write(dir string, opts Options) (Summary, error) {
	var sum Summary
	limit := opts.Max
	if limit <= 0 {
		limit = DefaultMax
	}
	from := dayOf(opts.From)
	athletes, order, err := readIndex(dir)
	if err != nil {
		return sum, err
	}
	var files []encode.File
	for _, slug := range order {
		var list []session
		for _, s := range athletes[slug] {
			if from.IsZero() || !s.date.Before(from) {
				list = append(list, s)
			}
		}
		if len(list) == 0 {
			continue
		}
		slices.SortStableFunc(list, func(a, b session) int { return a.date.Compare(b.date) })
		sum.Sessions = max(sum.Sessions, len(list))
		if len(list) > limit {
			next := list[limit].date
			if sum.Next.IsZero() || next.Before(sum.Next) {
				sum.Next = next
			}
			list = list[:limit]
		}
		sum.Listed = max(sum.Listed, len(list))
		if sum.First.IsZero() || list[0].date.Before(sum.First) {
			sum.First = list[0].date
		}
		if last := list[len(list)-1].date; last.After(sum.Last) {
			sum.Last = last
		}
		entries := make([]fitenc.ScheduledWorkout, len(list))
		for i, s := range list {
			p := filepath.Join(dir, filepath.FromSlash(s.file))
			data, err := readSmall(p)
			if err != nil {
				return Summary{}, fmt.Errorf("%s (listed in %s): %w", p, filepath.Join(dir, IndexName), err)
			}
			id, err := fitenc.Identify(data)
			if err != nil {
				return Summary{}, fmt.Errorf("%s: %w", p, err)
			}
			if id.Type != fitenc.FileTypeWorkout {
				return Summary{}, fmt.Errorf("%s: a FIT %s file, not a workout", p, fitenc.TypeName(id.Type))
			}
			entries[i] = fitenc.ScheduledWorkout{Workout: id, Date: s.date}
		}
		b, err := fitenc.EncodeSchedule(entries, encode.Options{Time: opts.Time, Salt: "schedule/" + slug})
		if err != nil {
			return Summary{}, fmt.Errorf("%s: %w", slug, err)
		}
		rel := slug + "/" + FileName
		files = append(files, encode.File{Path: filepath.Join(dir, slug, FileName), Data: b})
		sum.Files = append(sum.Files, rel)
	}
	if len(files) == 0 {
		if from.IsZero() {
			return Summary{}, fmt.Errorf("%w: %s lists no FIT workout files", ErrNoSessions, filepath.Join(dir, IndexName))
		}
		return Summary{}, fmt.Errorf("%w: no session falls on or after %s", ErrNoSessions, from.Format(time.DateOnly))
	}
	if err := encode.WriteFiles(files); err != nil {
		return Summary{}, err
	}
	return sum, nil
}

// readIndex reads dir/index.csv: per athlete folder, its FIT workout
// sessions, and the folders in order of first appearance.
func readIndex(dir string) (map[string][]session, []string, error) {
	p := filepath.Join(dir, IndexName)
	f, _, err := input.Open(p, maxIndex, "batch index")
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return parseIndex(p, f)
}

// parseIndex parses a batch index read from r; p names it in errors.
func parseIndex(p string, r io.Reader) (map[string][]session, []string, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil || len(head) < 4 || head[1] != "date" || head[3] != "file" {
		return nil, nil, fmt.Errorf("%s is not the index of a batch (want the header athlete,date,workout,file)", p)
	}
	out := map[string][]session{}
	var order []string
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		if len(rec) < 4 || !strings.EqualFold(path.Ext(rec[3]), ".fit") {
			continue
		}
		file := rec[3]
		slug, name, ok := strings.Cut(file, "/")
		if !ok || path.Clean(file) != file || slug == ".." || slug == "." || strings.Contains(name, "/") ||
			path.IsAbs(file) || strings.ContainsAny(file, "\\:\x00") {
			return nil, nil, fmt.Errorf("%s:%d: %q is not a file of the batch folder", p, row, file)
		}
		d, err := time.Parse(time.DateOnly, rec[1])
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: date %q is not YYYY-MM-DD", p, row, rec[1])
		}
		if _, seen := out[slug]; !seen {
			order = append(order, slug)
		}
		out[slug] = append(out[slug], session{date: d, file: file, row: row})
	}
	return out, order, nil
}

// maxIndex caps a batch's index.csv (a line per file of the batch).
const maxIndex = 256 << 20

// readSmall reads a workout file of the batch: a regular file of at most
// 4 MiB (internal/input).
func readSmall(p string) ([]byte, error) {
	return input.ReadFile(p, 4<<20, "workout file")
}

// dayOf is t's calendar day at 00:00 UTC; the zero Time stays zero.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
