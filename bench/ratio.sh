#!/usr/bin/env bash
# braid run against HiGHS's LP relaxation of the monolithic model, interleaved (braid, HiGHS,
# braid, HiGHS, …) so that both see the same machine: on a shared VM the speed drifts by a third
# within minutes, and bench/run.sh times them minutes apart.
# Usage: bench/ratio.sh [N]   (default 10000; RUNS=3 pairs; needs `pip install highspy`)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}; runs=${RUNS:-3}
swift build -c release >/dev/null
braid=.build/release/braid
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
$braid generate --participants "$n" --seed 7 --output "$out/gen" >/dev/null
$braid export-model "$out/gen" --monolithic --mps "$out/model.mps"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
braid_times=(); highs_times=()
for r in $(seq "$runs"); do
    /usr/bin/time -f "%e" -o "$out/time" $braid run "$out/gen" --format json --output "$out/result.json" 2>/dev/null
    braid_times+=("$(cat "$out/time")")
    highs_times+=("$(python3 - "$out/model.mps" <<'PY' 2>/dev/null | tail -1
import sys, time, highspy
h = highspy.Highs(); h.setOptionValue("output_flag", False); h.readModel(sys.argv[1])
lp = h.getLp(); lp.integrality_ = []; h.passModel(lp)
t = time.time(); h.run(); print(f"{time.time() - t:.2f}")
PY
)")
done
b=$(printf '%s\n' "${braid_times[@]}" | median); h=$(printf '%s\n' "${highs_times[@]}" | median)
echo "N = $n; medians of $runs, interleaved"
echo "braid run:  $b s   (runs: ${braid_times[*]})"
echo "HiGHS LP:   $h s   (runs: ${highs_times[*]})"
echo "ratio:      $(echo "scale=2; $h / $b" | bc)x"
