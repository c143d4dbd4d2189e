// near_names.h: the names nearest to a misspelled one, for a "did you mean" (the build tool's unknown
// links, glossary ids and references; the CLI's anchors, topics and slugs). Host-only code.
#ifndef FOLIO_TOOLS_NEAR_NAMES_H
#define FOLIO_TOOLS_NEAR_NAMES_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace folio {
namespace tools {

// s with ASCII letters lowered (the case nearest_names ignores; names are compared in it).
std::string ascii_lower(std::string s);

// Edit distance of a and b in bytes (insertions, deletions, substitutions and swaps of two neighbours:
// "cots" is 1 from "cost"; optimal string alignment).
size_t edit_distance(std::string_view a, std::string_view b);

// The names nearest to `typed` (ASCII case ignored): those it starts or that start with it, then those
// within an edit distance of a third of the longer ("cots" -> cost, "keyhoel-surgery" -> keyhole-surgery),
// or whose start is within a third of what was typed, from 4 bytes ("keyhole-surgry" ->
// keyhole-surgery-arthroscopy), nearest first, ties in the list's order; at most `max`. Empty when none
// is near.
std::vector<std::string> nearest_names(const std::string &typed, const std::vector<std::string> &names,
                                       size_t max = 3);

// " (did you mean 'x'?)" for the nearest of `names` to `typed`, or "" when none is near: the tail of a
// diagnostic about an unknown name.
std::string did_you_mean(const std::string &typed, const std::vector<std::string> &names);

}  // namespace tools
}  // namespace folio

#endif
