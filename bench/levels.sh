#!/usr/bin/env bash
# Cold runs and sweeps across three budget ranges of the largest shipped scenario (release build):
# the sum and the slowest of the cold `braid run` calls per range (every other point of the
# sweep's range), then each 41-point sweep. A search that is unlucky on one level shows here.
# Usage: bench/levels.sh [BRAID_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then braid=$1; else swift build -c release >/dev/null; braid=.build/release/braid; fi
scenario=Scenarios/indiana-advanced-manufacturing
now() { date +%s.%N; }
total=0
for spec in "h1b-ready-to-work.budget 275000 20000 675000" "wioa-dislocated-worker.budget 80000 10000 280000" "wioa-adult.budget 100000 10000 300000"; do
    set -- $spec
    sum=0; max=0; at=""
    for v in $(seq "$2" "$3" "$4"); do
        t0=$(now); "$braid" run "$scenario" --set "$1=$v" >/dev/null; t1=$(now)
        t=$(echo "$t1 - $t0" | bc); sum=$(echo "$sum + $t" | bc)
        if (($(echo "$t > $max" | bc))); then max=$t; at=$v; fi
    done
    total=$(echo "$total + $sum" | bc)
    printf '%-32s cold runs: %6.1f s in all, slowest %5.1f s (at %s)\n' "$1" "$sum" "$max" "$at"
done
printf '%-32s cold runs: %6.1f s in all\n' "all three ranges" "$total"
sweeps=0
for vary in h1b-ready-to-work.budget=275000:675000:10000 wioa-dislocated-worker.budget=80000:280000:5000 wioa-adult.budget=100000:300000:5000; do
    t0=$(now); "$braid" sweep "$scenario" --vary "$vary" --format csv >/dev/null; t1=$(now)
    t=$(echo "$t1 - $t0" | bc); sweeps=$(echo "$sweeps + $t" | bc)
    printf '%-32s 41-point sweep: %5.1f s\n' "${vary%%=*}" "$t"
done
printf '%-32s 41-point sweeps: %5.1f s in all\n' "all three ranges" "$sweeps"
