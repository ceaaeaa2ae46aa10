#!/usr/bin/env bash
# Records Braid's outputs on the shipped data and on generated scenarios, or compares them
# with a recording: the check that a refactor changes no byte of what Braid writes.
# Usage: scripts/same-bytes.sh record DIR     write every output into DIR
#        scripts/same-bytes.sh check DIR      write them again and compare with DIR
# Environment: BRAID (default .build/release/braid, built when missing), QUICK=1 leaves out
#              the 10,000-applicant runs and the 41-point sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?record or check}; dir=${2:?a folder}
braid=${BRAID:-.build/release/braid}
[ -x "$braid" ] || swift build -c release >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
case "$mode" in
    record) out=$dir; mkdir -p "$out" ;;
    check) out=$work/out; mkdir "$out" ;;
    *) echo "usage: $0 record|check DIR" >&2; exit 1 ;;
esac
for s in Scenarios/*/scenario.yaml; do
    name=$(basename "$(dirname "$s")")
    for f in json table csv markdown html; do
        "$braid" run "$s" --format "$f" > "$out/run-$name.$f"
    done
    "$braid" eligibility "$s" --format json > "$out/eligibility-$name.json"
    first=$(sed -n 2p "$(dirname "$s")/participants.csv" | cut -d, -f1)
    "$braid" explain "$s" --participant "$first" > "$out/explain-$name.txt"
done
for w in Scenarios/what-if/*.yaml; do
    name=$(basename "$w" .yaml)
    "$braid" run "$w" --format json > "$out/run-whatif-$name.json"
    for f in json table html; do
        "$braid" compare "$w" --format "$f" > "$out/compare-$name.$f"
    done
done
if [ -z "${QUICK:-}" ]; then
    gen=$work
    "$braid" generate --participants 10000 --seed 7 --output "$gen/g" > /dev/null
    "$braid" run "$gen/g" --format json > "$out/gen10000-exact.json"
    "$braid" run "$gen/g" --format json --gap 0.001 > "$out/gen10000-gap.json"
    "$braid" sweep Scenarios/indiana-advanced-manufacturing --vary h1b-ready-to-work.budget=275000:675000:10000 \
        --format json > "$out/sweep-indiana-h1b.json"
fi
if [ "$mode" = check ]; then
    if diff -rq "$dir" "$out"; then echo "same bytes: $(ls "$out" | wc -l) outputs"; else exit 1; fi
fi
