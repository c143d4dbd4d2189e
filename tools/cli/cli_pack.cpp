// cli_pack.cpp: opening packs for the CLI and turning API structs into JSON.
#include "cli_pack.h"

#include <folio/folio_posix.h>

#include <cerrno>
#include <cstdio>
#include <functional>
#include <unistd.h>
#include <vector>

namespace folio {
namespace cli {

int exit_for(int status) {
  switch (status) {
    case FOLIO_OK: return EXIT_OK;
    case FOLIO_E_NOT_FOUND: return EXIT_NOT_FOUND;
    case FOLIO_E_FORMAT:
    case FOLIO_E_VERSION:
    case FOLIO_E_CORRUPT:
    case FOLIO_E_TRUNCATED:
    case FOLIO_E_CHECKSUM: return EXIT_CORRUPT;
    default: return EXIT_USAGE;
  }
}

// Read `path` into op->file_; a file that grows between the size and the read is sized again.
static int read_file(const std::string &path, std::unique_ptr<uint64_t[]> *buf, folio_posix_file *file) {
  int rc = 0;
  for (int attempt = 0; attempt < 3; attempt++) {
    size_t size = 0;
    rc = folio_posix_size(path.c_str(), &size);
    if (rc != 0) return rc;
    buf->reset(new uint64_t[size / 8 + 1]);
    rc = folio_posix_read(path.c_str(), buf->get(), (size / 8 + 1) * 8, file);
    if (rc != EFBIG) return rc;
  }
  return rc;
}

std::unique_ptr<OpenPack> OpenPack::open(const std::string &path, uint32_t flags, int *exit_code,
                                         std::string *why, Load load, bool quiet) {
  std::unique_ptr<OpenPack> op(new OpenPack());
  auto *file = new folio_posix_file();
  op->map_ = file;
  int rc = load == kRead ? read_file(path, &op->file_, file) : folio_posix_map(path.c_str(), file);
  if (rc != 0) {
    if (!quiet) std::fprintf(stderr, "folio: %s: cannot read: %s\n", path.c_str(), folio_posix_error(rc));
    if (why) *why = std::string("cannot read: ") + folio_posix_error(rc);
    *exit_code = EXIT_USAGE;
    return nullptr;
  }
  op->data_ = file->data;
  op->size_ = file->size;
  size_t ws_len = folio_workspace_size(op->data_, op->size_);
  if (ws_len == 0) {
    // Not a pack, too short, or another major version: let folio_open say which.
    ws_len = 8;
  }
  op->ws_.reset(new uint64_t[(ws_len + 7) / 8]);
  folio_status st = folio_open(op->data_, op->size_, op->ws_.get(), ws_len, flags, &op->pack_, &op->reader_);
  if (st != FOLIO_OK) {
    if (!quiet) std::fprintf(stderr, "folio: %s: %s\n", path.c_str(), folio_status_str(st));
    if (why) *why = folio_status_str(st);
    *exit_code = exit_for(st);
    return nullptr;
  }
  *exit_code = EXIT_OK;
  return op;
}

bool OpenPack::changed_on_disk(const std::string &path) const {
  return map_ && folio_posix_changed(path.c_str(), static_cast<const folio_posix_file *>(map_)) != 0;
}

OpenPack::~OpenPack() {
  if (map_) {
    auto *file = static_cast<folio_posix_file *>(map_);
    folio_posix_unmap(file);
    delete file;
  }
}

static int render_into(std::string *out, const std::function<folio_status(char *, size_t, size_t *)> &fn) {
  size_t need = 0;
  folio_status st = fn(nullptr, 0, &need);
  if (st == FOLIO_OK) {
    out->clear();
    return FOLIO_OK;
  }
  if (st != FOLIO_E_DST_TOO_SMALL) return st;
  out->resize(need);
  size_t got = 0;
  st = fn(out->data(), out->size(), &got);
  if (st != FOLIO_OK) return st;
  out->resize(got);
  return FOLIO_OK;
}

int render(folio_reader *r, uint32_t article, uint32_t section, folio_format fmt, uint32_t flags,
           std::string *out) {
  return render_into(out, [&](char *d, size_t cap, size_t *n) {
    return folio_render(r, article, section, fmt, flags, d, cap, n);
  });
}

int section_text(folio_reader *r, uint32_t section, std::string *out) {
  return render_into(out, [&](char *d, size_t cap, size_t *n) { return folio_section_text(r, section, d, cap, n); });
}

static const char *audience_name(folio_audience a) {
  switch (a) {
    case FOLIO_AUDIENCE_PATIENT: return "patient";
    case FOLIO_AUDIENCE_CLINICIAN: return "clinician";
    default: return "both";
  }
}

static std::string date_str(uint32_t ymd) {
  if (!ymd) return "";
  char b[16];
  std::snprintf(b, sizeof b, "%04u-%02u-%02u", ymd / 10000, (ymd / 100) % 100, ymd % 100);
  return b;
}

nlohmann::json reference_json(const folio_reference &r) {
  static const char *kinds[] = {"study", "organisation", "web"};
  nlohmann::json j = {{"id", str(r.key)}, {"kind", kinds[r.kind <= 2 ? r.kind : 2]}, {"title", str(r.title)}};
  if (r.authors.len) j["authors"] = str(r.authors);
  if (r.container.len) j["container"] = str(r.container);
  if (r.year) j["year"] = r.year;
  if (r.doi.len) j["doi"] = str(r.doi);
  if (r.pmid.len) j["pmid"] = str(r.pmid);
  if (r.url.len) j["url"] = str(r.url);
  if (r.note.len) j["note"] = str(r.note);
  return j;
}

nlohmann::json article_json(const folio_pack *p, const folio_article &a, bool lists) {
  nlohmann::json j = {{"id", a.id},
                      {"slug", str(a.slug)},
                      {"title", str(a.title)},
                      {"summary", str(a.summary)},
                      {"audience", audience_name(a.audience)},
                      {"updated", date_str(a.updated)}};
  if (!lists) return j;
  nlohmann::json aliases = nlohmann::json::array(), topics = nlohmann::json::array(),
                 sources = nlohmann::json::array(), related = nlohmann::json::array(),
                 backlinks = nlohmann::json::array(), sections = nlohmann::json::array();
  folio_str s;
  folio_article o;
  folio_reference ref;
  folio_section sec;
  for (uint32_t i = 0; i < a.alias_count; i++)
    if (folio_article_alias(p, a.id, i, &s) == FOLIO_OK) aliases.push_back(str(s));
  for (uint32_t i = 0; i < a.topic_count; i++)
    if (folio_article_topic(p, a.id, i, &s) == FOLIO_OK) topics.push_back(str(s));
  for (uint32_t i = 0; i < a.source_count; i++)
    if (folio_article_source(p, a.id, i, &ref) == FOLIO_OK) {
      nlohmann::json r = reference_json(ref);
      r["n"] = i + 1;
      sources.push_back(r);
    }
  for (uint32_t i = 0; i < a.related_count; i++)
    if (folio_article_related(p, a.id, i, &o) == FOLIO_OK) related.push_back(str(o.slug));
  for (uint32_t i = 0; i < a.backlink_count; i++)
    if (folio_article_backlink(p, a.id, i, &o) == FOLIO_OK) backlinks.push_back(str(o.slug));
  for (uint32_t i = 0; i < a.section_count; i++)
    if (folio_section_get(p, a.section_first + i, &sec) == FOLIO_OK)
      sections.push_back({{"anchor", str(sec.anchor)},
                          {"heading", str(sec.heading)},
                          {"level", sec.level},
                          {"audience", audience_name(sec.audience)}});
  j["aliases"] = aliases;
  j["topics"] = topics;
  j["sections"] = sections;
  j["sources"] = sources;
  j["related"] = related;
  j["backlinks"] = backlinks;
  return j;
}

nlohmann::json glossary_json(const folio_pack *p, const folio_glossary_entry &g) {
  nlohmann::json abbr = nlohmann::json::array(), everyday = nlohmann::json::array(),
                 see = nlohmann::json::array(), arts = nlohmann::json::array();
  folio_str s;
  folio_glossary_entry o;
  folio_article a;
  for (uint32_t i = 0; i < g.abbreviation_count; i++)
    if (folio_glossary_abbreviation(p, g.id, i, &s) == FOLIO_OK) abbr.push_back(str(s));
  for (uint32_t i = 0; i < g.everyday_count; i++)
    if (folio_glossary_everyday(p, g.id, i, &s) == FOLIO_OK) everyday.push_back(str(s));
  for (uint32_t i = 0; i < g.see_also_count; i++)
    if (folio_glossary_see_also(p, g.id, i, &o) == FOLIO_OK) see.push_back(str(o.key));
  for (uint32_t i = 0; i < g.article_count; i++)
    if (folio_glossary_article(p, g.id, i, &a) == FOLIO_OK) arts.push_back(str(a.slug));
  return {{"id", str(g.key)},          {"term", str(g.term)},   {"definition", str(g.definition)},
          {"abbreviations", abbr},     {"everyday", everyday}, {"see_also", see},
          {"articles", arts}};
}

std::string search_correction(folio_reader *r, const std::string &text) {
  const folio_pack *p = folio_reader_pack(r);
  if (!p || !folio_search_available(p)) return std::string();
  folio_search_hit hit;
  std::vector<char> buf(text.size() * 2 + 1024);  // the corrected query is at most a few bytes a word longer
  folio_search_result res;
  if (folio_search(r, text.data(), text.size(), FOLIO_SEARCH_NO_SNIPPETS, &hit, 1, buf.data(), buf.size(),
                   &res) != FOLIO_OK)
    return std::string();
  if (!(res.flags & (FOLIO_SEARCH_CORRECTED | FOLIO_SEARCH_SUGGESTED)) || res.corrected_len == 0) return std::string();
  return std::string(buf.data() + res.corrected_off, res.corrected_len);
}

void print_json(const nlohmann::json &j) {
  std::string s = isatty(STDOUT_FILENO) ? j.dump(2) : j.dump();
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

}  // namespace cli
}  // namespace folio
