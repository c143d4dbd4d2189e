// gen_fold_table: writes engine/src/text/fold_table.inc, the folding and classification tables of the
// text module, from Debian's utf8proc. The engine never links utf8proc: the generated table is
// committed, and a ctest regenerates it and fails if it differs from the committed copy.
//
// Usage: gen_fold_table <out.inc>
//
// Folding of one code point (iterated to a fixed point so that fold(fold(x)) == fold(x)):
//   NFKD + full case fold (utf8proc COMPAT|DECOMPOSE|CASEFOLD), then drop non-spacing and enclosing
//   marks (Mn, Me) and default-ignorable code points. Deliberate deviations:
//   - Hangul syllables are not decomposed into jamo (they have no case and no marks);
//   - letters that Unicode does not decompose but readers type in ASCII: æ→ae, œ→oe, ø→o, đ/ð→d,
//     ł→l, ħ→h, ı→i, ŧ→t, þ→th (and their capitals);
//   - a result longer than 3 code points (ﷺ, ⑽, ㌀), or one outside the BMP that is not a nearby single
//     code point (a few CJK compatibility ideographs), is not folded at all: the code point stays itself.
//   Greek and Cyrillic are case-folded and stripped of accents but stay Greek and Cyrillic.
//
// Table layout (see fold_cp() in engine/src/text/text_fold.cpp):
//   a three-level trie (see build_trie) gives a 16-bit entry for each cp < FOLIO_FOLD_LIMIT.
//   entry bit 0: the source code point is an upper-case or title-case letter (Lu, Lt).
//   entry bits 1..15, k, read as a signed 15-bit number d:
//     k == 0                 → identity
//     d == -0x4000           → folds to nothing
//     -0x3FFF <= d <= -0x3001 → side entry (k - 0x4001): kFoldSide[i] = pool offset << 2 | (count - 1),
//                               the result is kFoldPool[offset .. offset+count) (BMP code points)
//     otherwise              → a single code point, cp + d
//   Above FOLIO_FOLD_LIMIT only U+E0000..U+E0FFF (tags, variation selectors: default-ignorable) fold
//   (to nothing); the generator prints how many others it leaves unfolded there. Fullwidth ASCII
//   (U+FF01..U+FF5E) is remapped by a rule in fold_cp() before the lookup.
//
// kAlnumBmp, kAlnumAstral: sorted code points (as uint16 below U+10000, uint32 above) where "letter or digit" (L*, N*, and marks that are not dropped; not U+02BC, which the tokenizer
// treats as an apostrophe) toggles; is_alnum_cp(cp) is true when an odd number of
// bounds are <= cp.
// Unassigned code points are "don't care" (they join the run before them), which merges many ranges.
// Correct for unfolded text too (is_alnum_cp('A') is true), though the tokenizer only asks about folded.
#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace {

typedef std::vector<int32_t> Seq;

const int32_t kLimit = 0x20000;  // BMP and SMP (math alphanumerics, Deseret, Adlam... case pairs)
const int kMaxOut = 3;

bool extra_fold(int32_t cp, Seq *out) {
  const char *s = nullptr;
  switch (cp) {
    case 0x00C6: case 0x00E6: s = "ae"; break;  // Æ æ
    case 0x0152: case 0x0153: s = "oe"; break;  // Œ œ
    case 0x00D8: case 0x00F8: s = "o"; break;   // Ø ø
    case 0x0110: case 0x0111: s = "d"; break;   // Đ đ
    case 0x00D0: case 0x00F0: s = "d"; break;   // Ð ð
    case 0x0141: case 0x0142: s = "l"; break;   // Ł ł
    case 0x0126: case 0x0127: s = "h"; break;   // Ħ ħ
    case 0x0131: s = "i"; break;                // ı
    case 0x0166: case 0x0167: s = "t"; break;   // Ŧ ŧ
    case 0x00DE: case 0x00FE: s = "th"; break;  // Þ þ
    default: return false;
  }
  out->clear();
  for (; *s; ++s) out->push_back(*s);
  return true;
}

