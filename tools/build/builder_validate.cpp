// Cross-reference resolution and the lint rules of content/README.md ("Checks the build runs").
//
// After validate_content() without errors, every span target is resolved:
//   ArticleLink  target_id = article index (c.articles is sorted by slug, so index = article id),
//                target2 = the target's *local* section index or 0xFFFFFFFF (the writer globalises it);
//   Glossary     target_id = index in c.glossary (sorted by id here);
//   Citation     target_id = index in c.references (sorted by id here), target2 = 1-based number;
// and each article's `sources` is reordered to first-citation order.
//
// Rule details where content/README.md leaves room (decided here, change them here):
//  - Patient-facing text = prose (paragraphs, list items, table cells) of sections that are not
//    .clinician (own class or an ancestor's) in articles whose audience is not "clinician". Headings,
//    code and citations are not prose.
//  - Abbreviation: a word of >= 2 characters made of upper-case letters and digits (internal '-' or '/'
//    allowed: "IL-6" counts as "IL"), with at least two upper-case letters; a trailing plural 's' is
//    allowed ("MSCs" is "MSC"). Its first use must be "Full name (ABBR)" (inside parentheses right after
//    other words) or "ABBR (full name)" (followed by a parenthesis). Strict Roman numerals and
//    pack.yaml `abbreviations_exempt` are ignored.
//  - .nocite applies to its own section only (a sub-section with claims still needs a citation).
//  - Readability: Flesch-Kincaid grade of paragraphs and list items of one section (sub-sections
//    apart); a warning when the grade shown (one decimal) is above 8 and the section has >= 30 words,
//    since the formula is noise on a sentence or two.
//  - JSON Lines corpora: no citation, abbreviation, readability or FAQ checks; unknown link and
//    glossary targets are warnings and the span is kept as plain text.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "builder_content.h"
#include "near_names.h"
#include "search_index_writer.h"
#include "search/search_format.h"
#include "text/text.h"

namespace folio {
namespace tools {

// ---- Readability -----------------------------------------------------------------------------------------

int count_syllables(const std::string &word_in) {
  std::string w;
  for (char ch : word_in)
    if (std::isalpha(static_cast<unsigned char>(ch))) w += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (w.empty()) return 1;  // numbers and symbols read as one syllable
  if (w.size() <= 3) return 1;
  auto ends = [&](const char *suf) {
    const size_t n = std::char_traits<char>::length(suf);
    return w.size() > n && w.compare(w.size() - n, n, suf) == 0;
  };
  if (ends("es") && !ends("ses") && !ends("ces") && !ends("ges") && !ends("zes") && !ends("xes")) w.resize(w.size() - 2);
  else if (ends("ed") && !ends("ted") && !ends("ded")) w.resize(w.size() - 2);
  else if (ends("e") && !ends("le")) w.pop_back();
  if (!w.empty() && w[0] == 'y') w.erase(0, 1);
  int n = 0;
  bool prev = false;
  for (char ch : w) {
    const bool v = ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'y';
    if (v && !prev) ++n;
    prev = v;
  }
  return n < 1 ? 1 : n;
}

// Grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59. Text pieces are separated by '\n';
// each piece ends a sentence even without a full stop (list items, table-like lines).
double flesch_kincaid_grade(const std::string &text, size_t *words_out) {
  size_t words = 0, sentences = 0, syllables = 0;
  static const std::set<std::string> no_stop = {"e.g", "i.e", "eg", "ie", "etc", "vs", "dr", "mr", "mrs", "ms",
                                                "approx", "st", "no", "fig", "al"};
  size_t i = 0;
  bool piece_has_words = false, piece_ended = false;
  while (i < text.size()) {
    const unsigned char ch = static_cast<unsigned char>(text[i]);
    if (ch == '\n') {
      if (piece_has_words && !piece_ended) ++sentences;
      piece_has_words = piece_ended = false;
      ++i;
      continue;
    }
    if (std::isalnum(ch) || ch >= 0x80) {
      size_t j = i;
      while (j < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[j])) || static_cast<unsigned char>(text[j]) >= 0x80 ||
              ((text[j] == '\'' || text[j] == '-' || text[j] == '.') && j + 1 < text.size() &&
               std::isalnum(static_cast<unsigned char>(text[j + 1])))))
        ++j;
      const std::string w = text.substr(i, j - i);
      ++words;
      syllables += static_cast<size_t>(count_syllables(w));
      piece_has_words = true;
      piece_ended = false;
      // Sentence end: [.!?]+ followed by space, quote, bracket or end.
      size_t k = j;
      if (k < text.size() && (text[k] == '.' || text[k] == '!' || text[k] == '?')) {
        while (k < text.size() && (text[k] == '.' || text[k] == '!' || text[k] == '?')) ++k;
        while (k < text.size() && (text[k] == '"' || text[k] == ')' || text[k] == '\'')) ++k;
        std::string lw;
        for (char c2 : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c2)));
        const bool abbrev = no_stop.count(lw) || (w.size() == 1 && std::isupper(static_cast<unsigned char>(w[0])));
        if ((k >= text.size() || text[k] == ' ' || text[k] == '\n') && !abbrev) {
          ++sentences;
          piece_ended = true;
        }
      }
      i = j;
      continue;
    }
    ++i;
  }
  if (piece_has_words && !piece_ended) ++sentences;
  if (words_out) *words_out = words;
  if (words == 0 || sentences == 0) return 0.0;
  return 0.39 * static_cast<double>(words) / static_cast<double>(sentences) +
         11.8 * static_cast<double>(syllables) / static_cast<double>(words) - 15.59;
}

