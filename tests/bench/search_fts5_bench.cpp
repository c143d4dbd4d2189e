// search_fts5_bench.cpp: folio search side by side with SQLite FTS5 on the same sections and queries.
//
//   folio_search_bench PACK QUERIES [--repeat N] [--limit K] [--label NAME] [--per-query FILE]
//                      [--folio-only] [--exhaustive] [--no-synonyms] [--prefix-last]
//
// --folio-only skips the FTS5 latency passes (for profiling folio with perf). --exhaustive passes
// FOLIO_SEARCH_EXHAUSTIVE to every folio search (the reference evaluation: two passes, no pruning, no
// skipping of hits before their rows are read; the same hits, for comparing the cost). --no-synonyms
// passes FOLIO_SEARCH_NO_SYNONYMS (what synonym expansion costs; relevance changes). --prefix-last passes
// FOLIO_SEARCH_PREFIX_LAST, as a kiosk searching as the user types (run it on queries cut mid-word).
//
// Plain FTS5 (every word ANDed) returns no hit for many queries and so writes few snippets; the line
// "equal work" compares the two on the same number of snippets: over the queries where plain FTS5
// returns k >= 1 sections, folio is asked for k hits (FOLIO_SEARCH_ALL_SECTIONS, one snippet each).
// --per-query FILE writes one TSV line per query (median µs: folio with / without snippets, FTS5 plain,
// FTS5 tuned; articles returned by folio and FTS5 plain; the query), for finding where the time goes.
//
// FTS5 gets exactly the sections `folio export` writes (slug, anchor, title, heading, text via
// folio_section_text), in an in-memory table with tokenize='porter unicode61 remove_diacritics 2',
// ranked by bm25() with column weights title 4, heading 2, body 1 (folio's BM25F weights), and snippet()
// on the body. An FTS5 query is the query's words, each quoted, implicitly ANDed; if that finds fewer
// than K sections the words are ORed (folio's own AND-then-partial, so both get the same fallback).
// FTS5 returns sections; for the metrics its hits are grouped by article (first section per article),
// as folio's are. Latency: every query run --repeat times, each run timed on its own (query + top-K with
// snippets), p50/p99 over all runs; each engine set-up gets its own pass over the query set. Figures are
// printed, never asserted.
//
// Typo cost: the misspelled stratum's queries alone (whole query, with snippets), and the typo lookup by
// itself (folio::fts::typo_candidates, what the parser runs for a word missing from the dictionary) per
// word: each word of those queries that gets a lookup plus three first-letter variants of it (first
// letter replaced by the next one of the alphabet, dropped, or a letter put before it: the query sets
// hold few or no first-letter typos), and a fixed list of long stress words made of the dictionary's
// most frequent starts and letters. Each is run --repeat times and its median kept (on a shared machine
// a single run's time is mostly the neighbours' load); p50 / p90 / p99 / max over the words, with the
// dictionary terms decoded and seeks of the slowest one.
#include <folio/folio.h>
#include <sqlite3.h>

#include <folio/schema/folio_generated.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "search/search.h"
#include "search_eval.h"
#include "search_pack_file.h"

using folio::index::EvalQuery;
using folio::index::Metrics;
using folio::index::RankedHit;
using folio::index::Report;

