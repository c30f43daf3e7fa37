#!/usr/bin/python3
"""Checks that `haggle-cli run --hashes` reproduces the golden state hashes (state-hashes.tsv) round by round: each
one-run entry once, and each trials entry with 1, 2, 3 and 8 threads. Whatever the build (dev, release, asan,
tsan), the same file is the reference, so the builds agree with each other when each of them passes.
Usage: check_cli_hashes.py HAGGLE_CLI [GOLDEN_FILE]
"""
import collections
import os
import pathlib
import subprocess
import sys

cli = sys.argv[1]
golden = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else pathlib.Path(__file__).resolve().parent / "state-hashes.tsv")
THREADS = (1, 2, 3, 8)
TIME_LIMIT = 300  # seconds per command; each takes well under a second in a debug build

# Group the file's lines by (scenario, kind): kind "run" lines have 3 fields, "trials" lines 5.
expected = collections.OrderedDict()
for number, line in enumerate(golden.read_text().splitlines(), 1):
    if not line or line.startswith("#"):
        continue
    fields = line.split("\t")
    if len(fields) not in (3, 5):
        sys.exit(f"{golden}:{number}: expected 3 or 5 tab-separated fields, got {len(fields)}")
    key = (fields[0], "run" if len(fields) == 3 else "trials")
    expected.setdefault(key, []).append("\t".join(fields[1:]))

env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
failures, checked = [], 0
for (scenario, kind), lines in expected.items():
    rounds = max(int(line.split("\t")[-2]) for line in lines)
    base = [cli, "run", f"builtin:{scenario}", "--rounds", str(rounds), "--hashes"]
    commands = [base]
    if kind == "trials":
        trials = max(int(line.split("\t")[0]) for line in lines) + 1
        commands = [base + ["--trials", str(trials), "--threads", str(t)] for t in THREADS]
    for command in commands:
        shown = " ".join(command[1:])
        r = subprocess.run(command, capture_output=True, text=True, timeout=TIME_LIMIT, env=env)
        if r.returncode != 0:
            failures.append(f"{shown}: exit {r.returncode}: {r.stderr.strip()}")
            continue
        got = r.stdout.splitlines()
        checked += len(got)
        if got == lines:
            continue
        for i, (want, have) in enumerate(zip(lines, got)):
            if want != have:
                failures.append(f"{shown}: line {i + 1}: expected '{want}', got '{have}'")
                break
        else:
            failures.append(f"{shown}: expected {len(lines)} lines, got {len(got)}")

for f in failures:
    print("FAIL", f)
print(f"{checked} state hashes checked against {golden.name}, {len(failures)} commands differ")
sys.exit(1 if failures else 0)
