#!/usr/bin/env python3
"""typo_realword_sim.py: how folio search treats words the content lacks, typing errors and real words.

usage: tests/bench/typo_realword_sim.py FOLIO PACK QUERIES LEXICON [--seed N]

1. Typing errors: every judged multi-word query outside the misspelled stratum, with one generated error
   (deletion, substitution, insertion or transposition past the first letter) in a content word of 5+
   letters, twice per query (seeded): `folio eval` MRR@10 / success@10 over them, and how many report a
   corrected query.
2. Real words: words of LEXICON (4-9 letters) that the pack has no hit for, each appended to a random
   judged query: how many get a corrected query ("Showing results for"), which should be none.

Prints the figures docs/search.md ("Typos", real words) quotes. Deterministic for a given seed and pack.
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile


def run(folio, *args):
    return subprocess.run([folio, *args], capture_output=True, text=True).stdout


def main():
    folio, pack, queries, lexicon = sys.argv[1:5]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    stop = set("a an the of and or to in on for with is are can will my i it do does how what when who why be by "
               "at from as this that your you me after before".split())
    judged = []
    for line in open(queries, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        st, q, j = line.rstrip("\n").split("\t")
        judged.append((st, q, j))
    typos = []
    for st, q, j in judged:
        words = q.split()
        if st == "misspelled" or len(words) < 2:
            continue
        idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.lower() not in stop and w.isalpha()]
        if not idx:
            continue
        for _ in range(2):
            i = rng.choice(idx)
            w = words[i]
            k = rng.randrange(1, len(w) - 1)
            op = rng.choice(["del", "sub", "swap", "ins"])
            c = rng.choice("abcdefghijklmnopqrstuvwxyz")
            w2 = {"del": w[:k] + w[k + 1:], "sub": w[:k] + c + w[k + 1:], "ins": w[:k] + c + w[k:],
                  "swap": w[:k] + w[k + 1] + w[k] + w[k + 2:]}[op]
            if w2.lower() != w.lower():
                typos.append((" ".join(words[:i] + [w2] + words[i + 1:]), j))
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        for q, j in typos:
            f.write(f"misspelled\t{q}\t{j}\n")
        path = f.name
    ev = json.loads(run(folio, "eval", pack, path, "--json"))
    os.unlink(path)
    mis = ev["strata"]["misspelled"]
    corrected = sum(1 for q, _ in typos if "Showing results for" in run(folio, "search", pack, q, "--limit", "1"))
    print(f"typing errors: {len(typos)} queries, MRR@10 {mis['mrr10']:.3f}, "
          f"success@10 {mis['s10']:.3f}, {corrected} with a corrected query")
    words = [w.strip() for w in open(lexicon, encoding="utf-8") if re.fullmatch(r"[a-z]{4,9}", w.strip())]
    plain = [q for st, q, _ in judged if st != "misspelled"]
    n = false = 0
    while n < 150:
        w = rng.choice(words)
        hits = json.loads(run(folio, "search", pack, w, "--no-fuzzy", "--no-synonyms", "--limit", "1", "--json") or "[]")
        if hits:
            continue
        n += 1
        if "Showing results for" in run(folio, "search", pack, f"{rng.choice(plain)} {w}", "--limit", "1"):
            false += 1
    print(f"real words the content lacks, appended to a judged query: {n}, shown as corrected: {false}")


if __name__ == "__main__":
    main()
