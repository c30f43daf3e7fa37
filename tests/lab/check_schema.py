#!/usr/bin/python3
"""Checks resources/scenario.schema.json with a standard validator (python3-jsonschema, Draft 2020-12):
the schema itself is valid, every built-in scenario conforms, and files that haggle-cli refuses for reasons a
schema can express are refused by the schema too (and vice versa for the good ones).

Usage: check_schema.py SOURCE_DIR HAGGLE_CLI
"""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

source = pathlib.Path(sys.argv[1])
cli = sys.argv[2]
schema = json.loads((source / "resources" / "scenario.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = []
builtins = sorted((source / "resources" / "scenarios").glob("*.json"))
assert len(builtins) >= 6, builtins
for path in builtins:
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    if errors:
        failures.append(f"{path.name}: {errors[0].message}")

base = json.loads((source / "resources" / "scenarios" / "trust-fall-always.json").read_text())


def mutated(edit):
    doc = copy.deepcopy(base)
    edit(doc)
    return doc


bad = {
    "negative budget": mutated(lambda d: d["agents"][0].__setitem__("budget", -1)),
    "unknown strategy": mutated(lambda d: d["agents"][0]["strategy"].__setitem__("type", "sneaky")),
    "missing strategy": mutated(lambda d: d["agents"][0].pop("strategy")),
    "budget as text": mutated(lambda d: d["agents"][0].__setitem__("budget", "fifty")),
    "unknown field": mutated(lambda d: d.__setitem__("colour", "red")),
    "urgency above 1": mutated(lambda d: d["agents"][1].__setitem__("urgency", 2)),
    "zero rounds": mutated(lambda d: d.__setitem__("rounds", 0)),
    "parameter out of range": mutated(
        lambda d: d["agents"][5]["strategy"]["params"].__setitem__("cheat_probability", 3)),
    "parameter of another strategy": mutated(
        lambda d: d["agents"][0]["strategy"]["params"].__setitem__("greed_factor", 0.5)),
    "role and agents": mutated(lambda d: d["demand"]["rules"][0].__setitem__("role", "honest")),
    "wrong version": mutated(lambda d: d.__setitem__("version", 3)),
    "unknown mechanism": mutated(lambda d: d["mechanism"].__setitem__("type", "cda")),
    "fractional turn limit": mutated(lambda d: d["mechanism"]["params"].__setitem__("max_turns", 2.5)),
    "unknown settlement parameter": mutated(lambda d: d["settlement"]["params"].__setitem__("escrow", 1)),
    "reputation parameter out of range": mutated(lambda d: d["reputation"]["params"].__setitem__("reward", 2)),
    "unknown reputation model": mutated(lambda d: d["reputation"].__setitem__("model", "eigentrust")),
    "turn limit at the top in version 2": mutated(lambda d: d.__setitem__("max_turns", 6)),
    "version-1 reputation constants in version 2": mutated(lambda d: d["reputation"].__setitem__("reward", 0.2)),
    "mechanism section in version 1": mutated(lambda d: d.__setitem__("version", 1)),
    "one agent": mutated(lambda d: d.__setitem__("agents", d["agents"][:1])),
    "LLM timeout of 0": mutated(lambda d: d.__setitem__("llm", {"timeout": 0})),
    "LLM key in the scenario": mutated(lambda d: d.__setitem__("llm", {"api_key_env": "sk-123 456"})),
    "unknown LLM field": mutated(lambda d: d.__setitem__("llm", {"key": "sk-1"})),
    "LLM retries beyond 10": mutated(lambda d: d.__setitem__("llm", {"retries": 11})),
}
with tempfile.TemporaryDirectory() as tmp:
    for name, doc in bad.items():
        if validator.is_valid(doc):
            failures.append(f"schema accepts a bad file: {name}")
        path = pathlib.Path(tmp) / "bad.json"
        path.write_text(json.dumps(doc))
        result = subprocess.run([cli, "validate", str(path)], capture_output=True, text=True)
        if result.returncode != 2:
            failures.append(f"haggle-cli accepts a bad file: {name} (exit {result.returncode})")
    # The LLM example (not a built-in: it needs a model server) conforms too.
    for path in builtins + [source / "resources" / "llm" / "market.json"]:
        if path.parent.name == "llm" and not validator.is_valid(json.loads(path.read_text())):
            failures.append(f"{path.name}: the schema refuses it")
        result = subprocess.run([cli, "validate", str(path)], capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(f"haggle-cli refuses {path.name}: {result.stderr.strip()}")

checked = len(builtins) + len(bad)
print(f"{checked - len(failures)} passed, {len(failures)} failed")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
