#!/usr/bin/env bash
# The README's run command: install dependencies, build (release), and run the lab.
# The desktop lab is not built yet, so every machine gets the headless lab: the three reference experiments, with
# their tables on the terminal and their data and charts in results/ (or the directory given as $1).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release --target haggle-cli

out="${1:-results}"
build/release/bin/haggle-cli experiment all --out "${out}"
echo
echo "Results and charts: ${out}/ (summary.json, CSV files, PNG charts per experiment)"
