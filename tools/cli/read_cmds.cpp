// read_cmds.cpp: info, get, suggest, glossary, verify, export, topics.
#include "read_cmds.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "cli_pack.h"
#include "text/text.h"

namespace folio {
namespace cli {

using nlohmann::json;

// Parses argv with CLI11; returns -1 to continue, or the exit code (0 for --help, 2 for bad usage).
// Positional words joined by single spaces: `folio glossary PACK what is a placebo` is one term.
static std::string join_words(const std::vector<std::string> &words) {
  std::string out;
  for (const std::string &w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

static int parse(CLI::App &app, int argc, char **argv) {
  app.allow_windows_style_options(false);  // "/tmp/x" is a path, never an option (CLI11 allows /opt on Windows)
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    std::fputs(app.help().c_str(), stdout);
    return EXIT_OK;
  } catch (const CLI::ParseError &e) {
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", app.get_name().c_str(), e.what(),
                 app.get_name().c_str());  // the name is "folio CMD"
    return EXIT_USAGE;
  }
  return -1;
}

// A query argument the command cannot look up: empty (or only spaces) or not UTF-8. Prints "folio CMD:
// WHAT is empty" or "folio CMD: WHAT is not valid UTF-8 (byte N)" and returns EXIT_USAGE, as search does;
// -1 when the text can be looked up. (Without it an empty prefix exited 1 with no message, and an
// invalid REF was echoed raw as "no such article".)
static int check_query_text(const char *cmd, const char *what, const std::string &s) {
  size_t bad = 0;
  if (!text::utf8_valid(s.data(), s.size(), &bad)) {
    std::fprintf(stderr, "folio %s: %s is not valid UTF-8 (byte %zu)\n", cmd, what, bad + 1);
    return EXIT_USAGE;
  }
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
    std::fprintf(stderr, "folio %s: %s is empty\n", cmd, what);
    return EXIT_USAGE;
  }
  return -1;
}

static void print_str(const std::string &s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  if (s.empty() || s.back() != '\n') std::fputc('\n', stdout);
}

int cmd_info(int argc, char **argv) {
  CLI::App app{"Show a pack's metadata, counts and sizes.", "folio info"};
  std::string path;
  bool as_json = false;
  app.add_option("PACK", path, "pack file")->required();
  app.add_flag("--json", as_json, "print JSON");
  if (int rc = parse(app, argc, argv); rc >= 0) return rc;
  int rc = 0;
  auto op = OpenPack::open(path, 0, &rc);
  if (!op) return rc;
  folio_info in;
  if (int st = folio_pack_info(op->pack(), &in); st != FOLIO_OK) {
    std::fprintf(stderr, "folio: %s: %s\n", path.c_str(), folio_status_str(st));
    return exit_for(st);
  }
  json topics = json::array();
  for (uint32_t t = 0; t < in.topic_count; t++) {
    folio_str name;
    uint32_t n = 0;
    if (folio_topic_get(op->pack(), t, &name, &n) == FOLIO_OK) topics.push_back({{"topic", str(name)}, {"articles", n}});
  }
  json j = {{"title", str(in.title)},
            {"language", str(in.language)},
            {"content_version", str(in.content_version)},
            {"licence", str(in.licence)},
            {"disclaimer", str(in.disclaimer)},
            {"generator", str(in.generator)},
            {"format", std::to_string(in.format_major) + "." + std::to_string(in.format_minor)},
            {"articles", in.article_count},
            {"sections", in.section_count},
            {"glossary", in.glossary_count},
            {"references", in.reference_count},
            {"topics", topics},
            {"pack_bytes", in.pack_bytes},
            {"dictionary_bytes", in.dictionary_bytes},
            {"max_doc_bytes", in.max_doc_bytes},
            {"workspace_bytes", in.workspace_bytes}};
  if (in.build_time.len) j["build_time"] = str(in.build_time);
  if (as_json) {
    print_json(j);
    return EXIT_OK;
  }
  std::printf("%s\n", str(in.title).c_str());
  std::printf("  format %u.%u, content %s, language %s, licence %s\n", in.format_major, in.format_minor,
              str(in.content_version).c_str(), str(in.language).c_str(), str(in.licence).c_str());
  std::printf("  %u articles, %u sections, %u glossary terms, %u references, %u topics\n", in.article_count,
              in.section_count, in.glossary_count, in.reference_count, in.topic_count);
  std::printf("  %llu bytes; dictionary %u bytes; largest article %u bytes; workspace %u bytes\n",
              (unsigned long long)in.pack_bytes, in.dictionary_bytes, in.max_doc_bytes, in.workspace_bytes);
  if (in.generator.len) std::printf("  built by %s%s%s\n", str(in.generator).c_str(), in.build_time.len ? " at " : "",
                                    str(in.build_time).c_str());
  std::printf("\n%s\n", str(in.disclaimer).c_str());
  return EXIT_OK;
}

// The article an unknown SLUG, title or alias most likely means: the slug, title or alias the pack has
// for the text as the search corrects it ("knee-surgry" -> knee-surgery, "risks of stem cell injectons"),
// else the articles whose title, alias or a title word starts with it. Empty if none.
static std::vector<std::string> article_did_you_mean(folio_reader *r, const std::string &text) {
  const folio_pack *p = folio_reader_pack(r);
  std::vector<std::string> out;
  std::string words = text;  // a slug's hyphens are spaces to the search and to the title index
  std::replace(words.begin(), words.end(), '-', ' ');
  const std::string fixed = search_correction(r, words);
  folio_article a;
  folio_entry e;
  if (!fixed.empty()) {
    std::string slug = fixed;
    std::replace(slug.begin(), slug.end(), ' ', '-');
    if (folio_lookup_slug(p, slug.data(), slug.size(), &a) == FOLIO_OK) return {str(a.slug)};
    if (folio_lookup_title(p, fixed.data(), fixed.size(), &e) == FOLIO_OK) return {str(e.slug)};
  }
  for (const std::string &t : {text, words, fixed}) {
    folio_entry sug[5];
    uint32_t n = 0;
    if (t.empty() || folio_suggest(p, t.data(), t.size(), sug, 5, &n) != FOLIO_OK || n == 0) continue;
    for (uint32_t i = 0; i < n; i++) out.push_back(str(sug[i].slug));
    return out;
  }
  return out;
}

// What `folio get` offers for a REF it cannot find: for an unknown article, article_did_you_mean; for an
// unknown anchor of a known article, its anchors nearest to the one typed (edit distance at most a third
// of the longer, or one starts the other: "knee-surgery#after-surgry" -> knee-surgery#after-surgery),
// else all of them (*all_sections set), so the user sees what there is.
static std::vector<std::string> get_did_you_mean(folio_reader *r, const std::string &ref, bool *all_sections) {
  const folio_pack *p = folio_reader_pack(r);
  const size_t hash = ref.find('#');
  const std::string slug = ref.substr(0, hash);
  folio_article a;
  folio_entry e;
  bool known = folio_lookup_slug(p, slug.data(), slug.size(), &a) == FOLIO_OK;
  if (!known && folio_lookup_title(p, slug.data(), slug.size(), &e) == FOLIO_OK)
    known = folio_article_get(p, e.article, &a) == FOLIO_OK;
  if (!known) {
    std::vector<std::string> out = article_did_you_mean(r, slug);
    // "kne-surgery#keyhole": the anchors of the article meant
    if (hash != std::string::npos && !out.empty()) return get_did_you_mean(r, out[0] + ref.substr(hash), all_sections);
    return out;
  }
  if (hash == std::string::npos) return {};
  std::string typed = ref.substr(hash + 1);
  for (char &c : typed) c = (c == ' ' || c == '_') ? '-' : c;
  std::vector<std::string> anchors;
  for (uint32_t i = 0; i < a.section_count; i++) {
    folio_section sec;
    if (folio_section_get(p, a.section_first + i, &sec) == FOLIO_OK && sec.anchor.len > 0)
      anchors.push_back(str(sec.anchor));
  }
  std::vector<std::string> out = nearest_names(typed, anchors);
  if (out.empty()) {
    *all_sections = true;  // in the article's order
    out = anchors;
  }
  for (std::string &anchor : out) anchor = str(a.slug) + "#" + anchor;
  return out;
}

int resolve_ref(folio_reader *r, const std::string &ref, folio_article *a, uint32_t *section,
                std::vector<std::string> *why) {
  const folio_pack *p = folio_reader_pack(r);
  folio_section sec;
  const bool whole = ref.find('#') == std::string::npos;
  int st = folio_resolve(p, ref.data(), ref.size(), a, &sec);
  if (st == FOLIO_E_NOT_FOUND) {
    folio_entry e;  // not a slug: try a title or alias, with its #anchor if any
    const std::string name = ref.substr(0, ref.find('#'));
    if (folio_lookup_title(p, name.data(), name.size(), &e) == FOLIO_OK &&
        folio_article_get(p, e.article, a) == FOLIO_OK) {
      const std::string anchor = whole ? std::string() : ref.substr(ref.find('#') + 1);
      st = whole ? FOLIO_OK : folio_section_find(p, a->id, anchor.data(), anchor.size(), &sec);
    }
  }
  if (st == FOLIO_OK) {
    *section = whole ? FOLIO_NONE : sec.id;
    return st;
  }
  why->clear();
  // an article found by its slug, title or alias whose anchor is unknown: "no such section"
  folio_entry e;
  folio_article known;
  const std::string slug = ref.substr(0, ref.find('#'));
  const bool article_known = !whole && (folio_lookup_slug(p, slug.data(), slug.size(), &known) == FOLIO_OK ||
                                        folio_lookup_title(p, slug.data(), slug.size(), &e) == FOLIO_OK);
  why->push_back(st != FOLIO_E_NOT_FOUND ? folio_status_str(st)
                 : article_known         ? "no such section"
                                         : "no such article or section");
  if (st != FOLIO_E_NOT_FOUND) return st;
  bool all_sections = false;
  const std::vector<std::string> near = get_did_you_mean(r, ref, &all_sections);
  if (all_sections) {
    why->push_back("sections of " + near[0].substr(0, near[0].find('#')) + ":");
    for (const std::string &n : near) why->push_back("  " + n);
  } else if (!near.empty()) {
    std::string line = "did you mean:";
    for (const std::string &n : near) line += " " + n;
    why->push_back(line);
  }
  return st;
}

int cmd_get(int argc, char **argv) {
  CLI::App app{"Print an article or one section of it.", "folio get"};
  std::string path, ref, format = "text";
  bool as_json = false, no_refs = false;
  app.add_option("PACK", path, "pack file")->required();
  app.add_option("REF", ref, "SLUG or SLUG#anchor (a title or alias is also accepted)")->required();
  app.add_option("--format", format, "text, html or json")->check(CLI::IsMember({"text", "html", "json"}));
  app.add_flag("--json", as_json, "same as --format json");
  app.add_flag("--no-references", no_refs, "omit the numbered reference list");
  if (int rc = parse(app, argc, argv); rc >= 0) return rc;
  if (as_json) format = "json";
  if (int bad = check_query_text("get", "REF", ref); bad >= 0) return bad;
  int rc = 0;
  auto op = OpenPack::open(path, 0, &rc);
  if (!op) return rc;
  const folio_pack *p = op->pack();
  folio_article a;
  uint32_t section = FOLIO_NONE;
  std::vector<std::string> why;
  int st = resolve_ref(op->reader(), ref, &a, &section, &why);
  if (st != FOLIO_OK) {
    std::fprintf(stderr, "folio get: %s: %s\n", ref.c_str(), why[0].c_str());
    for (size_t i = 1; i < why.size(); i++) std::fprintf(stderr, "%s\n", why[i].c_str());
    return exit_for(st);
  }
  uint32_t flags = no_refs ? FOLIO_RENDER_NO_REFERENCES : 0;
  std::string out;
  if (format == "json") {
    json j = article_json(p, a, true);
    folio_section sec;
    if (section != FOLIO_NONE && folio_section_get(p, section, &sec) == FOLIO_OK)
      j["section"] = {{"anchor", str(sec.anchor)}, {"heading", str(sec.heading)}};
    st = render(op->reader(), a.id, section, FOLIO_FORMAT_TEXT, flags, &out);
    if (st == FOLIO_OK) j["text"] = out;
    if (st == FOLIO_OK) st = render(op->reader(), a.id, section, FOLIO_FORMAT_HTML, flags, &out);
    if (st == FOLIO_OK) j["html"] = out;
    if (st != FOLIO_OK) {
      std::fprintf(stderr, "folio get: %s: %s\n", ref.c_str(), folio_status_str(st));
      return exit_for(st);
    }
    print_json(j);
    return EXIT_OK;
  }
  st = render(op->reader(), a.id, section, format == "html" ? FOLIO_FORMAT_HTML : FOLIO_FORMAT_TEXT, flags, &out);
  if (st != FOLIO_OK) {
    std::fprintf(stderr, "folio get: %s: %s\n", ref.c_str(), folio_status_str(st));
    return exit_for(st);
  }
  print_str(out);
  return EXIT_OK;
}

int cmd_suggest(int argc, char **argv) {
  CLI::App app{"Suggest articles whose title, alias or a title word starts with PREFIX.", "folio suggest"};
  std::string path;
  std::vector<std::string> words;
  unsigned limit = 8;
  bool as_json = false;
  app.add_option("PACK", path, "pack file")->required();
  app.add_option("PREFIX", words, "what the user typed so far (several words are joined by spaces)")->required();
  app.add_option("--limit", limit, "maximum suggestions (1-64)")->check(CLI::Range(1, 64));
  app.add_flag("--json", as_json, "print JSON");
  if (int rc = parse(app, argc, argv); rc >= 0) return rc;
  const std::string prefix = join_words(words);
  if (int bad = check_query_text("suggest", "PREFIX", prefix); bad >= 0) return bad;
  int rc = 0;
  auto op = OpenPack::open(path, 0, &rc);
  if (!op) return rc;
  // Nothing starts with what was typed: the suggestions for it as the search corrects a word being typed
  // ("injecton" -> "injection", "stem cel knee" -> "stem cell knee"), reported as the search reports it.
  folio_entry out[64];
  uint32_t n = 0;
  char fix[FOLIO_SUGGEST_CORRECTED_MAX];
  size_t fix_len = 0;
  int st = folio_suggest_typed(op->reader(), prefix.data(), prefix.size(), out, limit, &n, fix, sizeof fix, &fix_len);
  if (st != FOLIO_OK) {
    std::fprintf(stderr, "folio suggest: %s\n", folio_status_str(st));
    return exit_for(st);
  }
  const std::string corrected(fix, fix_len);
  static const char *kinds[] = {"title", "alias", "word"};
  if (as_json) {
    json arr = json::array();
    for (uint32_t i = 0; i < n; i++) {
      json j = {{"slug", str(out[i].slug)}, {"title", str(out[i].title)}, {"matched", str(out[i].matched)},
                {"kind", kinds[out[i].kind <= 2 ? out[i].kind : 2]}, {"score", out[i].score}};
      if (!corrected.empty()) j["corrected"] = corrected;
      arr.push_back(j);
    }
    print_json(arr);
  } else {
    if (!corrected.empty()) std::printf("Showing suggestions for: %s\n", corrected.c_str());
    for (uint32_t i = 0; i < n; i++) {
      std::printf("%-32s %s", str(out[i].slug).c_str(), str(out[i].title).c_str());
      if (out[i].kind == 1) std::printf("  (alias: %s)", str(out[i].matched).c_str());
      std::printf("\n");
    }
  }
  return n ? EXIT_OK : EXIT_NOT_FOUND;
}

int cmd_glossary(int argc, char **argv) {
  CLI::App app{"Look up a glossary term by name, abbreviation or everyday word, also inside a question "
               "(\"what is a placebo?\") or as a plural.", "folio glossary"};
  std::string path;
  std::vector<std::string> words;
  bool as_json = false;
  app.add_option("PACK", path, "pack file")->required();
  app.add_option("TERM", words,
                 "e.g. kneecap, OA, platelet-rich plasma, \"what does BMAC stand for?\" (several words are joined "
                 "by spaces)")
      ->required();
  app.add_flag("--json", as_json, "print JSON");
  if (int rc = parse(app, argc, argv); rc >= 0) return rc;
  const std::string term = join_words(words);
  if (int bad = check_query_text("glossary", "TERM", term); bad >= 0) return bad;
  int rc = 0;
  auto op = OpenPack::open(path, 0, &rc);
  if (!op) return rc;
  folio_glossary_entry g;
  int st = folio_glossary_for_query(op->pack(), term.data(), term.size(), &g);
  if (st != FOLIO_OK) {
    std::fprintf(stderr, "folio glossary: %s: %s\n", term.c_str(), st == FOLIO_E_NOT_FOUND ? "no such term" : folio_status_str(st));
    // a misspelled term or question: the entry of the text as the search corrects it ("bmca" -> BMAC)
    const std::string fixed = st == FOLIO_E_NOT_FOUND ? search_correction(op->reader(), term) : std::string();
    if (!fixed.empty() && folio_glossary_for_query(op->pack(), fixed.data(), fixed.size(), &g) == FOLIO_OK)
      std::fprintf(stderr, "did you mean: %s (%s)?\n", fixed.c_str(), str(g.term).c_str());
    return exit_for(st);
  }
  json j = glossary_json(op->pack(), g);
  if (as_json) {
    print_json(j);
    return EXIT_OK;
  }
  std::printf("%s", j["term"].get<std::string>().c_str());
  if (!j["abbreviations"].empty()) {
    std::printf(" (");
    for (size_t i = 0; i < j["abbreviations"].size(); i++) std::printf("%s%s", i ? ", " : "", j["abbreviations"][i].get<std::string>().c_str());
    std::printf(")");
  }
  std::printf("\n  %s\n", j["definition"].get<std::string>().c_str());
  auto list = [](const char *label, const json &arr) {
    if (arr.empty()) return;
    std::printf("  %s: ", label);
    for (size_t i = 0; i < arr.size(); i++) std::printf("%s%s", i ? ", " : "", arr[i].get<std::string>().c_str());
    std::printf("\n");
  };
  list("also called", j["everyday"]);
  list("see also", j["see_also"]);
  list("articles", j["articles"]);
  return EXIT_OK;
}

int cmd_verify(int argc, char **argv) {
  CLI::App app{"Check a pack completely: checksums, every index reference and every article.", "folio verify"};
  std::string path;
  bool as_json = false;
  app.add_option("PACK", path, "pack file")->required();
  app.add_flag("--json", as_json, "print JSON");
  if (int rc = parse(app, argc, argv); rc >= 0) return rc;
  int rc = 0;
  std::string why;
  // Read, not mapped: a device that fails mid-way is an "I/O error", not a SIGBUS.
  auto op = OpenPack::open(path, FOLIO_OPEN_VERIFY_CHECKSUM, &rc, &why, OpenPack::kRead);
  if (!op) {
    if (as_json) print_json({{"ok", false}, {"status", why}, {"exit", rc}});
    return rc;
  }
  uint32_t bad = FOLIO_NONE;
  int st = folio_verify(op->reader(), &bad);
  std::string where;
  if (st != FOLIO_OK && bad != FOLIO_NONE) {
    folio_article a;
    if (folio_article_get(op->pack(), bad, &a) == FOLIO_OK) where = str(a.slug);
  }
  if (as_json) {
    json j = {{"ok", st == FOLIO_OK}, {"status", folio_status_str(st)}, {"exit", exit_for(st)}};
    if (!where.empty()) j["article"] = where;
    print_json(j);
  } else if (st == FOLIO_OK) {
    std::printf("%s: ok\n", path.c_str());
  } else {
    std::fprintf(stderr, "folio verify: %s: %s%s%s\n", path.c_str(), folio_status_str(st), where.empty() ? "" : " in article ",
                 where.c_str());
  }
  return exit_for(st);
}

int cmd_export(int argc, char **argv) {
  CLI::App app{"Export every section as one JSON object per line (slug, section, title, heading, text).", "folio export"};
  std::string path, format = "jsonl";
  app.add_option("PACK", path, "pack file")->required();
  app.add_option("--format", format, "jsonl (the only format)")->check(CLI::IsMember({"jsonl"}));
  if (int rc = parse(app, argc, argv); rc >= 0) return rc;
  int rc = 0;
  auto op = OpenPack::open(path, 0, &rc);
  if (!op) return rc;
  folio_info in;
  folio_pack_info(op->pack(), &in);
  std::string text;
  for (uint32_t id = 0; id < in.article_count; id++) {
    folio_article a;
    int st = folio_article_get(op->pack(), id, &a);
    for (uint32_t i = 0; st == FOLIO_OK && i < a.section_count; i++) {
      folio_section s;
      st = folio_section_get(op->pack(), a.section_first + i, &s);
      if (st == FOLIO_OK) st = section_text(op->reader(), s.id, &text);
      if (st != FOLIO_OK) break;
      json j = {{"slug", str(a.slug)}, {"section", str(s.anchor)}, {"title", str(a.title)},
                {"heading", str(s.heading)}, {"text", text}};
      std::string line = j.dump();
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fputc('\n', stdout);
    }
    if (st != FOLIO_OK) {
      std::fprintf(stderr, "folio export: article %u: %s\n", id, folio_status_str(st));
      return exit_for(st);
    }
  }
  return EXIT_OK;
}

// The topic named `name` in any case ("Cost" is cost, as `topic:Cost` is in a search): the pack's topic
// names are compared exactly by folio_topic_find, so this scans them (a pack has a few dozen).
static bool find_topic_any_case(const folio_pack *p, const std::string &name, uint32_t *out) {
  folio_info in;
  if (folio_pack_info(p, &in) != FOLIO_OK) return false;
  const std::string want = ascii_lower(name);
  for (uint32_t t = 0; t < in.topic_count; t++) {
    folio_str s;
    if (folio_topic_get(p, t, &s, nullptr) == FOLIO_OK && ascii_lower(str(s)) == want) {
      *out = t;
      return true;
    }
  }
  return false;
}

// For an unknown topic: the nearest names (nearest_names: "cots" -> cost, "evid" -> evidence), else
// the list of every topic.
static void print_topic_hint(const folio_pack *p, const std::string &name) {
  folio_info in;
  if (folio_pack_info(p, &in) != FOLIO_OK) return;
  std::vector<std::string> topics;
  for (uint32_t t = 0; t < in.topic_count; t++) {
    folio_str s;
    if (folio_topic_get(p, t, &s, nullptr) == FOLIO_OK) topics.push_back(str(s));
  }
  const std::vector<std::string> near = nearest_names(name, topics);
  std::string list;
  for (const std::string &t : near.empty() ? topics : near) list += (list.empty() ? "" : near.empty() ? ", " : " ") + t;
  if (!list.empty()) std::fprintf(stderr, "%s%s\n", near.empty() ? "topics in this pack: " : "did you mean: ", list.c_str());
}

int cmd_topics(int argc, char **argv) {
  CLI::App app{"List topics, or the articles of one topic.", "folio topics"};
  std::string path, name;
  bool as_json = false;
  app.add_option("PACK", path, "pack file")->required();
  app.add_option("TOPIC", name, "a topic name; omit to list all topics");
  app.add_flag("--json", as_json, "print JSON");
  if (int rc = parse(app, argc, argv); rc >= 0) return rc;
  int rc = 0;
  auto op = OpenPack::open(path, 0, &rc);
  if (!op) return rc;
  const folio_pack *p = op->pack();
  json out = json::array();
  if (name.empty()) {
    folio_info in;
    folio_pack_info(p, &in);
    for (uint32_t t = 0; t < in.topic_count; t++) {
      folio_str s;
      uint32_t n = 0;
      if (folio_topic_get(p, t, &s, &n) == FOLIO_OK) out.push_back({{"topic", str(s)}, {"articles", n}});
    }
  } else {
    uint32_t t = 0;
    int st = folio_topic_find(p, name.data(), name.size(), &t);
    if (st == FOLIO_E_NOT_FOUND && find_topic_any_case(p, name, &t)) st = FOLIO_OK;
    if (st != FOLIO_OK) {
      std::fprintf(stderr, "folio topics: %s: %s\n", name.c_str(), st == FOLIO_E_NOT_FOUND ? "no such topic" : folio_status_str(st));
      if (st == FOLIO_E_NOT_FOUND) print_topic_hint(p, name);
      return exit_for(st);
    }
    folio_str s;
    uint32_t n = 0;
    folio_topic_get(p, t, &s, &n);
    for (uint32_t i = 0; i < n; i++) {
      folio_article a;
      if (folio_topic_article(p, t, i, &a) == FOLIO_OK) out.push_back(article_json(p, a, false));
    }
  }
  if (as_json) {
    print_json(out);
  } else {
    for (auto &e : out) {
      if (e.contains("topic"))
        std::printf("%-28s %u\n", e["topic"].get<std::string>().c_str(), e["articles"].get<unsigned>());
      else
        std::printf("%-32s %s\n", e["slug"].get<std::string>().c_str(), e["title"].get<std::string>().c_str());
    }
  }
  return EXIT_OK;
}

}  // namespace cli
}  // namespace folio
