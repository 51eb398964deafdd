// Package connect writes resolved workouts as the JSON that Garmin
// Connect's workout service takes (POST /workout-service/workout), and
// reads Connect workout JSON back: a request body, a workout as GET
// /workout-service/workout/{id} returns it, or a recorded reply.
//
// The mapping, the ids and why, the weight unit, the order of ranges, and
// what was checked against recordings (and what never against the live
// service) are in docs/connect.md. In short:
//
//   - One segment holds every step; sportType by id (walking, which Connect
//     workouts lack, goes as other).
//   - Steps are ExecutableStepDTO, repeats RepeatGroupDTO (stepType 6,
//     numberOfIterations, endCondition 7 with the count, smartRepeat
//     false). stepId and stepOrder are one depth-first count over the whole
//     workout, a group header included, as Connect stores them; a group
//     and its direct children carry the group's number in childStepId.
//   - The step type comes from the intensity: warmup 1, cooldown 2, active
//     and interval 3, recovery 4, rest 5, other 7.
//   - Durations: lap 1 (no value), time 2 (s), distance 3 (m), reps 10;
//     "each side" doubles the value as FIT does.
//   - Targets: pace 6 (m/s, the slower speed in targetValueOne), hr 4 (bpm
//     range, or zoneNumber), power 2 (W range, or zoneNumber), cadence 3.
//     Percentages of max HR or FTP are refused: Connect would read them as
//     bpm or watts.
//   - A step's name and notes share Connect's one step text, description:
//     "[NAME]" on the first line, then the each-side label, then the notes.
//   - Exercises: category and exerciseName as Connect's catalogue spells
//     them (catalog.Entry.Connect); one Connect lacks is an error naming
//     the nearest it has. weightValue is the load in weightUnit's unit.
package connect
