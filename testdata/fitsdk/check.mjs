// Conformance judge for the FIT files workoutc writes, built on Garmin's
// official JavaScript FIT SDK (@garmin/fitsdk, pinned in package.json).
//
// Usage: node check.mjs FILE...
//
// For every argument, in order, one JSON line goes to stdout:
//
//   {"file":..., "ok":bool, "errors":[...], "warnings":[...], "summary":{...}}
//
// The exit status is 0 whenever every file got its line, whether or not the
// files are OK; it is non-zero only for a usage error or a crash of this
// script. Go tests run it through internal/testkit/fitsdk.
//
// Checks, for every file: Decoder.isFIT, Decoder.checkIntegrity (header,
// sizes, CRCs) and Decoder.read with zero decode errors. Then, by
// file_id.type:
//   workout:   the rules in checkWorkout below;
//   schedules: the rules in checkSchedules below;
//   other:     no further rule (a warning says so).
// For workout and schedules files, every field whose profile type is an
// enumeration must decode to a name: the SDK leaves a number where the value
// is not in the profile.

import { readFileSync } from "node:fs";
import { Decoder, Stream, Profile } from "@garmin/fitsdk";

const READ_OPTIONS = Object.freeze({
    applyScaleAndOffset: true,
    expandSubFields: true,
    expandComponents: true,
    convertTypesToStrings: true,
    convertDateTimesToDates: true,
    includeUnknownData: false,
    mergeHeartRates: false,
    decodeMemoGlobs: false,
});

// Profile types that are not enumerations: bit fields, or numbers with a few
// named values (offsets, masks, minimums). A number in a field of one of
// these types is normal.
const NOT_ENUMS = new Set([
    "messageIndex", "workoutCapabilities", "workoutHr", "workoutPower",
    "dateTime", "localDateTime", "localtimeIntoDay", "sportBits0",
    "connectivityCapabilities", "courseCapabilities", "fileFlags",
    "userLocalId", "deviceIndex", "leftRightBalance", "leftRightBalance100",
    "antChannelId", "mesgCount",
]);

// Product lists grow with every device Garmin ships: an unknown product id is
// only a warning.
const WARN_ONLY_ENUMS = new Set(["garminProduct", "faveroProduct"]);

// Repeat step duration types: durationValue is the index of the step to loop
// back to, targetValue the count or the threshold.
const REPEAT_DURATIONS = new Set([
    "repeatUntilStepsCmplt", "repeatUntilTime", "repeatUntilDistance",
    "repeatUntilCalories", "repeatUntilHrLessThan", "repeatUntilHrGreaterThan",
    "repeatUntilPowerLessThan", "repeatUntilPowerGreaterThan",
    "repeatUntilPowerLastLapLessThan", "repeatUntilMaxPowerLastLapLessThan",
    "repeatUntilTrainingPeaksTss",
]);

// Duration types that need no durationValue.
const VALUELESS_DURATIONS = new Set(["open", "timeOnly"]);

// Target types whose targetValue subfield would clash with a repeat's
// repeatSteps/repeat* subfield.
const ZONE_TARGETS = new Set(["speed", "heartRate", "cadence", "power", "swimStroke"]);

// messagesKey -> field or subfield name -> profile type name.
const FIELD_TYPES = (() => {
    const byKey = {};
    for (const mesg of Object.values(Profile.messages)) {
        const names = {};
        for (const field of Object.values(mesg.fields)) {
            names[field.name] = field.type;
            for (const sub of field.subFields ?? []) {
                names[sub.name] = sub.type;
            }
        }
        byKey[mesg.messagesKey] = names;
    }
    return byKey;
})();

// FIT base type numbers (the low 5 bits of a field definition's base type).
const BASE_TYPES = {
    enum: 0, sint8: 1, uint8: 2, sint16: 3, uint16: 4, sint32: 5, uint32: 6,
    string: 7, float32: 8, float64: 9, uint8z: 10, uint16z: 11, uint32z: 12,
    byte: 13, sint64: 14, uint64: 15, uint64z: 16,
};
const BASE_TYPE_NAMES = Object.fromEntries(Object.entries(BASE_TYPES).map(([k, v]) => [v, k]));
const BASE_TYPE_SIZES = [1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8];

