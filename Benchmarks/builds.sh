#!/usr/bin/env bash
# The E-step against the C yardstick in each way a user builds EMLab, in one run:
#
#   plain     `swift build -c release` flags — what `make`, `swift run -c
#             release` and a package depending on EMLab all compile EMLab with
#             (the main Makefile passes no flags);
#   march     the same with `-march=native` given to Swift, as the Makefile
#             did before the kernels dispatched at run time (for comparison);
#   consumer  Tests/DependentPackage: a package depending on EMLab *by
#             version*, fitting 10^6 points for 50 fixed iterations.
#
# Each emlab-benchmarks build reports section 1 (the E-step pass against the
# C kernel at -O3 -march=native, timed in interleaved rounds) and section 3
# (a full fit, per iteration); ratios to C are within one process.
#   cd Benchmarks && ./builds.sh
set -euo pipefail
cd "$(dirname "$0")"
for build in plain march; do
    flags=()
    [ "$build" = march ] && flags=(-Xswiftc -Xcc -Xswiftc -march=native)
    echo "### build: $build ${flags[*]:-}"
    swift build -c release --scratch-path ".build-$build" ${flags[@]+"${flags[@]}"} 2>&1 | grep -E "error|Build complete" || true
    ".build-$build/release/emlab-benchmarks" --quick --sections 1,3 | grep -E "^\||^##"
    echo
done
echo "### build: consumer (versioned dependency, swift build -c release)"
../Tests/DependentPackage/check.sh --release | grep -E "speed|fit:"
