// libFuzzer entry point; SWITCHYARD_FUZZ_TARGET names the target this executable runs.
#include <cstddef>
#include <cstdint>

#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  switchyard::fuzz::SWITCHYARD_FUZZ_TARGET({data, size});
  return 0;
}
