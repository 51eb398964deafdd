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
//   - Durations: lap 1 (no value), time 2 (s), distance 3 (m), reps 10,
//     calories 4 (kcal), power 5 (W) and heart.rate 6 (bpm) with
//     endConditionCompare "lt" (below) or "gt" (above); "each side"
//     doubles the value as FIT does. A repeat until a condition is a
//     RepeatGroupDTO whose endCondition is that condition (no
//     numberOfIterations). Percent-of-max or percent-of-FTP conditions
//     are refused, as percent targets are.
//   - Secondary targets: secondaryTargetType and its values or
//     secondaryZoneNumber, as for the target. A ride's pace is speed.zone
//     (5), any other pace pace.zone (6).
//   - Pool swims: poolLength and poolLengthUnit ({"unitKey": "meter"} or
//     "yard") on the workout and its segment; strokeTypeId (1 any_stroke
//     for mixed, 2 back, 3 breast, 4 drill, 5 fly, 6 free, 7
//     individual_medley) and equipmentTypeId (1 fins, 2 kickboard, 3
//     paddles, 4 pull_buoy, 5 snorkel) on steps.
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
