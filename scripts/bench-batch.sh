#!/usr/bin/env bash
# Measures `workoutc batch` side by side with `cp -r` of the tree it
# writes and with Garmin's JS SDK writing the same files
# (testdata/fitsdk/bench-encode.mjs), on one file system, in one run; then
# peak memory at 100 and 10,000 athletes, and system calls per file of a
# fresh run and of a re-run (strace -c, when strace is installed).
#
#   scripts/bench-batch.sh [PARENT]     # default PARENT: $TMPDIR or /tmp
#   ROUNDS=5 scripts/bench-batch.sh     # rounds per figure (median; default 3)
#
# The batch is the 8-week plan of testdata/club for 1,000 generated
# athletes (20,000 FIT files), as internal/batch's BenchmarkRun1000 writes
# it. Needs go, node (npm ci --prefix testdata/fitsdk), GNU time at
# /usr/bin/time. Prints a table; nothing is kept.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
parent=${1:-${TMPDIR:-/tmp}}
rounds=${ROUNDS:-3}
work=$(mktemp -d "$parent/batch-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
bin=$work/workoutc
(cd "$repo" && go build -o "$bin" ./cmd/workoutc)
plan=$repo/testdata/plan.yaml

# roster N FILE: N athletes, imperial and metric in turn, each with their
# own paces and loads (the same rows as internal/batch's writeRoster).
roster() {
	awk -v n="$1" 'BEGIN {
		print "name,units,max_hr,pace.easy,hr.easy,load.medium,load.heavy"
		for (i = 0; i < n; i++) {
			if (i % 2 == 0) { s = 30 + i % 25; printf "Athlete %05d,imperial,%d,9:%02d-10:%02d /mi,%d-%d,%d lb,%d lb\n", i, 170 + i % 30, s, s, 120 + i % 10, 140 + i % 10, 10 + i % 15, 20 + i % 20 }
			else { s = 10 + i % 40; printf "\"Athlete %05d, Jr.\",metric,%d,5:%02d-6:%02d /km,%d-%d,%d kg,%d kg\n", i, 165 + i % 30, s, s, 118 + i % 10, 138 + i % 10, 4 + i % 8, 8 + i % 12 }
		}
	}' > "$2"
}
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

roster 1000 "$work/r1000.csv"
batch() { "$bin" batch -q --roster "$1" --plan "$plan" -o "$2" > /dev/null 2>&1; }

fresh=() rerun=() cps=() jsw=() jsall=() jse=()
for r in $(seq "$rounds"); do
	out=$work/out-$r
	sync
	t0=$(now); batch "$work/r1000.csv" "$out"; t1=$(now); fresh+=("$(ms "$t0" "$t1")")
	t0=$(now); batch "$work/r1000.csv" "$out"; t1=$(now); rerun+=("$(ms "$t0" "$t1")")
	sync
	t0=$(now); cp -r "$out" "$work/cp-$r"; t1=$(now); cps+=("$(ms "$t0" "$t1")")
	sync
	t0=$(now)
	js=$(node "$repo/testdata/fitsdk/bench-encode.mjs" "$out" "$work/js-$r")
	t1=$(now)
	jsall+=("$(ms "$t0" "$t1")")
	jsw+=("$(echo "$js" | sed 's/.*"encodeWriteMs":\([0-9]*\).*/\1/')")
	jse+=("$(echo "$js" | sed 's/.*"encodeMs":\([0-9]*\).*/\1/')")
	files=$(find "$out" -name '*.fit' -not -path '*/.workoutc-batch/*' | wc -l)
	rm -rf "$out" "$work/cp-$r" "$work/js-$r"
done

# Peak memory (maximum resident set size) at 100 and 10,000 athletes.
rss() {
	roster "$1" "$work/r$1.csv"
	/usr/bin/time -f %M -o "$work/rss" "$bin" batch -q --roster "$work/r$1.csv" --plan "$plan" -o "$work/mem-$1" > /dev/null 2>&1
	cat "$work/rss"
	rm -rf "$work/mem-$1"
}
rss100=$(rss 100)
rss10k=$(rss 10000)

