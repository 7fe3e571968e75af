// A database URL read as SOCI reads it (platform/db/database_url.h): adoptctl's backup
// hands the same password and files to the MariaDB tools that the services connect with.
#include "platform/db/database_url.h"

#include <gtest/gtest.h>

namespace platform {
namespace {

TEST(DatabaseUrlValue, ReadsEachParameterAsSociDoes) {
  const std::string url = "mysql://host=db.example port=3306 db=recruitment user=permanence password=s3cret";
  EXPECT_EQ(DatabaseUrlValue(url, "host"), "db.example");
  EXPECT_EQ(DatabaseUrlValue(url, "port"), "3306");
  EXPECT_EQ(DatabaseUrlValue(url, "db"), "recruitment");
  EXPECT_EQ(DatabaseUrlValue(url, "password"), "s3cret");
  EXPECT_EQ(DatabaseUrlValue(url, "sslca"), "");
  EXPECT_EQ(DatabaseUrlValue("sqlite3://db=/var/lib/permanence/x.db", "db"), "/var/lib/permanence/x.db");
}

TEST(DatabaseUrlValue, AQuotedValueKeepsItsSpacesAndEscapes) {
  const std::string url = R"(mysql://user=p password='a b#c\'d\\e' db = 'panel' host=h)";
  EXPECT_EQ(DatabaseUrlValue(url, "password"), R"(a b#c'd\e)");
  EXPECT_EQ(DatabaseUrlValue(url, "db"), "panel");
  EXPECT_EQ(DatabaseUrlValue(url, "host"), "h");
  EXPECT_EQ(DatabaseUrlValue(R"(mysql://password=x\ y user=u)", "password"), "x y");
}

TEST(DatabaseUrlValue, TakesSocisOtherNamesAndTheFirstOfARepeat) {
  EXPECT_EQ(DatabaseUrlValue("mysql://pass=p dbname=d", "password"), "p");
  EXPECT_EQ(DatabaseUrlValue("mysql://pass=p dbname=d", "db"), "d");
  EXPECT_EQ(DatabaseUrlValue("mysql://service=s", "db"), "s");
  EXPECT_EQ(DatabaseUrlValue("mysql://host=first host=second", "host"), "first");
  // A key that only ends like the one asked for is another key.
  EXPECT_EQ(DatabaseUrlValue("mysql://unix_socket=/run/m.sock", "socket"), "");
}

}  // namespace
}  // namespace platform
