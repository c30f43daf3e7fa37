#!/usr/bin/env bash
# The README's run command: install dependencies, build (release), and run the lab.
# With a display, it opens the desktop lab (`haggle`) on its default scenario. Without one (a server, CI, ssh), it
# runs every experiment headless (the reference experiments, the studies and real-compute): tables on the terminal,
# data and charts in results/ (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    cmake --build --preset release --target haggle
    exec build/release/bin/haggle "$@"
fi

cmake --build --preset release --target haggle-cli
out="${1:-results}"
build/release/bin/haggle-cli experiment all --out "${out}"
# Timed on this machine, so left out of `all` (which the seed alone determines): about 35 s.
build/release/bin/haggle-cli experiment real-compute --out "${out}/real-compute"
echo
echo "No display found, so the experiments ran headless."
echo "Results and charts: ${out}/ (summary.json, CSV files, PNG charts per experiment)"
