#!/usr/bin/env bash
# The README's test command: install dependencies, configure, build and run every test.
# Runs the suite twice: the developer build (debug, warnings as errors) and the AddressSanitizer+UBSan build.
# Usage: scripts/test.sh [preset...]   (default: dev asan)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

presets=("$@")
if [ ${#presets[@]} -eq 0 ]; then
    presets=(dev asan)
fi

export QT_QPA_PLATFORM=offscreen
for preset in "${presets[@]}"; do
    echo "== ${preset}: configure, build, test"
    cmake --preset "${preset}"
    cmake --build --preset "${preset}"
    ctest --preset "${preset}"
done
