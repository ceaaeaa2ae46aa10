#!/usr/bin/env bash
# Issue 27, goal 4: reading a roster and deciding eligibility at scale (release build), from the
# times `BRAID_VERBOSE=1 braid check` logs for its two steps; the median of RUNS for each size.
# Usage: bench/load-eligibility.sh [N ...]   (default: 100000)
# Environment: RUNS (default 5), BRAID (another build of braid to time against, interleaved).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
braids=(.build/release/braid); [ -n "${BRAID:-}" ] && braids+=("$BRAID")
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000)
runs=${RUNS:-5}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '| N | braid | loading (s) | eligibility (s) | together (s) | whole check (s) | peak memory (MB) |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for n in "${sizes[@]}"; do
    dir="$out/gen$n"
    "${braids[0]}" generate --participants "$n" --seed 7 --output "$dir" >/dev/null
    for b in "${!braids[@]}"; do : > "$out/times$b"; done
    for r in $(seq "$runs"); do
        for b in "${!braids[@]}"; do
            BRAID_VERBOSE=1 /usr/bin/time -f "%e %M" -o "$out/time" "${braids[$b]}" check "$dir" >/dev/null 2> "$out/log"
            read -r seconds kb < "$out/time"
            load=$(awk '/^loaded:/ {print $2}' "$out/log"); elig=$(awk '/^eligibility:/ {print $2}' "$out/log")
            echo "$load $elig $seconds $kb" >> "$out/times$b"
        done
    done
    for b in "${!braids[@]}"; do
        f="$out/times$b"
        load=$(awk '{print $1}' "$f" | median); elig=$(awk '{print $2}' "$f" | median)
        both=$(awk '{print $1 + $2}' "$f" | median); whole=$(awk '{print $3}' "$f" | median)
        mb=$(awk '{print $4 / 1024}' "$f" | median)
        printf '| %s | %s | %s | %s | %.3f | %s | %.0f |\n' "$n" "${braids[$b]}" "$load" "$elig" "$both" "$whole" "$mb"
    done
done
