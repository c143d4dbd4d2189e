#!/usr/bin/env python3
"""postings_codec_sim.py DUMP: bytes the postings would take under other block codecs.

DUMP comes from `FOLIO_SEARCH_DUMP_POSTINGS=DUMP folio build ...` (per term "T df", then per posting
"doc class positions...", class being the posting's tf class). For the blocks of 32 postings the index
uses, prints the bits of each stream under frame-of-reference (FOR: the block's largest value sets the
width), under Rice coding with the best parameter per block (what index version 6 stores for gaps) and,
for tf classes, under Elias gamma (version 6). Single-posting blocks are varints in the index and are
shown as such. A study tool: it decides whether a codec is worth a format change (docs/search.md, "Open
work"). Index version 7 no longer blocks positions: each takes the bits its section's length codes
allow, with counts from the tf classes (3.09 MB on GCIDE, against 2.90 MB for the Rice blocks priced
here, which would need every earlier posting of a block decoded to reach one)."""
import sys


def width(v):
    return v.bit_length()


def for_bits(vals):
    return len(vals) * width(max(vals)) if vals else 0


def rice_bits(vals):
    if not vals:
        return 0
    best = None
    top = max(vals)
    for k in range(0, 33):
        c = sum(k + 1 + (v >> k) for v in vals)
        best = c if best is None else min(best, c)
        if (top >> k) == 0:
            break
    return best


def gamma_bits(vals):
    return sum(2 * width(v + 1) - 1 for v in vals)


def varint_len(v):
    n = 1
    while v >= 128:
        v >>= 7
        n += 1
    return n


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    terms, cur = [], None
    with open(sys.argv[1]) as f:
        for line in f:
            if line[0] == "T":
                cur = []
                terms.append(cur)
                continue
            a = list(map(int, line.split()))
            cur.append((a[0], a[1], a[2:]))
    t = dict.fromkeys(["gaps FOR", "gaps Rice", "classes FOR", "classes gamma",
                       "position counts FOR", "first positions FOR", "first positions Rice", "position deltas FOR",
                       "position deltas Rice", "block headers", "single-posting blocks"], 0)
    postings = positions = 0
    for pl in terms:
        postings += len(pl)
        prev = -1
        for b0 in range(0, len(pl), 32):
            blk = pl[b0:b0 + 32]
            gaps = []
            for d, _, _ in blk:
                gaps.append(d - prev - 1)
                prev = d
            positions += sum(len(p) for _, _, p in blk)
            if len(blk) == 1:
                c = blk[0][1]
                t["single-posting blocks"] += 8 * (varint_len(gaps[0] * 2 + 1) + (varint_len(c - 1) if c else 0))
                continue
            cls = [c for _, c, _ in blk]
            firsts = [p[0] for _, _, p in blk if p]
            deltas = [p[j] - p[j - 1] for _, _, p in blk for j in range(1, len(p))]
            t["gaps FOR"] += for_bits(gaps)
            t["gaps Rice"] += rice_bits(gaps)
            t["classes FOR"] += for_bits(cls)
            t["classes gamma"] += gamma_bits(cls)
            t["position counts FOR"] += for_bits([len(p) for _, _, p in blk])
            t["first positions FOR"] += for_bits(firsts)
            t["first positions Rice"] += rice_bits(firsts)
            t["position deltas FOR"] += for_bits(deltas)
            t["position deltas Rice"] += rice_bits(deltas)
            t["block headers"] += (1 + 3) * 8  # doc block: the Rice parameter; position block: 3 widths
    print(f"{len(terms)} terms, {postings} postings, {positions} positions")
    for k, v in t.items():
        print(f"{k:28s} {v / 8:14,.0f} bytes")


if __name__ == "__main__":
    main()
