// spelling_variants.h: British and American spellings of one English word ("tumour" / "tumor",
// "randomised" / "randomized", "oedema" / "edema", "travelled" / "traveled"), found by rule and
// confirmed against a word list, for the search index's synonym table: a query in either spelling then
// finds text written in the other (docs/search.md, "Spelling variants").
//
// Build tool only: the engine sees ordinary synonym groups. The rules live here, not in the shared
// text-analysis module, so the reader's stems, snippets and highlights stay exactly as before.
#ifndef FOLIO_TOOLS_SPELLING_VARIANTS_H
#define FOLIO_TOOLS_SPELLING_VARIANTS_H

#include <set>
#include <string>
#include <vector>

namespace folio {
namespace index {

// One rule's output for a word.
struct SpellingCandidate {
  std::string word;
  bool sure;  // the rule is specific enough to need no confirmation ("haem" -> "hem", "oedem" -> "edem")
  bool ize;   // an -ise / -ize rule (the stemmer strips "-ize" but not "-ise": see spelling_variant_groups)
  std::string root;  // when not empty: a word the list must also hold ("dial" for "dialled" / "dialed")
};

// The other spellings the rules give for a folded word (lower-case a-z, 4 to 32 letters; anything else
// gives none), in both directions (British to American and back), unconfirmed: most are no words at
// all ("doctor" -> "doctour"), which the word list removes. Deterministic order, no duplicates, never
// the word itself.
std::vector<SpellingCandidate> spelling_candidates(const std::string &word);

// Synonym groups {word, variant} for the words of the content: a candidate becomes a group when both it
// and the word are words of `lexicon` (folded, as content/lexicon.txt), or when its rule is `sure`. The
// content does not confirm a spelling: a large corpus holds foreign and archaic words ("lettre",
// "registre", "flor" in GCIDE) that would pair with English ones. Left out: pairs whose stems are equal (the index already treats them as one word), and an
// -ise / -ize pair whose American stem is a proper prefix of the British one (the stemmer takes
// "standardized" to "standard") when that shorter stem is also a content word of its own ("standard"):
// the pair would let every "standard" find "standardised". Sorted, deterministic.
std::vector<std::vector<std::string>> spelling_variant_groups(const std::set<std::string> &content_words,
                                                             const std::vector<std::string> &lexicon);

}  // namespace index
}  // namespace folio

#endif