namespace {

// True when a span appended after `kept` would begin a sentence: nothing but white space and empty spans
// (citations) before it in the block, or text ending in '.', '!' or '?'.
bool at_sentence_start(const std::vector<SrcSpan> &kept) {
  for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
    const size_t e = it->text.find_last_not_of(" \t\n");
    if (e == std::string::npos) continue;
    const char ch = it->text[e];
    return ch == '.' || ch == '!' || ch == '?';
  }
  return true;
}

// "Patella" → "patella", "Type II collagen" → "type II collagen"; a first word that is not a
// capitalised lower-case word ("US Food and Drug Administration", "iPSC") is a name and stays.
std::string lower_first_word(const std::string &term) {
  if (term.empty() || term[0] < 'A' || term[0] > 'Z') return term;
  for (size_t i = 1; i < term.size() && term[i] != ' '; ++i)
    if (term[i] >= 'A' && term[i] <= 'Z') return term;
  std::string out = term;
  out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}


bool is_prose_block(BlockKind k) {
  return k == BlockKind::Paragraph || k == BlockKind::ListItem || k == BlockKind::TableCell;
}

bool has_text(const SrcBlock &b) {
  for (const SrcSpan &s : b.spans)
    if (s.kind != SpanKind::Citation && s.kind != SpanKind::LineBreak)
      for (char ch : s.text)
        if (!std::isspace(static_cast<unsigned char>(ch))) return true;
  return false;
}

