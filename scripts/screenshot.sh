#!/usr/bin/env bash
# Takes the README's screenshot of the real window under Xvfb: the trust-fall example running, honest_alice
# selected (her reputation table shows the cheater below her threshold). Needs xvfb, xdotool and imagemagick
# (installed here if missing); a documentation helper, not part of the build or the tests.
# Usage: scripts/screenshot.sh [OUTPUT.png]    (default docs/screenshot-trust-fall.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshot-trust-fall.png}"

for tool in Xvfb xdotool import; do
    if ! command -v "$tool" > /dev/null; then
        sudo_cmd=""
        [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get install -y -q xvfb xdotool imagemagick > /dev/null
        break
    fi
done
cmake --preset release > /dev/null
cmake --build --preset release --target haggle > /dev/null

display=":97"
Xvfb "$display" -screen 0 1600x1000x24 > /dev/null 2>&1 &
xvfb=$!
config=$(mktemp -d)
trap 'kill "$xvfb" 2> /dev/null; kill "$app" 2> /dev/null; rm -rf "$config"' EXIT
sleep 1
export DISPLAY="$display" XDG_CONFIG_HOME="$config"
build/release/bin/haggle -geometry 1600x1000+0+0 resources/scenarios/trust-fall-always.json > /dev/null 2>&1 &
app=$!
sleep 3
xdotool mousemove 52 738 click 1   # honest_alice in the Agents table
sleep 0.5
xdotool mousemove 185 33 click 1   # Run (10 rounds a second by default)
sleep 4.2                          # about round 40 of 60
import -window root "$out"
echo "wrote $out"
