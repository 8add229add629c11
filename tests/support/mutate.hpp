// Seeded text mutation for the fuzz smoke tests: 1 to 4 edits (replace, insert or erase 1-3
// bytes), each new byte from `alphabet` half the time, else any byte. The draw order is fixed, so
// a seed always gives the same inputs.
#pragma once
#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace switchyard::test {

inline void mutate_text(std::string& text, std::mt19937& rng, std::string_view alphabet) {
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = rng() % text.size();
    const char c = (rng() % 2) ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng());
    switch (rng() % 3) {
      case 0: text[at] = c; break;
      case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
      default: text.erase(at, 1 + rng() % 3); break;
    }
  }
}

}  // namespace switchyard::test
