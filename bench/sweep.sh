#!/usr/bin/env bash
# A budget sweep against the same points as separate `braid run` calls (release build).
# Usage: bench/sweep.sh [SCENARIO] [KEY=FROM:TO:STEP]   (RUNS=3 repeats; BRAID_ARGS passed to both)
# Default: the largest shipped scenario, 41 H-1B budget levels.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-Scenarios/indiana-advanced-manufacturing}
vary=${2:-h1b-ready-to-work.budget=275000:675000:10000}
runs=${RUNS:-3}
swift build -c release >/dev/null
braid=.build/release/braid
key=${vary%%=*}
IFS=: read -r from to step <<<"${vary#*=}"
points=$(python3 -c "print(' '.join(str(round($from + i * $step, 2)) for i in range(int(($to - $from) / $step + 1e-9) + 1)))")
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
sweep_times=() ; separate_times=()
for r in $(seq "$runs"); do
    t0=$(now); "$braid" sweep "$scenario" --vary "$vary" --format csv ${BRAID_ARGS:-} >/dev/null; t1=$(now)
    sweep_times+=("$(echo "$t1 - $t0" | bc)")
    t0=$(now); for v in $points; do "$braid" run "$scenario" --set "$key=$v" ${BRAID_ARGS:-} >/dev/null; done; t1=$(now)
    separate_times+=("$(echo "$t1 - $t0" | bc)")
done
s=$(printf '%s\n' "${sweep_times[@]}" | median); p=$(printf '%s\n' "${separate_times[@]}" | median)
n=$(wc -w <<<"$points")
echo "scenario: $scenario; $n points of $key; median of $runs"
echo "sweep:        ${s} s   (runs: ${sweep_times[*]})"
echo "separate runs: ${p} s   (runs: ${separate_times[*]})"
echo "ratio:        $(echo "scale=2; $p / $s" | bc)x"
