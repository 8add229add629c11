// Files of tests/corpus/ for tests (header-only: any test executable can use it).
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace switchyard::test {

// The whole file tests/corpus/<name>; empty when it cannot be read.
[[nodiscard]] inline std::string read_corpus(std::string_view name) {
  std::ifstream in(std::string(SWITCHYARD_SOURCE_DIR) + "/tests/corpus/" + std::string(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace switchyard::test