// Combining marks are dropped only where they are diacritics (general combining blocks, Greek, Cyrillic,
// Hebrew points, Arabic harakat...). Elsewhere (Indic, Thai, ...) a mark is part of the word's spelling.
bool in_diacritic_range(int32_t c) {
  return (c >= 0x0300 && c <= 0x08FF) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool dropped(int32_t c) {
  const utf8proc_property_t *p = utf8proc_get_property(c);
  if (p->ignorable) return true;
  return (p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_ME) && in_diacritic_range(c);
}

// Ranges left unfolded: scripts and compatibility blocks whose folding would cost table space out of
// proportion to their use in this engine's content (CJK compatibility, kana, Hangul, presentation forms,
// Cherokee small letters, enclosed ideographs, mathematical alphanumerics).
bool kept_as_is(int32_t c) {
  static const int32_t r[][2] = {
      {0x2E80, 0x2FDF}, {0x3040, 0x30FF}, {0x3131, 0x318F}, {0x3200, 0x33FF}, {0xAB70, 0xABBF},
      {0xAC00, 0xD7A3}, {0xD800, 0xDFFF}, {0xF900, 0xFAFF}, {0xFB1D, 0xFDFF}, {0xFE10, 0xFE1F},
      {0xFE30, 0xFE6F}, {0xFE70, 0xFEFE}, {0xFF61, 0xFFEF}, {0x10780, 0x107BF}, {0x1D400, 0x1D7FF},
      {0x1EE00, 0x1EEFF}, {0x1F100, 0x1F2FF}};
  for (const auto &x : r) {
    if (c >= x[0] && c <= x[1]) return true;
  }
  return false;
}

// One folding step of one code point.
Seq step(int32_t cp) {
  Seq out;
  if (dropped(cp)) return out;
  if (kept_as_is(cp)) return Seq{cp};
  // Fullwidth ASCII is folded by a rule in fold_cp() (its offset does not fit an entry); see there.
  if (cp >= 0xFF01 && cp <= 0xFF5E) return step(cp - 0xFEE0);
  if (extra_fold(cp, &out)) return out;
  utf8proc_int32_t buf[64];
  int boundclass = 0;
  const utf8proc_ssize_t n = utf8proc_decompose_char(
      cp, buf, 64, (utf8proc_option_t)(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD), &boundclass);
  if (n < 0 || n > 64) {
    std::fprintf(stderr, "utf8proc failed on U+%04X\n", (unsigned)cp);
    std::exit(1);
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    if (!dropped(buf[i])) out.push_back(buf[i]);
  }
  return out;
}

Seq fold_seq(int32_t cp) {
  Seq cur{cp};
  for (int iter = 0; iter < 16; ++iter) {
    Seq next;
    for (int32_t c : cur) {
      const Seq s = step(c);
      next.insert(next.end(), s.begin(), s.end());
    }
    if (next == cur) return cur;
    cur = next;
  }
  std::fprintf(stderr, "no fixed point for U+%04X\n", (unsigned)cp);
  std::exit(1);
}

bool is_upper(int32_t cp) {
  const utf8proc_property_t *p = utf8proc_get_property(cp);
  return p->category == UTF8PROC_CATEGORY_LU || p->category == UTF8PROC_CATEGORY_LT;
}

bool is_alnum_cat(int32_t cp) {
  if (cp == 0x02BC) return false;
  switch (utf8proc_get_property(cp)->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_ME:  // marks that are not dropped belong to words
      return true;
    default:
      return false;
  }
}

// Three-level trie: kFoldTop[cp >> (MID + LEAF)] → mid block; kFoldMid[mid << MID | (cp >> LEAF) & mask]
// → leaf block; kFoldLeaf[leaf << LEAF | cp & mask] → entry. Identical blocks are stored once; block 0 of
// each level is the identity block.
struct Tables {
  int mid = 0, leaf = 0;
  std::vector<uint32_t> top, mids, leaves;
  size_t nleaves() const { return leaves.size() >> leaf; }
  size_t nmids() const { return mids.size() >> mid; }
  size_t top_bytes() const { return top.size() * (nmids() <= 256 ? 1 : 2); }
  size_t mid_bytes() const { return mids.size() * (nleaves() <= 256 ? 1 : 2); }
  size_t size_bytes() const { return top_bytes() + mid_bytes() + leaves.size() * 2; }
};

// Splits v into blocks of 2^shift, stores each distinct block once (an all-zero block first) in *blocks,
// and returns the block number of each.
std::vector<uint32_t> dedup(const std::vector<uint32_t> &v, int shift, std::vector<uint32_t> *blocks) {
  const size_t bs = size_t(1) << shift;
  std::map<std::vector<uint32_t>, uint32_t> seen;
  const std::vector<uint32_t> zero(bs, 0);
  seen[zero] = 0;
  *blocks = zero;
  std::vector<uint32_t> ids;
  for (size_t b = 0; b < v.size() / bs; ++b) {
    std::vector<uint32_t> blk(v.begin() + b * bs, v.begin() + (b + 1) * bs);
    auto it = seen.find(blk);
    if (it == seen.end()) {
      it = seen.emplace(blk, uint32_t(seen.size())).first;
      blocks->insert(blocks->end(), blk.begin(), blk.end());
    }
    ids.push_back(it->second);
  }
  return ids;
}

Tables build_trie(const std::vector<uint16_t> &entries, int mid, int leaf) {
  Tables t;
  t.mid = mid;
  t.leaf = leaf;
  const std::vector<uint32_t> e(entries.begin(), entries.end());
  const std::vector<uint32_t> leaf_ids = dedup(e, leaf, &t.leaves);
  t.top = dedup(leaf_ids, mid, &t.mids);
  return t;
}

void emit_array(FILE *f, const char *type, const char *name, const std::vector<uint32_t> &v, int per_line,
                bool hex) {
  std::fprintf(f, "static const %s %s[%zu] = {\n", type, name, v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (i % per_line == 0) std::fprintf(f, "  ");
    std::fprintf(f, hex ? "0x%X," : "%u,", v[i]);
    std::fprintf(f, (i % per_line == size_t(per_line - 1) || i + 1 == v.size()) ? "\n" : " ");
  }
  std::fprintf(f, "};\n");
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <fold_table.inc>\n", argv[0]);
    return 2;
  }
  std::vector<uint16_t> entries(kLimit, 0);
  std::vector<uint16_t> side;
  std::vector<uint16_t> pool;
  std::map<Seq, uint16_t> side_of;
  size_t n_folded = 0, n_multi = 0, n_long = 0;
  std::vector<Seq> folds(kLimit);

  for (int32_t cp = 0; cp < kLimit; ++cp) {
    Seq r = fold_seq(cp);
    bool astral = false;
    for (int32_t c : r) astral = astral || c > 0xFFFF;
    const bool by_delta = r.size() == 1 && r[0] - cp >= -0x3000 && r[0] - cp <= 0x3FFF;
    if (r.size() > size_t(kMaxOut) || (astral && !by_delta)) {
      r = Seq{cp};
      ++n_long;
    }
    folds[cp] = r;
    uint16_t k = 0;
    if (r.size() == 1 && r[0] == cp) {
      k = 0;
    } else if (r.empty()) {
      k = 0x4000;
    } else {
      ++n_folded;
      const int32_t d = r[0] - cp;
      if (r.size() == 1 && d != 0 && d >= -0x3000 && d <= 0x3FFF) {
        k = uint16_t(d & 0x7FFF);
      } else {
        if (r.size() > 1) ++n_multi;
        auto it = side_of.find(r);
        if (it == side_of.end()) {
          for (int32_t c : r) {
            if (c > 0xFFFF) {
              std::fprintf(stderr, "U+%04X folds outside the BMP\n", (unsigned)cp);
              return 1;
            }
          }
          // Reuse an existing run of the pool when there is one.
          size_t off = pool.size();
          for (size_t i = 0; i + r.size() <= pool.size(); ++i) {
            if (std::equal(r.begin(), r.end(), pool.begin() + i)) {
              off = i;
              break;
            }
          }
          if (off == pool.size()) pool.insert(pool.end(), r.begin(), r.end());
          if (off >= (1u << 14) || side.size() >= 0xFFF) {
            std::fprintf(stderr, "side table overflow\n");
            return 1;
          }
          side.push_back(uint16_t((off << 2) | (r.size() - 1)));
          it = side_of.emplace(r, uint16_t(side.size() - 1)).first;
        }
        k = uint16_t(0x4001 + it->second);
      }
    }
    entries[cp] = uint16_t((k << 1) | (is_upper(cp) ? 1 : 0));
  }

  // Idempotence: every output code point folds to itself.
  for (int32_t cp = 0; cp < kLimit; ++cp) {
    for (int32_t c : folds[cp]) {
      if (c < kLimit && !(folds[c].size() == 1 && folds[c][0] == c)) {
        std::fprintf(stderr, "not idempotent: U+%04X → U+%04X\n", (unsigned)cp, (unsigned)c);
        return 1;
      }
    }
  }

  // Above the limit, only the tag/variation-selector plane range folds (to nothing).
  size_t lost = 0;
  for (int32_t cp = kLimit; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xE0000 && cp <= 0xE0FFF) continue;
    const Seq r = fold_seq(cp);
    if (!(r.size() == 1 && r[0] == cp)) ++lost;
  }

  // Alnum bounds over all of Unicode, with unassigned code points merged into the current run.
  std::vector<uint32_t> bounds;
  bool cur = false;
  for (int32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (utf8proc_get_property(cp)->category == UTF8PROC_CATEGORY_CN) continue;
    const bool a = is_alnum_cat(cp);
    if (a != cur) {
      bounds.push_back(uint32_t(cp));
      cur = a;
    }
  }
  // Sanity: the bounds must agree with the categories on every assigned code point.
  for (int32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (utf8proc_get_property(cp)->category == UTF8PROC_CATEGORY_CN) continue;
    const size_t n = size_t(std::upper_bound(bounds.begin(), bounds.end(), uint32_t(cp)) - bounds.begin());
    if ((n & 1) != size_t(is_alnum_cat(cp))) {
      std::fprintf(stderr, "alnum bounds wrong at U+%04X\n", (unsigned)cp);
      return 1;
    }
  }

  // Fullwidth ASCII is remapped by fold_cp() before the lookup: its entries are never read.
  for (int32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) entries[cp] = 0;

  Tables best;
  for (int leaf = 3; leaf <= 7; ++leaf) {
    for (int mid = 2; mid <= 7; ++mid) {
      Tables t = build_trie(entries, mid, leaf);
      if (best.leaves.empty() || t.size_bytes() < best.size_bytes()) best = t;
    }
  }

  FILE *f = std::fopen(argv[1], "w");
  if (!f) {
    std::perror(argv[1]);
    return 1;
  }
  std::fprintf(f,
               "// fold_table.inc: generated by tools/gen/gen_fold_table.cpp from utf8proc %s. Do not edit.\n"
               "// Layout and entry encoding: see the generator. Included by text_fold.cpp only.\n",
               utf8proc_version());
  std::fprintf(f, "#define FOLIO_FOLD_LIMIT 0x%XU\n#define FOLIO_FOLD_MID %d\n#define FOLIO_FOLD_LEAF %d\n",
               (unsigned)kLimit, best.mid, best.leaf);
  emit_array(f, best.nmids() <= 256 ? "uint8_t" : "uint16_t", "kFoldTop", best.top, 32, false);
  emit_array(f, best.nleaves() <= 256 ? "uint8_t" : "uint16_t", "kFoldMid", best.mids, 32, false);
  emit_array(f, "uint16_t", "kFoldLeaf", best.leaves, 16, true);
  std::vector<uint32_t> v(side.begin(), side.end());
  if (v.empty()) v.push_back(0);
  emit_array(f, "uint16_t", "kFoldSide", v, 16, true);
  v.assign(pool.begin(), pool.end());
  if (v.empty()) v.push_back(0);
  emit_array(f, "uint16_t", "kFoldPool", v, 16, true);
  std::vector<uint32_t> bmp, astral;
  for (uint32_t b : bounds) (b <= 0xFFFF ? bmp : astral).push_back(b);
  emit_array(f, "uint16_t", "kAlnumBmp", bmp, 12, true);
  emit_array(f, "uint32_t", "kAlnumAstral", astral, 12, true);
  std::fclose(f);

  const size_t fold_bytes = best.size_bytes() + side.size() * 2 + pool.size() * 2;
  std::printf("fold trie: mid %d leaf %d; top %zu B, %zu mid blocks %zu B, %zu leaf blocks %zu B; side %zu "
              "entries, pool %zu cps; %zu B\n",
              best.mid, best.leaf, best.top_bytes(), best.nmids(), best.mid_bytes(), best.nleaves(),
              best.leaves.size() * 2, side.size(), pool.size(), fold_bytes);
  size_t alnum_bytes = 0;
  for (uint32_t b : bounds) alnum_bytes += b <= 0xFFFF ? 2 : 4;
  std::printf("alnum bounds: %zu (%zu B); total %zu B\n", bounds.size(), alnum_bytes, fold_bytes + alnum_bytes);
  std::printf("folded code points: %zu (multi: %zu), left unfolded (result > 3): %zu, unfolded above "
              "U+%X: %zu\n",
              n_folded, n_multi, n_long, (unsigned)kLimit, lost);
  return 0;
}
