#!/usr/bin/env bash
# Builds the .deb and .tar.gz with CPack and checks them: the .deb declares Qt 6 runtime dependencies (found by
# dpkg-shlibdeps), and both archives hold the programs, scenarios and desktop files. The .deb is unpacked with
# dpkg-deb -x into a temporary folder (installing it would change the machine the tests run on).
# Usage: check_package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {
    local what="$1"
    shift
    if "$@" > /dev/null 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what"
    fi
}

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work" > cpack.log 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/*.deb | head -1)
tgz=$(ls "$work"/*.tar.gz | head -1)
check "a .deb was built" test -f "$deb"
check "a .tar.gz was built" test -f "$tgz"
depends=$(dpkg-deb -f "$deb" Depends)
check "the .deb depends on Qt 6 Widgets" sh -c "echo '$depends' | grep -q libqt6widgets6"
check "the .deb depends on Qt 6 Charts" sh -c "echo '$depends' | grep -q libqt6charts6"
check "the .deb is in section science" test "$(dpkg-deb -f "$deb" Section)" = science
dpkg-deb -x "$deb" "$work/root"
check "the .deb has haggle" test -x "$work/root/usr/bin/haggle"
check "the .deb has haggle-cli" test -x "$work/root/usr/bin/haggle-cli"
check "the .deb has the scenarios" test -f "$work/root/usr/share/haggle/scenarios/trust-fall-always.json"
check "the .deb has the desktop entry" test -f "$work/root/usr/share/applications/io.haggle.Haggle.desktop"
check "the .deb has the man page" test -f "$work/root/usr/share/man/man1/haggle-cli.1.gz"
check "the unpacked haggle-cli runs" env QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/haggle-cli" run builtin:handshake
check "the .tar.gz has haggle-cli" sh -c "tar tzf '$tgz' | grep -q 'bin/haggle-cli$'"
echo "$passed passed, $failed failed"
test "$failed" -eq 0
