// The local divergence file: an append-only file of divergence records (one JSON line each),
// used when PostgreSQL's divergence table cannot be reached, and replayed into it later.
// Appends are written whole and flushed to disk (fdatasync) before append() returns, so a
// recorded divergence survives a crash; a line torn by a crash mid-write is reported on reading,
// never silently taken for a record.
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "proxy/divergence.hpp"

namespace switchyard::proxy {

class divergence_file {
 public:
  // Opens (creating it, mode 0600) for appending; on failure, `error` says why and ok() is false.
  divergence_file(std::string path, std::string& error);
  ~divergence_file();
  divergence_file(const divergence_file&) = delete;
  divergence_file& operator=(const divergence_file&) = delete;

  [[nodiscard]] bool ok() const noexcept { return fd_ >= 0; }
  // Appends the records and flushes them to disk; false with `error` when they could not be made
  // durable (the caller keeps them and counts the failure).
  [[nodiscard]] bool append(std::span<const divergence> records, std::string& error);

  struct contents {
    std::vector<divergence> records;
    std::size_t torn_or_bad_lines = 0;  // lines that are not records (a crash mid-write)
    std::string error;                  // the file could not be read at all
  };
  [[nodiscard]] static contents read_all(const std::string& path);

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace switchyard::proxy
