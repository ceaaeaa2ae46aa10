#!/usr/bin/env bash
# Benchmarks of `braid run` on synthetic scenarios (release build): end-to-end time (median of
# RUNS), time in the planner, peak memory, status and gap; and, on the monolithic model that
# `braid export-model --monolithic` writes, glpsol and HiGHS solving its LP relaxation (and the
# MIP at small N), with the ratios to braid.
# Usage: bench/run.sh [N ...]   (default: 1000 10000 50000 100000)
# Environment: RUNS (default 3), LIMIT (seconds for each external solve, default 300),
#              BRAID_ARGS (extra `braid run` arguments, e.g. "--method monolithic").
# Needs glpk-utils (glpsol) and, for HiGHS, `pip install highspy` (a benchmark helper only).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
braid=.build/release/braid
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000 100000)
runs=${RUNS:-3}; limit=${LIMIT:-300}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(swift --version 2>&1 | head -1 | sed 's/ (.*//')"
printf '| N | braid run (s, median of %s) | planner (s) | peak memory (MB) | status | gap | served | glpsol LP (s) | HiGHS LP (s) | LP / braid | glpsol MIP (s) | HiGHS MIP (s) |\n' "$runs"
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for n in "${sizes[@]}"; do
    dir="$out/gen$n"
    $braid generate --participants "$n" --seed 7 --output "$dir" >/dev/null
    : > "$out/times"
    for r in $(seq "$runs"); do
        # shellcheck disable=SC2086
        BRAID_VERBOSE=1 /usr/bin/time -f "%e %M" -o "$out/time" $braid run "$dir" --format json --output "$dir/result.json" --time-limit 600 ${BRAID_ARGS:-} 2> "$out/log"
        read -r seconds kb < "$out/time"
        planner=$(awk -F'[][ ]+' '/model built/ {a=$2} /plan built/ {b=$2} END {printf "%.2f", b-a}' "$out/log")
        echo "$seconds $kb $planner" >> "$out/times"
    done
    seconds=$(cut -d' ' -f1 "$out/times" | median); kb=$(cut -d' ' -f2 "$out/times" | median); planner=$(cut -d' ' -f3 "$out/times" | median)
    read -r status gap served < <(python3 -c "import json;d=json.load(open('$dir/result.json'));print(d['status'], '%.2g' % d['gap'], len(d['served']))")
    $braid verify "$dir" "$dir/result.json" >/dev/null
    $braid export-model "$dir" --monolithic --lp "$dir/model.lp" --mps "$dir/model.mps"
    glplp=$( { /usr/bin/time -f "%e" timeout $((limit + 30)) glpsol --lp "$dir/model.lp" --nomip --tmlim "$limit" >/dev/null; } 2>&1 | tail -1 )
    highs=$(python3 - "$dir/model.mps" "$limit" "$n" <<'PY' 2>/dev/null || echo "n/a n/a"
import sys, time
try:
    import highspy
except ImportError:
    print("n/a n/a"); sys.exit()
def solve(relax):
    h = highspy.Highs(); h.setOptionValue("output_flag", False); h.setOptionValue("time_limit", float(sys.argv[2]))
    h.readModel(sys.argv[1])
    if relax:
        lp = h.getLp(); lp.integrality_ = []; h.passModel(lp)
    t = time.time(); h.run(); e = time.time() - t
    return f"{e:.1f}" if h.getModelStatus() == highspy.HighsModelStatus.kOptimal else f">{e:.0f}"  # (no space: one field)
print(solve(True), solve(False) if int(sys.argv[3]) <= 1000 else "-")
PY
)
    highs=$(tail -1 <<< "$highs")  # HiGHS prints a banner whatever output_flag says
    read -r highslp highsmip <<< "$highs"
    glpmip="-"
    [ "$n" -le 1000 ] && glpmip=$( { /usr/bin/time -f "%e" timeout $((limit + 30)) glpsol --lp "$dir/model.lp" --tmlim "$limit" >/dev/null; } 2>&1 | tail -1 )
    ratio=$(python3 -c "
try: print('%.1fx' % (float('$highslp') / float('$seconds')))
except ValueError: print('-')")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$seconds" "$planner" "$((kb / 1024))" "$status" "$gap" "$served" "$glplp" "$highslp" "$ratio" "$glpmip" "$highsmip"
done
