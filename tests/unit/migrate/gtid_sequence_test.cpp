// GTIDs (MariaDB "domain-server-seq", MySQL "uuid:seq"): the sequence number is the commit order.
#include <gtest/gtest.h>

#include "migrate/mysql_server_settings.hpp"

namespace switchyard::migrate {
namespace {

TEST(gtid_sequence_of, reads_the_sequence_number_of_one_gtid) {
  EXPECT_EQ(gtid_sequence_of("0-1-42"), 42u);
  EXPECT_EQ(gtid_sequence_of("7-100-18446744073709551615"), 18446744073709551615u);
  EXPECT_EQ(gtid_sequence_of("3E11FA47-71CA-11E1-9E33-C80AA9429562:23"), 23u);  // MySQL
}

TEST(executed_sequence_of, reads_the_end_of_this_servers_interval) {
  const std::string uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  EXPECT_EQ(executed_sequence_of("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-42", uuid), 42u);
  EXPECT_EQ(executed_sequence_of("3e11fa47-71ca-11e1-9e33-c80aa9429562:7", uuid), 7u);
  EXPECT_EQ(executed_sequence_of("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-99", uuid), 99u);
  EXPECT_EQ(executed_sequence_of("2174b383-5441-11e8-b90a-c80aa9429562:1-3,\n3e11fa47-71ca-11e1-9e33-c80aa9429562:1-12",
                                 uuid),
            12u);
  EXPECT_EQ(executed_sequence_of("2174b383-5441-11e8-b90a-c80aa9429562:1-3", uuid), 0u);
  EXPECT_EQ(executed_sequence_of("", uuid), 0u);
  EXPECT_EQ(executed_sequence_of("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-x", uuid), 0u);
}

TEST(gtid_sequence_of, is_zero_when_there_is_no_single_order) {
  EXPECT_EQ(gtid_sequence_of(""), 0u);
  EXPECT_EQ(gtid_sequence_of("0-1-"), 0u);
  EXPECT_EQ(gtid_sequence_of("0-1-4x"), 0u);
  EXPECT_EQ(gtid_sequence_of("garbage"), 0u);
  EXPECT_EQ(gtid_sequence_of("0-1-5,1-2-9"), 0u);  // two replication domains
  EXPECT_EQ(gtid_sequence_of("3E11FA47-71CA-11E1-9E33-C80AA9429562:"), 0u);
}

}  // namespace
}  // namespace switchyard::migrate