// definitionChecker returns a mesgDefinitionListener for Decoder.read that
// warns about what the decoded messages cannot show: messages and fields
// missing from the profile (the SDK drops them silently), and fields whose
// base type or size disagrees with the profile.
function definitionChecker(warnings) {
    const seen = new Set();
    const warnOnce = (key, msg) => {
        if (!seen.has(key)) {
            seen.add(key);
            warnings.push(msg);
        }
    };
    return (def) => {
        const mesg = Profile.messages[def.globalMessageNumber];
        if (mesg == null) {
            warnOnce(`m${def.globalMessageNumber}`, `message number ${def.globalMessageNumber} is not in the profile; the SDK ignores it`);
            return;
        }
        const name = snake(mesg.name);
        for (const fd of def.fieldDefinitions) {
            const field = mesg.fields[fd.fieldDefinitionNumber];
            const key = `${def.globalMessageNumber}/${fd.fieldDefinitionNumber}`;
            if (field == null) {
                warnOnce(key, `${name} field ${fd.fieldDefinitionNumber} is not in the profile; the SDK ignores it`);
                continue;
            }
            const want = BASE_TYPES[field.baseType];
            if (want != null && fd.baseType !== want) {
                warnOnce(key, `${name}.${snake(field.name)} is written as ${BASE_TYPE_NAMES[fd.baseType] ?? fd.baseType}, the profile says ${field.baseType}`);
            } else if (want != null && !field.array && field.baseType !== "string" && fd.size !== BASE_TYPE_SIZES[want]) {
                warnOnce(key, `${name}.${snake(field.name)} is written with ${fd.size} bytes, the profile says one ${field.baseType}`);
            }
        }
        if (def.developerFieldDefinitions.length > 0) {
            warnOnce(`d${def.globalMessageNumber}`, `${name} has developer fields`);
        }
    };
}

const FIT_SYSTEM_TIME_MAX = 0x10000000; // date_time values below are relative
const FIT_EPOCH_MS = 631065600000;

function checkFile(file) {
    const errors = [];
    const warnings = [];
    const summary = {};
    const result = { file, ok: false, errors, warnings, summary };

    let buf;
    try {
        buf = readFileSync(file);
    } catch (e) {
        errors.push(`cannot read file: ${e.message}`);
        return result;
    }
    summary.bytes = buf.length;

    const stream = Stream.fromBuffer(buf);
    if (!Decoder.isFIT(stream)) {
        errors.push("not a FIT file (Decoder.isFIT is false)");
        return result;
    }
    const decoder = new Decoder(stream);
    const integrity = decoder.checkIntegrity();
    summary.integrity = integrity;
    if (!integrity) {
        errors.push("integrity check failed (Decoder.checkIntegrity: header, size or CRC)");
    }

    const { messages, errors: decodeErrors, profileVersion } = decoder.read({
        ...READ_OPTIONS,
        mesgDefinitionListener: definitionChecker(warnings),
    });
    for (const e of decodeErrors) {
        errors.push(`decode error: ${e?.message ?? String(e)}`);
    }
    if (profileVersion) {
        summary.profileVersion = `${profileVersion.major}.${profileVersion.minor}`;
    }
    summary.messages = Object.fromEntries(
        Object.entries(messages).filter(([, list]) => list.length > 0).map(([key, list]) => [key, list.length]));

    if (errors.length > 0) {
        // A damaged file: the content rules would only add noise.
        return result;
    }

    const fileIds = messages.fileIdMesgs ?? [];
    if (fileIds.length === 0) {
        errors.push("no file_id message");
        return finish(result);
    }
    if (fileIds.length > 1) {
        warnings.push(`${fileIds.length} file_id messages; only the first is used`);
    }
    const fileId = fileIds[0];
    summary.type = fileId.type ?? null;
    summary.manufacturer = fileId.manufacturer ?? null;
    summary.product = fileId.garminProduct ?? fileId.faveroProduct ?? fileId.product ?? null;
    summary.serialNumber = fileId.serialNumber ?? null;
    summary.timeCreated = fileId.timeCreated instanceof Date ? fileId.timeCreated.toISOString() : null;

    switch (fileId.type) {
        case "workout":
            checkFileId(fileId, errors, warnings);
            checkEnums(messages, errors, warnings);
            checkWorkout(messages, errors, warnings, summary);
            break;
        case "schedules":
            checkFileId(fileId, errors, warnings);
            checkEnums(messages, errors, warnings);
            checkSchedules(messages, errors, warnings, summary);
            break;
        default:
            if (fileId.type == null) {
                errors.push("file_id.type is missing");
            } else {
                warnings.push(`file type ${JSON.stringify(fileId.type)}: only the integrity and decode checks apply`);
            }
    }
    return finish(result);
}

