#!/usr/bin/python3
"""Runs `haggle-cli validate` and `haggle-cli run --out` on every hostile scenario file (the committed ones here and
the large ones make_hostile.py generates into a temporary folder) and checks that each is refused cleanly: exit
code 2, a message naming the file and the JSON path (or words) listed in expected.tsv, nothing written, within a
time limit and a memory limit (2 GiB of address space; under AddressSanitizer, 2 GiB resident).
Usage: check_hostile.py HAGGLE_CLI
"""
import os
import pathlib
import resource
import subprocess
import sys
import tempfile

cli = sys.argv[1]
here = pathlib.Path(__file__).resolve().parent
TIME_LIMIT = 30  # seconds per file; the reader needs well under a second for any of them
MEMORY_LIMIT = 2 * 1024**3


# Under AddressSanitizer (the asan preset sets ASAN_OPTIONS) an address-space limit would stop ASan reserving its
# shadow memory, so the limit becomes ASan's own resident-memory limit instead.
sanitized = "ASAN_OPTIONS" in os.environ
env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
if sanitized:
    env["ASAN_OPTIONS"] = os.environ["ASAN_OPTIONS"] + f":hard_rss_limit_mb={MEMORY_LIMIT // 1024**2}"
    env["UBSAN_OPTIONS"] = os.environ.get("UBSAN_OPTIONS", "")


def limit():
    if not sanitized:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cases(folder):
    lines = (folder / "expected.tsv").read_text().splitlines()[1:]
    return [(folder / line.split("\t")[0], line.split("\t", 1)[1]) for line in lines if line]


passed, failed = 0, []
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    subprocess.run([sys.executable, str(here / "make_hostile.py"), "--large", str(tmp / "large")], check=True,
                   capture_output=True)
    all_cases = cases(here) + cases(tmp / "large")
    for path, expected in all_cases:
        out = tmp / "out"
        for args in (["validate", str(path)], ["run", str(path), "--out", str(out)]):
            try:
                r = subprocess.run([cli] + args, capture_output=True, timeout=TIME_LIMIT, preexec_fn=limit, env=env)
            except subprocess.TimeoutExpired:
                failed.append(f"{path.name} ({args[0]}): no answer within {TIME_LIMIT} s")
                continue
            err = r.stderr.decode("utf-8", "replace")
            problems = []
            if r.returncode != 2:
                problems.append(f"exit {r.returncode}, expected 2")
            if path.name not in err:
                problems.append("the message does not name the file")
            if expected not in err:
                problems.append(f"the message does not say '{expected}'")
            if out.exists():
                problems.append("it wrote output")
            if problems:
                failed.append(f"{path.name} ({args[0]}): " + "; ".join(problems) + f" [{err.strip()[:200]}]")
            else:
                passed += 1
    if len(all_cases) < 40:
        failed.append(f"only {len(all_cases)} hostile files")
print(f"{passed} passed, {len(failed)} failed")
for f in failed:
    print("FAIL:", f)
sys.exit(1 if failed else 0)
