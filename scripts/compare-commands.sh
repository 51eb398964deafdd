#!/usr/bin/env bash
# Compares whole commands across builds of workoutc, side by side in one
# run: `build` of both seed workouts for an athlete, `inspect` of seven
# golden FIT and TCX files, and `batch` of the example club (fresh folder,
# then again over its own output). Each build runs each command N times
# under `perf stat` (CPU time, task-clock) and the builds take turns, so a
# busy machine slows them alike.
#
#   scripts/compare-commands.sh REV...      # e.g. 995ed07 HEAD
#   N=40 scripts/compare-commands.sh 995ed07 HEAD
#
# The inputs are the seed workouts, the sample athlete and roster of the
# first revision given and this checkout's plan. Needs go, git, perf.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-20}
[ $# -ge 1 ] || { echo "usage: scripts/compare-commands.sh REV..." >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/compare-XXXXXX")
cleanup() {
	for d in "$work"/src-*; do
		[ -d "$d" ] && git -C "$repo" worktree remove --force "$d" >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
revs=()
for rev in "$@"; do
	id=$(git -C "$repo" rev-parse --short "$rev")
	git -C "$repo" worktree add -q --detach "$work/src-$id" "$id"
	(cd "$work/src-$id" && go build -o "$work/wc-$id" ./cmd/workoutc)
	revs+=("$id")
done
# The inputs, in one folder (a plan's workouts sit beside it): the seed
# workouts and goldens as the oldest revision has them, the plan as this
# checkout has it.
td=$work/src-${revs[0]}/testdata
in=$work/in
mkdir -p "$in"
cp "$td/hill-repeats.yaml" "$td/strength-circuit.yaml" "$td/athletes/sam.yaml" "$td/club/roster.csv" "$in/"
cp "$repo/testdata/plan.yaml" "$in/plan.yaml"
inspect=()
for f in hill-repeats.fit strength-circuit.fit nested-repeats.fit all-targets.fit hill-repeats.tcx nested-repeats.tcx strength-circuit-metric.fit; do
	[ -f "$td/$f" ] && inspect+=("$td/$f")
done
cpu() {
	if ! "$@" > "$work/last.out" 2>&1; then
		echo "failed: $*" >&2
		cat "$work/last.out" >&2
		exit 1
	fi
	perf stat -r "$n" -e task-clock -x, "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%7.1f", $1}'
}
echo "whole commands, CPU ms per run (perf stat task-clock, $n runs each; builds in turn); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-10s %8s %8s %8s %8s\n' build build inspect batch "batch again"
for round in 1 2; do
	for id in "${revs[@]}"; do
		bin=$work/wc-$id
		out=$work/out-$id
		b=$(cpu env SOURCE_DATE_EPOCH= "$bin" build -q --athlete "$in/sam.yaml" --reps 4 -o "$out/build" "$in/hill-repeats.yaml" "$in/strength-circuit.yaml")
		i=$(cpu "$bin" inspect "${inspect[@]}")
		f=$(cpu sh -c "rm -rf '$out/fresh'; exec '$bin' batch -q --roster '$in/roster.csv' --plan '$in/plan.yaml' -o '$out/fresh'")
		a=$(cpu "$bin" batch -q --roster "$in/roster.csv" --plan "$in/plan.yaml" -o "$out/fresh")
		printf '  %-10s %8s %8s %8s %8s\n' "$id" "$b" "$i" "$f" "$a"
	done
done