function finish(result) {
    result.ok = result.errors.length === 0;
    return result;
}

function checkFileId(fileId, errors, warnings) {
    if (!fileId.serialNumber) {
        errors.push("file_id.serial_number is missing or zero");
    }
    if (!(fileId.timeCreated instanceof Date)) {
        errors.push("file_id.time_created is missing");
    } else if (fileId.timeCreated.getTime() < FIT_EPOCH_MS + FIT_SYSTEM_TIME_MAX * 1000) {
        warnings.push("file_id.time_created is below 0x10000000: a time since power-up, not a date");
    }
    if (fileId.manufacturer == null) {
        warnings.push("file_id.manufacturer is missing");
    }
}

// isUnknown tells whether a decoded value of an enumeration field is a number,
// i.e. not a name of the profile.
function isUnknown(value) {
    if (Array.isArray(value)) {
        return value.some(isUnknown);
    }
    return typeof value === "number" || typeof value === "bigint";
}

function checkEnums(messages, errors, warnings) {
    for (const [key, list] of Object.entries(messages)) {
        const types = FIELD_TYPES[key];
        if (types == null) {
            continue;
        }
        const mesgName = snake(key.replace(/Mesgs$/, ""));
        list.forEach((mesg, i) => {
            for (const [field, value] of Object.entries(mesg)) {
                const type = types[field];
                if (type == null || NOT_ENUMS.has(type) || Profile.types[type] == null || !isUnknown(value)) {
                    continue;
                }
                const msg = `${mesgName}[${i}].${snake(field)}: ${JSON.stringify(value)} is not a known ${type} value`;
                (WARN_ONLY_ENUMS.has(type) ? warnings : errors).push(msg);
            }
        });
    }
}

