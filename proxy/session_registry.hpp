// The sessions of one worker thread, so that shutdown can reach them. Used only from that
// worker's thread: no locking.
#pragma once
#include <string_view>
#include <unordered_set>
#include <vector>

namespace switchyard::proxy {

class session;

class session_registry {
 public:
  void add(session* s) { sessions_.insert(s); }
  void remove(session* s) { sessions_.erase(s); }
  [[nodiscard]] std::size_t size() const { return sessions_.size(); }
  void drain_all();
  void abort_all(std::string_view reason);

 private:
  [[nodiscard]] std::vector<session*> snapshot() const { return {sessions_.begin(), sessions_.end()}; }
  std::unordered_set<session*> sessions_;
};

}  // namespace switchyard::proxy