// Roman numeral, strictly formed (I, IV, XII, MCMXC, ...).
bool is_roman(const std::string &w) {
  static const char *const th[] = {"", "M", "MM", "MMM"};
  static const char *const h[] = {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
  static const char *const t[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
  static const char *const o[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  for (int n = 1; n < 4000; ++n) {
    const std::string r = std::string(th[n / 1000]) + h[(n / 100) % 10] + t[(n / 10) % 10] + o[n % 10];
    if (r == w) return true;
  }
  return false;
}

// Abbreviation candidate: >= 2 chars of upper-case letters/digits (with internal '-' or '/'), at least two
// upper-case letters; a trailing lower-case plural 's' is allowed ("MSCs") and removed from the key.
bool abbreviation_key(const std::string &tok, std::string *key) {
  std::string w = tok;
  if (w.size() >= 3 && w.back() == 's') w.pop_back();
  int upper = 0;
  for (char ch : w) {
    if (ch >= 'a' && ch <= 'z') return false;
    if (ch >= 'A' && ch <= 'Z') ++upper;
  }
  if (upper < 2 || w.size() < 2) return false;
  *key = w;
  return true;
}

struct TextMap {
  std::string text;
  std::vector<std::pair<size_t, int>> lines;  // (offset, line)
  int line_at(size_t off) const {
    int l = lines.empty() ? 1 : lines.front().second;
    for (const auto &m : lines)
      if (m.first <= off) l = m.second;
    return l;
  }
};

TextMap prose_of(const SrcBlock &b) {
  TextMap m;
  for (const SrcSpan &s : b.spans) {
    if (s.kind == SpanKind::Citation || s.kind == SpanKind::LineBreak || (s.style & STYLE_CODE)) {
      m.text += ' ';
      continue;
    }
    m.lines.emplace_back(m.text.size(), s.line);
    m.text += s.text;
  }
  return m;
}

void check_abbreviations(const Article &a, const std::set<std::string> &exempt, Diagnostics &diag) {
  std::set<std::string> seen;
  for (const SrcSection &sec : a.sections) {
    if (sec.clinician) continue;
    for (uint32_t bi = sec.block_begin; bi < sec.block_end; ++bi) {
      const SrcBlock &b = a.blocks[bi];
      if (!is_prose_block(b.kind)) continue;
      const TextMap m = prose_of(b);
      const std::string &t = m.text;
      auto alnum = [&](size_t k) { return k < t.size() && std::isalnum(static_cast<unsigned char>(t[k])); };
      size_t i = 0;
      while (i < t.size()) {
        if (!alnum(i)) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < t.size() && (alnum(j) || ((t[j] == '-' || t[j] == '/') && alnum(j + 1)))) ++j;
        // A word glued to non-ASCII letters ("TNF-α") ends at the last ASCII run; fine for this check.
        const std::string tok = t.substr(i, j - i);
        const size_t tb = i;
        i = j;
        // Split hyphenated tokens into parts; an abbreviation is an all-caps part ("IL-6" → "IL").
        std::string key;
        if (!abbreviation_key(tok, &key)) {
          // Try the parts ("HCT/P", "IL-6": the first part carries the letters).
          const size_t cut = tok.find_first_of("-/");
          if (cut == std::string::npos || !abbreviation_key(tok.substr(0, cut), &key)) continue;
        }
        if (is_roman(key) || exempt.count(key) || exempt.count(tok)) continue;
        if (!seen.insert(key).second) continue;
        // Expanded: "Full name (ABBR)" or "ABBR (full name)".
        size_t before = tb;
        bool in_parens = before > 0 && t[before - 1] == '(';
        if (in_parens) {
          size_t k = before - 1;
          while (k > 0 && t[k - 1] == ' ') --k;
          in_parens = k > 0 && (std::isalnum(static_cast<unsigned char>(t[k - 1])) ||
                                static_cast<unsigned char>(t[k - 1]) >= 0x80 || t[k - 1] == ',');
        }
        size_t after = j;
        while (after < t.size() && t[after] == ' ') ++after;
        const bool followed = after < t.size() && t[after] == '(';
        if (!in_parens && !followed)
          diag.error(a.path, m.line_at(tb),
                     "abbreviation '" + key + "' is not expanded on first use in patient-facing text: write "
                     "'Full name (" + key + ")' or '" + key + " (full name)'");
      }
    }
  }
}

void check_readability(const Article &a, Diagnostics &diag) {
  for (const SrcSection &sec : a.sections) {
    if (sec.clinician) continue;
    std::string text;
    for (uint32_t bi = sec.block_begin; bi < sec.block_end; ++bi) {
      const SrcBlock &b = a.blocks[bi];
      if (b.kind != BlockKind::Paragraph && b.kind != BlockKind::ListItem) continue;
      text += prose_of(b).text;
      text += '\n';
    }
    size_t words = 0;
    const double grade = flesch_kincaid_grade(text, &words);
    if (words >= 30 && std::round(grade * 10.0) / 10.0 > 8.0) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s reads at school grade %.1f (Flesch-Kincaid); patient-facing text should be grade 8 or below",
                    sec.level == 0 ? "the lead section" : ("section '" + sec.heading + "'").c_str(), grade);
      diag.warn(a.path, sec.line, buf);
    }
  }
}

// content/README.md "FAQ": each ## heading of the `faq` article is a question ending in '?', answered
// briefly with a link to the full article(s).
void check_faq(const Article &a, Diagnostics &diag) {
  for (size_t si = 1; si < a.sections.size(); ++si) {
    const SrcSection &sec = a.sections[si];
    if (sec.level != 2) continue;
    if (sec.heading.empty() || sec.heading.back() != '?')
      diag.error(a.path, sec.line, "FAQ heading '" + sec.heading + "' must be a question ending in '?'");
    bool linked = false;
    for (size_t sj = si; sj < a.sections.size() && (sj == si || a.sections[sj].level > 2); ++sj)
      for (uint32_t bi = a.sections[sj].block_begin; bi < a.sections[sj].block_end; ++bi)
        for (const SrcSpan &sp : a.blocks[bi].spans)
          if (sp.kind == SpanKind::ArticleLink) linked = true;
    if (!linked) diag.warn(a.path, sec.line, "FAQ answer '" + sec.heading + "' links to no article");
  }
}

}  // namespace

