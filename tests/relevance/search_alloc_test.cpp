// search_alloc_test.cpp: zero heap allocations across a whole query set. Loads the pack and the judged
// queries (allocating), then forbids the heap (tests/alloc/alloc_guard: any allocation aborts) and runs
// every query, with snippets, in grouped and all-sections mode, plus the bad queries of the fuzz seeds.
#include <folio/folio.h>

#include <cstdio>
#include <string>
#include <vector>

#include "alloc/alloc_guard.h"
#include "search_eval.h"
#include "search_pack_file.h"

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: folio_search_alloc_test PACK QUERIES\n");
    return 2;
  }
  folio::index::PackFile pf;
  if (pf.open(argv[1]) != FOLIO_OK || !folio_search_available(pf.pack)) return 2;
  std::vector<std::string> queries;
  for (const auto &q : folio::index::load_eval_queries(argv[2])) queries.push_back(q.query);
  queries.push_back("");
  queries.push_back("the of and");
  queries.push_back("\"bone marrow\" -fat topic:cell-sources audience:patient menis* cartlage");
  queries.push_back(std::string("knee \xff pain"));
  // real words the content lacks (the pack's lexicon): kept as typed, corrected in context, suggested
  queries.push_back("can I play golf afterwards");
  queries.push_back("clinical trail");
  queries.push_back("golf");
  queries.push_back("gout flairs in my knee");  // a short real word: only a neighbouring key's slip
  queries.push_back("knew pain");
  queries.push_back("loads of tablits");  // a synonym-only word (no postings), reached by a typo
  queries.push_back("pregnant \"stem hovercraft\" knee pregnant");  // missing words and phrase reported
  queries.push_back("stemcell kneepain");  // words run together, split where the text has them side by side
  queries.push_back("water on the knee");  // a word that starts a synonym phrase
  // cut mid-word, as a kiosk sends them (with FOLIO_SEARCH_PREFIX_LAST: a first letter, a title's start)
  queries.push_back("stem c");
  queries.push_back("knee inj");
  queries.push_back("what are stem c");
  // a prefix nothing starts with: a synonym's word completed, a misspelled prefix corrected
  queries.push_back("why is it so expens");
  queries.push_back("mensic* tear");
  queries.push_back("glucosamine suplem");
  // hyphenated compounds: a misspelled part, a part being typed, the parts of a synonym phrase
  queries.push_back("anti-inflamatory bone-mar");
  queries.push_back("steroid-shot");
  // filters only: the sections they keep are listed
  queries.push_back("topic:cost");
  queries.push_back("audience:clinician -fat");
  queries.push_back("pain article:recovery-and-aftercare");  // one article's sections
  queries.push_back("article:faq");
  // a number glued to its unit, whole and being typed
  queries.push_back("3mm 6wks 12mo 65yo 2.5cm 6wee");
  queries.push_back("is it 20 grand or $10 thousand or 8 k");  // digits and a scale word
  queries.push_back("k* knee -menis*");  // a one-letter prefix, an excluded prefix
  queries.push_back("stem cells NOT \"bone marrow\" NOT surgery");  // NOT in capitals
  queries.push_back("\"bone mar*\" -\"steroid sh*\" \"platelet ri");  // phrase prefixes, an open quote
  queries.push_back("\"platelet rich plasma\" -\"long lasting\" \"a b c d e f g h\"");  // compounds typed apart
  queries.push_back("https://www.fda.gov/vaccines stem cells regenexx.com");  // a pasted web address
  queries.push_back("knee in my 70s or her seventies ISCT criteria");      // an age decade, an abbreviation
  queries.push_back("hello r u sure abt kne pain n tem cells please");     // text-speak, courtesies, dropped letters
  queries.push_back("should a big effusion be drained before the b mac question mark");  // dictation
  std::string big;
  for (int i = 0; i < 1000; ++i) big += "w" + std::to_string(i) + " ";
  queries.push_back(big);
  std::vector<folio_search_hit> hits(64);
  std::vector<char> text(16384);
  unsigned long total = 0;
  alloc_guard_forbid(true);
  for (uint32_t flags : {0u, FOLIO_SEARCH_ALL_SECTIONS | FOLIO_SEARCH_PREFIX_LAST}) {
    for (const std::string &q : queries) {
      folio_search_result res;
      const folio_status s =
          folio_search(pf.reader, q.data(), q.size(), flags, hits.data(), 64, text.data(), text.size(), &res);
      if (s == FOLIO_OK) total += res.hit_count;
    }
  }
  alloc_guard_forbid(false);
  std::printf("search: %zu queries x 2 modes, %lu hits, no heap allocation\n", queries.size(), total);
  return total > 0 ? 0 : 1;
}
