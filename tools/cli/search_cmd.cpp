// search_cmd.cpp: `folio search` and `folio eval` over the public search API.
#include "search_cmd.h"

#include "cli_pack.h"

#include <folio/folio.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "search_eval.h"
#include "search_pack_file.h"

namespace folio {
namespace index {
namespace {

std::string str(folio_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }

int exit_for(folio_status s) {
  switch (s) {
    case FOLIO_OK: return 0;
    case FOLIO_E_ARG:
    case FOLIO_E_UTF8:
    case FOLIO_E_QUERY:
    case FOLIO_E_LIMIT:
    case FOLIO_E_NOT_FOUND: return 2;
    default: return 3;
  }
}

int open_pack(PackFile &pf, const std::string &path) {
  const folio_status s = pf.open(path);
  if (s == FOLIO_OK) return 0;
  if (s == FOLIO_E_NOT_FOUND)
    std::fprintf(stderr, "folio: %s: cannot read: %s\n", path.c_str(), pf.error.c_str());
  else
    std::fprintf(stderr, "folio: %s: %s\n", path.c_str(), folio_status_str(s));
  return s == FOLIO_E_NOT_FOUND ? 2 : 3;
}

// The pack cannot be searched: it has no search index, or one of another version (built by another
// folio: say so, and how to fix it). Exit code 2, as for other input this command cannot use.
int no_search_index(const std::string &path, const folio_pack *pack) {
  const uint32_t v = folio_search_index_version(pack);
  if (v != 0 && v != FOLIO_SEARCH_INDEX_VERSION)
    std::fprintf(stderr,
                 "folio: %s: the pack's search index is version %u; this folio reads version %u: rebuild the pack "
                 "with this folio (folio build)\n",
                 path.c_str(), v, FOLIO_SEARCH_INDEX_VERSION);
  else
    std::fprintf(stderr, "folio: %s: the pack has no search index\n", path.c_str());
  return 2;
}

// A CLI11 parse error as the other commands report it: --help prints the help (exit 0); anything else is
// "folio CMD: what\nRun 'folio CMD --help' for usage." on stderr (exit 2).
int parse_error(CLI::App &app, const CLI::ParseError &e) {
  if (e.get_exit_code() == 0) return app.exit(e);
  const std::string &name = app.get_name();  // "folio search"
  std::fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", name.c_str(), e.what(), name.c_str());
  return 2;
}

// Whether the query has an `audience:` filter that folio_search rejects (FOLIO_E_QUERY), with the first
// such value (maybe empty) in *value: the engine returns the same status for a query with no word, and
// the message should say which it was.
bool bad_audience(const std::string &q, std::string *value) {
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && static_cast<unsigned char>(q[i]) <= 0x20) ++i;
    size_t j = i;
    while (j < q.size() && static_cast<unsigned char>(q[j]) > 0x20) ++j;
    std::string w = q.substr(i, j - i), lw = w;
    for (char &c : lw) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (lw.rfind("audience:", 0) == 0) {
      const std::string v = lw.substr(9);
      if (v != "patient" && v != "patients" && v != "clinician" && v != "clinicians" && v != "both" && v != "all") {
        *value = w.substr(9);
        return true;
      }
    }
    i = j;
  }
  return false;
}

// Snippet with highlights marked [like this] for terminals.
std::string marked(const std::string &snip, const folio_search_hit &h) {
  std::string o;
  size_t at = 0;
  for (uint32_t i = 0; i < h.highlight_count; ++i) {
    const auto &r = h.highlights[i];
    if (r.off < at || r.off + r.len > snip.size()) continue;
    o.append(snip, at, r.off - at);
    o += '[';
    o.append(snip, r.off, r.len);
    o += ']';
    at = r.off + r.len;
  }
  o.append(snip, at, std::string::npos);
  return o;
}

// A query may start with an exclusion ("-surgery knee replacement") or be several unquoted words, and
// CLI11 would take "-surgery" for an unknown option. An argument that starts with a single '-' and is
// none of this command's options ("-n", "-n5", "-h") is a query word: the arguments are reordered to the
// options (with their values) first, then "--", then the positionals (PACK and the query words) in
// their order. A "--name" stays an option, so a mistyped long option is still reported.
std::vector<std::string> options_then_positionals(int argc, char **argv, CLI::App &app, std::string *unknown) {
  std::vector<std::string> opts{argv[0]}, pos;
  bool rest = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (rest || a.size() < 2 || a[0] != '-') {
      pos.push_back(a);
      continue;
    }
    if (a == "--") {
      rest = true;
      continue;
    }
    const bool is_long = a[1] == '-';
    const std::string name = is_long ? a.substr(0, a.find('=')) : a.substr(0, 2);
    const CLI::Option *o = app.get_option_no_throw(name);
    const bool takes_value = o && o->get_items_expected_max() > 0;
    if (is_long && !o && unknown->empty()) *unknown = a;
    if (!is_long) {
      // "-n" / "-h" alone, or "-n" with its number attached; anything else is a query word
      const std::string tail = a.substr(2);
      const bool digits = !tail.empty() && tail.find_first_not_of("0123456789") == std::string::npos;
      if (!o || !(tail.empty() || (takes_value && digits))) {
        pos.push_back(a);
        continue;
      }
    }
    opts.push_back(a);
    if (takes_value && a == name && i + 1 < argc) opts.push_back(argv[++i]);
  }
  opts.push_back("--");
  opts.insert(opts.end(), pos.begin(), pos.end());
  return opts;
}

}  // namespace

