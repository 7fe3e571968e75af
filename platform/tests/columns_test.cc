// Nullable columns as the stores read and bind them, on both backends.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "platform/columns.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

const std::vector<EmbeddedFile>& NoteMigrations() {
  static const auto* files = new std::vector<EmbeddedFile>{
      {"0001_notes.sql",
       "CREATE TABLE notes (id INTEGER PRIMARY KEY, day VARCHAR(10) NULL, body VARCHAR(100) NULL);\n"}};
  return *files;
}

class ColumnsTest : public testing::StoreTest {
 protected:
  ColumnsTest() : StoreTest("notes", NoteMigrations()) {}

  void Insert(int id, const std::optional<Date>& day, const std::string& text) {
    NullableText d = DateText(day), t = Text(text);
    Write([&](soci::session& tx) {
      tx << "INSERT INTO notes (id, day, body) VALUES (:id, :d, :t)", soci::use(id), soci::use(d.value, d.ind),
          soci::use(t.value, t.ind);
    });
  }
  // The note's columns as read back, and whether each was NULL.
  struct Note {
    std::optional<Date> day;
    std::string text;
    bool day_null = false, text_null = false;
  };
  Note Get(int id) {
    Note out;
    Read([&](soci::session& sql) {
      soci::row row;
      sql << "SELECT day, body FROM notes WHERE id = :id", soci::use(id), soci::into(row);
      out.day = OptionalDateAt(row, 0);
      out.text = OptionalTextAt(row, 1);
      out.day_null = row.get_indicator(0) == soci::i_null;
      out.text_null = row.get_indicator(1) == soci::i_null;
    });
    return out;
  }
};

TEST_P(ColumnsTest, PresentValuesAreStoredAsTextAndReadBack) {
  Insert(1, Date(2024, 2, 29), "hello");
  Note got = Get(1);
  EXPECT_EQ(got.day, Date(2024, 2, 29));
  EXPECT_EQ(got.text, "hello");
  EXPECT_FALSE(got.day_null);
  EXPECT_FALSE(got.text_null);
}

TEST_P(ColumnsTest, AbsentValuesAreNullAndReadBackAsAbsent) {
  Insert(2, std::nullopt, "");
  Note got = Get(2);
  EXPECT_EQ(got.day, std::nullopt);
  EXPECT_EQ(got.text, "");
  EXPECT_TRUE(got.day_null);
  EXPECT_TRUE(got.text_null);
}

TEST_P(ColumnsTest, ADateColumnThatIsNotADateReadsAsAbsent) {
  Write([&](soci::session& tx) { tx << "INSERT INTO notes (id, day, body) VALUES (3, 'soon', NULL)"; });
  EXPECT_EQ(Get(3).day, std::nullopt);
}

TEST(Columns, BindingValuesCarryTheirIndicator) {
  EXPECT_EQ(DateText(Date(2025, 4, 1)).value, "2025-04-01");
  EXPECT_EQ(DateText(Date(2025, 4, 1)).ind, soci::i_ok);
  EXPECT_EQ(DateText(std::nullopt).ind, soci::i_null);
  EXPECT_EQ(Text("x").ind, soci::i_ok);
  EXPECT_EQ(Text("").ind, soci::i_null);
}

INSTANTIATE_TEST_SUITE_P(Backends, ColumnsTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
