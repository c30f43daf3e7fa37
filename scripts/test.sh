#!/usr/bin/env bash
# The README's test command: install dependencies, configure, build and run every test.
# Runs the whole suite under AddressSanitizer+UBSan (assertions on, warnings as errors, the package checks and the
# benchmarks' smoke runs included), then the threaded tests under ThreadSanitizer (the tsan build preset builds only
# those; see docs/reliability.md). A plain debug build of the same suite is `scripts/test.sh dev`.
# Usage: scripts/test.sh [preset...]   (default: asan tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

presets=("$@")
if [ ${#presets[@]} -eq 0 ]; then
    presets=(asan tsan)
fi

export QT_QPA_PLATFORM=offscreen
for preset in "${presets[@]}"; do
    echo "== ${preset}: configure, build, test"
    cmake --preset "${preset}"
    cmake --build --preset "${preset}"
    ctest --preset "${preset}"
done
