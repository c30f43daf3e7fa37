#!/usr/bin/env bash
# The README's test command: install dependencies, configure, build and run every test.
# Runs the suite in the developer build (debug, warnings as errors) and under AddressSanitizer+UBSan, then the
# threaded tests under ThreadSanitizer (the tsan build preset builds only those; see docs/reliability.md).
# Usage: scripts/test.sh [preset...]   (default: dev asan tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

presets=("$@")
if [ ${#presets[@]} -eq 0 ]; then
    presets=(dev asan tsan)
fi

export QT_QPA_PLATFORM=offscreen
for preset in "${presets[@]}"; do
    echo "== ${preset}: configure, build, test"
    cmake --preset "${preset}"
    cmake --build --preset "${preset}"
    ctest --preset "${preset}"
done
