#!/usr/bin/env python3
"""Writes the hostile scenario files in this folder and expected.tsv (file, the JSON path or words its error must
name). Each file is one way a scenario can be broken or built to hurt: broken JSON, wrong types, NaN and
infinities, negative and absurd values, duplicate ids, unknown strategies, deep nesting, huge strings and arrays,
a claimed million agents, invalid UTF-8. check_hostile.py runs haggle-cli on each.
The large cases (megabytes each) are not committed: check_hostile.py writes them to a temporary folder with
--large DIR before each run.
Usage: tests/hostile/make_hostile.py             (rewrites the small files and expected.tsv next to it)
       tests/hostile/make_hostile.py --large DIR  (writes the large files and their expected.tsv into DIR)
"""
import copy
import json
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
base = json.loads((here.parent.parent / "resources" / "scenarios" / "trust-fall-always.json").read_text())
cases = []  # (name, bytes, expected)
large = len(sys.argv) == 3 and sys.argv[1] == "--large"
LARGE = 100_000  # bytes: above this a case is generated at test time, not committed


def add(name, content, expected):
    if isinstance(content, (dict, list)):
        content = json.dumps(content, indent=1)
    if isinstance(content, str):
        content = content.encode("utf-8")
    if (len(content) > LARGE) == large:
        cases.append((name, content, expected))


def mutate(edit):
    doc = copy.deepcopy(base)
    edit(doc)
    return doc


