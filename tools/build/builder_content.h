// builder_content.h: the build tool's in-memory model of a content tree (content/README.md), the loader
// that fills it from Markdown + YAML or from a JSON Lines corpus, and the diagnostics every stage reports
// into. Tools code: exceptions and the heap are fine here (never in engine/).
//
// Flow: load_content() parses every file and records problems it can see locally (syntax, required
// fields, types, UTF-8); validate_content() (builder_validate.cpp) resolves cross references and runs
// the lint rules; write_pack() (pack_writer.h) only runs when no error was reported.
#ifndef FOLIO_TOOLS_BUILDER_CONTENT_H
#define FOLIO_TOOLS_BUILDER_CONTENT_H

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace folio {
namespace tools {

// ---- Diagnostics ---------------------------------------------------------------------------------------

struct Diagnostic {
  std::string path;   // as shown: the input path joined with the file's relative path
  int line = 1;       // 1-based
  bool warning = false;
  std::string message;
};

// Collects every problem of one run, so a single build reports all of them.
class Diagnostics {
 public:
  void error(const std::string &path, int line, const std::string &msg);
  void warn(const std::string &path, int line, const std::string &msg);
  size_t errors() const { return errors_; }
  size_t warnings() const { return items_.size() - errors_; }
  // Sorted by path, then line, then insertion order: "path:line: error: message".
  std::vector<Diagnostic> sorted() const;
  std::string format(bool include_warnings = true) const;
  const std::vector<Diagnostic> &items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
};

// ---- Parsed documents ----------------------------------------------------------------------------------

// Span kinds and style bits mirror doc.fbs; targets stay symbolic until the validator resolves them.
enum class SpanKind : uint8_t { Text = 0, ArticleLink = 1, ExternalLink = 2, Glossary = 3, Citation = 4, LineBreak = 5 };
enum : uint8_t { STYLE_EM = 1, STYLE_STRONG = 2, STYLE_CODE = 4 };

struct SrcSpan {
  SpanKind kind = SpanKind::Text;
  uint8_t style = 0;
  std::string text;     // shown text ("" for citations and line breaks)
  std::string target;   // ArticleLink: "slug", "slug#anchor" or "#anchor"; ExternalLink: URL;
                        // Glossary: entry id; Citation: reference id
  bool default_text = false;  // [[id]] without "|text": shows the glossary term's own name
  int line = 0;
  std::vector<std::pair<uint32_t, int>> marks;  // (byte offset in text, source line) while parsing
  // Filled by the validator:
  uint32_t target_id = 0xFFFFFFFFu;
  uint32_t target2 = 0xFFFFFFFFu;
};

enum class BlockKind : uint8_t {
  Heading = 0, Paragraph = 1, ListItem = 2, TableStart = 3, TableRow = 4, TableCell = 5, Code = 6, Rule = 7,
  TableEnd = 8
};

struct SrcBlock {
  BlockKind kind = BlockKind::Paragraph;
  uint8_t depth = 0;
  uint16_t flags = 0;  // bit 0 ordered / header row, bit 1 inside a block quote
  uint32_t aux = 0;
  int line = 0;
  std::vector<SrcSpan> spans;
};

enum class Audience : uint8_t { Patient = 0, Clinician = 1, Both = 2 };

struct SrcSection {
  int level = 0;               // 0 = lead
  std::string heading;         // plain text of the heading, attributes removed
  std::string anchor;          // "" for the lead
  bool explicit_anchor = false;
  bool clinician = false;      // effective (own class or an ancestor's)
  bool nocite = false;         // own class
  int parent = -1;             // local index of the enclosing section
  int line = 0;
  uint32_t block_begin = 0, block_end = 0;
};

struct Article {
  std::string path;            // diagnostic path
  int line = 1;                // JSONL: the line of the record; Markdown: 1
  bool from_jsonl = false;
  std::string slug, title, summary;
  std::vector<std::string> aliases, topics, sources, related;
  Audience audience = Audience::Both;
  uint32_t updated = 0;        // yyyymmdd
  std::map<std::string, int> field_line;  // front-matter key -> line
  std::vector<int> source_lines, related_lines, topic_lines;  // per list element
  uint32_t raw_bytes = 0;      // Markdown body bytes
  std::vector<SrcBlock> blocks;
  std::vector<SrcSection> sections;  // sections[0] is the lead
};

struct GlossaryItem {
  std::string path;
  int line = 0;
  std::string id, term, definition;
  std::vector<std::string> abbreviations, everyday, see_also, articles;
  std::vector<int> see_also_lines, article_lines;
};

enum class RefKind : uint8_t { Study = 0, Organisation = 1, Web = 2 };

struct ReferenceItem {
  std::string path;
  int line = 0;
  std::string id;
  RefKind kind = RefKind::Web;
  std::vector<std::string> authors;
  std::string title, journal, publisher, doi, pmid, url, note;
  uint16_t year = 0;
};

struct PackMeta {
  std::string title, language, content_version, licence, disclaimer;
  std::vector<std::string> abbreviations_exempt;
};

struct Content {
  std::string root;            // input path as given
  bool jsonl = false;
  PackMeta meta;
  std::vector<Article> articles;        // sorted by slug after load
  std::vector<GlossaryItem> glossary;   // file order
  std::vector<ReferenceItem> references;
  std::vector<std::vector<std::string>> synonyms;
  std::vector<int> synonym_lines;       // per group of `synonyms`, its line in synonyms.yaml
  std::string synonyms_path;            // synonyms.yaml as shown in messages
  std::vector<std::string> lexicon;     // real words (folded), from lexicon.txt or --lexicon: see load_lexicon
  uint64_t raw_bytes = 0;
};

// Load a content directory or a .jsonl corpus. Never throws for content problems: they go to `diag`.
// Throws std::runtime_error only if `input` does not exist / cannot be read at all.
Content load_content(const std::string &input, Diagnostics &diag);

// Load a word list into c.lexicon (replacing what is there): one word per line, '#' comment lines and
// blank lines ignored; each word is folded (case, accents) and must be one run of letters or digits
// ("golf", "Medicare"); anything else is reported as `shown:line: ...`. A content directory's
// lexicon.txt is loaded by load_content; `folio build --lexicon FILE` loads another one (also for a
// .jsonl corpus). The build tool keeps, in the pack, the words a typo correction would change
// (docs/search.md, "Typos").
void load_lexicon(const std::string &file, const std::string &shown, Content &c, Diagnostics &diag);

// Parse one Markdown body into blocks and sections (used by the loader; exposed for tests).
// `first_line` is the file line of the body's first byte.
void parse_markdown(const std::string &body, int first_line, Article &a, Diagnostics &diag);

// Cross references and lint rules (builder_validate.cpp). Resolves span targets in place.
void validate_content(Content &c, Diagnostics &diag);

// Readability (builder_validate.cpp): Flesch-Kincaid grade of English prose.
double flesch_kincaid_grade(const std::string &text, size_t *words_out = nullptr);
int count_syllables(const std::string &word);

// Helpers shared by the stages.
bool is_slug(const std::string &s);                 // [a-z0-9-]+
bool parse_iso_date(const std::string &s, uint32_t *yyyymmdd);  // real calendar date, YYYY-MM-DD
std::string fold_key_str(const std::string &s);      // text::fold_key
std::string make_anchor_str(const std::string &s);   // text::make_anchor

}  // namespace tools
}  // namespace folio

#endif
