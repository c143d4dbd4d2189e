#!/usr/bin/env python3
"""Judged queries as a kiosk sends them while the user types: every query of two words or more whose last
word is letters only, with that word cut to 1, 2, ... letters (never whole), judgments unchanged.

    python3 tests/relevance/typing_queries.py tests/relevance/queries.tsv [--letters K] > typing.tsv
    folio eval PACK typing.tsv --prefix-last

--letters K keeps only the cuts of exactly K letters (K >= 4: K letters or more), to see each length apart.
"""
import argparse
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("queries")
    ap.add_argument("--letters", type=int, default=0)
    a = ap.parse_args()
    out = sys.stdout
    with open(a.queries, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            stratum, query, judged = line.rstrip("\n").split("\t")
            words = query.split(" ")
            last = words[-1]
            if len(words) < 2 or not last.isalpha():
                continue
            for k in range(1, len(last)):
                if a.letters and (k != a.letters if a.letters < 4 else k < 4):
                    continue
                out.write(f"{stratum}\t{' '.join(words[:-1] + [last[:k]])}\t{judged}\n")


if __name__ == "__main__":
    main()