// The word a plural names, for comparing a synonym with the content's words of its stem ("injections"
// and "injection" are one word; "medication" and "medical" are not, though Porter2 makes both "medic").
static std::string singular(const std::string &w) {
  const size_t n = w.size();
  auto ends = [&](const char *x, size_t k) { return n > k + 2 && w.compare(n - k, k, x) == 0; };
  if (ends("ies", 3)) return w.substr(0, n - 3) + "y";
  if (ends("ses", 3) || ends("xes", 3) || ends("zes", 3) || ends("ches", 4) || ends("shes", 4)) return w.substr(0, n - 2);
  if (ends("s", 1) && !ends("ss", 2) && !ends("us", 2) && !ends("is", 2)) return w.substr(0, n - 1);
  return w;
}

// A one-word synonym that the stemmer makes one term with other words of the text: the index keys
// synonyms by stem, so the whole group then finds those words. "[medicines, medication, tablets, pills]"
// made every "medical" (Porter2: "medic", as "medication") a match for "pills", lit in snippets, and the
// query "medical history" searched for tablets. Reported at the group's line when the text has the
// stem only as words that are none of the group's words (plurals aside), naming them; until 2026-12-05
// nothing told.
using TextWords = std::map<std::string, std::set<std::string>>;  // stem -> the text's folded words with it

// The words of the articles' titles, aliases, headings and text, by stem (as the search index analyses them).
static TextWords text_words(const Content &c) {
  TextWords surfaces;
  auto add_text = [&](const std::string &t) {
    text::Tokenizer tz(t.data(), t.size());
    text::Token tok;
    while (tz.next(&tok))
      if (!(tok.flags & text::TOKEN_PART) && tok.len > 0 && tok.len <= fts::kMaxTermBytes)
        surfaces[folio::index::analyze_phrase(std::string(tok.text, tok.len))].emplace(tok.text, tok.len);
  };
  for (const Article &a : c.articles) {
    add_text(a.title);
    for (const std::string &al : a.aliases) add_text(al);
    for (const SrcSection &sec : a.sections) add_text(sec.heading);
    for (const SrcBlock &b : a.blocks)
      for (const SrcSpan &sp : b.spans) add_text(sp.text);
  }
  return surfaces;
}

static void check_synonym_stems(const Content &c, const TextWords &surfaces, Diagnostics &diag) {
  for (size_t g = 0; g < c.synonyms.size() && g < c.synonym_lines.size(); ++g) {
    std::set<std::string> own;  // the group's one-word entries, folded, as singulars
    std::vector<std::pair<std::string, std::string>> words;  // (folded word, stem)
    for (const std::string &w : c.synonyms[g]) {
      std::string f;
      if (!folio::index::single_word(w, &f)) continue;
      own.insert(singular(f));
      words.emplace_back(f, folio::index::analyze_phrase(f));
    }
    for (const auto &w : words) {
      auto it = surfaces.find(w.second);
      if (it == surfaces.end()) continue;
      std::string others;
      bool agrees = false;
      for (const std::string &sf : it->second) {
        agrees = agrees || own.count(singular(sf)) > 0;
        others += (others.empty() ? "'" : ", '") + sf + "'";
      }
      if (agrees) continue;
      diag.warn(c.synonyms_path, c.synonym_lines[g],
                "'" + w.first + "' has the stem '" + w.second + "' of the text's " + others +
                    " (not a word of this group), so the group would find every one of them; leave '" + w.first +
                    "' out or add the text's word to the group");
    }
  }
}

