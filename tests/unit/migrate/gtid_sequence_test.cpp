// MariaDB GTIDs "domain-server-seq": the sequence number is MySQL's commit order within a domain.
#include <gtest/gtest.h>

#include "migrate/mysql_server_settings.hpp"

namespace switchyard::migrate {
namespace {

TEST(gtid_sequence_of, reads_the_sequence_number_of_one_gtid) {
  EXPECT_EQ(gtid_sequence_of("0-1-42"), 42u);
  EXPECT_EQ(gtid_sequence_of("7-100-18446744073709551615"), 18446744073709551615u);
}

TEST(gtid_sequence_of, is_zero_when_there_is_no_single_order) {
  EXPECT_EQ(gtid_sequence_of(""), 0u);
  EXPECT_EQ(gtid_sequence_of("0-1-"), 0u);
  EXPECT_EQ(gtid_sequence_of("0-1-4x"), 0u);
  EXPECT_EQ(gtid_sequence_of("garbage"), 0u);
  EXPECT_EQ(gtid_sequence_of("0-1-5,1-2-9"), 0u);  // two replication domains
}

}  // namespace
}  // namespace switchyard::migrate