std::string search_filter_hint(const folio_pack *pack, const std::string &missing) {
  auto starts = [&](const char *p) {
    const size_t n = std::strlen(p);
    if (missing.size() < n) return false;
    for (size_t i = 0; i < n; ++i)
      if (std::tolower(static_cast<unsigned char>(missing[i])) != p[i]) return false;
    return true;
  };
  // the nearest names first ("topic:cots" -> topic:cost, "article:knee-surgry" -> article:knee-surgery)
  auto did_you_mean = [&](const char *filter, const std::vector<std::string> &names) {
    const std::vector<std::string> near = cli::nearest_names(missing.substr(std::strlen(filter)), names);
    std::string out;
    for (const std::string &n : near) out += (out.empty() ? "did you mean: " : " or ") + std::string(filter) + n;
    return out.empty() ? out : out + "?";
  };
  if (starts("topic:")) {
    std::vector<std::string> names;
    folio_str name;
    uint32_t count = 0;
    for (uint32_t t = 0; folio_topic_get(pack, t, &name, &count) == FOLIO_OK; ++t) names.push_back(str(name));
    if (names.empty()) return "this pack has no topics";
    const std::string near = did_you_mean("topic:", names);
    if (!near.empty()) return near;
    std::string list;
    for (const std::string &n : names) list += (list.empty() ? "" : ", ") + n;
    return "topics in this pack: " + list;
  }
  if (starts("article:")) {
    std::vector<std::string> slugs;
    folio_article a;
    for (uint32_t i = 0; folio_article_get(pack, i, &a) == FOLIO_OK; ++i) slugs.push_back(str(a.slug));
    const std::string near = did_you_mean("article:", slugs);
    return !near.empty() ? near : "no article has that slug (`folio suggest PACK WORDS` lists titles and slugs)";
  }
  return std::string();
}

