// search_eval.cpp: judged query file parsing and ranking metrics (definitions in tests/relevance/README.md).
#include "search_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace folio {
namespace index {

std::vector<EvalQuery> load_eval_queries(const std::string &path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw std::runtime_error(path + ": cannot read: is a directory");
  std::ifstream f(path);
  if (!f) throw std::runtime_error(path + ": cannot read");
  std::vector<EvalQuery> out;
  std::string line;
  int ln = 0;
  while (std::getline(f, line)) {
    ++ln;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos)
      throw std::runtime_error(path + ":" + std::to_string(ln) + ": expected stratum<TAB>query<TAB>judgments");
    EvalQuery q;
    q.line = ln;
    q.stratum = line.substr(0, t1);
    q.query = line.substr(t1 + 1, t2 - t1 - 1);
    std::istringstream js(line.substr(t2 + 1));
    std::string tok;
    while (js >> tok) {
      Judgment j;
      const size_t eq = tok.find('=');
      if (eq != std::string::npos) {
        j.grade = std::atoi(tok.c_str() + eq + 1);
        if (j.grade < 1 || j.grade > 3)
          throw std::runtime_error(path + ":" + std::to_string(ln) + ": grade must be 1..3: " + tok);
        tok.resize(eq);
      }
      const size_t h = tok.find('#');
      if (h != std::string::npos) {
        j.any_section = false;
        j.anchor = tok.substr(h + 1);
        tok.resize(h);
      }
      j.slug = tok;
      if (j.slug.empty()) throw std::runtime_error(path + ":" + std::to_string(ln) + ": empty slug");
      q.judgments.push_back(j);
    }
    if (q.stratum.empty() || q.query.empty() || q.judgments.empty())
      throw std::runtime_error(path + ":" + std::to_string(ln) + ": stratum, query and judgments are required");
    out.push_back(std::move(q));
  }
  if (f.bad()) throw std::runtime_error(path + ": read error");
  if (out.empty()) throw std::runtime_error(path + ": no queries (expected stratum<TAB>query<TAB>judgments lines)");
  return out;
}

int grade_of(const EvalQuery &q, const RankedHit &h) {
  int g = 0;
  for (const Judgment &j : q.judgments)
    if (j.slug == h.slug && (j.any_section || j.anchor == h.anchor)) g = std::max(g, j.grade);
  return g;
}

Metrics score_query(const EvalQuery &q, const std::vector<RankedHit> &hits) {
  Metrics m;
  m.n = 1;
  double dcg = 0;
  const size_t k = std::min<size_t>(hits.size(), 10);
  for (size_t i = 0; i < k; ++i) {
    const int g = grade_of(q, hits[i]);
    if (g > 0) {
      if (m.rr == 0) m.rr = 1.0 / static_cast<double>(i + 1);
      if (i < 1) m.s1 = 1;
      if (i < 3) m.s3 = 1;
      m.s10 = 1;
    }
    dcg += (std::pow(2.0, g) - 1.0) / std::log2(static_cast<double>(i) + 2.0);
  }
  // ideal: one hit per article (results are grouped), the article's best grade
  std::map<std::string, int> best;
  for (const Judgment &j : q.judgments) best[j.slug] = std::max(best[j.slug], j.grade);
  std::vector<int> grades;
  for (const auto &kv : best) grades.push_back(kv.second);
  std::sort(grades.rbegin(), grades.rend());
  double idcg = 0;
  for (size_t i = 0; i < grades.size() && i < 10; ++i)
    idcg += (std::pow(2.0, grades[i]) - 1.0) / std::log2(static_cast<double>(i) + 2.0);
  m.ndcg = idcg > 0 ? dcg / idcg : 0;
  return m;
}

std::string format_report(const Report &r, const std::string &label) {
  std::string s;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-14s %5s %8s %6s %6s %7s %8s   (%s)\n", "stratum", "n", "MRR@10", "S@1", "S@3",
                "S@10", "nDCG@10", label.c_str());
  s += buf;
  auto row = [&](const std::string &name, const Metrics &sum) {
    const Metrics m = sum.mean();
    std::snprintf(buf, sizeof buf, "%-14s %5d %8.3f %6.3f %6.3f %7.3f %8.3f\n", name.c_str(), m.n, m.rr, m.s1, m.s3,
                  m.s10, m.ndcg);
    s += buf;
  };
  for (const auto &kv : r.strata) row(kv.first, kv.second);
  row("all", r.all);
  return s;
}

}  // namespace index
}  // namespace folio
