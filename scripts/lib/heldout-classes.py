#!/usr/bin/env python3
"""Per-class results of the engine on a held-out set, without printing any of its text.

Reads `scripts/eval --verbose` output on stdin (its per-turn blocks: "[file] raw_err=R clean_err=C",
then raw/clean/gold lines), maps each block to its turn through the gold file (by the raw text),
and prints, for each error class of classes.json, how many user turns carry it and how many of
those the engine left fully right, improved, left as they were, or made worse. Only counts are
printed, so the set B turns stay unread (server/src/test/resources/data/cleaning-heldout/README.md).

  scripts/eval --gold DIR --files 'ho-b-*' --verbose | scripts/lib/heldout-classes.py DIR ho-b-
"""
import collections, json, re, sys
from pathlib import Path

gold_dir = Path(sys.argv[1])
prefix = sys.argv[2]  # the files the eval ran on: a turn it did not print was right before and after
classes = json.loads((gold_dir / "classes.json").read_text())["files"]
results = {}  # (file, index) -> (raw_err, clean_err)
current = None
for line in sys.stdin:
    m = re.match(r"\[([\w-]+)\] raw_err=(\d+) clean_err=(\d+)", line)
    if m:
        current = (m.group(1), int(m.group(2)), int(m.group(3)))
        continue
    m = re.match(r"\s+raw:\s+(.*)$", line.rstrip("\n"))
    if m and current:
        name, raw_err, clean_err = current
        turns = json.loads((gold_dir / f"{name}.gold.json").read_text())["turns"]
        for i, t in enumerate(turns):
            if t.get("speaker") == "User" and t.get("raw_text", "").strip() == m.group(1).strip():
                results[(name, i)] = (raw_err, clean_err)
                break
        current = None
table = collections.defaultdict(collections.Counter)
for name, info in classes.items():
    if not name.startswith(prefix):
        continue
    for idx, labels in info["turns"].items():
        raw_err, clean_err = results.get((name, int(idx)), (0, 0))
        outcome = ("right" if clean_err == 0 else "improved" if clean_err < raw_err
                   else "same" if clean_err == raw_err else "worse")
        for label in labels or ["clean"]:
            table[label][outcome] += 1
            table[label]["turns"] += 1
print(f"{'class':18} {'turns':>5} {'right':>5} {'improved':>8} {'same':>5} {'worse':>5}")
for label, c in sorted(table.items(), key=lambda x: -x[1]["turns"]):
    print(f"{label:18} {c['turns']:5} {c['right']:5} {c['improved']:8} {c['same']:5} {c['worse']:5}")
