// near_names.cpp: the names nearest to a misspelled one (near_names.h).
#include "near_names.h"

#include <algorithm>
#include <utility>

namespace folio {
namespace tools {

namespace {

// Optimal string alignment distances of a to b (insertions, deletions, substitutions and swaps of two
// neighbours, 1 each): *whole to all of b, *prefix to the nearest start of b (min over b's prefixes).
void osa_distances(std::string_view a, std::string_view b, size_t *whole, size_t *prefix) {
  std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) prev[j] = j;
  for (size_t i = 1; i <= a.size(); i++) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); j++) {
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  *whole = prev[b.size()];
  *prefix = *std::min_element(prev.begin(), prev.end());
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  size_t whole = 0, prefix = 0;
  osa_distances(a, b, &whole, &prefix);
  return whole;
}

std::string ascii_lower(std::string s) {
  for (char &c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::vector<std::string> nearest_names(const std::string &typed, const std::vector<std::string> &names,
                                       size_t max) {
  const std::string want = ascii_lower(typed);
  std::vector<std::pair<size_t, size_t>> near;  // (distance, index in names)
  for (size_t i = 0; i < names.size(); i++) {
    const std::string low = ascii_lower(names[i]);
    const bool starts = !want.empty() && (low.rfind(want, 0) == 0 || want.rfind(low, 0) == 0);
    size_t whole = 0, prefix = 0;
    if (!starts) osa_distances(want, low, &whole, &prefix);
    // near as a whole, or as the start of the name, typed before it was finished ("#keyhole-surgry" of
    // "#keyhole-surgery-arthroscopy")
    if (starts)
      near.push_back({0, i});
    else if (whole * 3 <= std::max(want.size(), low.size()))
      near.push_back({std::min(whole, prefix), i});
    else if (prefix * 3 <= want.size() && want.size() >= 4)
      near.push_back({prefix, i});
  }
  std::stable_sort(near.begin(), near.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (size_t k = 0; k < near.size() && out.size() < max; k++) out.push_back(names[near[k].second]);
  return out;
}

std::string did_you_mean(const std::string &typed, const std::vector<std::string> &names) {
  const std::vector<std::string> near = nearest_names(typed, names, 1);
  return near.empty() ? std::string() : " (did you mean '" + near[0] + "'?)";
}

}  // namespace tools
}  // namespace folio
