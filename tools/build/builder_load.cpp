// Content loader: pack.yaml, articles/*.md (YAML front matter + Markdown body), glossary/*.yaml,
// references/*.yaml, synonyms.yaml, or a JSON Lines corpus. Every problem goes to Diagnostics with the
// file's line, so one run reports all of them. Files are read in sorted path order (determinism).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "builder_content.h"
#include "text/text.h"

namespace fs = std::filesystem;

namespace folio {
namespace tools {

// ---- Diagnostics -----------------------------------------------------------------------------------------

void Diagnostics::error(const std::string &path, int line, const std::string &msg) {
  items_.push_back({path, line < 1 ? 1 : line, false, msg});
  ++errors_;
}

void Diagnostics::warn(const std::string &path, int line, const std::string &msg) {
  items_.push_back({path, line < 1 ? 1 : line, true, msg});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> v = items_;
  std::stable_sort(v.begin(), v.end(), [](const Diagnostic &a, const Diagnostic &b) {
    if (a.path != b.path) return a.path < b.path;
    return a.line < b.line;
  });
  return v;
}

std::string Diagnostics::format(bool include_warnings) const {
  std::string out;
  for (const Diagnostic &d : sorted()) {
    if (d.warning && !include_warnings) continue;
    out += d.path + ":" + std::to_string(d.line) + (d.warning ? ": warning: " : ": error: ") + d.message + "\n";
  }
  return out;
}

// ---- Small helpers ---------------------------------------------------------------------------------------

bool is_slug(const std::string &s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

bool parse_iso_date(const std::string &s, uint32_t *out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int dim = days[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > dim) return false;
  if (out) *out = static_cast<uint32_t>(y * 10000 + m * 100 + d);
  return true;
}

std::string fold_key_str(const std::string &s) {
  std::string out(s.size() * 3 + 16, '\0');
  size_t n = text::fold_key(s.data(), s.size(), &out[0], out.size());
  if (n > out.size()) {
    out.resize(n);
    n = text::fold_key(s.data(), s.size(), &out[0], out.size());
  }
  out.resize(n);
  return out;
}

std::string make_anchor_str(const std::string &s) {
  std::string out(s.size() * 3 + 16, '\0');
  size_t n = text::make_anchor(s.data(), s.size(), &out[0], out.size());
  if (n > out.size()) {
    out.resize(n);
    n = text::make_anchor(s.data(), s.size(), &out[0], out.size());
  }
  out.resize(n);
  return out;
}

namespace {

bool read_file(const fs::path &p, std::string *out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

int line_of_offset(const std::string &s, size_t off) {
  return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(std::min(off, s.size())), '\n'));
}

// Checks UTF-8; reports the line of the first bad byte. Returns false if invalid.
bool check_utf8(const std::string &bytes, const std::string &path, int base_line, Diagnostics &diag) {
  size_t bad = 0;
  if (text::utf8_valid(bytes.data(), bytes.size(), &bad)) return true;
  diag.error(path, base_line + line_of_offset(bytes, bad) - 1,
             "invalid UTF-8 (byte offset " + std::to_string(bad) + ")");
  return false;
}

std::vector<fs::path> sorted_files(const fs::path &dir, const std::string &ext) {
  std::vector<fs::path> v;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return v;
  for (const auto &e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ext) v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

// YAML helpers. `base` is the file line of the YAML document's first line minus one.
struct Yctx {
  std::string path;
  int base = 0;
  Diagnostics *diag;
  int line(const YAML::Node &n) const { return base + n.Mark().line + 1; }
};

bool yaml_string(const Yctx &y, const YAML::Node &map, const char *key, std::string *out, bool required,
                 int fallback_line) {
  const YAML::Node n = map[key];
  if (!n || n.IsNull()) {
    if (required) y.diag->error(y.path, fallback_line, std::string("missing required field '") + key + "'");
    return false;
  }
  if (!n.IsScalar()) {
    y.diag->error(y.path, y.line(n), std::string("field '") + key + "' must be a string");
    return false;
  }
  *out = n.Scalar();
  // Folded scalars (">") end with a newline; trim surrounding whitespace.
  while (!out->empty() && (out->back() == '\n' || out->back() == ' ')) out->pop_back();
  if (required && out->empty()) {
    y.diag->error(y.path, y.line(n), std::string("field '") + key + "' is empty");
    return false;
  }
  return true;
}

bool yaml_list(const Yctx &y, const YAML::Node &map, const char *key, std::vector<std::string> *out,
               std::vector<int> *lines) {
  const YAML::Node n = map[key];
  if (!n || n.IsNull()) return false;
  if (n.IsScalar()) {  // a single value is accepted as a one-element list
    out->push_back(n.Scalar());
    if (lines) lines->push_back(y.line(n));
    return true;
  }
  if (!n.IsSequence()) {
    y.diag->error(y.path, y.line(n), std::string("field '") + key + "' must be a list");
    return false;
  }
  for (const YAML::Node &e : n) {
    if (!e.IsScalar()) {
      y.diag->error(y.path, y.line(e), std::string("field '") + key + "' must be a list of strings");
      continue;
    }
    out->push_back(e.Scalar());
    if (lines) lines->push_back(y.line(e));
  }
  return true;
}

void warn_unknown_keys(const Yctx &y, const YAML::Node &map, const std::vector<std::string> &known) {
  for (const auto &kv : map) {
    const std::string k = kv.first.as<std::string>("");
    if (std::find(known.begin(), known.end(), k) == known.end())
      y.diag->warn(y.path, y.line(kv.first), "unknown field '" + k + "' (ignored)");
  }
}

// Parses YAML text; on a syntax error reports it and returns a null node.
YAML::Node parse_yaml(const std::string &text, const Yctx &y, bool *ok) {
  try {
    *ok = true;
    return YAML::Load(text);
  } catch (const YAML::Exception &e) {
    *ok = false;
    y.diag->error(y.path, y.base + (e.mark.line >= 0 ? e.mark.line + 1 : 1), "YAML: " + e.msg);
    return YAML::Node();
  }
}

std::string show_path(const std::string &root, const fs::path &rel) {
  std::string r = root;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  return r + "/" + rel.generic_string();
}

// ---- pack.yaml ----

void load_meta(const std::string &root, Content &c, Diagnostics &diag) {
  const fs::path p = fs::path(root) / "pack.yaml";
  const std::string path = show_path(root, "pack.yaml");
  std::string bytes;
  if (!read_file(p, &bytes)) {
    diag.error(path, 1, "missing pack.yaml (pack title, language, licence)");
    return;
  }
  if (!check_utf8(bytes, path, 1, diag)) return;
  Yctx y{path, 0, &diag};
  bool ok;
  YAML::Node n = parse_yaml(bytes, y, &ok);
  if (!ok) return;
  if (!n.IsMap()) {
    diag.error(path, 1, "pack.yaml must be a mapping");
    return;
  }
  yaml_string(y, n, "title", &c.meta.title, true, 1);
  yaml_string(y, n, "language", &c.meta.language, false, 1);
  yaml_string(y, n, "content_version", &c.meta.content_version, false, 1);
  yaml_string(y, n, "licence", &c.meta.licence, false, 1);
  yaml_string(y, n, "disclaimer", &c.meta.disclaimer, false, 1);
  yaml_list(y, n, "abbreviations_exempt", &c.meta.abbreviations_exempt, nullptr);
  warn_unknown_keys(y, n, {"title", "language", "content_version", "licence", "disclaimer", "abbreviations_exempt"});
}

// ---- articles ----

void load_article(const std::string &root, const fs::path &file, Content &c, Diagnostics &diag) {
  const std::string path = show_path(root, fs::path("articles") / file.filename());
  std::string bytes;
  if (!read_file(file, &bytes)) {
    diag.error(path, 1, "cannot read file");
    return;
  }
  if (!check_utf8(bytes, path, 1, diag)) return;
  if (bytes.compare(0, 3, "---") != 0 || (bytes.size() > 3 && bytes[3] != '\n' && bytes[3] != '\r')) {
    diag.error(path, 1, "missing YAML front matter (the file must start with a '---' line)");
    return;
  }
  // Find the closing '---' (or '...') line.
  size_t pos = bytes.find('\n');
  size_t fm_begin = pos == std::string::npos ? bytes.size() : pos + 1, fm_end = std::string::npos,
         body_begin = 0;
  for (size_t ls = fm_begin; ls < bytes.size();) {
    size_t le = bytes.find('\n', ls);
    if (le == std::string::npos) le = bytes.size();
    std::string l = bytes.substr(ls, le - ls);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (l == "---" || l == "...") {
      fm_end = ls;
      body_begin = le < bytes.size() ? le + 1 : le;
      break;
    }
    ls = le + 1;
  }
  if (fm_end == std::string::npos) {
    diag.error(path, 1, "front matter is not closed by a '---' line");
    return;
  }
  Article a;
  a.path = path;
  Yctx y{path, 1, &diag};  // the front matter starts on line 2
  bool ok;
  YAML::Node n = parse_yaml(bytes.substr(fm_begin, fm_end - fm_begin), y, &ok);
  if (!ok) return;
  if (!n.IsMap()) {
    diag.error(path, 2, "front matter must be a YAML mapping");
    return;
  }
  for (const auto &kv : n) a.field_line[kv.first.as<std::string>("")] = y.line(kv.first);
  const std::string stem = file.stem().string();
  if (yaml_string(y, n, "slug", &a.slug, true, 1)) {
    if (!is_slug(a.slug))
      diag.error(path, a.field_line["slug"], "bad slug '" + a.slug + "': use only a-z, 0-9 and '-'");
    else if (a.slug != stem)
      diag.error(path, a.field_line["slug"], "slug '" + a.slug + "' does not match the file name '" + stem + ".md'");
  } else {
    a.slug = stem;  // keep going so cross references still resolve
  }
  yaml_string(y, n, "title", &a.title, true, 1);
  yaml_string(y, n, "summary", &a.summary, true, 1);
  std::string aud;
  if (yaml_string(y, n, "audience", &aud, true, 1)) {
    if (aud == "patient") a.audience = Audience::Patient;
    else if (aud == "clinician") a.audience = Audience::Clinician;
    else if (aud == "both") a.audience = Audience::Both;
    else diag.error(path, a.field_line["audience"], "audience must be patient, clinician or both, not '" + aud + "'");
  }
  std::string upd;
  if (yaml_string(y, n, "updated", &upd, true, 1) && !parse_iso_date(upd, &a.updated))
    diag.error(path, a.field_line["updated"], "invalid date '" + upd + "' (expected a real date, YYYY-MM-DD)");
  yaml_list(y, n, "aliases", &a.aliases, nullptr);
  yaml_list(y, n, "topics", &a.topics, &a.topic_lines);
  for (size_t i = 0; i < a.topics.size(); ++i)
    if (!is_slug(a.topics[i]))
      diag.error(path, a.topic_lines[i], "bad topic name '" + a.topics[i] + "': use only a-z, 0-9 and '-'");
  if (!yaml_list(y, n, "sources", &a.sources, &a.source_lines) || a.sources.empty())
    diag.error(path, a.field_line.count("sources") ? a.field_line["sources"] : 1,
               "article has no sources (list the reference ids it cites)");
  yaml_list(y, n, "related", &a.related, &a.related_lines);
  warn_unknown_keys(y, n, {"slug", "title", "aliases", "summary", "audience", "topics", "updated", "sources", "related"});

  const std::string body = bytes.substr(body_begin);
  a.raw_bytes = static_cast<uint32_t>(body.size());
  c.raw_bytes += body.size();
  parse_markdown(body, line_of_offset(bytes, body_begin), a, diag);
  c.articles.push_back(std::move(a));
}

// ---- glossary ----

// Reads `dir/FILE` (a YAML list of mappings: glossary or references) and calls `entry(y, node, line)` for
// each mapping; a file that is not such a list, or an entry that is not a mapping, is reported.
template <typename Entry>
void for_each_yaml_entry(const std::string &root, const fs::path &file, const char *dir, const char *what,
                         Diagnostics &diag, Entry entry) {
  const std::string path = show_path(root, fs::path(dir) / file.filename());
  std::string bytes;
  if (!read_file(file, &bytes) || !check_utf8(bytes, path, 1, diag)) return;
  Yctx y{path, 0, &diag};
  bool ok;
  YAML::Node n = parse_yaml(bytes, y, &ok);
  if (!ok || n.IsNull()) return;
  if (!n.IsSequence()) {
    diag.error(path, 1, std::string("a ") + dir + " file must be a YAML list of entries");
    return;
  }
  for (const YAML::Node &e : n) {
    const int line = y.line(e);
    if (!e.IsMap()) {
      diag.error(path, line, std::string(what) + " entry must be a mapping");
      continue;
    }
    entry(y, e, line);
  }
}

void load_glossary(const std::string &root, const fs::path &file, Content &c, Diagnostics &diag) {
  for_each_yaml_entry(root, file, "glossary", "glossary", diag, [&](Yctx &y, const YAML::Node &e, int line) {
    const std::string &path = y.path;
    GlossaryItem g;
    g.path = path;
    g.line = line;
    if (yaml_string(y, e, "id", &g.id, true, line) && !is_slug(g.id))
      diag.error(path, y.line(e["id"]), "bad glossary id '" + g.id + "': use only a-z, 0-9 and '-'");
    yaml_string(y, e, "term", &g.term, true, line);
    yaml_string(y, e, "definition", &g.definition, true, line);
    yaml_list(y, e, "abbreviations", &g.abbreviations, nullptr);
    yaml_list(y, e, "everyday", &g.everyday, nullptr);
    yaml_list(y, e, "see_also", &g.see_also, &g.see_also_lines);
    yaml_list(y, e, "articles", &g.articles, &g.article_lines);
    warn_unknown_keys(y, e, {"id", "term", "abbreviations", "everyday", "definition", "see_also", "articles"});
    c.glossary.push_back(std::move(g));
  });
}

// ---- references ----

void load_references(const std::string &root, const fs::path &file, Content &c, Diagnostics &diag) {
  for_each_yaml_entry(root, file, "references", "reference", diag, [&](Yctx &y, const YAML::Node &e, int line) {
    const std::string &path = y.path;
    ReferenceItem r;
    r.path = path;
    r.line = line;
    if (yaml_string(y, e, "id", &r.id, true, line) && !is_slug(r.id))
      diag.error(path, y.line(e["id"]), "bad reference id '" + r.id + "': use only a-z, 0-9 and '-'");
    std::string kind;
    if (yaml_string(y, e, "kind", &kind, true, line)) {
      if (kind == "study") r.kind = RefKind::Study;
      else if (kind == "organisation") r.kind = RefKind::Organisation;
      else if (kind == "web") r.kind = RefKind::Web;
      else diag.error(path, y.line(e["kind"]), "kind must be study, organisation or web, not '" + kind + "'");
    }
    yaml_list(y, e, "authors", &r.authors, nullptr);
    yaml_string(y, e, "title", &r.title, true, line);
    yaml_string(y, e, "journal", &r.journal, false, line);
    yaml_string(y, e, "publisher", &r.publisher, false, line);
    yaml_string(y, e, "doi", &r.doi, false, line);
    yaml_string(y, e, "pmid", &r.pmid, false, line);
    yaml_string(y, e, "url", &r.url, false, line);
    yaml_string(y, e, "note", &r.note, false, line);
    std::string year;
    if (yaml_string(y, e, "year", &year, false, line)) {
      char *end = nullptr;
      const long v = std::strtol(year.c_str(), &end, 10);
      if (year.empty() || *end != '\0' || v < 1 || v > 65535)
        diag.error(path, y.line(e["year"]), "year must be a whole number, not '" + year + "'");
      else
        r.year = static_cast<uint16_t>(v);
    }
    warn_unknown_keys(y, e, {"id", "kind", "authors", "title", "journal", "publisher", "year", "doi", "pmid", "url", "note"});
    c.references.push_back(std::move(r));
  });
}

// ---- synonyms ----

void load_synonyms(const std::string &root, Content &c, Diagnostics &diag) {
  const fs::path p = fs::path(root) / "synonyms.yaml";
  std::error_code ec;
  if (!fs::exists(p, ec)) return;
  const std::string path = show_path(root, "synonyms.yaml");
  std::string bytes;
  if (!read_file(p, &bytes) || !check_utf8(bytes, path, 1, diag)) return;
  Yctx y{path, 0, &diag};
  bool ok;
  YAML::Node n = parse_yaml(bytes, y, &ok);
  if (!ok || n.IsNull()) return;
  if (!n.IsSequence()) {
    diag.error(path, 1, "synonyms.yaml must be a list of groups");
    return;
  }
  for (const YAML::Node &g : n) {
    if (!g.IsSequence()) {
      diag.error(path, y.line(g), "a synonym group must be a list of words or phrases");
      continue;
    }
    std::vector<std::string> group;
    for (const YAML::Node &w : g) {
      if (!w.IsScalar() || w.Scalar().empty()) {
        diag.error(path, y.line(w), "a synonym must be a non-empty string");
        continue;
      }
      group.push_back(w.Scalar());
    }
    if (group.size() < 2) diag.warn(path, y.line(g), "a synonym group needs at least two entries");
    c.synonyms.push_back(std::move(group));
    c.synonym_lines.push_back(y.line(g));
    c.synonyms_path = path;
  }
}

// ---- lexicon ----

void load_lexicon_file(const std::string &file, const std::string &shown, Content &c, Diagnostics &diag) {
  std::string bytes;
  if (!read_file(file, &bytes)) {
    diag.error(shown, 1, "cannot read the lexicon");
    return;
  }
  if (!check_utf8(bytes, shown, 1, diag)) return;
  c.lexicon.clear();
  size_t i = 0;
  int line = 0;
  while (i < bytes.size()) {
    size_t j = bytes.find('\n', i);
    if (j == std::string::npos) j = bytes.size();
    ++line;
    std::string w = bytes.substr(i, j - i);
    i = j + 1;
    while (!w.empty() && (w.back() == '\r' || w.back() == ' ' || w.back() == '\t')) w.pop_back();
    size_t b = 0;
    while (b < w.size() && (w[b] == ' ' || w[b] == '\t')) ++b;
    w.erase(0, b);
    if (w.empty() || w[0] == '#') continue;
    std::string key(w.size() * 4 + 8, '\0');
    key.resize(std::min(key.size(), text::fold_key(w.data(), w.size(), &key[0], key.size())));
    bool word = !key.empty() && key.size() <= 64;
    for (char ch : key) word = word && ch != ' ';
    if (!word) {
      diag.error(shown, line, "a lexicon line must be one word (letters or digits): '" + w + "'");
      continue;
    }
    c.lexicon.push_back(std::move(key));
  }
}

// ---- JSON Lines ----

void load_jsonl(const std::string &input, Content &c, Diagnostics &diag) {
  std::string bytes;
  if (!read_file(input, &bytes)) throw std::runtime_error("cannot read " + input);
  c.jsonl = true;
  c.meta.title = fs::path(input).stem().string();
  int lineno = 0;
  for (size_t ls = 0; ls < bytes.size();) {
    size_t le = bytes.find('\n', ls);
    if (le == std::string::npos) le = bytes.size();
    ++lineno;
    std::string line = bytes.substr(ls, le - ls);
    ls = le + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (!check_utf8(line, input, lineno, diag)) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception &e) {
      std::string m = e.what();
      diag.error(input, lineno, "invalid JSON: " + m);
      continue;
    }
    if (!j.is_object()) {
      diag.error(input, lineno, "each line must be a JSON object {\"slug\", \"title\", \"body\"}");
      continue;
    }
    Article a;
    a.path = input;
    a.line = lineno;
    a.from_jsonl = true;
    a.audience = Audience::Both;
    bool good = true;
    auto str = [&](const char *k, std::string *out, bool required) {
      auto it = j.find(k);
      if (it == j.end() || it->is_null()) {
        if (required) {
          diag.error(input, lineno, std::string("missing required field '") + k + "'");
          good = false;
        }
        return;
      }
      if (!it->is_string()) {
        diag.error(input, lineno, std::string("field '") + k + "' must be a string");
        good = false;
        return;
      }
      *out = it->get<std::string>();
    };
    auto list = [&](const char *k, std::vector<std::string> *out) {
      auto it = j.find(k);
      if (it == j.end() || it->is_null()) return;
      if (!it->is_array()) {
        diag.error(input, lineno, std::string("field '") + k + "' must be a list of strings");
        good = false;
        return;
      }
      for (const auto &e : *it) {
        if (!e.is_string()) {
          diag.error(input, lineno, std::string("field '") + k + "' must be a list of strings");
          good = false;
          return;
        }
        out->push_back(e.get<std::string>());
      }
    };
    std::string body;
    str("slug", &a.slug, true);
    str("title", &a.title, true);
    str("body", &body, true);
    str("summary", &a.summary, false);
    list("aliases", &a.aliases);
    list("topics", &a.topics);
    if (!a.slug.empty() && !is_slug(a.slug)) {
      diag.error(input, lineno, "bad slug '" + a.slug + "': use only a-z, 0-9 and '-'");
      good = false;
    }
    for (const std::string &t : a.topics)
      if (!is_slug(t)) diag.error(input, lineno, "bad topic name '" + t + "': use only a-z, 0-9 and '-'");
    if (!good) continue;
    a.raw_bytes = static_cast<uint32_t>(body.size());
    c.raw_bytes += body.size();
    a.topic_lines.assign(a.topics.size(), lineno);
    parse_markdown(body, lineno, a, diag);
    c.articles.push_back(std::move(a));
  }
}

}  // namespace

Content load_content(const std::string &input, Diagnostics &diag) {
  Content c;
  c.root = input;
  std::error_code ec;
  if (!fs::exists(input, ec)) throw std::runtime_error(input + ": no such file or directory");
  if (fs::is_regular_file(input, ec)) {
    if (fs::path(input).extension() != ".jsonl")
      throw std::runtime_error(input + ": expected a content directory or a .jsonl corpus");
    load_jsonl(input, c, diag);
  } else {
    load_meta(input, c, diag);
    const std::vector<fs::path> articles = sorted_files(fs::path(input) / "articles", ".md");
    if (articles.empty()) diag.error(show_path(input, "articles"), 1, "no articles (articles/*.md)");
    for (const fs::path &f : articles) load_article(input, f, c, diag);
    for (const fs::path &f : sorted_files(fs::path(input) / "glossary", ".yaml")) load_glossary(input, f, c, diag);
    for (const fs::path &f : sorted_files(fs::path(input) / "references", ".yaml"))
      load_references(input, f, c, diag);
    load_synonyms(input, c, diag);
    const fs::path lex = fs::path(input) / "lexicon.txt";
    if (fs::exists(lex, ec)) load_lexicon_file(lex.string(), show_path(input, "lexicon.txt"), c, diag);
  }
  std::stable_sort(c.articles.begin(), c.articles.end(),
                   [](const Article &a, const Article &b) { return a.slug < b.slug; });
  return c;
}

void load_lexicon(const std::string &file, const std::string &shown, Content &c, Diagnostics &diag) {
  load_lexicon_file(file, shown, c, diag);
}

}  // namespace tools
}  // namespace folio