// Synonym groups as the index will store them. Groups that share a phrase merge into one (the search index
// does this, merge_synonym_groups), so one loose entry makes two glossary terms and all their names
// synonyms of each other: "[stem cell, stromal cell]" joined "Stem cell" and "Mesenchymal stem cell"
// (whose everyday words include "stromal cell"), and every stem cell query also searched for MSCs. A
// merged group holding several glossary terms is reported at each curated group that helped join it (or
// at the glossary terms, when they share a name themselves). So is a merged group larger than the
// alternatives a query word gets, when a phrase past them has all its words in the text (since
// 2026-12-05: one whose words the text lacks finds no section as an alternative, and is there for the
// query's side, as "water in knee" is).
static void check_synonym_groups(const Content &c, const TextWords &text, Diagnostics &diag) {
  std::vector<std::vector<std::string>> groups = c.synonyms;
  const size_t ncurated = groups.size();
  for (const GlossaryItem &g : c.glossary) {
    std::vector<std::string> w{g.term};
    w.insert(w.end(), g.abbreviations.begin(), g.abbreviations.end());
    w.insert(w.end(), g.everyday.begin(), g.everyday.end());
    groups.push_back(w);
  }
  std::vector<std::vector<std::string>> merged;
  std::set<std::string> apart_only;
  const std::vector<int> of = folio::index::merge_synonym_groups(groups, &merged, &apart_only);
  std::map<int, std::vector<size_t>> terms_in;  // merged group -> glossary items in it
  for (size_t k = ncurated; k < groups.size(); ++k)
    if (of[k] >= 0) terms_in[of[k]].push_back(k - ncurated);
  // a group larger than a query word's alternatives: its longest phrases are never searched
  for (size_t m = 0; m < merged.size(); ++m) {
    if (merged[m].size() <= folio::fts::kMaxAltsPerWord) continue;
    std::vector<std::string> by_len = merged[m];  // the order a query tries them in
    folio::index::order_synonym_group(&by_len, apart_only, [&](const std::string &w) { return text.count(w) > 0; });
    // only phrases the text has all the words of: the others find no section as alternatives anyway
    // (they are there for the query's side: "water on the knee" typed finds the group)
    std::string dropped;
    for (size_t i = folio::fts::kMaxAltsPerWord; i < by_len.size(); ++i) {
      if (apart_only.count(by_len[i])) continue;  // there to be looked up, not searched
      bool in_text = true;
      for (size_t k = 0; k <= by_len[i].size() && in_text;) {
        size_t j = by_len[i].find(' ', k);
        if (j == std::string::npos) j = by_len[i].size();
        in_text = text.count(by_len[i].substr(k, j - k)) > 0;
        k = j + 1;
      }
      if (in_text) dropped += (dropped.empty() ? "'" : ", '") + by_len[i] + "'";
    }
    if (dropped.empty()) continue;
    const std::string msg = "a synonym group of " + std::to_string(merged[m].size()) + " phrases: a query word gets at most " +
                            std::to_string(folio::fts::kMaxAltsPerWord) + " of them (the text's first, then fewer words first), so " + dropped +
                            " (as analysed) may never be searched; split the group";
    bool at_curated = false;
    for (size_t k = 0; k < ncurated && k < c.synonym_lines.size(); ++k)
      if (of[k] == static_cast<int>(m)) {
        diag.warn(c.synonyms_path, c.synonym_lines[k], msg);
        at_curated = true;
      }
    if (!at_curated)
      for (size_t k = ncurated; k < groups.size(); ++k)
        if (of[k] == static_cast<int>(m)) diag.warn(c.glossary[k - ncurated].path, c.glossary[k - ncurated].line, msg);
  }
  for (const auto &tm : terms_in) {
    if (tm.second.size() < 2) continue;
    std::string names;
    for (size_t i = 0; i < tm.second.size(); ++i)
      names += (i ? (i + 1 == tm.second.size() ? " and '" : ", '") : "'") + c.glossary[tm.second[i]].term + "'";
    const std::string effect = ": every name of each becomes a synonym of the others";
    // the curated groups of the merge that touch two of its glossary terms themselves (the bridges);
    // when none does (a chain of groups), every curated group of the merge
    std::vector<size_t> bridges, members;
    for (size_t k = 0; k < ncurated && k < c.synonym_lines.size(); ++k) {
      if (of[k] != tm.first) continue;
      members.push_back(k);
      std::set<std::string> mine;
      for (const std::string &w : groups[k]) mine.insert(folio::index::analyze_phrase(w));
      size_t touched = 0;
      for (size_t i : tm.second) {
        bool hit = false;
        for (const std::string &w : groups[ncurated + i]) hit = hit || mine.count(folio::index::analyze_phrase(w)) > 0;
        touched += hit ? 1 : 0;
      }
      if (touched >= 2) bridges.push_back(k);
    }
    const bool curated = !members.empty();
    for (size_t k : bridges.empty() ? members : bridges)
      diag.warn(c.synonyms_path, c.synonym_lines[k],
                "this group joins the glossary terms " + names + " into one synonym group" + effect);
    if (!curated)
      for (size_t i : tm.second)
        diag.warn(c.glossary[i].path, c.glossary[i].line,
                  "the glossary terms " + names + " share a name, so their synonym groups merge" + effect);
  }
}

