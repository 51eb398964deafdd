// Speed reference for `workoutc batch`: encode the same workout files with
// Garmin's official JavaScript FIT SDK (@garmin/fitsdk, pinned in
// package.json) and write them into a tree of the same shape.
//
// Usage: node bench-encode.mjs IN_DIR OUT_DIR
//
// Every IN_DIR/<athlete>/<file>.fit (a batch that workoutc wrote) is first
// decoded with the SDK's Decoder, untimed, into its messages. Then, timed,
// each file's messages are encoded again with the SDK's Encoder and
// written to OUT_DIR/<athlete>/<file>.fit, one folder per athlete, as
// workoutc does. Before that, also timed, every file is encoded in memory
// only (the second of two passes, after the JIT has warmed up). One JSON
// line goes to stdout:
//
//   {"files": N, "bytes": B, "encodeMs": E, "encodeWriteMs": T}
//
// scripts/bench-batch.sh runs it beside workoutc batch and cp -r.

import { readdirSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Decoder, Encoder, Stream, Profile } from "@garmin/fitsdk";

const [inDir, outDir] = process.argv.slice(2);
if (!inDir || !outDir) {
    console.error("usage: node bench-encode.mjs IN_DIR OUT_DIR");
    process.exit(2);
}

// The messages of a workout file, in the order workoutc writes them.
const ORDER = [
    ["fileIdMesgs", Profile.MesgNum.FILE_ID],
    ["workoutMesgs", Profile.MesgNum.WORKOUT],
    ["workoutStepMesgs", Profile.MesgNum.WORKOUT_STEP],
    ["exerciseTitleMesgs", Profile.MesgNum.EXERCISE_TITLE],
];

const jobs = [];
for (const athlete of readdirSync(inDir, { withFileTypes: true })) {
    if (!athlete.isDirectory()) continue;
    for (const name of readdirSync(join(inDir, athlete.name))) {
        if (!name.endsWith(".fit")) continue;
        const bytes = readFileSync(join(inDir, athlete.name, name));
        const { messages, errors } = new Decoder(Stream.fromByteArray(bytes)).read({
            expandSubFields: false,
            expandComponents: false,
            includeUnknownData: false,
            mergeHeartRates: false,
        });
        if (errors.length > 0) {
            console.error(`${athlete.name}/${name}: ${errors[0]}`);
            process.exit(1);
        }
        jobs.push({ dir: athlete.name, name, messages });
    }
}

function encode(messages) {
    const enc = new Encoder();
    for (const [key, num] of ORDER) {
        for (const m of messages[key] ?? []) {
            enc.onMesg(num, m);
        }
    }
    return enc.close();
}

// Encoding alone, in memory (twice: the first pass warms the JIT up).
let encodeMs = 0;
for (let pass = 0; pass < 2; pass++) {
    const e0 = process.hrtime.bigint();
    for (const { messages } of jobs) {
        encode(messages);
    }
    encodeMs = Number(process.hrtime.bigint() - e0) / 1e6;
}

// Encoding and writing, as a batch does.
let total = 0;
const t0 = process.hrtime.bigint();
const made = new Set();
for (const { dir, name, messages } of jobs) {
    const out = encode(messages);
    const d = join(outDir, dir);
    if (!made.has(d)) {
        mkdirSync(d, { recursive: true });
        made.add(d);
    }
    writeFileSync(join(d, name), out);
    total += out.length;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ files: jobs.length, bytes: total, encodeMs: Math.round(encodeMs), encodeWriteMs: Math.round(ms) }));