namespace {

using Clock = std::chrono::steady_clock;

// Bytes of the pack's SearchIndex blobs, the snippet source and the lexicon left out (read from the index
// FlatBuffer, which starts at byte 128); *lexicon gets the lexicon's bytes.
uint64_t folio_index_bytes(const folio::index::PackFile &pf, uint64_t *indexed_text, uint64_t *lexicon) {
  const uint8_t *base = reinterpret_cast<const uint8_t *>(pf.bytes.data());
  const auto *idx = folio::fb::GetIndex(base + 128);
  const auto *si = idx ? idx->search() : nullptr;
  if (!si) return 0;
  *indexed_text = si->text_bytes();
  *lexicon = si->lexicon() ? si->lexicon()->size() : 0;
  uint64_t n = 0;
  for (const auto *v : {si->dict(), si->dict_blocks(), si->dict_surfaces(), si->postings(), si->syn_text(),
                        si->syn_index(), si->heading_order(), si->tf_classes(), si->field_lengths(),
                        si->syn_postings(), si->syn_post_index()})
    if (v) n += v->size();
  if (si->field_avg()) n += 4u * si->field_avg()->size();
  return n;
}

// a / b, or 0 when b was not measured (--folio-only)
double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

std::string str(folio_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void die(const char *what, sqlite3 *db) {
  std::fprintf(stderr, "search bench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
  std::exit(2);
}

// Words of a query for FTS5: runs of letters/digits (any non-ASCII byte counts as a letter), quoted.
std::vector<std::string> fts_words(const std::string &q) {
  std::vector<std::string> w;
  std::string cur;
  for (unsigned char c : q) {
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(c);
    } else if (!cur.empty()) {
      w.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) w.push_back(cur);
  return w;
}

std::string fts_query(const std::vector<std::string> &w, const char *op) {
  std::string s;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i) s += op;
    s += '"' + w[i] + '"';
  }
  return s;
}

struct FtsHit {
  std::string slug, anchor, snippet;
};

// One FTS5 run: AND, then OR when AND finds fewer than k sections. Returns the hits in rank order.
std::vector<FtsHit> fts_search(sqlite3 *db, sqlite3_stmt *st, const std::string &q, int k, bool or_fallback) {
  std::vector<FtsHit> out;
  const std::vector<std::string> w = fts_words(q);
  if (w.empty()) return out;
  std::set<sqlite3_int64> seen;
  for (int pass = 0; pass < 2 && static_cast<int>(out.size()) < k; ++pass) {
    if (pass == 1 && (w.size() < 2 || !or_fallback)) break;
    const std::string m = fts_query(w, pass == 0 ? " " : " OR ");
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, m.c_str(), static_cast<int>(m.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, k);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const sqlite3_int64 id = sqlite3_column_int64(st, 0);
      if (!seen.insert(id).second) continue;
      if (static_cast<int>(out.size()) >= k) continue;
      FtsHit h;
      h.slug = reinterpret_cast<const char *>(sqlite3_column_text(st, 1));
      h.anchor = reinterpret_cast<const char *>(sqlite3_column_text(st, 2));
      const unsigned char *sn = sqlite3_column_text(st, 3);
      h.snippet = sn ? reinterpret_cast<const char *>(sn) : "";
      out.push_back(h);
    }
    if (rc != SQLITE_DONE) die("fts5 query", db);
  }
  return out;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: folio_search_bench PACK QUERIES [--repeat N] [--limit K] [--label NAME] [--per-query FILE] [--folio-only] [--exhaustive] [--no-synonyms] [--prefix-last]\n");
    return 2;
  }
  int repeat = 5, limit = 10;
  bool folio_only = false;
  uint32_t xf = 0;  // extra folio_search flags
  std::string label = argv[1], per_query_path;
  for (int i = 3; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--folio-only")) folio_only = true;
    else if (!std::strcmp(argv[i], "--exhaustive")) xf |= FOLIO_SEARCH_EXHAUSTIVE;
    else if (!std::strcmp(argv[i], "--no-synonyms")) xf |= FOLIO_SEARCH_NO_SYNONYMS;
    else if (!std::strcmp(argv[i], "--prefix-last")) xf |= FOLIO_SEARCH_PREFIX_LAST;
    else if (has_value && !std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[++i]));
    else if (has_value && !std::strcmp(argv[i], "--limit")) limit = std::clamp(std::atoi(argv[++i]), 1, 64);
    else if (has_value && !std::strcmp(argv[i], "--label")) label = argv[++i];
    else if (has_value && !std::strcmp(argv[i], "--per-query")) per_query_path = argv[++i];
    else {
      std::fprintf(stderr, "search bench: unknown or incomplete option %s\n", argv[i]);
      return 2;
    }
  }
  folio::index::PackFile pf;
  if (pf.open(argv[1]) != FOLIO_OK || !folio_search_available(pf.pack)) {
    std::fprintf(stderr, "search bench: %s: cannot open a pack with a search index\n", argv[1]);
    return 2;
  }
  std::vector<EvalQuery> qs;
  try {
    qs = folio::index::load_eval_queries(argv[2]);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "search bench: %s\n", e.what());
    return 2;
  }
  folio_info info;
  folio_pack_info(pf.pack, &info);

  // ---- FTS5 over the exported sections ----
  sqlite3 *db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die("open", db);
  sqlite3_exec(db, "PRAGMA page_size=4096", nullptr, nullptr, nullptr);
  if (sqlite3_exec(db,
                   "CREATE VIRTUAL TABLE s USING fts5(slug UNINDEXED, anchor UNINDEXED, title, heading, body, "
                   "tokenize='porter unicode61 remove_diacritics 2')",
                   nullptr, nullptr, nullptr) != SQLITE_OK)
    die("create", db);
  const auto t_build = Clock::now();
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt *ins = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT INTO s(rowid, slug, anchor, title, heading, body) VALUES(?,?,?,?,?,?)", -1, &ins,
                         nullptr) != SQLITE_OK)
    die("prepare insert", db);
  std::vector<char> buf(1 << 16);
  uint64_t text_bytes = 0;
  for (uint32_t a = 0; a < info.article_count; ++a) {
    folio_article art;
    folio_article_get(pf.pack, a, &art);
    for (uint32_t k = 0; k < art.section_count; ++k) {
      folio_section sec;
      folio_section_get(pf.pack, art.section_first + k, &sec);
      size_t len = 0;
      folio_status st = folio_section_text(pf.reader, sec.id, buf.data(), buf.size(), &len);
      if (st == FOLIO_E_DST_TOO_SMALL) {
        buf.resize(len);
        st = folio_section_text(pf.reader, sec.id, buf.data(), buf.size(), &len);
      }
      if (st != FOLIO_OK) len = 0;
      text_bytes += len + sec.heading.len + (k == 0 ? art.title.len : 0);
      sqlite3_reset(ins);
      sqlite3_bind_int64(ins, 1, sec.id);
      sqlite3_bind_text(ins, 2, art.slug.ptr, static_cast<int>(art.slug.len), SQLITE_STATIC);
      sqlite3_bind_text(ins, 3, sec.anchor.ptr, static_cast<int>(sec.anchor.len), SQLITE_STATIC);
      sqlite3_bind_text(ins, 4, art.title.ptr, static_cast<int>(art.title.len), SQLITE_STATIC);
      sqlite3_bind_text(ins, 5, sec.heading.ptr, static_cast<int>(sec.heading.len), SQLITE_STATIC);
      sqlite3_bind_text(ins, 6, buf.data(), static_cast<int>(len), SQLITE_TRANSIENT);
      if (sqlite3_step(ins) != SQLITE_DONE) die("insert", db);
    }
  }
  sqlite3_finalize(ins);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_exec(db, "INSERT INTO s(s) VALUES('optimize')", nullptr, nullptr, nullptr);
  const double build_s = std::chrono::duration<double>(Clock::now() - t_build).count();
  sqlite3_int64 fts_bytes = 0;
  {
    sqlite3_stmt *q = nullptr;
    // the FTS5 index proper (no content table): the shadow tables s_data, s_idx, s_docsize
    if (sqlite3_prepare_v2(db, "SELECT sum(length(block)) FROM s_data", -1, &q, nullptr) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
      fts_bytes = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
  }
  // two FTS5 set-ups: plain (default bm25(), the words ANDed: FTS5 as shipped) and tuned (folio's field
  // weights and the same AND-then-OR fallback folio uses)
  sqlite3_stmt *sq_plain = nullptr, *sq = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT rowid, slug, anchor, snippet(s, 4, '[', ']', '…', 24) FROM s WHERE s MATCH ?1 "
                         "ORDER BY bm25(s) LIMIT ?2",
                         -1, &sq_plain, nullptr) != SQLITE_OK)
    die("prepare query", db);
  if (sqlite3_prepare_v2(db,
                         "SELECT rowid, slug, anchor, snippet(s, 4, '[', ']', '…', 24) FROM s WHERE s MATCH ?1 "
                         "ORDER BY bm25(s, 0.0, 0.0, 4.0, 2.0, 1.0) LIMIT ?2",
                         -1, &sq, nullptr) != SQLITE_OK)
    die("prepare query", db);

  // ---- runs ----
  Report rep_folio, rep_fts, rep_plain;
  std::vector<double> lat_folio, lat_folio_nosnip, lat_fts, lat_plain;
  std::vector<folio_search_hit> hits(static_cast<size_t>(limit));
  std::vector<char> text(32 * 1024);
  // Relevance: one run of each engine per query.
  size_t hits_folio = 0, hits_fts = 0, hits_plain = 0;  // articles returned (first 10 count)
  std::vector<size_t> nhits_folio, nhits_plain;              // per query, for --per-query
  std::vector<int> plain_rows;                               // sections plain FTS5 returns (equal work)
  for (const EvalQuery &q : qs) {
    std::vector<RankedHit> rf, rs, rp;
    folio_search_result res;
    if (folio_search(pf.reader, q.query.data(), q.query.size(), xf, hits.data(), static_cast<uint32_t>(limit),
                     text.data(), text.size(), &res) == FOLIO_OK)
      for (uint32_t i = 0; i < res.hit_count; ++i) rf.push_back({str(hits[i].slug), str(hits[i].anchor)});
    std::set<std::string> arts, arts2;
    for (const FtsHit &h : fts_search(db, sq, q.query, limit, true))
      if (arts.insert(h.slug).second) rs.push_back({h.slug, h.anchor});
    const std::vector<FtsHit> plain_hits = fts_search(db, sq_plain, q.query, limit, false);
    plain_rows.push_back(static_cast<int>(plain_hits.size()));
    for (const FtsHit &h : plain_hits)
      if (arts2.insert(h.slug).second) rp.push_back({h.slug, h.anchor});
    rep_folio.add(q.stratum, folio::index::score_query(q, rf));
    rep_fts.add(q.stratum, folio::index::score_query(q, rs));
    rep_plain.add(q.stratum, folio::index::score_query(q, rp));
    hits_folio += rf.size();
    nhits_folio.push_back(rf.size());
    nhits_plain.push_back(rp.size());
    hits_fts += rs.size();
    hits_plain += rp.size();
  }
  // Latency: one pass over the query set per engine set-up (each pass has the machine's caches to
  // itself, as in search-benchmark-game), each query run `repeat` times in a row after one untimed run.
  // med: per query, the median of its runs (for --per-query)
  std::vector<double> med_folio, med_folio_nosnip, med_fts, med_plain;
  auto timed = [&](std::vector<double> &lat, std::vector<double> &med, auto &&fn) {
    for (const EvalQuery &q : qs) {
      fn(q);
      std::vector<double> runs;
      for (int r = 0; r < repeat; ++r) {
        const auto t0 = Clock::now();
        fn(q);
        runs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      }
      lat.insert(lat.end(), runs.begin(), runs.end());
      med.push_back(pct(runs, 0.5));
    }
  };
  timed(lat_folio, med_folio, [&](const EvalQuery &q) {
    folio_search_result res;
    folio_search(pf.reader, q.query.data(), q.query.size(), xf, hits.data(), static_cast<uint32_t>(limit), text.data(),
                 text.size(), &res);
  });
  timed(lat_folio_nosnip, med_folio_nosnip, [&](const EvalQuery &q) {
    folio_search_result res;
    folio_search(pf.reader, q.query.data(), q.query.size(), xf | FOLIO_SEARCH_NO_SNIPPETS, hits.data(),
                 static_cast<uint32_t>(limit), text.data(), text.size(), &res);
  });
  // equal work: the queries where plain FTS5 returns k >= 1 sections, folio asked for k sections
  std::vector<EvalQuery> eq_qs;
  std::vector<int> eq_k;
  for (size_t i = 0; i < qs.size(); ++i)
    if (plain_rows[i] > 0) {
      eq_qs.push_back(qs[i]);
      eq_k.push_back(plain_rows[i]);
    }
  std::vector<double> lat_eq_folio, lat_eq_plain, med_unused;
  {
    size_t qi = 0;
    auto timed_eq = [&](std::vector<double> &lat, auto &&fn) {
      for (qi = 0; qi < eq_qs.size(); ++qi) {
        fn(eq_qs[qi], eq_k[qi]);
        for (int r = 0; r < repeat; ++r) {
          const auto t0 = Clock::now();
          fn(eq_qs[qi], eq_k[qi]);
          lat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        }
      }
    };
    timed_eq(lat_eq_folio, [&](const EvalQuery &q, int k) {
      folio_search_result res;
      folio_search(pf.reader, q.query.data(), q.query.size(), xf | FOLIO_SEARCH_ALL_SECTIONS, hits.data(),
                   static_cast<uint32_t>(k), text.data(), text.size(), &res);
    });
    if (!folio_only)
      timed_eq(lat_eq_plain, [&](const EvalQuery &q, int k) { fts_search(db, sq_plain, q.query, k, false); });
  }
  if (folio_only) {
    med_fts.assign(qs.size(), 0.0);
    med_plain.assign(qs.size(), 0.0);
  } else {
    timed(lat_fts, med_fts, [&](const EvalQuery &q) { fts_search(db, sq, q.query, limit, true); });
    timed(lat_plain, med_plain, [&](const EvalQuery &q) { fts_search(db, sq_plain, q.query, limit, false); });
  }

  // Interleaved: each pass runs every query once, in file order, `repeat` passes after one untimed one:
  // no query finds its own data and branches warm from the run before it, as at a kiosk where each
  // query is new (the set's whole working set still fits this machine's L2, so this is not a cold start)
  std::vector<double> il_folio, il_plain, il_fts;
  auto interleaved = [&](std::vector<double> &lat, auto &&fn) {
    for (int r = 0; r <= repeat; ++r)
      for (const EvalQuery &q : qs) {
        const auto t0 = Clock::now();
        fn(q);
        if (r > 0) lat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      }
  };
  interleaved(il_folio, [&](const EvalQuery &q) {
    folio_search_result res;
    folio_search(pf.reader, q.query.data(), q.query.size(), xf, hits.data(), static_cast<uint32_t>(limit), text.data(),
                 text.size(), &res);
  });
  if (!folio_only) {
    interleaved(il_plain, [&](const EvalQuery &q) { fts_search(db, sq_plain, q.query, limit, false); });
    interleaved(il_fts, [&](const EvalQuery &q) { fts_search(db, sq, q.query, limit, true); });
  }

  // ---- typo cost ----
  std::vector<double> lat_missp;   // per misspelled-stratum query: the median of its runs (with snippets)
  struct TypoRun {
    std::string word;
    double us;  // median of the runs
    folio::fts::TypoStats st;
  };
  std::vector<TypoRun> typo_runs, stress_runs;
  {
    for (const EvalQuery &q : qs) {
      if (q.stratum != "misspelled") continue;
      folio_search_result res;
      std::vector<double> runs;
      for (int r = 0; r <= repeat; ++r) {
        const auto t0 = Clock::now();
        folio_search(pf.reader, q.query.data(), q.query.size(), xf, hits.data(), static_cast<uint32_t>(limit),
                     text.data(), text.size(), &res);
        if (r > 0) runs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      }
      lat_missp.push_back(pct(runs, 0.5));
    }
    // the words looked up: each misspelled-stratum word that gets a lookup and its first-letter variants
    auto looked_up = [&](const std::string &w, folio::fts::TypoStats *st) {
      folio::fts::TypoCandidate c[3];
      uint32_t n = 0;
      return folio::fts::typo_candidates(pf.reader, w.data(), w.size(), c, 3, &n, st) == FOLIO_OK && st->seeks > 0;
    };
    std::vector<std::string> words;
    for (const EvalQuery &q : qs) {
      if (q.stratum != "misspelled") continue;
      for (const std::string &w : fts_words(q.query)) {
        folio::fts::TypoStats st{0, 0};
        if (!looked_up(w, &st)) continue;  // a known word, stopword, number, or too short
        std::string lw = w;
        for (char &ch : lw) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        words.push_back(lw);
        const unsigned char f = static_cast<unsigned char>(lw[0]);
        if (f < 'a' || f > 'z') continue;
        words.push_back(std::string(1, f == 'z' ? 'a' : static_cast<char>(f + 1)) + lw.substr(1));
        words.push_back(lw.substr(1));
        words.push_back(std::string(1, f == 'a' ? 's' : 'a') + lw);
      }
    }
    // stress words: long, made of the dictionary's most frequent starts and letters
    const std::vector<std::string> stress = {
        "conterstantionalism", "preconsiderationally", "uninterestingnesses", "inconsideratenesses",
        "reconstitutionaries", "antidisestablishmen", "aeaeaeaeaeaeaeaeaeae", "eeeeeeeeeeeeeeeeeeee",
        "ssssssssssssssssssss", "esesesesesesesesesese", "anananananananananan", "ereererereerereerer",
        "stastastastastastast", "conconconconconconco", "abcdefghijklmnopqrst", "xqzjxqzjxqzjxqzjxqzj",
        "cotco", "sessa", "eaeae", "aaaaaa"};
    auto time_word = [&](const std::string &w, std::vector<TypoRun> *out) {
      folio::fts::TypoStats st{0, 0};
      if (!looked_up(w, &st)) return;
      std::vector<double> runs;
      for (int r = 0; r < repeat; ++r) {
        folio::fts::TypoCandidate c[3];
        uint32_t n = 0;
        const auto t0 = Clock::now();
        folio::fts::typo_candidates(pf.reader, w.data(), w.size(), c, 3, &n, nullptr);
        runs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      }
      out->push_back({w, pct(runs, 0.5), st});
    };
    for (const std::string &w : words) time_word(w, &typo_runs);
    for (const std::string &w : stress) time_word(w, &stress_runs);
  }
  auto typo_line = [&](const char *what, const std::vector<TypoRun> &v) {
    std::vector<double> us;
    const TypoRun *worst = nullptr;
    uint32_t max_terms = 0, max_seeks = 0;
    double sum_terms = 0, sum_seeks = 0;
    for (const TypoRun &t : v) {
      us.push_back(t.us);
      sum_terms += t.st.terms;
      sum_seeks += t.st.seeks;
      if (!worst || t.us > worst->us) worst = &t;
      max_terms = std::max(max_terms, t.st.terms);
      max_seeks = std::max(max_seeks, t.st.seeks);
    }
    std::printf("typo lookup, %s (us, per word the median of %d runs): p50 %.1f p90 %.1f p99 %.1f max %.1f (%zu words; "
                "slowest '%s': %u terms decoded, %u seeks; most: %u terms, %u seeks; mean %.0f terms, %.0f seeks)\n",
                what, repeat, pct(us, 0.5), pct(us, 0.9), pct(us, 0.99), worst ? worst->us : 0.0, v.size(),
                worst ? worst->word.c_str() : "", worst ? worst->st.terms : 0u, worst ? worst->st.seeks : 0u, max_terms,
                max_seeks, v.empty() ? 0.0 : sum_terms / static_cast<double>(v.size()),
                v.empty() ? 0.0 : sum_seeks / static_cast<double>(v.size()));
  };

  const folio::index::Metrics mf = rep_folio.all.mean(), ms = rep_fts.all.mean(), mp = rep_plain.all.mean();
  std::printf("== search benchmark: %s (%u articles, %u sections, %.1f KB text, %zu queries x %d runs)\n",
              label.c_str(), info.article_count, info.section_count, static_cast<double>(text_bytes) / 1024.0,
              qs.size(), repeat);
  std::printf("%s", folio::index::format_report(rep_folio, "folio").c_str());
  std::printf("%s", folio::index::format_report(rep_plain, "FTS5 plain: AND, bm25()").c_str());
  std::printf("%s", folio::index::format_report(rep_fts, "FTS5 tuned: AND then OR, bm25 weights 4/2/1").c_str());
  std::printf("MRR@10: folio %.3f | FTS5 plain %.3f (folio %+.3f) | FTS5 tuned %.3f (folio %+.3f)\n", mf.rr, mp.rr,
              mf.rr - mp.rr, ms.rr, mf.rr - ms.rr);
  std::printf("latency, top %d with snippets (us): folio p50 %.1f p99 %.1f | FTS5 plain p50 %.1f p99 %.1f | FTS5 tuned "
              "p50 %.1f p99 %.1f\n",
              limit, pct(lat_folio, 0.5), pct(lat_folio, 0.99), pct(lat_plain, 0.5), pct(lat_plain, 0.99),
              pct(lat_fts, 0.5), pct(lat_fts, 0.99));
  std::printf("latency without snippets (us): folio p50 %.1f p99 %.1f\n", pct(lat_folio_nosnip, 0.5),
              pct(lat_folio_nosnip, 0.99));
  std::printf("interleaved, with snippets (us; each pass runs every query once): folio p50 %.1f p99 %.1f | FTS5 plain "
              "p50 %.1f p99 %.1f | FTS5 tuned p50 %.1f p99 %.1f | p50 ratio %.3f (plain), %.3f (tuned)\n",
              pct(il_folio, 0.5), pct(il_folio, 0.99), pct(il_plain, 0.5), pct(il_plain, 0.99), pct(il_fts, 0.5),
              pct(il_fts, 0.99), ratio(pct(il_folio, 0.5), pct(il_plain, 0.5)), ratio(pct(il_folio, 0.5), pct(il_fts, 0.5)));
  std::printf("misspelled queries, with snippets (us, per query the median of %d runs): folio p50 %.1f p99 %.1f max "
              "%.1f (%zu queries)\n",
              repeat, pct(lat_missp, 0.5), pct(lat_missp, 0.99), pct(lat_missp, 1.0), lat_missp.size());
  typo_line("misspelled-stratum words and first-letter variants", typo_runs);
  typo_line("stress words", stress_runs);
  std::printf("p90 / p95 with snippets (us): folio %.1f / %.1f | FTS5 plain %.1f / %.1f | FTS5 tuned %.1f / %.1f\n",
              pct(lat_folio, 0.9), pct(lat_folio, 0.95), pct(lat_plain, 0.9), pct(lat_plain, 0.95), pct(lat_fts, 0.9),
              pct(lat_fts, 0.95));
  std::printf("equal work (%zu queries where plain FTS5 returns k >= 1 sections; folio asked for k sections, one snippet "
              "each): folio p50 %.1f p99 %.1f | FTS5 plain p50 %.1f p99 %.1f | p50 ratio %.3f\n",
              eq_qs.size(), pct(lat_eq_folio, 0.5), pct(lat_eq_folio, 0.99), pct(lat_eq_plain, 0.5),
              pct(lat_eq_plain, 0.99), ratio(pct(lat_eq_folio, 0.5), pct(lat_eq_plain, 0.5)));
  const double nq = qs.empty() ? 1.0 : static_cast<double>(qs.size());
  std::printf("mean articles returned per query: folio %.1f | FTS5 plain %.1f | FTS5 tuned %.1f\n",
              static_cast<double>(hits_folio) / nq, static_cast<double>(hits_plain) / nq,
              static_cast<double>(hits_fts) / nq);
  std::printf("p50 ratio folio/FTS5: %.3f (plain), %.3f (tuned)\n", ratio(pct(lat_folio, 0.5), pct(lat_plain, 0.5)),
              ratio(pct(lat_folio, 0.5), pct(lat_fts, 0.5)));
  uint64_t indexed = 0, lexicon = 0;
  const uint64_t fib = folio_index_bytes(pf, &indexed, &lexicon);
  std::printf("index bytes: folio search index %.1f KB (%.3f of %.1f KB indexed text; lexicon %.1f KB more, "
              "%.3f with it) | FTS5 s_data %.1f KB (%.3f; FTS5 build %.2f s)\n",
              static_cast<double>(fib) / 1024.0, indexed ? static_cast<double>(fib) / static_cast<double>(indexed) : 0.0,
              static_cast<double>(indexed) / 1024.0, static_cast<double>(lexicon) / 1024.0,
              indexed ? static_cast<double>(fib + lexicon) / static_cast<double>(indexed) : 0.0,
              static_cast<double>(fts_bytes) / 1024.0,
              indexed ? static_cast<double>(fts_bytes) / static_cast<double>(indexed) : 0.0, build_s);
  std::printf("workspace: folio %zu bytes total (search scratch included)\n", pf.workspace_bytes());
  if (!per_query_path.empty()) {
    FILE *f = std::fopen(per_query_path.c_str(), "w");
    if (!f) die("cannot write the --per-query file", nullptr);
    std::fprintf(f, "folio_us\tfolio_nosnip_us\tfts5_plain_us\tfts5_tuned_us\tfolio_articles\tfts5_plain_articles\tquery\n");
    for (size_t i = 0; i < qs.size(); ++i)
      std::fprintf(f, "%.1f\t%.1f\t%.1f\t%.1f\t%zu\t%zu\t%s\n", med_folio[i], med_folio_nosnip[i], med_plain[i],
                   med_fts[i], nhits_folio[i], nhits_plain[i], qs[i].query.c_str());
    std::fclose(f);
  }
  sqlite3_finalize(sq);
  sqlite3_finalize(sq_plain);
  sqlite3_close(db);
  return 0;
}
