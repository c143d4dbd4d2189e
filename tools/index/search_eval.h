// search_eval.h: the judged query set format (tests/relevance/README.md) and the metrics `folio eval`
// and the search benchmarks print: MRR@10, success@1/@3/@10 and nDCG@10, per stratum and overall.
#ifndef FOLIO_TOOLS_SEARCH_EVAL_H
#define FOLIO_TOOLS_SEARCH_EVAL_H

#include <map>
#include <string>
#include <vector>

namespace folio {
namespace index {

struct Judgment {
  std::string slug, anchor;  // anchor "" with any_section false = the lead section
  bool any_section = true;   // "slug" alone: any section of the article
  int grade = 2;             // 1 partly, 2 relevant, 3 the answer
};

struct EvalQuery {
  int line = 0;
  std::string stratum, query;
  std::vector<Judgment> judgments;
};

// Parse a query file: lines "stratum<TAB>query<TAB>slug[#anchor][=grade] ..." ('#' lines and blank lines
// ignored). Throws std::runtime_error("path:line: message") on a malformed line, and "path: message" when
// the file cannot be read (a directory) or holds no query.
std::vector<EvalQuery> load_eval_queries(const std::string &path);

struct RankedHit {
  std::string slug, anchor;
};

struct Metrics {
  double rr = 0, s1 = 0, s3 = 0, s10 = 0, ndcg = 0;
  int n = 0;
  void add(const Metrics &m) {
    rr += m.rr;
    s1 += m.s1;
    s3 += m.s3;
    s10 += m.s10;
    ndcg += m.ndcg;
    n += m.n;
  }
  Metrics mean() const {
    Metrics o = *this;
    if (n) {
      o.rr /= n;
      o.s1 /= n;
      o.s3 /= n;
      o.s10 /= n;
      o.ndcg /= n;
    }
    return o;
  }
};

// Grade of a hit against a query's judgments (0 = not relevant).
int grade_of(const EvalQuery &q, const RankedHit &h);

// Metrics of one query given its ranked hits (one per article, best first; only the first 10 count).
Metrics score_query(const EvalQuery &q, const std::vector<RankedHit> &hits);

// Per-stratum means, plus "all".
struct Report {
  std::map<std::string, Metrics> strata;  // sums
  Metrics all;
  void add(const std::string &stratum, const Metrics &m) {
    strata[stratum].add(m);
    all.add(m);
  }
};

std::string format_report(const Report &r, const std::string &label);

}  // namespace index
}  // namespace folio

#endif