text = json.dumps(base, indent=1)
add("empty", "", "line 1, column 1")
add("whitespace-only", "   \n\t ", "not valid JSON")
add("truncated", text[: len(text) // 2], "not valid JSON")
add("trailing-comma", text.replace('"rounds": 60,', '"rounds": 60,,'), "not valid JSON")
add("single-quotes", text.replace('"rounds"', "'rounds'"), "not valid JSON")
add("comment", "// a scenario\n" + text, "not valid JSON")
add("nan-literal", text.replace('"budget": 50.0', '"budget": NaN', 1), "not valid JSON")
add("infinity-literal", text.replace('"budget": 50.0', '"budget": Infinity', 1), "not valid JSON")
add("huge-exponent", text.replace('"budget": 50.0', '"budget": 1e999', 1), "number overflow")
add("top-level-array", [base], "expected an object")
add("top-level-string", '"scenario"', "expected an object")
add("wrong-format", mutate(lambda d: d.__setitem__("format", "gephi")), "format")
add("future-version", mutate(lambda d: d.__setitem__("version", 99)), "unsupported version 99")
add("version-as-string", mutate(lambda d: d.__setitem__("version", "1")), "version")
add("missing-agents", mutate(lambda d: d.pop("agents")), "missing required field 'agents'")
add("missing-seed", mutate(lambda d: d.pop("seed")), "missing required field 'seed'")
add("missing-budget", mutate(lambda d: d["agents"][2].pop("budget")), "agents[2].budget")
add("missing-strategy-type", mutate(lambda d: d["agents"][1]["strategy"].pop("type")), "agents[1].strategy.type")
add("budget-as-string", mutate(lambda d: d["agents"][0].__setitem__("budget", "lots")), "agents[0].budget")
add("budget-as-bool", mutate(lambda d: d["agents"][0].__setitem__("budget", True)), "agents[0].budget")
add("holdings-as-array", mutate(lambda d: d["agents"][0].__setitem__("holdings", [1, 2, 3])), "agents[0].holdings")
add("rounds-fractional", mutate(lambda d: d.__setitem__("rounds", 10.5)), "rounds")
add("negative-budget", mutate(lambda d: d["agents"][3].__setitem__("budget", -1)), "agents[3].budget")
add("negative-holdings", mutate(lambda d: d["agents"][0]["holdings"].__setitem__("gpu", -5)), "agents[0].holdings.gpu")
add("negative-seed", mutate(lambda d: d.__setitem__("seed", -42)), "seed")
add("seed-too-large", mutate(lambda d: d.__setitem__("seed", 18446744073709551616)), "seed")
add("zero-rounds", mutate(lambda d: d.__setitem__("rounds", 0)), "rounds")
add("absurd-rounds", mutate(lambda d: d.__setitem__("rounds", 10**15)), "rounds")
add("absurd-turns", mutate(lambda d: d.__setitem__("max_turns", 10**9)), "max_turns")
add("absurd-budget", mutate(lambda d: d["agents"][0].__setitem__("budget", 1e300)), "agents[0].budget")
add("urgency-above-one", mutate(lambda d: d["agents"][0].__setitem__("urgency", 7)), "agents[0].urgency")
add("probability-above-one", mutate(lambda d: d["demand"]["rules"][1].__setitem__("probability", 1.5)),
    "demand.rules[1].probability")
add("zero-reference-price", mutate(lambda d: d["market"]["reference_prices"].__setitem__("gpu", 0)),
    "market.reference_prices.gpu")
add("duplicate-id", mutate(lambda d: d["agents"][4].__setitem__("id", "honest_alice")), "agents[4].id")
add("empty-id", mutate(lambda d: d["agents"][4].__setitem__("id", "")), "agents[4].id")
add("unknown-strategy", mutate(lambda d: d["agents"][2]["strategy"].__setitem__("type", "oracle")),
    "agents[2].strategy.type")
add("unknown-parameter", mutate(lambda d: d["agents"][0]["strategy"]["params"].__setitem__("greed", 0.5)),
    "agents[0].strategy.params.greed")
add("parameter-out-of-range", mutate(lambda d: d["agents"][5]["strategy"]["params"].__setitem__("cheat_probability", -1)),
    "agents[5].strategy.params.cheat_probability")
add("unknown-field", mutate(lambda d: d["agents"][0].__setitem__("colour", "blue")), "agents[0].colour")
add("unknown-agent-in-demand", mutate(lambda d: d["demand"]["rules"][1]["agents"].__setitem__(0, "ghost")),
    "demand.rules[1].agents[0]")
add("overlapping-phases", mutate(lambda d: d["demand"].__setitem__("phases", [
    {"name": "a", "first_round": 1, "last_round": 10, "rules": []},
    {"name": "b", "first_round": 5, "last_round": 20, "rules": []}])), "demand.phases[1]")
add("phase-backwards", mutate(lambda d: d["demand"].__setitem__("phases", [
    {"name": "a", "first_round": 9, "last_round": 3, "rules": []}])), "demand.phases[0]")
add("one-agent", mutate(lambda d: d.__setitem__("agents", d["agents"][:1])), "at least 2 agents")
add("deep-nesting", '{"format": ' + "[" * 5000 + "]" * 5000 + "}", "nesting deeper than 32")
add("deep-objects", '{"format": ' + '{"a": ' * 3000 + "1" + "}" * 3000 + "}", "nesting deeper than 32")
add("huge-id", mutate(lambda d: d["agents"][0].__setitem__("id", "x" * 1_000_000)), "agents[0].id")
add("huge-description", mutate(lambda d: d.__setitem__("description", "y" * 2_000_000)), "description")
add("huge-rule-list", mutate(lambda d: d["demand"].__setitem__("rules",
    [{"probability": 0.5, "need": {"gpu": 1}}] * 20000)), "demand.rules")
# A million agents: 55 MB of copies of one short agent, refused by size before it is parsed.
million = '{"format": "haggle-scenario", "version": 1, "rounds": 10, "seed": 1, "agents": [' + \
    ",".join(['{"id": "a", "strategy": {"type": "fair"}, "budget": 1}'] * 1_000_000) + "]}"
add("million-agents", million, "file too large")
add("invalid-utf8", text.encode("utf-8").replace(b"honest_alice", b"honest_\xff\xfelice", 1), "not valid JSON")
add("nul-byte", text.encode("utf-8").replace(b'"rounds"', b'"rou\x00nds"', 1), "not valid JSON")

out = pathlib.Path(sys.argv[2]) if large else here
out.mkdir(parents=True, exist_ok=True)
if not large:
    for old in here.glob("*.json"):
        old.unlink()
with open(out / "expected.tsv", "w") as manifest:
    manifest.write("file\texpected\n")
    for name, content, expected in cases:
        (out / f"{name}.json").write_bytes(content)
        manifest.write(f"{name}.json\t{expected}\n")
print(f"{len(cases)} {'large ' if large else ''}hostile files in {out}")
