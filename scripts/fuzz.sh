#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of Braid's input readers.
#
#   scripts/fuzz.sh [scenario|roster|expression|arguments|result|all] [seconds]     (defaults: all, 600 s per target)
#
# Builds the harnesses of Fuzz/ (a package of its own, so the root package's build and tests never
# see them) into .build-fuzz/, then runs each target in turn, in one process (one core):
#   scenario    scenario YAML text → YAMLValue.parse → Scenario.load(root:) beside a valid roster
#   roster      arbitrary bytes → CSVReader.parse and Roster.load (file reader, header, every field)
#   expression  UTF-8 text → ExpressionParser.parse → PolicySet.compile → evaluate
#   arguments   UTF-8 text → a --vary axis (line 1) and --set overrides → the default scenario
#   result      arbitrary bytes → ResultReader.read (verify's JSON reader) → Verifier
# Seeds come from Fuzz/corpus/<target>/ (read only); what libFuzzer adds goes to
# .build-fuzz/corpus/<target>/ and is kept between runs. A crash, a hang longer than the timeout or
# a sanitizer report is written to Fuzz/crashes/<target>-<kind>-<sha1>; replay one with
#   ASAN_OPTIONS=detect_leaks=0 .build-fuzz/release/Fuzz<Target> Fuzz/crashes/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-all}
seconds=${2:-600}
scratch=.build-fuzz
case "$target" in
    all) targets=(scenario roster expression arguments result) ;;
    scenario | roster | expression | arguments | result) targets=("$target") ;;
    *) echo "usage: scripts/fuzz.sh [scenario|roster|expression|arguments|result|all] [seconds]" >&2; exit 1 ;;
esac

./scripts/install-deps.sh
# -sanitize=fuzzer,address instruments every Swift module (Braid's and Yams') and links libFuzzer;
# -Xcc does the same for C (Yams' libyaml, the GLPK shim). -enable-testing lets the roster harness
# reach the internal CSVReader and Roster. lld: gold fails with an internal error on these links.
swift build -c release --package-path Fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -use-ld=lld \
    -Xcc -fsanitize=fuzzer-no-link,address

mkdir -p Fuzz/crashes "$scratch/logs"
status=0
for t in "${targets[@]}"; do
    binary="$scratch/release/Fuzz${t^}"
    corpus="$scratch/corpus/$t"
    log="$scratch/logs/$t.log"
    mkdir -p "$corpus"
    case "$t" in
        expression | arguments) max_len=512 ;;
        *) max_len=16384 ;;  # the shipped scenarios are under 5 KB; a 50-line roster head is about 12 KB
    esac
    echo "== $t: ${seconds}s, max_len $max_len, log $log"
    # Swift's own backtracer would race libFuzzer's deadly-signal handler; libFuzzer and ASan report.
    # No leak checking: LeakSanitizer cannot follow Swift's indirect-enum payload pointers (they
    # carry tag bits), so the compiled rule trees of the shared policy set show up as "direct leaks".
    set +e
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$binary" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
        -dict="Fuzz/$t.dict" -artifact_prefix="Fuzz/crashes/$t-" -print_final_stats=1 \
        "$corpus" "Fuzz/corpus/$t" >"$log" 2>&1
    code=$?
    set -e
    # The last status line has cov:, ft:, corp: and exec/s; the final stats have the totals.
    grep -E '^#[0-9]+' "$log" | tail -n 1 || true
    grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
    echo "corpus: $(find "$corpus" -type f | wc -l) files in $corpus"
    if [ "$code" -ne 0 ]; then
        status=1
        echo "FOUND A PROBLEM (libFuzzer exit $code):"
        grep -E 'ERROR: |SUMMARY: |deadly signal|Fatal error|Swift runtime failure|Test unit written' "$log" ||
            tail -n 40 "$log"
    else
        echo "no crash, hang or sanitizer report"
    fi
done
exit "$status"