F=$(median "${fresh[@]}") R=$(median "${rerun[@]}") C=$(median "${cps[@]}") JW=$(median "${jsw[@]}") JA=$(median "${jsall[@]}") JE=$(median "${jse[@]}")
echo "workoutc batch benchmark: 1,000 athletes x the 8-week plan ($files FIT files), $rounds rounds, median"
echo "  file system: $(df -T "$work" | awk 'NR == 2 {print $2}') ($parent); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-44s %7s ms   (runs: %s)\n' "workoutc batch, fresh folder" "$F" "${fresh[*]}"
printf '  %-44s %7s ms   (runs: %s)\n' "workoutc batch, re-run, nothing changed" "$R" "${rerun[*]}"
printf '  %-44s %7s ms   (runs: %s)\n' "cp -r of the tree it wrote" "$C" "${cps[*]}"
printf '  %-44s %7s ms   (runs: %s)\n' "Garmin JS SDK: encode + write (timed part)" "$JW" "${jsw[*]}"
printf '  %-44s %7s ms   (runs: %s)\n' "Garmin JS SDK: whole script (node)" "$JA" "${jsall[*]}"
printf '  %-44s %7s ms\n' "Garmin JS SDK: encode only, warm" "$JE"
# Ratios of the medians, and the median of each round's ratio (a busy
# machine slows whole rounds: the pairs of one round are the fairer match).
ratio() { # ratio A[] B[]: median of A[i] / B[i]
	local -n a=$1 b=$2
	for i in "${!a[@]}"; do awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN { printf "%.3f\n", x / y }'; done | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}
awk -v f="$F" -v r="$R" -v c="$C" -v jw="$JW" -v ja="$JA" -v fc="$(ratio fresh cps)" -v rf="$(ratio rerun fresh)" -v jf="$(ratio jsw fresh)" -v af="$(ratio jsall fresh)" 'BEGIN {
	printf "  fresh / cp -r = %.2f; per round, median %.2f (promise <= 0.8)\n", f / c, fc
	printf "  JS SDK encode+write / fresh = %.1f (per round %.1f); whole JS script / fresh = %.1f (per round %.1f) (promise >= 10)\n", jw / f, jf, ja / f, af
	printf "  re-run / fresh = %.2f; per round, median %.2f (promise <= 0.3)\n", r / f, rf
}'
awk -v a="$rss100" -v b="$rss10k" 'BEGIN { printf "  peak RSS: 100 athletes %d KiB, 10,000 athletes %d KiB; ratio %.2f (promise <= 1.5)\n", a, b, b / a }'

if command -v strace > /dev/null; then
	out=$work/strace
	strace -f -c -o "$work/s-fresh" "$bin" batch -q --roster "$work/r1000.csv" --plan "$plan" -o "$out" > /dev/null 2>&1
	strace -f -c -o "$work/s-rerun" "$bin" batch -q --roster "$work/r1000.csv" --plan "$plan" -o "$out" > /dev/null 2>&1
	for k in fresh rerun; do
		# File-system calls only (not the Go runtime's futex, nanosleep, mmap...).
		awk -v k="$k" -v n="$files" '$NF ~ /^(openat|open|write|pwrite64|close|read|pread64|newfstatat|fstat|statx|lstat|stat|renameat|renameat2|rename|mkdirat|mkdir|unlinkat|unlink|fcntl|fsync|fdatasync|getdents64|flock|ftruncate|lseek|epoll_ctl)$/ {
			calls = $4; tot += calls; list = list sprintf(" %s %d", $NF, calls)
		} END { printf "  system calls, %s run: %d file-system calls, %.2f per file:%s\n", k, tot, tot / n, list }' "$work/s-$k"
	done
fi
