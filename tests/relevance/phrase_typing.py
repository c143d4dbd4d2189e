#!/usr/bin/env python3
"""Phrases typed into a quote still open, as a kiosk sends them key by key (`folio search --prefix-last`):
how often a prefix of a phrase the pack's own text holds finds nothing, and how often its first hit is a
section of the finished phrase.

    python3 tests/relevance/phrase_typing.py FOLIO PACK [--pairs N] [--seed S] [--show]

Two sets, both taken from `folio export PACK` (the text the index was built from), so nothing is judged by
hand and every finished phrase is in the pack:

  pairs      N two-word phrases of adjacent words of four letters or more (seed S), each typed as
             `"first sec` with the second word cut after 1, 2 and 3 letters;
  compounds  every hyphenated compound of the text ("platelet-rich", "anti-inflammatory") typed apart,
             `"platelet ri`, cut from 2 letters, and with the word after it, `"platelet rich pla`.

For each cut it prints how many find nothing; for the pairs also how many have, as their first hit, a
section of the finished phrase (`"first second"` closed, all sections). --show lists the cuts that find
nothing. Measured 2026-12-07 (README, "What the figures rest on").
"""
import argparse
import json
import random
import re
import subprocess
import sys


def search(folio, pack, query, flags, limit):
    out = subprocess.run([folio, "search", pack, query, "--limit", str(limit), "--no-snippets", "--json",
                          "--all-sections"] + flags, capture_output=True, text=True).stdout
    try:
        return [h["slug"] + "#" + h["section"] for h in json.loads(out)]
    except ValueError:
        return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folio")
    ap.add_argument("pack")
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    export = subprocess.run([a.folio, "export", a.pack], capture_output=True, text=True, check=True).stdout
    texts = [json.loads(line)["text"] for line in export.splitlines() if line.strip()]

    pairs = set()
    for t in texts:
        words = re.findall(r"[A-Za-z]+", t)
        for x, y in zip(words, words[1:]):
            if len(x) >= 4 and len(y) >= 4:
                pairs.add((x.lower(), y.lower()))
    pairs = sorted(pairs)
    random.Random(a.seed).shuffle(pairs)
    pairs = pairs[: a.pairs]
    empty = {1: 0, 2: 0, 3: 0}
    first = {1: 0, 2: 0, 3: 0}
    for x, y in pairs:
        finished = set(search(a.folio, a.pack, f'"{x} {y}"', [], 64))
        for k in (1, 2, 3):
            q = f'"{x} {y[:k]}'
            hits = search(a.folio, a.pack, q, ["--prefix-last"], 1)
            if not hits:
                empty[k] += 1
                if a.show:
                    print("empty:", q)
            elif hits[0] in finished:
                first[k] += 1
    for k in (1, 2, 3):
        print(f"pairs, second word cut after {k} letter(s): {empty[k]} of {len(pairs)} find nothing; "
              f"first hit a section of the finished phrase: {first[k]}")

    seen, cuts = set(), []
    for t in texts:
        for m in re.finditer(r"\b([A-Za-z]{2,})-([A-Za-z]{2,})(?:\s+([A-Za-z]{3,}))?", t):
            x, y, z = m.group(1).lower(), m.group(2).lower(), (m.group(3) or "").lower()
            if (x, y) in seen:
                continue
            seen.add((x, y))
            cuts += [f'"{x} {y[:k]}' for k in range(2, len(y))]
            if z:
                cuts += [f'"{x} {y} {z[:k]}' for k in range(2, len(z))]
    none = 0
    for q in cuts:
        if not search(a.folio, a.pack, q, ["--prefix-last"], 1):
            none += 1
            if a.show:
                print("empty:", q)
    print(f"compounds typed apart, cut: {none} of {len(cuts)} find nothing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
