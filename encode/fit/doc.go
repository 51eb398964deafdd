// Package fit encodes resolved workouts as Garmin FIT workout files (file
// type 5) and FIT schedules files (type 7, [EncodeSchedule]), and reads any
// FIT workout file back into the model ([Decode], for inspect and import).
//
// The field-level rules come from shared/design/format-notes.md; the bytes
// are written by github.com/muktihari/fit v0.26.1. A file holds, in order:
//
//   - file_id: type workout (5), manufacturer development (255), product 0,
//     a serial number derived from the content (see below) and time_created
//     from [encode.Options.Time] ([encode.DefaultTime] when zero);
//   - one workout: sport and sub_sport from the workout's sport,
//     num_valid_steps (repeat steps included), wkt_name and wkt_description;
//   - workout_step × N, message_index 0..N-1, flattened in post-order: a
//     repeat's children come first, then the repeat step itself
//     (repeat_until_steps_cmplt, duration_value = message_index of the
//     block's first step, target open, target_value = total number of runs);
//     nested repeats that start together both point at the same step;
//   - exercise_title × M, message_index 0..M-1, one per distinct
//     (exercise_category, exercise_name) pair in order of first use. Its
//     wkt_step_name is the name of the first step using the pair when it has
//     one, else the exercise's display title.
//
// The header is 14 bytes, protocol 1.0, profile version pinned to 21188, with
// both CRCs, so that a library upgrade does not change the bytes by itself.
//
// # Each side
//
// FIT has no field for "each side". This package writes ONE step whose
// duration is what the watch should count in total: an exercise of 10 reps
// each side becomes reps 20, one of 30 s each side becomes 60 s (a distance is
// doubled likewise). The step's wkt_step_name is "10 each side" (or
// "30 s each side") unless the step has its own name, and its notes start with
// the same text, followed by a newline and the step's own notes, if any.
// format-notes §6.4 lists this as option 3: the rep target matches what a
// rep-counting watch counts, and the step count does not double.
//
// # Serial number
//
// file_id.serial_number is the first 4 bytes (big-endian) of SHA-256 over a
// canonical, versioned serialisation of everything the file encodes except
// time_created (sport, names, description, every step field and every
// exercise title) plus [encode.Options.Salt]. The same input thus gives the
// same bytes, and two different workouts, or one workout built with two
// salts, get two file identities on a watch. 0 and 0xFFFFFFFF (invalid for a
// uint32z) are remapped to 1 and 0xFFFFFFFE. [encode.Options.Serial] sets
// the serial instead, or, with [encode.Options.SerialMask], only its bits
// outside the mask: a club batch gives each athlete a block that way, so
// that serials are distinct across the whole batch.
//
// # Text
//
// A FIT string holds at most 254 bytes of UTF-8. Longer text is cut on a rune
// boundary with a warning; invalid UTF-8 is repaired (U+FFFD) and NUL bytes
// are removed, each with a warning. Text over what Garmin Connect itself
// writes (workout name 31 bytes, description 159, step name 15, notes 199)
// is kept whole with a warning, as are workouts of more than 50 steps and
// repeats nested more than 2 deep. More than 4095 steps is an error.
//
// # Errors
//
// Encode expects a resolved, validated workout. A named zone or load, a
// repeat without a count, an unknown sport or step kind, or a value FIT cannot
// hold (a weight over 655.34 kg, a negative duration, ...) is an error: Encode
// returns no bytes and a [workouts.Diagnostics] error that locates every such
// problem. It never panics on a bad model.
package fit