int cmd_search(int argc, char **argv) {
  CLI::App app{"full-text search with snippets", "folio search"};
  app.allow_windows_style_options(false);  // "/tmp/x" is a path, never an option (CLI11 allows /opt on Windows)
  std::string path;
  std::vector<std::string> words;
  unsigned limit = 10;
  bool json = false, all = false, prefix_last = false, no_fuzzy = false, no_syn = false, no_snip = false;
  app.add_option("PACK", path, "pack file")->required();
  app.add_option("QUERY", words,
                 "query: words, \"phrases\" (\"bone mar*\"), -exclusions or NOT word, prefix*, -prefix*, topic:NAME, "
                 "audience:patient|clinician, article:SLUG (one "
                 "argument, or several words joined by spaces; it may start with an -exclusion)")
      ->required();
  app.add_option("--limit,-n", limit, "maximum hits (1-64)")->check(CLI::Range(1u, 64u));
  app.add_flag("--json", json, "print a JSON array of hits");
  app.add_flag("--all-sections", all, "one hit per matching section instead of one per article");
  app.add_flag("--prefix-last", prefix_last, "search as you type: the last word is also a prefix");
  app.add_flag("--no-fuzzy", no_fuzzy, "no typo correction");
  app.add_flag("--no-synonyms", no_syn, "no synonym expansion");
  app.add_flag("--no-snippets", no_snip, "no snippets");
  try {
    std::string unknown;
    std::vector<std::string> args = options_then_positionals(argc, argv, app, &unknown);
    if (!unknown.empty()) {
      std::fprintf(stderr,
                   "folio search: unknown option %s (see folio search --help; a query word that starts with a "
                   "single - excludes that word)\n",
                   unknown.c_str());
      return 2;
    }
    std::vector<char *> av;
    for (std::string &a : args) av.push_back(a.data());
    app.parse(static_cast<int>(av.size()), av.data());
  } catch (const CLI::ParseError &e) {
    return parse_error(app, e);
  }
  std::string query;
  for (const std::string &w : words) query += (query.empty() ? "" : " ") + w;
  PackFile pf;
  if (const int rc = open_pack(pf, path)) return rc;
  if (!folio_search_available(pf.pack)) return no_search_index(path, pf.pack);
  const uint32_t flags = (all ? FOLIO_SEARCH_ALL_SECTIONS : 0u) | (prefix_last ? FOLIO_SEARCH_PREFIX_LAST : 0u) |
                         (no_fuzzy ? FOLIO_SEARCH_NO_FUZZY : 0u) | (no_syn ? FOLIO_SEARCH_NO_SYNONYMS : 0u) |
                         (no_snip ? FOLIO_SEARCH_NO_SNIPPETS : 0u);
  std::vector<folio_search_hit> hits(limit);
  std::vector<char> text(64 * 1024);
  folio_search_result res;
  const folio_status s =
      folio_search(pf.reader, query.data(), query.size(), flags, hits.data(), limit, text.data(), text.size(), &res);
  std::string audience;
  if (s == FOLIO_E_QUERY && bad_audience(query, &audience)) {
    std::fprintf(stderr, "folio search: unknown audience '%s' (audience:patient, audience:clinician or audience:both)\n",
                 audience.c_str());
    return exit_for(s);
  }
  if (s == FOLIO_E_QUERY) {
    std::fprintf(stderr,
                 "folio search: nothing to search for: the query has no word to look for (only exclusions, "
                 "operators or punctuation)\n");
    return exit_for(s);
  }
  if (s != FOLIO_OK) {
    std::fprintf(stderr, "folio search: %s\n", folio_status_str(s));
    return exit_for(s);
  }
  const std::string corrected = (res.flags & FOLIO_SEARCH_CORRECTED)
                                    ? std::string(text.data() + res.corrected_off, res.corrected_len)
                                    : std::string();
  const std::string missing = (res.flags & FOLIO_SEARCH_MISSING)
                                  ? std::string(text.data() + res.missing_off, res.missing_len)
                                  : std::string();
  if (json) {
    nlohmann::json arr = nlohmann::json::array();
    for (uint32_t i = 0; i < res.hit_count; ++i) {
      const folio_search_hit &h = hits[i];
      nlohmann::json j;
      j["slug"] = str(h.slug);
      j["section"] = str(h.anchor);
      j["title"] = str(h.title);
      j["heading"] = str(h.heading);
      j["score"] = h.score;
      j["snippet"] = std::string(text.data() + h.snippet_off, h.snippet_len);
      nlohmann::json hl = nlohmann::json::array();
      for (uint32_t k = 0; k < h.highlight_count; ++k) hl.push_back({h.highlights[k].off, h.highlights[k].len});
      j["highlights"] = hl;
      j["all_words"] = (h.flags & FOLIO_HIT_ALL_WORDS) != 0;
      if (h.flags & FOLIO_HIT_TITLE) j["title_match"] = true;
      if (h.more_sections) j["more_sections"] = h.more_sections;
      if (!corrected.empty()) j["corrected"] = corrected;
      if (!missing.empty()) j["missing"] = missing;
      arr.push_back(j);
    }
    std::printf("%s\n", arr.dump(2).c_str());
    // with no hit the array cannot carry them: what was not found, and the suggestion, go to stderr
    if (res.hit_count == 0 && !missing.empty()) {
      std::fprintf(stderr, "folio search: no section has: %s\n", missing.c_str());
      const std::string hint = search_filter_hint(pf.pack, missing);
      if (!hint.empty()) std::fprintf(stderr, "folio search: %s\n", hint.c_str());
    }
    if (res.hit_count == 0 && (res.flags & FOLIO_SEARCH_SUGGESTED))
      std::fprintf(stderr, "folio search: did you mean: %.*s?\n", static_cast<int>(res.corrected_len),
                   text.data() + res.corrected_off);
  } else {
    // A definition card first when the query asks about a glossary term ("what is a placebo?"), as it
    // was searched: corrected when it was ("what is a placebp", "bmca").
    folio_glossary_entry g;
    const std::string &asked = corrected.empty() ? query : corrected;
    if (folio_glossary_for_query(pf.pack, asked.data(), asked.size(), &g) == FOLIO_OK)
      std::printf("%s (glossary): %s\n\n", str(g.term).c_str(), str(g.definition).c_str());
    if (!corrected.empty()) std::printf("Showing results for: %s\n", corrected.c_str());
    if (!missing.empty() && res.hit_count > 0)
      std::printf("(no section has: %s; best matches for the other words)\n", missing.c_str());
    else if (res.flags & FOLIO_SEARCH_PARTIAL)
      std::printf("(no section has every word; best partial matches)\n");
    for (uint32_t i = 0; i < res.hit_count; ++i) {
      const folio_search_hit &h = hits[i];
      const std::string anchor = str(h.anchor);
      std::printf("%2u. %s%s%s  [%s%s%s]  %.2f\n", i + 1, str(h.title).c_str(), h.heading.len ? " › " : "",
                  str(h.heading).c_str(), str(h.slug).c_str(), anchor.empty() ? "" : "#", anchor.c_str(),
                  static_cast<double>(h.score));
      if (h.snippet_len)
        std::printf("    %s\n", marked(std::string(text.data() + h.snippet_off, h.snippet_len), h).c_str());
    }
    if (res.hit_count == 0 && (res.flags & FOLIO_SEARCH_SUGGESTED))
      std::printf("no results; did you mean: %.*s?\n", static_cast<int>(res.corrected_len),
                  text.data() + res.corrected_off);
    else if (res.hit_count == 0)
      std::printf("no results\n");
    if (res.hit_count == 0 && !missing.empty()) {
      std::printf("no section has: %s\n", missing.c_str());
      const std::string hint = search_filter_hint(pf.pack, missing);
      if (!hint.empty()) std::printf("%s\n", hint.c_str());
    }
  }
  return res.hit_count ? 0 : 1;
}

