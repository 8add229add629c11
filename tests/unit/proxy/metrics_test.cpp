#include "proxy/metrics.hpp"

#include <gtest/gtest.h>

namespace switchyard::proxy {
namespace {

TEST(Metrics, PrometheusTextHasHelpTypeAndValue) {
  metrics m;
  metrics::add(m.queries_total, 3);
  metrics::add(m.connections_active, 2);
  metrics::add(m.connections_active, -1);
  const std::string text = m.to_prometheus();
  EXPECT_NE(text.find("# HELP switchyard_queries_total COM_QUERY commands relayed\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE switchyard_queries_total counter\nswitchyard_queries_total 3\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE switchyard_connections_active gauge\nswitchyard_connections_active 1\n"),
            std::string::npos);
}

TEST(Metrics, LogLineNamesEveryMetricOnce) {
  metrics m;
  metrics::add(m.timeouts_idle, 7);
  const std::string line = m.to_log_line();
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("timeouts_idle=7"), std::string::npos);
  EXPECT_EQ(line.rfind("connections_accepted=0", 0), 0u);  // first in declaration order
  std::size_t fields = 0;
#define SWITCHYARD_COUNT(kind, name, help) ++fields;
  SWITCHYARD_PROXY_METRICS(SWITCHYARD_COUNT)
#undef SWITCHYARD_COUNT
  EXPECT_EQ(static_cast<std::size_t>(std::count(line.begin(), line.end(), '=')), fields);
}

}  // namespace
}  // namespace switchyard::proxy