void validate_content(Content &c, Diagnostics &diag) {
  const bool md = !c.jsonl;

  // Unique slugs (articles are sorted by slug).
  for (size_t i = 1; i < c.articles.size(); ++i)
    if (c.articles[i].slug == c.articles[i - 1].slug)
      diag.error(c.articles[i].path, c.articles[i].field_line.count("slug") ? c.articles[i].field_line["slug"] : c.articles[i].line,
                 "duplicate slug '" + c.articles[i].slug + "' (also in " + c.articles[i - 1].path + ":" +
                     std::to_string(c.articles[i - 1].line) + ")");
  std::map<std::string, uint32_t> slug_id;
  for (size_t i = 0; i < c.articles.size(); ++i) slug_id.emplace(c.articles[i].slug, static_cast<uint32_t>(i));
  // every name a reference may mean, for the "did you mean" of an unknown one ("injection-optons")
  auto keys_of = [](const auto &m) {
    std::vector<std::string> v;
    for (const auto &kv : m) v.push_back(kv.first);
    return v;
  };
  const std::vector<std::string> slugs = keys_of(slug_id);
  // only for a content/ tree, written by hand: a generated JSONL corpus's unknown links are warnings
  // (kept as text), can be thousands, and each would be compared with every slug
  auto hint = [md](const std::string &typed, const std::vector<std::string> &names) {
    return md ? tools::did_you_mean(typed, names) : std::string();
  };

  // Glossary: unique ids and folded terms; sorted by id.
  std::stable_sort(c.glossary.begin(), c.glossary.end(),
                   [](const GlossaryItem &a, const GlossaryItem &b) { return a.id < b.id; });
  std::map<std::string, uint32_t> gloss_id;
  std::map<std::string, const GlossaryItem *> term_seen;
  for (size_t i = 0; i < c.glossary.size(); ++i) {
    const GlossaryItem &g = c.glossary[i];
    if (g.id.empty()) continue;
    if (!gloss_id.emplace(g.id, static_cast<uint32_t>(i)).second) {
      const GlossaryItem &o = c.glossary[gloss_id[g.id]];
      diag.error(g.path, g.line, "duplicate glossary id '" + g.id + "' (also at " + o.path + ":" + std::to_string(o.line) + ")");
    }
    if (!g.term.empty()) {
      const std::string k = fold_key_str(g.term);
      auto it = term_seen.find(k);
      if (it != term_seen.end())
        diag.error(g.path, g.line, "duplicate glossary term '" + g.term + "' (also '" + it->second->id + "' at " +
                                       it->second->path + ":" + std::to_string(it->second->line) + ")");
      else
        term_seen.emplace(k, &g);
    }
  }
  const std::vector<std::string> gloss_ids = keys_of(gloss_id);
  for (const GlossaryItem &g : c.glossary) {
    for (size_t i = 0; i < g.see_also.size(); ++i)
      if (!gloss_id.count(g.see_also[i]))
        diag.error(g.path, g.see_also_lines[i],
                   "see_also: unknown glossary id '" + g.see_also[i] + "'" + hint(g.see_also[i], gloss_ids));
    for (size_t i = 0; i < g.articles.size(); ++i)
      if (!slug_id.count(g.articles[i]))
        diag.error(g.path, g.article_lines[i],
                   "articles: unknown article '" + g.articles[i] + "'" + hint(g.articles[i], slugs));
  }

  // References: unique ids; sorted by id.
  std::stable_sort(c.references.begin(), c.references.end(),
                   [](const ReferenceItem &a, const ReferenceItem &b) { return a.id < b.id; });
  std::map<std::string, uint32_t> ref_id;
  for (size_t i = 0; i < c.references.size(); ++i) {
    const ReferenceItem &r = c.references[i];
    if (r.id.empty()) continue;
    if (!ref_id.emplace(r.id, static_cast<uint32_t>(i)).second) {
      const ReferenceItem &o = c.references[ref_id[r.id]];
      diag.error(r.path, r.line, "duplicate reference id '" + r.id + "' (also at " + o.path + ":" + std::to_string(o.line) + ")");
    }
  }
  std::vector<bool> ref_cited(c.references.size(), false);
  const std::vector<std::string> ref_ids = keys_of(ref_id);

  std::set<std::string> exempt(c.meta.abbreviations_exempt.begin(), c.meta.abbreviations_exempt.end());

  // A topic only one article names, one edit from a topic others name, is likely a typo of it ("cots"
  // beside "cost"): it would make a topic of its own, and `topic:cost` would miss the article.
  if (md) {
    std::map<std::string, size_t> topic_uses;
    for (const Article &a : c.articles)
      for (const std::string &t : std::set<std::string>(a.topics.begin(), a.topics.end())) ++topic_uses[t];
    for (const Article &a : c.articles)
      for (size_t i = 0; i < a.topics.size(); ++i) {
        const std::string &t = a.topics[i];
        if (topic_uses[t] != 1 || t.size() < 4) continue;
        for (const auto &[other, uses] : topic_uses)
          // two topics named once each: the warning goes to the one that sorts later
          if (other != t && (uses > 1 || other < t) && tools::edit_distance(t, other) <= 1) {
            diag.warn(a.path, a.topic_lines[i],
                      "topic '" + t + "' is named by no other article and is one edit from '" + other + "' (" +
                          std::to_string(uses) + (uses == 1 ? " article" : " articles") +
                          "): a typo? (did you mean '" + other + "'?)");
            break;
          }
      }
  }

  for (size_t ai = 0; ai < c.articles.size(); ++ai) {
    Article &a = c.articles[ai];
    for (size_t i = 0; i < a.related.size(); ++i)
      if (!slug_id.count(a.related[i]))
        diag.error(a.path, a.related_lines[i],
                   "related: unknown article '" + a.related[i] + "'" + hint(a.related[i], slugs));
    if (md) {
      for (size_t i = 0; i < a.sources.size(); ++i)
        if (!ref_id.count(a.sources[i]))
          diag.error(a.path, a.source_lines[i],
                     "sources: unknown reference id '" + a.sources[i] + "'" + hint(a.sources[i], ref_ids));
    }

    // Resolve spans; citations numbered in first-citation order.
    std::vector<std::string> cite_order;
    for (SrcBlock &b : a.blocks) {
      std::vector<SrcSpan> kept;
      for (SrcSpan &s : b.spans) {
        switch (s.kind) {
          case SpanKind::ArticleLink: {
            const size_t hash = s.target.find('#');
            const std::string slug = hash == std::string::npos ? s.target : s.target.substr(0, hash);
            const std::string anchor = hash == std::string::npos ? std::string() : s.target.substr(hash + 1);
            uint32_t tid;
            if (slug.empty()) {
              tid = static_cast<uint32_t>(ai);
            } else {
              auto it = slug_id.find(slug);
              if (it == slug_id.end()) {
                if (md) {
                  diag.error(a.path, s.line, "link to unknown article '" + s.target + "'" + hint(slug, slugs));
                } else {
                  diag.warn(a.path, s.line,
                            "link to unknown article '" + s.target + "' (kept as text)" + hint(slug, slugs));
                  s.kind = SpanKind::Text;
                  s.target.clear();
                }
                break;
              }
              tid = it->second;
            }
            s.target_id = tid;
            s.target2 = 0xFFFFFFFFu;
            if (!anchor.empty() || hash != std::string::npos) {
              const Article &t = c.articles[tid];
              bool found = false;
              for (size_t si = 1; si < t.sections.size(); ++si)
                if (t.sections[si].anchor == anchor) {
                  s.target2 = static_cast<uint32_t>(si);
                  found = true;
                }
              if (!found) {
                std::vector<std::string> anchors;
                for (size_t si = 1; si < t.sections.size(); ++si) anchors.push_back("#" + t.sections[si].anchor);
                const std::string msg = "link to unknown anchor '#" + anchor + "' in article '" + t.slug + "'" +
                                        hint("#" + anchor, anchors);
                if (md) {
                  diag.error(a.path, s.line, msg);
                } else {
                  diag.warn(a.path, s.line, msg);
                }
              }
            }
            break;
          }
          case SpanKind::Glossary: {
            auto it = gloss_id.find(s.target);
            if (it == gloss_id.end()) {
              if (md) {
                diag.error(a.path, s.line, "unknown glossary term '" + s.target + "'" + hint(s.target, gloss_ids));
              } else {
                diag.warn(a.path, s.line,
                          "unknown glossary term '" + s.target + "' (kept as text)" + hint(s.target, gloss_ids));
                s.kind = SpanKind::Text;
                s.target.clear();
              }
              break;
            }
            s.target_id = it->second;
            // [[id]] (md4c passes the id itself as the shown text) shows the term's own name, in
            // sentence case: "is called [[self-renewal]]." reads "is called self-renewal.".
            if (s.default_text || s.text == s.target)
              s.text = at_sentence_start(kept) ? c.glossary[it->second].term
                                               : lower_first_word(c.glossary[it->second].term);
            break;
          }
          case SpanKind::Citation: {
            if (!md) {  // JSONL corpora have no registry: keep the citation as literal text
              s.kind = SpanKind::Text;
              s.text = "[@" + s.target + "]";
              s.target.clear();
              break;
            }
            auto it = ref_id.find(s.target);
            if (it == ref_id.end()) {
              diag.error(a.path, s.line, "citation of unknown reference '" + s.target + "'" + hint(s.target, ref_ids));
              break;
            }
            ref_cited[it->second] = true;
            if (std::find(a.sources.begin(), a.sources.end(), s.target) == a.sources.end())
              diag.error(a.path, s.line, "citation '" + s.target + "' is not listed in the article's sources");
            auto pos = std::find(cite_order.begin(), cite_order.end(), s.target);
            if (pos == cite_order.end()) {
              cite_order.push_back(s.target);
              pos = cite_order.end() - 1;
            }
            s.target_id = it->second;
            s.target2 = static_cast<uint32_t>(pos - cite_order.begin()) + 1;
            break;
          }
          default:
            break;
        }
        kept.push_back(std::move(s));
      }
      b.spans = std::move(kept);
    }

    if (md) {
      // sources never cited
      for (size_t i = 0; i < a.sources.size(); ++i)
        if (std::find(cite_order.begin(), cite_order.end(), a.sources[i]) == cite_order.end() && ref_id.count(a.sources[i]))
          diag.error(a.path, a.source_lines[i], "source '" + a.sources[i] + "' is never cited in the article");
      // Reorder sources: citation order, then (erroneous) uncited ones in their listed order.
      std::vector<std::string> ordered = cite_order;
      for (const std::string &s : a.sources)
        if (std::find(ordered.begin(), ordered.end(), s) == ordered.end()) ordered.push_back(s);
      a.sources = ordered;

      // A section with prose must cite something (unless .nocite).
      for (const SrcSection &sec : a.sections) {
        if (sec.nocite) continue;
        bool prose = false, cited = false;
        int prose_line = sec.line;
        for (uint32_t bi = sec.block_begin; bi < sec.block_end; ++bi) {
          const SrcBlock &b = a.blocks[bi];
          if (is_prose_block(b.kind) && has_text(b)) {
            if (!prose) prose_line = b.line;
            prose = true;
          }
          for (const SrcSpan &s : b.spans)
            if (s.kind == SpanKind::Citation) cited = true;
        }
        if (prose && !cited)
          diag.error(a.path, sec.level == 0 ? prose_line : sec.line,
                     (sec.level == 0 ? std::string("the lead section") : "section '" + sec.heading + "'") +
                         " has prose but no citation (cite a source, or mark the heading {.nocite})");
      }
      if (a.slug == "faq") check_faq(a, diag);
      if (a.audience != Audience::Clinician) {
        check_abbreviations(a, exempt, diag);
        check_readability(a, diag);
      }
    }
  }

  if (md)
    for (size_t i = 0; i < c.references.size(); ++i)
      if (!ref_cited[i] && !c.references[i].id.empty())
        diag.error(c.references[i].path, c.references[i].line,
                   "reference '" + c.references[i].id + "' is never cited in any article");
  if (md) {
    const TextWords words = text_words(c);
    check_synonym_groups(c, words, diag);
    check_synonym_stems(c, words, diag);
  }
}

}  // namespace tools
}  // namespace folio
