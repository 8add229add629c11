// A growable byte buffer for one direction of a connection: bytes read but not yet consumed
// sit between begin_ and end_. Consumed space is reclaimed by moving the rest to the front.
#pragma once
#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstring>
#include <vector>

#include "protocol/bytes.hpp"

namespace switchyard::proxy {

class io_buffer {
 public:
  explicit io_buffer(std::size_t initial_capacity) : data_(initial_capacity) {}

  [[nodiscard]] protocol::bytes_view readable() const { return {data_.data() + begin_, end_ - begin_}; }
  [[nodiscard]] bool empty() const { return begin_ == end_; }

  void consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }

  // Space for at least `min_free` more bytes after the readable ones.
  boost::asio::mutable_buffer prepare(std::size_t min_free) {
    if (data_.size() - end_ < min_free) {
      if (begin_ > 0) {
        std::memmove(data_.data(), data_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
      }
      if (data_.size() - end_ < min_free) data_.resize(std::max(end_ + min_free, data_.size() * 2));
    }
    return boost::asio::buffer(data_.data() + end_, data_.size() - end_);
  }
  void commit(std::size_t n) { end_ += n; }

  // Gives back memory a large message needed once, when nothing is pending.
  void shrink_to(std::size_t capacity) {
    if (empty() && data_.size() > capacity) {
      std::vector<std::uint8_t>(capacity).swap(data_);
    }
  }

 private:
  std::vector<std::uint8_t> data_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace switchyard::proxy
