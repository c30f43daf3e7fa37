#!/usr/bin/env bash
# Installs the Debian 12 packages Haggle needs to build, test and run.
# Idempotent: packages already present are skipped, so a second run only checks.
# Called by the README's run and test commands (scripts/run.sh, scripts/test.sh).
set -euo pipefail

packages=(
    build-essential
    cmake
    ninja-build
    lld
    pkg-config
    qt6-base-dev
    qt6-base-dev-tools
    qt6-charts-dev
    libqt6opengl6-dev
    qt6-svg-dev
    libgl-dev
    nlohmann-json3-dev
    libbenchmark-dev
    libboost-dev
    libgraphviz-dev
    libsqlite3-dev
    sqlite3
    libssl-dev
    libopenmpi-dev
    openmpi-bin
    clang-format
    python3-jsonschema
    desktop-file-utils
    appstream
    file
    dpkg-dev
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
