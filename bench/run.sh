#!/usr/bin/env bash
# Benchmarks of `braid run` on synthetic scenarios (release build), with glpsol and HiGHS
# solving the exported model of the same scenario for comparison.
# Usage: bench/run.sh [N ...]   (default: 1000 10000). Needs glpk-utils; HiGHS via `pip install highspy`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
braid=.build/release/braid
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
out=$(mktemp -d)
printf '| N | braid run (s) | peak memory (MB) | status | served | glpsol MIP (s, 300 s limit) | HiGHS MIP (s) |\n| --- | --- | --- | --- | --- | --- | --- |\n'
for n in "${sizes[@]}"; do
    dir="$out/gen$n"
    $braid generate --participants "$n" --seed 7 --output "$dir"
    /usr/bin/time -f "%e %M" -o "$out/time" $braid run "$dir" --format json --output "$dir/result.json" --time-limit 300
    read -r seconds kb < "$out/time"
    status=$(python3 -c "import json;print(json.load(open('$dir/result.json'))['status'])")
    served=$(python3 -c "import json;print(len(json.load(open('$dir/result.json'))['served']))")
    $braid verify "$dir" "$dir/result.json" >/dev/null
    $braid export-model "$dir" --lp "$dir/model.lp"
    glp=$( { /usr/bin/time -f "%e" timeout 400 glpsol --lp "$dir/model.lp" --tmlim 300 >/dev/null; } 2>&1 | tail -1 )
    highs=$(python3 - "$dir/model.lp" <<'PY' 2>/dev/null || echo "n/a"
import sys, time
try:
    import highspy
except ImportError:
    print("n/a"); sys.exit()
h = highspy.Highs(); h.setOptionValue("output_flag", False); h.setOptionValue("time_limit", 300.0)
h.readModel(sys.argv[1]); t = time.time(); h.run(); print(f"{time.time()-t:.1f}")
PY
)
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$seconds" "$((kb / 1024))" "$status" "$served" "$glp" "$highs"
done
rm -rf "$out"
