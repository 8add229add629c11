#include "proxy/divergence_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace switchyard::proxy {

divergence_file::divergence_file(std::string path, std::string& error) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    error = "cannot open divergence file " + path_ + ": " + std::strerror(errno);
    return;
  }
  // A crash can leave a torn last line; end it, so that the next record starts a line of its own
  // instead of being glued to the fragment.
  const off_t size = ::lseek(fd_, 0, SEEK_END);
  char last = '\n';
  if (size > 0 && ::pread(fd_, &last, 1, size - 1) == 1 && last != '\n') {
    if (::write(fd_, "\n", 1) != 1) {
      error = "cannot write divergence file " + path_ + ": " + std::strerror(errno);
      ::close(fd_);
      fd_ = -1;
    }
  }
}

divergence_file::~divergence_file() {
  if (fd_ >= 0) ::close(fd_);
}

bool divergence_file::append(std::span<const divergence> records, std::string& error) {
  if (fd_ < 0) {
    error = "divergence file " + path_ + " is not open";
    return false;
  }
  std::string batch;
  for (const auto& r : records) {
    batch += encode_divergence(r);
    batch += '\n';
  }
  std::size_t written = 0;
  while (written < batch.size()) {
    const ssize_t n = ::write(fd_, batch.data() + written, batch.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = "cannot write divergence file " + path_ + ": " + std::strerror(errno);
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0) {
    error = "cannot flush divergence file " + path_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

divergence_file::contents divergence_file::read_all(const std::string& path) {
  contents c;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    c.error = "cannot read divergence file " + path;
    return c;
  }
  std::string line, error;
  while (std::getline(in, line)) {
    divergence d;
    if (decode_divergence(line, d, error)) c.records.push_back(std::move(d));
    else ++c.torn_or_bad_lines;
  }
  return c;
}

}  // namespace switchyard::proxy