int cmd_eval(int argc, char **argv) {
  CLI::App app{"search relevance over one or more judged query sets, scored together", "folio eval"};
  app.allow_windows_style_options(false);  // "/tmp/x" is a path, never an option (CLI11 allows /opt on Windows)
  std::string path;
  std::vector<std::string> qpaths;
  bool json = false, gate = false, verbose = false;
  double min_mrr = 0.85, min_s3 = 0.90, min_mis = 0.85;
  app.add_option("PACK", path, "pack file")->required();
  app.add_option("QUERIES", qpaths, "judged query files (tests/relevance/queries.tsv format), scored as one set")
      ->required();
  app.add_flag("--json", json, "print the metrics as JSON");
  CLI::Option *gate_opt =
      app.add_flag("--gate", gate, "exit 1 below the floors (MRR@10 0.85, success@3 0.90, misspelled success@10 0.85)");
  app.add_option("--min-mrr", min_mrr, "with --gate: the MRR@10 floor (default 0.85)")
      ->check(CLI::Range(0.0, 1.0))
      ->needs(gate_opt);
  app.add_option("--min-s3", min_s3, "with --gate: the success@3 floor (default 0.90)")
      ->check(CLI::Range(0.0, 1.0))
      ->needs(gate_opt);
  app.add_option("--min-misspelled-s10", min_mis, "with --gate: the misspelled stratum's success@10 floor (default 0.85)")
      ->check(CLI::Range(0.0, 1.0))
      ->needs(gate_opt);
  app.add_flag("--verbose,-v", verbose, "print every query whose first relevant hit is not at rank 1");
  bool prefix_last = false;
  app.add_flag("--prefix-last", prefix_last, "search as you type (the last word also a prefix), as a kiosk does");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return parse_error(app, e);
  }
  std::vector<EvalQuery> qs;
  std::vector<size_t> file_of;  // qs[i] came from qpaths[file_of[i]]
  try {
    for (size_t f = 0; f < qpaths.size(); ++f) {
      std::vector<EvalQuery> part = load_eval_queries(qpaths[f]);
      file_of.insert(file_of.end(), part.size(), f);
      qs.insert(qs.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
  } catch (const std::exception &e) {
    std::fprintf(stderr, "folio eval: %s\n", e.what());
    return 2;
  }
  PackFile pf;
  if (const int rc = open_pack(pf, path)) return rc;
  if (!folio_search_available(pf.pack)) return no_search_index(path, pf.pack);
  Report rep;
  std::vector<folio_search_hit> hits(10);
  std::vector<char> text(16 * 1024);
  double total_us = 0;
  for (size_t qi = 0; qi < qs.size(); ++qi) {
    const EvalQuery &q = qs[qi];
    const std::string where = qpaths.size() > 1 ? qpaths[file_of[qi]] + ":" : std::string("line ");
    folio_search_result res;
    const auto t0 = std::chrono::steady_clock::now();
    const folio_status s = folio_search(pf.reader, q.query.data(), q.query.size(),
                                        prefix_last ? FOLIO_SEARCH_PREFIX_LAST : 0u, hits.data(), 10, text.data(),
                                        text.size(), &res);
    total_us += std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    std::vector<RankedHit> ranked;
    if (s == FOLIO_OK)
      for (uint32_t i = 0; i < res.hit_count; ++i) ranked.push_back({str(hits[i].slug), str(hits[i].anchor)});
    else if (s == FOLIO_E_CORRUPT) {
      std::fprintf(stderr, "folio: %s: %s (query at %s%d)\n", path.c_str(), folio_status_str(s), where.c_str(), q.line);
      return 3;
    }
    const Metrics m = score_query(q, ranked);
    rep.add(q.stratum, m);
    if (verbose && m.s1 == 0) {
      std::printf("%s%d [%s] \"%s\": RR %.2f\n", where.c_str(), q.line, q.stratum.c_str(), q.query.c_str(), m.rr);
      for (size_t i = 0; i < ranked.size() && i < 3; ++i)
        std::printf("    %zu. %s#%s%s\n", i + 1, ranked[i].slug.c_str(), ranked[i].anchor.c_str(),
                    grade_of(q, ranked[i]) ? "  (relevant)" : "");
    }
  }
  const Metrics all = rep.all.mean();
  auto stratum_mean = [&](const std::string &name) {
    auto it = rep.strata.find(name);
    return it == rep.strata.end() ? Metrics{} : it->second.mean();
  };
  const Metrics mis = stratum_mean("misspelled");
  const bool pass = all.rr >= min_mrr && all.s3 >= min_s3 && (mis.n == 0 || mis.s10 >= min_mis);
  if (json) {
    nlohmann::json j;
    for (const auto &kv : rep.strata) {
      const Metrics m = kv.second.mean();
      j["strata"][kv.first] = {{"n", m.n}, {"mrr10", m.rr}, {"s1", m.s1}, {"s3", m.s3}, {"s10", m.s10}, {"ndcg10", m.ndcg}};
    }
    j["all"] = {{"n", all.n}, {"mrr10", all.rr}, {"s1", all.s1}, {"s3", all.s3}, {"s10", all.s10}, {"ndcg10", all.ndcg}};
    j["mean_latency_us"] = qs.empty() ? 0.0 : total_us / static_cast<double>(qs.size());
    if (gate) {
      j["gate"] = pass;
      j["floors"] = {{"mrr10", min_mrr}, {"s3", min_s3}, {"misspelled_s10", min_mis}};
    }
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::printf("%s", format_report(rep, "folio").c_str());
    std::printf("mean latency with snippets: %.1f us over %zu queries\n",
                qs.empty() ? 0.0 : total_us / static_cast<double>(qs.size()), qs.size());
    if (gate)
      std::printf("relevance gate (MRR@10 >= %.2f, S@3 >= %.2f, misspelled S@10 >= %.2f): %s\n", min_mrr, min_s3,
                  min_mis, pass ? "pass" : "FAIL");
  }
  return gate && !pass ? 1 : 0;
}

}  // namespace index
}  // namespace folio
