// Package tcx writes resolved workouts as Training Center Database v2
// (TCX) workout files and reads TCX workout files back, ours and anyone's.
//
// The schema is Garmin's TrainingCenterDatabasev2.xsd (format-notes §9);
// every file this package writes validates against it. The XML is written
// with encoding/xml: two-space indentation, LF line ends, the same bytes
// for the same input. A file holds one workout:
//
//	TrainingCenterDatabase/Workouts/Workout[@Sport]: Name, Step+, Notes?
//
// # Mapping
//
//   - Sport: running → Running, cycling → Biking, every other sport →
//     Other (a warning unless the sport is generic).
//   - Durations: time → Time_t (whole seconds, at most 65,535), distance →
//     Distance_t (whole metres, at most 65,535; 1 mi is 1609 m), lap →
//     UserInitiated_t. An exercise of N reps becomes a UserInitiated_t
//     (lap-button) step; "each side" doubles a time or distance as in FIT.
//   - Targets: open → None_t; pace → Speed_t with a CustomSpeedZone_t shown
//     as Pace (m/s to 3 decimals); hr bpm and hr % of max →
//     CustomHeartRateZone_t with HeartRateInBeatsPerMinute_t or
//     HeartRateAsPercentOfMax_t values (TCX says "% of max" itself, so no
//     max HR is needed); hr zone → PredefinedHeartRateZone_t 1-5; cadence →
//     Cadence_t, the numbers as written.
//   - Intensity: rest and recovery → Resting, every other intensity →
//     Active. So that warm-up, cool-down and recovery stay visible, a step
//     without a name is named after its kind ("Warm up", "Cool down",
//     "Recover", "Rest", "Run"); every step has a name.
//   - Repeats: Repeat_t with 2-99 repetitions; repeats nest. A repeat of 1
//     is written as its steps alone (a warning).
//   - StepId numbers steps in FIT order (a repeat's children, then the
//     repeat), so StepId = FIT message_index + 1 and TCX's limit of 20
//     steps, repeats included, counts the same steps as FIT does.
//   - Notes: TCX has notes only on the workout. They hold the description,
//     then, when the workout's name was shortened, "NAME = FULL NAME", then
//     one line per step that has more to say than its TCX name and
//     intensity: "N. NAME = FULL NAME (kind): text", where N is the StepId,
//     "= FULL NAME" is there when the name was shortened, "(kind)" when the
//     kind is not what DecodeFile would read from name and intensity (a named
//     cool-down), and text is the step's notes, or for an exercise its
//     title, prescription, load and notes joined by "; ". [DecodeFile] reads
//     these lines back.
//
// # Names
//
// TCX names (workout and step) are tokens of 1 to 15 characters. A longer
// name is shortened step by step until it fits: "or" and "and" become "/"
// and "&" ("Walk or slow jog" → "Walk/slow jog"), common words get their
// usual abbreviations (dumbbell → DB, single leg → SL, romanian deadlift →
// RDL, minutes → min, repeat → rep, ...), filler words go (with, the, of,
// weighted, ...) and brackets go; what is still too long is cut after its
// last whole word that keeps at least half of the room, else mid-word (an
// exercise title loses words at the front instead, which qualify the
// movement its last word names: "Side Plank" → "Plank"). Two
// different names that shorten alike get " 2", " 3", ... so that names stay
// unique within a workout. Every change to a name the user wrote is a
// warning; the full name is in the notes.
//
// Exercise steps are named after the exercise (or the step's own name) and
// the prescription: "DB Squat x10", "SL RDL DB x10ea" (10 reps each side),
// "Plank" for a timed plank (the time is the step's duration), "Plank 30s
// ea" for 30 s each side (a 60 s step).
//
// # What TCX cannot hold
//
// Nothing is dropped silently. Lossy mappings are warnings (one per
// mapping): an exercise step (TCX has no exercises, reps or loads: all of
// it goes into the notes), a sport other than running, cycling or generic,
// a renamed step or workout, a repeat of 1, a fractional second. What TCX
// cannot express at all is an error naming the limit, and Encode returns no
// bytes: a power target, more than 20 steps counting repeats, a repeat of
// more than 99, a time or distance over 65,535 s or m.
//
// Workouts read from other files may hold what the language does not
// write. TCX can say some of it: heart-rate above/below and calorie
// durations (HeartRateAbove_t, HeartRateBelow_t, CaloriesBurned_t) and
// speed zones (PredefinedSpeedZone_t) are written. Power durations, cadence
// zones, other targets and repeats until a condition are errors; a second
// target is dropped with a warning. Text that XML cannot hold (control
// characters, invalid UTF-8) becomes U+FFFD with a warning.
//
// TCX workouts date from the Garmin Training Center era; which watches
// still read them is unverified (format-notes §9.3). Treat TCX as an
// interchange format for tools.
package tcx
