#!/usr/bin/env bash
# Retakes the README's screenshots of the real window under Xvfb. Needs xvfb, xdotool and imagemagick (installed
# here if missing); a documentation helper, not part of the build or the tests.
#   docs/screenshot-trust-fall.png  the always-cheater demo, deal graph, honest_alice selected, mid-run
#   docs/screenshot-rush-hour.png   the rush-hour demo, live charts, after the run
#   docs/screenshot-subtle.png      the 5% cheater demo, live charts, after the run
# Usage: scripts/screenshot.sh [OUTPUT_DIR]    (default docs)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs}"

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
app=""
trap 'kill "$xvfb" 2> /dev/null; [ -n "$app" ] && kill "$app" 2> /dev/null; rm -rf "$config"' EXIT
sleep 1
export DISPLAY="$display" XDG_CONFIG_HOME="$config"

# shoot FILE SCENARIO TAB_X ROW_Y SECONDS: open the scenario, pick a centre tab (x of its label; 0 keeps the deal
# graph), select the agent row at y (0 for none), press Run (10 rounds a second) and grab the screen after SECONDS.
shoot() {
    rm -rf "$config/Haggle"
    build/release/bin/haggle -geometry 1600x1000+0+0 "resources/scenarios/$2" > /dev/null 2>&1 &
    app=$!
    sleep 3
    [ "$3" != 0 ] && xdotool mousemove "$3" 65 click 1
    [ "$4" != 0 ] && xdotool mousemove 52 "$4" click 1
    sleep 0.5
    xdotool mousemove 185 33 click 1
    sleep "$5"
    import -window root "$out/$1"
    kill "$app"
    wait "$app" 2> /dev/null || true
    app=""
    echo "wrote $out/$1"
}

shoot screenshot-trust-fall.png trust-fall-always.json 0 734 3.2
shoot screenshot-rush-hour.png rush-hour.json 490 0 4
shoot screenshot-subtle.png trust-fall-subtle.json 490 0 11
