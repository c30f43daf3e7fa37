#!/usr/bin/env bash
# Retakes the README's screenshots of the real window under Xvfb. Needs xvfb, xdotool and imagemagick (installed
# here if missing); a documentation helper, not part of the build or the tests.
#   docs/screenshot-trust-fall.png  the always-cheater demo, deal graph, honest_alice selected, mid-run
#   docs/screenshot-rush-hour.png   the rush-hour demo, live charts, after the run
#   docs/screenshot-subtle.png      the 5% cheater demo, live charts, after the run
#   docs/screenshot-1280x720.png    the rush-hour demo's charts on a 1280x720 projector, every dock open
#   docs/screenshot-1920x1080.png   the always-cheater demo's charts at 1920x1080, every dock open
# Examples open at their own speed (their presentation section), so the waits below follow it.
# Usage: [HAGGLE_BIN=build/dev/bin/haggle] scripts/screenshot.sh [OUTPUT_DIR]    (default docs)
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
# HAGGLE_BIN=path/to/haggle uses a build at hand instead of building the release preset.
bin="${HAGGLE_BIN:-build/release/bin/haggle}"
if [ -z "${HAGGLE_BIN:-}" ]; then
    cmake --preset release > /dev/null
    cmake --build --preset release --target haggle > /dev/null
fi

# start WxH: a fresh X server of that size (the previous one, if any, stopped).
xvfb=""
config=$(mktemp -d)
app=""
trap '[ -n "$xvfb" ] && kill "$xvfb" 2> /dev/null; [ -n "$app" ] && kill "$app" 2> /dev/null; rm -rf "$config"' EXIT
display=":97"
start() {
    [ -n "$xvfb" ] && { kill "$xvfb"; wait "$xvfb" 2> /dev/null || true; }
    Xvfb "$display" -screen 0 "$1x24" > /dev/null 2>&1 &
    xvfb=$!
    geometry="$1"
    sleep 1
}
export DISPLAY="$display" XDG_CONFIG_HOME="$config"

# shoot FILE SCENARIO TAB_X,TAB_Y ROW_Y SECONDS [CHART_X,CHART_Y]: open the scenario, pick a centre tab (its label's
# position; 0 keeps the deal graph), select the agent row at y (0 for none), press Run, and after SECONDS pick a
# page of the Charts panel (if given) and grab the screen.
shoot() {
    rm -rf "$config/Haggle"
    "$bin" -geometry "${geometry}+0+0" "resources/scenarios/$2" > /dev/null 2>&1 &
    app=$!
    sleep 3
    [ "$3" != 0 ] && xdotool mousemove ${3/,/ } click 1
    [ "$4" != 0 ] && xdotool mousemove 52 "$4" click 1
    sleep 0.5
    xdotool mousemove 185 33 click 1
    sleep "$5"
    [ -n "${6:-}" ] && { xdotool mousemove ${6/,/ } click 1; sleep 1; }
    import -window root "$out/$1"
    kill "$app"
    wait "$app" 2> /dev/null || true
    app=""
    echo "wrote $out/$1"
}

start 1600x1000
shoot screenshot-trust-fall.png trust-fall-always.json 0 700 6.5
shoot screenshot-rush-hour.png rush-hour.json 466,105 0 16 625,130
shoot screenshot-subtle.png trust-fall-subtle.json 466,105 0 11 523,130
start 1280x720
shoot screenshot-1280x720.png rush-hour.json 466,119 0 16
start 1920x1080
shoot screenshot-1920x1080.png trust-fall-always.json 466,105 0 16