// snake turns the SDK's camelCase names into the FIT profile's snake_case.
function snake(name) {
    return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

// exerciseNameDefined tells whether the numeric exercise name is defined for
// the (decoded) category; undefined when the profile has no table for it.
function exerciseNameDefined(category, name) {
    if (typeof category !== "string") {
        return undefined;
    }
    const table = Profile.types[`${category}ExerciseName`];
    if (table == null) {
        return undefined;
    }
    return Object.hasOwn(table, String(name));
}

function exerciseLabel(category, name) {
    const table = typeof category === "string" ? Profile.types[`${category}ExerciseName`] : null;
    return `${category}/${table?.[name] ?? name}`;
}

function checkExercise(where, category, name, errors, warnings) {
    if (name == null) {
        return;
    }
    if (category == null) {
        errors.push(`${where}: exercise_name ${name} without exercise_category`);
        return;
    }
    if (typeof name !== "number") {
        errors.push(`${where}: exercise_name ${JSON.stringify(name)} is not a number`);
        return;
    }
    const defined = exerciseNameDefined(category, name);
    if (defined === undefined) {
        if (typeof category === "string") {
            warnings.push(`${where}: exercise category ${category} has no exercise name table; name ${name} not checked`);
        }
        // A numeric category was already reported by checkEnums.
    } else if (!defined) {
        errors.push(`${where}: exercise_name ${name} is not defined for category ${category} (${category}ExerciseName)`);
    }
}

function checkWorkout(messages, errors, warnings, summary) {
    const workouts = messages.workoutMesgs ?? [];
    const steps = messages.workoutStepMesgs ?? [];
    const titles = messages.exerciseTitleMesgs ?? [];

    summary.steps = steps.length;
    summary.exerciseTitles = titles.length;
    summary.schedules = (messages.scheduleMesgs ?? []).length;

    if (workouts.length !== 1) {
        errors.push(`want exactly one workout message, have ${workouts.length}`);
    }
    const workout = workouts[0];
    if (workout != null) {
        summary.workoutName = workout.wktName ?? null;
        summary.sport = workout.sport ?? null;
        summary.subSport = workout.subSport ?? null;
        summary.numValidSteps = workout.numValidSteps ?? null;
        if (workout.numValidSteps !== steps.length) {
            errors.push(`workout.num_valid_steps is ${workout.numValidSteps ?? "missing"}, but there are ${steps.length} workout_step messages`);
        }
        if (workout.sport == null) {
            warnings.push("workout.sport is missing");
        }
        if (workout.poolLength != null) {
            summary.poolLength = workout.poolLength;
            summary.poolLengthUnit = workout.poolLengthUnit ?? null;
            if (workout.sport !== "swimming") {
                errors.push(`workout.pool_length in a ${workout.sport ?? "sport-less"} workout`);
            }
            if (!(workout.poolLength > 0)) {
                errors.push(`workout.pool_length is ${workout.poolLength}, want more than 0`);
            }
            if (workout.poolLengthUnit == null) {
                warnings.push("workout.pool_length without pool_length_unit");
            }
        }
    }
    if (steps.length === 0) {
        errors.push("no workout_step messages");
    }

    let repeats = 0;
    const exercisesUsed = new Set();
    steps.forEach((step, i) => {
        const where = `workout_step[${i}]`;
        if (step.messageIndex !== i) {
            errors.push(`${where}: message_index is ${JSON.stringify(step.messageIndex ?? null)}, want ${i}`);
        }
        const duration = step.durationType;
        if (duration == null) {
            errors.push(`${where}: duration_type is missing`);
        } else if (REPEAT_DURATIONS.has(duration)) {
            repeats++;
            const back = step.durationValue;
            if (back == null) {
                errors.push(`${where}: repeat step without duration_value (the step to loop back to)`);
            } else if (!(back < i)) {
                errors.push(`${where}: repeat step loops to step ${back}, which is not before it`);
            }
            if (ZONE_TARGETS.has(step.targetType)) {
                errors.push(`${where}: repeat step has target_type ${step.targetType}, which clashes with its repeat value`);
            }
            if (duration === "repeatUntilStepsCmplt") {
                const count = step.repeatSteps ?? step.targetValue;
                if (count == null || !(count >= 1)) {
                    errors.push(`${where}: repeat count is ${count ?? "missing"}, want >= 1`);
                }
            } else if (step.targetValue == null) {
                errors.push(`${where}: ${duration} step without target_value (the threshold)`);
            }
        } else if (!VALUELESS_DURATIONS.has(duration) && step.durationValue == null) {
            errors.push(`${where}: ${duration} step without duration_value`);
        }

        if (!REPEAT_DURATIONS.has(duration) && ZONE_TARGETS.has(step.targetType) && step.targetType !== "swimStroke" && step.targetValue === 0) {
            const low = step.customTargetValueLow, high = step.customTargetValueHigh;
            if (low == null || high == null) {
                errors.push(`${where}: custom ${step.targetType} target without both custom_target_value_low and _high`);
            } else if (low > high && sameScale(step.targetType, low, high)) {
                errors.push(`${where}: custom ${step.targetType} target low ${low} > high ${high}`);
            }
        }

        if (!REPEAT_DURATIONS.has(duration) && ZONE_TARGETS.has(step.secondaryTargetType) && step.secondaryTargetType !== "swimStroke" && step.secondaryTargetValue === 0) {
            const low = step.secondaryCustomTargetValueLow, high = step.secondaryCustomTargetValueHigh;
            if (low == null || high == null) {
                errors.push(`${where}: custom secondary ${step.secondaryTargetType} target without both secondary_custom_target_value_low and _high`);
            } else if (low > high && sameScale(step.secondaryTargetType, low, high)) {
                errors.push(`${where}: custom secondary ${step.secondaryTargetType} target low ${low} > high ${high}`);
            }
        }
        if (REPEAT_DURATIONS.has(duration) && step.secondaryTargetType != null) {
            errors.push(`${where}: repeat step has a secondary target`);
        }
        if (step.secondaryTargetType != null && step.secondaryTargetType === step.targetType && step.targetType !== "open") {
            warnings.push(`${where}: the secondary target is of the same type as the target (${step.targetType})`);
        }
        // Pool swimming: strokes and equipment are swimming's.
        const swimming = workout?.sport === "swimming";
        if ((step.targetType === "swimStroke" || step.secondaryTargetType === "swimStroke") && !swimming) {
            errors.push(`${where}: a swim stroke target in a ${workout?.sport ?? "sport-less"} workout`);
        }
        if (step.equipment != null && step.equipment !== "none" && !swimming) {
            errors.push(`${where}: equipment ${step.equipment} in a ${workout?.sport ?? "sport-less"} workout`);
        }

        checkExercise(where, step.exerciseCategory, step.exerciseName, errors, warnings);
        if (step.exerciseCategory != null) {
            exercisesUsed.add(`${step.exerciseCategory}/${step.exerciseName ?? ""}`);
        }
    });
    summary.repeatSteps = repeats;

    titles.forEach((title, i) => {
        const where = `exercise_title[${i}]`;
        if (title.exerciseCategory == null || title.exerciseName == null) {
            errors.push(`${where}: exercise_category and exercise_name are both required`);
            return;
        }
        checkExercise(where, title.exerciseCategory, title.exerciseName, errors, warnings);
        if (!exercisesUsed.has(`${title.exerciseCategory}/${title.exerciseName}`)) {
            errors.push(`${where}: ${exerciseLabel(title.exerciseCategory, title.exerciseName)} is used by no workout step`);
        }
        if (title.wktStepName == null || title.wktStepName === "") {
            warnings.push(`${where}: no wkt_step_name`);
        }
    });
}

// sameScale tells whether two custom target bounds use the same encoding:
// heart rate below 100 is a percentage and above is bpm+100, power below 1000
// is a percentage of FTP and above is watts+1000.
function sameScale(targetType, low, high) {
    const offset = targetType === "heartRate" ? 100 : targetType === "power" ? 1000 : null;
    return offset == null || (low >= offset) === (high >= offset);
}

function checkSchedules(messages, errors, warnings, summary) {
    const schedules = messages.scheduleMesgs ?? [];
    summary.schedules = schedules.length;
    summary.scheduledSerials = [];
    if (schedules.length === 0) {
        warnings.push("schedules file without schedule messages");
    }
    schedules.forEach((s, i) => {
        const where = `schedule[${i}]`;
        if (!s.serialNumber) {
            errors.push(`${where}: serial_number (of the scheduled workout) is missing or zero`);
        } else {
            summary.scheduledSerials.push(s.serialNumber);
        }
        if (s.type !== "workout") {
            errors.push(`${where}: type is ${JSON.stringify(s.type ?? null)}, want "workout"`);
        }
        if (s.scheduledTime == null) {
            errors.push(`${where}: scheduled_time is missing`);
        }
    });
}

function main(files) {
    if (files.length === 0) {
        process.stderr.write("usage: node check.mjs FILE...\n");
        process.exitCode = 2;
        return;
    }
    const out = [];
    for (const file of files) {
        let result;
        try {
            result = checkFile(file);
        } catch (e) {
            result = { file, ok: false, errors: [`checker crashed: ${e?.stack ?? e}`], warnings: [], summary: {} };
        }
        out.push(JSON.stringify(result, (k, v) => (typeof v === "bigint" ? v.toString() : v)));
    }
    process.stdout.write(out.join("\n") + "\n");
}

main(process.argv.slice(2));
