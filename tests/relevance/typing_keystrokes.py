#!/usr/bin/env python3
"""Judged queries typed key by key, as a kiosk searches at every keystroke: for each query, every prefix of
3 characters or more that does not end with a space is searched with `folio search --prefix-last`, and the
prefixes that show something the finished query does not are counted:

  corrected  the prefix is shown "corrected" (Showing results for: ...) while the finished query is not
  empty      the prefix finds nothing while the finished query finds something

    python3 tests/relevance/typing_keystrokes.py FOLIO PACK QUERIES.tsv [--sample N] [--seed S] [--detail FILE]

--sample N searches N queries drawn with --seed S (default 1; all when N is 0); --detail FILE lists each
counted prefix with its query. It is a measure, not a gate: a prefix may rightly find nothing yet. One
`folio` process a search: about 2 ms each on the build host.
"""
import argparse
import json
import random
import subprocess


def search(folio, pack, q):
    p = subprocess.run([folio, "search", pack, q, "--prefix-last", "--json", "--limit", "3", "--no-snippets"],
                       capture_output=True, text=True)
    try:
        return json.loads(p.stdout) if p.stdout.strip() else []
    except json.JSONDecodeError:
        return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folio")
    ap.add_argument("pack")
    ap.add_argument("queries")
    ap.add_argument("--sample", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--detail")
    a = ap.parse_args()
    qs = []
    with open(a.queries, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            qs.append(line.split("\t")[1])
    random.seed(a.seed)
    random.shuffle(qs)
    if a.sample:
        qs = qs[:a.sample]
    total = empty = corrected = 0
    detail = []
    for q in qs:
        full = search(a.folio, a.pack, q)
        full_corrected = bool(full and full[0].get("corrected"))
        for i in range(3, len(q)):
            pre = q[:i]
            if pre.endswith(" "):
                continue
            total += 1
            hits = search(a.folio, a.pack, pre)
            if not hits and full:
                empty += 1
                detail.append(("empty", pre, q))
            elif hits and hits[0].get("corrected") and not full_corrected:
                corrected += 1
                detail.append(("corrected", pre + " -> " + hits[0]["corrected"], q))
    print(f"{len(qs)} queries, {total} prefixes: corrected {corrected}, empty {empty}")
    if a.detail:
        with open(a.detail, "w", encoding="utf-8") as f:
            for kind, what, q in detail:
                f.write(f"{kind}\t{what}\t{q}\n")


if __name__ == "__main__":
    main()
