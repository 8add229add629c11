#include "proxy/session_registry.hpp"

#include "proxy/session.hpp"

namespace switchyard::proxy {

void session_registry::drain_all() {
  for (session* s : snapshot()) s->drain();
}

void session_registry::abort_all(std::string_view reason) {
  for (session* s : snapshot()) s->abort(reason);
}

}  // namespace switchyard::proxy
