#include "proxy/metrics.hpp"

#include "common/str_cat.hpp"

namespace switchyard::proxy {

std::string metrics::to_prometheus() const {
  std::string out;
#define SWITCHYARD_EXPORT(kind, name, help)                                                    \
  str_append(out, "# HELP switchyard_" #name " " help "\n# TYPE switchyard_" #name " " #kind \
                  "\nswitchyard_" #name " ",                                                   \
                  name.load(std::memory_order_relaxed), "\n");
  SWITCHYARD_PROXY_METRICS(SWITCHYARD_EXPORT)
#undef SWITCHYARD_EXPORT
  return out;
}

std::string metrics::to_log_line() const {
  std::string out;
#define SWITCHYARD_LOG_FIELD(kind, name, help) \
  str_append(out, out.empty() ? "" : " ", #name "=", name.load(std::memory_order_relaxed));
  SWITCHYARD_PROXY_METRICS(SWITCHYARD_LOG_FIELD)
#undef SWITCHYARD_LOG_FIELD
  return out;
}

}  // namespace switchyard::proxy
