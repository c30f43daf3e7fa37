#!/usr/bin/env bash
# Installs the build into a temporary prefix and checks what a user would rely on: both programs, the scenarios,
# the desktop entry (desktop-file-validate), the metainfo (appstreamcli validate), the icons, the man page, one
# version for both programs, and that the installed haggle-cli runs a built-in scenario from its installed place.
# Usage: check_install.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version="$2"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
passed=0
failed=0
check() { # description, command...
    local what="$1"
    shift
    if "$@" > /dev/null 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what"
    fi
}

cmake --install "$build" --prefix "$prefix" > /dev/null
share="$prefix/share"
check "haggle installed" test -x "$prefix/bin/haggle"
check "haggle-cli installed" test -x "$prefix/bin/haggle-cli"
for s in handshake scarcity rush-hour trust-fall-always trust-fall-subtle; do
    check "scenario $s installed" test -f "$share/haggle/scenarios/$s.json"
done
check "schema installed" test -f "$share/haggle/scenario.schema.json"
check "sweep schema installed" test -f "$share/haggle/sweep.schema.json"
check "example sweeps installed" test -f "$share/haggle/sweeps/cheat-rate-x-threshold.json"
check "LLM example installed" test -f "$share/haggle/llm/market.json"
check "prompt templates installed" test -f "$share/haggle/prompts/engineered.prompt"
check "desktop entry valid" desktop-file-validate "$share/applications/io.haggle.Haggle.desktop"
check "metainfo valid" appstreamcli validate --no-net "$share/metainfo/io.haggle.Haggle.metainfo.xml"
check "scalable icon" test -f "$share/icons/hicolor/scalable/apps/io.haggle.Haggle.svg"
for size in 16 32 48 64 128 256; do
    check "${size}px icon is a ${size}x${size} PNG" \
        sh -c "file '$share/icons/hicolor/${size}x${size}/apps/io.haggle.Haggle.png' | grep -q '${size} x ${size}'"
done
check "man page" sh -c "zcat '$share/man/man1/haggle-cli.1.gz' | grep -q 'Haggle $version'"
check "licence and readme" test -f "$share/doc/haggle/LICENSE"
check "the Help menu's documents" test -f "$share/doc/haggle/model.md" -a -f "$share/doc/haggle/scenario-format.md" \
    -a -f "$share/doc/haggle/sweeps.md" -a -f "$share/doc/haggle/cluster.md"

export QT_QPA_PLATFORM=offscreen
cli_version=$("$prefix/bin/haggle-cli" --version)
app_version=$("$prefix/bin/haggle" --version)
check "haggle-cli --version is $version" test "$cli_version" = "haggle-cli $version"
check "haggle --version is $version" test "$app_version" = "Haggle $version"

out="$prefix/run"
check "installed haggle-cli runs an installed scenario" \
    "$prefix/bin/haggle-cli" run "$share/haggle/scenarios/rush-hour.json" --rounds 12 --json --out "$out"
check "the run wrote its files" test -f "$out/rounds.csv" -a -f "$out/deals.graphml" -a -f "$out/wealth.png"
check "the run's JSON has 12 rounds" sh -c \
    "'$prefix/bin/haggle-cli' run '$share/haggle/scenarios/rush-hour.json' --rounds 12 --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)[\"rounds\"]) == 12'"

echo "$passed passed, $failed failed"
test "$failed" -eq 0
