// Rows written and read by column name, versioned updates with their history, and
// corrupt stored values, on both backends.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "platform/core/enum_names.h"
#include "platform/db/db.h"
#include "platform/db/listing.h"
#include "platform/db/prepared.h"
#include "platform/db/record.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

enum class Colour { kRed, kGreen };
constexpr const char* kColourNames[] = {"RED", "GREEN"};
std::optional<Colour> ParseColour(const std::string& name) { return EnumFromName<Colour>(kColourNames, name); }

// A versioned table whose history keeps some of its columns (as household_history does).
const std::vector<EmbeddedFile>& NoteMigrations() {
  static const auto* files = new std::vector<EmbeddedFile>{
      {"0001_notes.sql",
       "CREATE TABLE notes (id VARCHAR(26) NOT NULL PRIMARY KEY, colour VARCHAR(16) NULL, day CHAR(10) NULL, "
       "due CHAR(10) NULL, body VARCHAR(100) NULL, copies SMALLINT NOT NULL, flag SMALLINT NOT NULL, "
       "version BIGINT NOT NULL, created_by VARCHAR(255) NOT NULL, parts MEDIUMTEXT NULL);\n"
       "CREATE TABLE note_history (id VARCHAR(26) NOT NULL, version BIGINT NOT NULL, colour VARCHAR(16) NULL, "
       "day CHAR(10) NULL, body VARCHAR(100) NULL, PRIMARY KEY (id, version));\n"
       "CREATE TABLE note_lines (note_id VARCHAR(26) NOT NULL, position SMALLINT NOT NULL, "
       "colour VARCHAR(16) NOT NULL, remark VARCHAR(100) NULL, tally BIGINT NULL);\n"}};
  return *files;
}

constexpr VersionedTable kNotes{"notes", "note_history", "colour, day, body"};

struct Note {
  std::string id;
  std::optional<Colour> colour;
  Date day;
  std::optional<Date> due;
  std::optional<std::string> body;
  long long copies = 0;
  bool flag = false;
  long long version = 0;
};

Row DataOf(const Note& n) {
  Row row;
  row.OptionalText("colour",
                   n.colour ? std::optional<std::string>(kColourNames[static_cast<int>(*n.colour)]) : std::nullopt)
      .Date("day", n.day)
      .OptionalDate("due", n.due)
      .OptionalText("body", n.body)
      .Int("copies", n.copies)
      .Bool("flag", n.flag);
  return row;
}

Note FromRow(const soci::row& row) {
  StoredRow r(row, "notes");
  Note n;
  n.id = r.Text("id");
  n.colour = r.OptionalEnum("colour", ParseColour);
  n.day = r.RequiredDate("day");
  n.due = r.OptionalDate("due");
  n.body = r.OptionalText("body");
  n.copies = r.Int("copies");
  n.flag = r.Bool("flag");
  n.version = r.Int("version");
  return n;
}

class RecordTest : public testing::StoreTest {
 protected:
  RecordTest() : StoreTest("notes", NoteMigrations()) {}

  void Insert(const Note& n) {
    Write([&](soci::session& tx) {
      Row row = DataOf(n);
      row.Text("id", n.id).Int("version", n.version).Text("created_by", "worker-1");
      InsertRow(tx, "notes", row);
    });
  }
  bool Update(const Note& n, long long expected_version) {
    bool updated = false;
    Write([&](soci::session& tx) { updated = UpdateVersioned(tx, kNotes, n.id, expected_version, DataOf(n)); });
    return updated;
  }
  // The note as read back: its columns in an order unlike the table's.
  Note Get(const std::string& id) {
    Note out;
    Read([&](soci::session& sql) {
      soci::row row;
      sql << "SELECT version, flag, copies, body, due, day, colour, id FROM notes WHERE id = :id", soci::use(id),
          soci::into(row);
      out = FromRow(row);
    });
    return out;
  }
  // What reading the stored note throws, or "" when it reads.
  std::string Corruption(const std::string& id) {
    std::string what;
    Read([&](soci::session& sql) {
      soci::row row;
      sql << "SELECT id, colour, day, due, body, copies, flag, version FROM notes WHERE id = :id", soci::use(id),
          soci::into(row);
      try {
        FromRow(row);
      } catch (const CorruptRecord& e) {
        what = e.what();
      }
    });
    return what;
  }
  void Exec(const std::string& sql) {
    Write([&](soci::session& tx) { tx << sql; });
  }

  Note Make(const std::string& id) {
    return {.id = id,
            .colour = Colour::kGreen,
            .day = Date(2024, 2, 29),
            .due = Date(2025, 4, 1),
            .body = "hello",
            .copies = 7,
            .flag = true,
            .version = 1};
  }
};

TEST_P(RecordTest, AnInsertedRowReadsBackByName) {
  Insert(Make("n1"));
  Note got = Get("n1");
  EXPECT_EQ(got.id, "n1");
  EXPECT_EQ(got.colour, Colour::kGreen);
  EXPECT_EQ(got.day, Date(2024, 2, 29));
  EXPECT_EQ(got.due, Date(2025, 4, 1));
  EXPECT_EQ(got.body, "hello");
  EXPECT_EQ(got.copies, 7);
  EXPECT_TRUE(got.flag);
  EXPECT_EQ(got.version, 1);
}

TEST_P(RecordTest, FindByIdReadsOneRecordAndCountRowsCountsThem) {
  Insert(Make("n1"));
  Insert(Make("n2"));
  Read([&](soci::session& sql) {
    soci::row row;
    ASSERT_TRUE(FindById(sql, "notes", "id, colour, day, due, body, copies, flag, version", "n2", row));
    EXPECT_EQ(FromRow(row).id, "n2");
    soci::row none;
    EXPECT_FALSE(FindById(sql, "notes", "id", "n3", none));
    EXPECT_EQ(CountRows(sql, "notes"), 2);
  });
}

TEST_P(RecordTest, AbsentValuesAreNullAndReadBackAsAbsent) {
  Note n = Make("n2");
  n.colour = std::nullopt;
  n.due = std::nullopt;
  n.body = std::nullopt;
  n.flag = false;
  Insert(n);
  Note got = Get("n2");
  EXPECT_EQ(got.colour, std::nullopt);
  EXPECT_EQ(got.due, std::nullopt);
  EXPECT_EQ(got.body, std::nullopt);
  EXPECT_FALSE(got.flag);
  Read([&](soci::session& sql) {
    int nulls = 0;
    sql << "SELECT COUNT(*) FROM notes WHERE colour IS NULL AND due IS NULL AND body IS NULL", soci::into(nulls);
    EXPECT_EQ(nulls, 1);
  });
}

TEST_P(RecordTest, EmptyTextIsStoredAsTextOrAsNullAsTheWriterSays) {
  Write([&](soci::session& tx) {
    Row row;
    row.Text("id", "n3")
        .Text("created_by", "")
        .TextOrNull("body", "")
        .OptionalText("colour", "")
        .Date("day", Date(2025, 1, 1))
        .Int("copies", 0)
        .Bool("flag", false)
        .Int("version", 1);
    InsertRow(tx, "notes", row);
  });
  Read([&](soci::session& sql) {
    soci::row row;
    sql << "SELECT id, created_by, body, colour FROM notes WHERE id = 'n3'", soci::into(row);
    StoredRow r(row, "notes");
    EXPECT_EQ(r.Text("created_by"), "");
    EXPECT_EQ(r.OptionalText("body"), std::nullopt);
    EXPECT_EQ(r.OptionalText("colour"), "");
  });
}

TEST_P(RecordTest, AnUpdateBumpsTheVersionAndKeepsExactlyTheOldVersionInHistory) {
  Insert(Make("n4"));
  Note changed = Make("n4");
  changed.colour = Colour::kRed;
  changed.body = "changed";
  changed.copies = 8;
  ASSERT_TRUE(Update(changed, 1));
  Note got = Get("n4");
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.colour, Colour::kRed);
  EXPECT_EQ(got.body, "changed");
  EXPECT_EQ(got.copies, 8);
  EXPECT_EQ(Rows("note_history"), 1);
  Read([&](soci::session& sql) {
    soci::row row;
    sql << "SELECT id, version, colour, day, body FROM note_history", soci::into(row);
    StoredRow r(row, "note_history");
    EXPECT_EQ(r.Text("id"), "n4");
    EXPECT_EQ(r.Int("version"), 1);
    EXPECT_EQ(r.OptionalEnum("colour", ParseColour), Colour::kGreen);
    EXPECT_EQ(r.RequiredDate("day"), Date(2024, 2, 29));
    EXPECT_EQ(r.OptionalText("body"), "hello");
  });
  // Columns the update does not set are left as they were.
  Read([&](soci::session& sql) {
    std::string by;
    sql << "SELECT created_by FROM notes WHERE id = 'n4'", soci::into(by);
    EXPECT_EQ(by, "worker-1");
  });
  ASSERT_TRUE(Update(changed, 2));
  EXPECT_EQ(Get("n4").version, 3);
  EXPECT_EQ(Rows("note_history"), 2);
}

TEST_P(RecordTest, AStaleVersionWritesNothing) {
  Insert(Make("n5"));
  Note changed = Make("n5");
  changed.body = "lost";
  EXPECT_FALSE(Update(changed, 2));
  EXPECT_FALSE(Update(changed, 0));
  Note got = Get("n5");
  EXPECT_EQ(got.version, 1);
  EXPECT_EQ(got.body, "hello");
  EXPECT_EQ(Rows("note_history"), 0);
  Note missing = Make("nobody");
  EXPECT_FALSE(Update(missing, 1));
  EXPECT_EQ(Rows("note_history"), 0);
}

TEST_P(RecordTest, UpdateRowWritesTheNamedColumnsOfAnExistingRecord) {
  Insert(Make("n6"));
  bool updated = false, missing = true;
  Write([&](soci::session& tx) {
    Row row;
    row.Int("copies", 9).TextOrNull("body", "");
    updated = UpdateRow(tx, "notes", "id", "n6", row);
    missing = UpdateRow(tx, "notes", "id", "nobody", row);
  });
  EXPECT_TRUE(updated);
  EXPECT_FALSE(missing);
  Note got = Get("n6");
  EXPECT_EQ(got.copies, 9);
  EXPECT_EQ(got.body, std::nullopt);
  EXPECT_EQ(got.version, 1);
}

TEST_P(RecordTest, AnUnknownEnumNameIsCorruptAndNamesTableColumnAndRecordButNotTheValue) {
  Insert(Make("n7"));
  Exec("UPDATE notes SET colour = 'PUCE' WHERE id = 'n7'");
  std::string what = Corruption("n7");
  EXPECT_NE(what.find("notes.colour"), std::string::npos) << what;
  EXPECT_NE(what.find("n7"), std::string::npos) << what;
  EXPECT_EQ(what.find("PUCE"), std::string::npos) << what;
}

TEST_P(RecordTest, ADateThatIsNotADateIsCorrupt) {
  Insert(Make("n8"));
  Exec("UPDATE notes SET due = '2025-02-30' WHERE id = 'n8'");
  std::string what = Corruption("n8");
  EXPECT_NE(what.find("notes.due"), std::string::npos) << what;
  EXPECT_EQ(what.find("2025-02-30"), std::string::npos) << what;
  Exec("UPDATE notes SET due = NULL, day = 'soon' WHERE id = 'n8'");
  EXPECT_NE(Corruption("n8").find("notes.day"), std::string::npos);
}

TEST_P(RecordTest, NullWhereAValueIsRequiredIsCorrupt) {
  Insert(Make("n9"));
  Exec("UPDATE notes SET day = NULL WHERE id = 'n9'");
  EXPECT_NE(Corruption("n9").find("notes.day"), std::string::npos);
}

TEST_P(RecordTest, ABooleanOtherThanZeroOrOneIsCorrupt) {
  Insert(Make("n10"));
  Exec("UPDATE notes SET flag = 2 WHERE id = 'n10'");
  EXPECT_NE(Corruption("n10").find("notes.flag"), std::string::npos);
}

TEST_P(RecordTest, ARowWithoutAnIdIsNamedByTheRecordItBelongsTo) {
  Exec("INSERT INTO note_lines (note_id, position, colour) VALUES ('n11', 0, 'PUCE')");
  std::string what;
  Read([&](soci::session& sql) {
    soci::row row;
    sql << "SELECT position, colour FROM note_lines", soci::into(row);
    StoredRow r(row, "note_lines", "n11");
    EXPECT_EQ(r.Int("position"), 0);
    try {
      r.Enum("colour", ParseColour);
    } catch (const CorruptRecord& e) {
      what = e.what();
    }
  });
  EXPECT_NE(what.find("note_lines.colour"), std::string::npos) << what;
  EXPECT_NE(what.find("n11"), std::string::npos) << what;
}

TEST_P(RecordTest, UpdateVersionedRefusesToSetIdOrVersion) {
  Insert(Make("n12"));
  Read([&](soci::session& sql) {
    Row row;
    row.Int("version", 3);
    EXPECT_THROW(UpdateVersioned(sql, kNotes, "n12", 1, row), std::invalid_argument);
  });
  EXPECT_EQ(Get("n12").version, 1);
}

TEST_P(RecordTest, ManyRowsGoInAFewStatementsAndComeBackAsTheirRecordsParts) {
  // 12,000 lines of 1,200 notes: 36,000 values, more than one statement may bind.
  std::vector<Row> lines;
  std::vector<std::string> notes;
  for (int n = 0; n < 1200; ++n) {
    notes.push_back(absl::StrFormat("n%04d", n));
    for (int position = 0; position < 10; ++position) {
      Row row;
      row.Text("note_id", notes.back()).Int("position", position).Text("colour", position % 2 ? "GREEN" : "RED");
      lines.push_back(std::move(row));
    }
  }
  Write([&](soci::session& tx) { InsertRows(tx, "note_lines", lines); });
  EXPECT_EQ(Rows("note_lines"), 12000);

  // Every note but n0005, and one with no lines; the green lines, newest position first.
  std::vector<std::string> asked = notes;
  asked.erase(asked.begin() + 5);
  asked.push_back("n9999");
  // Two parts of the same lines: the green ones newest first, and every red one's remark.
  const PartsOfRecords parts({{.table = "note_lines", .owner_column = "note_id", .columns = "position, colour",
                               .condition = "colour = 'GREEN'", .order = "position DESC"},
                              {.table = "note_lines", .owner_column = "note_id", .columns = "remark",
                               .condition = "colour = 'RED'", .order = "position"}});
  std::map<std::string, std::vector<long long>> positions;
  std::vector<std::string> order;
  std::vector<size_t> part_order;
  size_t red = 0;
  Read([&](soci::session& sql) {
    parts.ForEach(sql, asked, [&](size_t part, const std::string& owner, const StoredRow& r) {
      if (part_order.empty() || part_order.back() != part) part_order.push_back(part);
      if (part == 1) {
        EXPECT_FALSE(r.OptionalText("remark"));
        ++red;
        return;
      }
      EXPECT_EQ(r.Text("colour"), "GREEN");
      EXPECT_EQ(r.Text("note_id"), owner);
      if (order.empty() || order.back() != owner) order.push_back(owner);
      positions[owner].push_back(r.Int("position"));
    });
  });
  EXPECT_EQ(positions.size(), 1199u);
  EXPECT_FALSE(positions.count("n0005"));
  EXPECT_FALSE(positions.count("n9999"));
  EXPECT_EQ(positions["n1199"], (std::vector<long long>{9, 7, 5, 3, 1}));
  EXPECT_EQ(order.size(), 1199u);                            // owner by owner
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));   // in their ids' order
  EXPECT_EQ(part_order, (std::vector<size_t>{0, 1}));       // part by part
  EXPECT_EQ(red, 1199u * 5);
}

TEST_P(RecordTest, RowsOfDifferentColumnsAreNotInsertedTogether) {
  std::vector<Row> rows(2);
  rows[0].Text("note_id", "n1").Int("position", 0).Text("colour", "RED");
  rows[1].Text("note_id", "n1").Text("colour", "RED").Int("position", 1);
  Read([&](soci::session& sql) { EXPECT_THROW(InsertRows(sql, "note_lines", rows), std::logic_error); });
  EXPECT_EQ(Rows("note_lines"), 0);
}

TEST_P(RecordTest, ARecordAndItsPartsComeInOneStatementInTheirOrder) {
  Insert(Make("n1"));
  Insert(Make("n2"));  // no lines
  const std::string awkward = "Zo\u00eb \"o'k\" \\ \t end";
  std::vector<Row> lines(6);
  lines[0].Text("note_id", "n1").Int("position", 2).Text("colour", "GREEN").Text("remark", awkward)
      .Int("tally", 9007199254740993);  // past a double's exact integers
  lines[1].Text("note_id", "n1").Int("position", 10).Text("colour", "GREEN").Text("remark", "tenth")
      .Int("tally", -4);  // 10 after 2: ordered as numbers, not as text
  lines[2].Text("note_id", "n1").Int("position", 1).Text("colour", "GREEN").OptionalText("remark", std::nullopt)
      .Int("tally", 0);
  lines[3].Text("note_id", "n1").Int("position", 3).Text("colour", "RED").Text("remark", "not green").Int("tally", 1);
  lines[4].Text("note_id", "n2").Int("position", 0).Text("colour", "GREEN").Text("remark", "n2's").Int("tally", 1);
  lines[5].Text("note_id", "n1").Int("position", 0).Text("colour", "RED").Text("remark", "red").Int("tally", 5);
  Write([&](soci::session& tx) { InsertRows(tx, "note_lines", lines); });

  const PartsQuery green{.table = "note_lines", .owner_column = "note_id", .columns = "remark, tally",
                         .condition = "colour = 'GREEN'", .order = "position"};
  const PartsQuery all_down{.table = "note_lines", .owner_column = "note_id", .columns = "colour",
                            .order = "position DESC"};
  Note note;
  std::vector<std::string> remarks, colours;
  std::vector<long long> tallies;
  bool found = false;
  Read([&](soci::session& sql) {
    found = RecordWithParts("notes", "id, colour, day, due, body, copies, flag, version", {green, all_down}).Find(
        sql, "n1",
        [&](const StoredRow& r) {
          note.id = r.Text("id");
          note.colour = r.OptionalEnum("colour", ParseColour);
          note.day = r.RequiredDate("day");
          note.body = r.OptionalText("body");
          note.copies = r.Int("copies");
          note.flag = r.Bool("flag");
          note.version = r.Int("version");
        },
        [&](size_t part, const StoredRow& r) {
          if (part == 0) {
            remarks.push_back(r.OptionalText("remark").value_or("(none)"));
            tallies.push_back(r.Int("tally"));
          } else {
            colours.push_back(r.Text("colour"));
          }
        });
  });
  ASSERT_TRUE(found);
  EXPECT_EQ(note.id, "n1");
  EXPECT_EQ(note.colour, Colour::kGreen);
  EXPECT_EQ(note.day, Date(2024, 2, 29));
  EXPECT_EQ(note.body, "hello");
  EXPECT_EQ(note.copies, 7);
  EXPECT_TRUE(note.flag);
  EXPECT_EQ(remarks, (std::vector<std::string>{"(none)", awkward, "tenth"}));
  EXPECT_EQ(tallies, (std::vector<long long>{0, 9007199254740993, -4}));
  EXPECT_EQ(colours, (std::vector<std::string>{"GREEN", "RED", "GREEN", "GREEN", "RED"}));  // 10, 3, 2, 1, 0

  bool called = false;
  Read([&](soci::session& sql) {
    found = RecordWithParts("notes", "id", {green}).Find(sql, "n9", [&](const StoredRow&) { called = true; },
                                                         [&](size_t, const StoredRow&) { called = true; });
  });
  EXPECT_FALSE(found);
  EXPECT_FALSE(called);
}

TEST(ServerPrepared, PreparesTheStatementWithItsPlaceholdersAsQuestionMarks) {
  const ServerPrepared st(R"(SELECT 'a:b', 'it''s', x FROM t WHERE id = :id AND y = :y_2 AND z = 'c\d')");
  const std::string name = st.execute_text().substr(8, 18);  // "EXECUTE p_<16 hex digits>"
  ASSERT_EQ(name.substr(0, 2), "p_");
  EXPECT_EQ(st.execute_text(), "EXECUTE " + name + " USING :v0, :v1");
  // One string literal: quotes and backslashes doubled, a ':' inside quotes left alone.
  EXPECT_EQ(st.prepare_text(),
            "PREPARE " + name + R"( FROM 'SELECT ''a:b'', ''it''''s'', x FROM t WHERE id = ? AND y = ? AND z = ''c\\d''')");
  EXPECT_NE(ServerPrepared("SELECT 1 FROM t WHERE id = :id").execute_text().substr(8, 18), name);
  EXPECT_EQ(ServerPrepared("SELECT 1").execute_text().size(), 8u + 18u);  // no USING
}

TEST_P(RecordTest, ARecordWithPartsIsPreparedOncePerConnectionOnMariaDB) {
  Insert(Make("n1"));
  std::vector<Row> lines(2);
  lines[0].Text("note_id", "n1").Int("position", 0).Text("colour", "GREEN").Text("remark", "a").Int("tally", 1);
  lines[1].Text("note_id", "n1").Int("position", 1).Text("colour", "RED").Text("remark", "b").Int("tally", 2);
  Write([&](soci::session& tx) { InsertRows(tx, "note_lines", lines); });
  const PartsQuery all{.table = "note_lines", .owner_column = "note_id", .columns = "remark", .order = "position"};
  const RecordWithParts note("notes", "id, body", {all});
  // One connection, so the server's counters are this test's.
  auto db = Database::Open(scratch_->url(), 1);
  ASSERT_TRUE(db.ok()) << db.status();
  auto find = [&](const std::string& id) {
    std::vector<std::string> read;
    EXPECT_TRUE((*db)->Read([&](soci::session& sql) {
      read.clear();
      if (!note.Find(sql, id, [&](const StoredRow& r) { read.push_back(r.Text("id")); },
                     [&](size_t, const StoredRow& r) { read.push_back(r.Text("remark")); })) {
        read.push_back("(none)");
      }
      return absl::OkStatus();
    }).ok());
    return read;
  };
  auto counter = [&](const std::string& name) {
    long long n = -1;
    EXPECT_TRUE((*db)->Read([&](soci::session& sql) {
      std::string variable;
      sql << "SHOW SESSION STATUS LIKE '" + name + "'", soci::into(variable), soci::into(n);
      return absl::OkStatus();
    }).ok());
    return n;
  };
  const std::vector<std::string> n1 = {"n1", "a", "b"};
  EXPECT_EQ(find("n1"), n1);
  EXPECT_EQ(find("n1"), n1);
  EXPECT_EQ(find("n1' OR '1' = '1"), (std::vector<std::string>{"(none)"}));  // a value, bound and escaped
  if (GetParam() != "mysql") return;  // SQLite runs the statement itself
  EXPECT_EQ(counter("Com_prepare_sql"), 1);
  EXPECT_EQ(counter("Com_execute_sql"), 4);  // the first refused (not prepared yet), then one per read
  // A connection that no longer holds it (as after a reconnect) prepares it again.
  const std::string name = note.statement().execute_text().substr(8, 18);
  ASSERT_TRUE((*db)->Read([&](soci::session& sql) {
    sql << "DEALLOCATE PREPARE " + name;
    return absl::OkStatus();
  }).ok());
  EXPECT_EQ(find("n1"), n1);
  EXPECT_EQ(counter("Com_prepare_sql"), 2);
}

TEST_P(RecordTest, APartValueThatCannotBeWhatItsColumnHoldsIsCorruptAndNamesTheRecord) {
  Insert(Make("n1"));
  Exec("INSERT INTO note_lines (note_id, position, colour, remark) VALUES ('n1', 0, 'PURPLE', 'x')");
  std::string what;
  Read([&](soci::session& sql) {
    const PartsQuery lines{.table = "note_lines", .owner_column = "note_id", .columns = "colour", .order = "position"};
    try {
      RecordWithParts("notes", "id", {lines}).Find(sql, "n1", [](const StoredRow&) {},
                                                   [](size_t, const StoredRow& r) { (void)r.Enum("colour", ParseColour); });
    } catch (const CorruptRecord& e) {
      what = e.what();
    }
  });
  EXPECT_NE(what.find("note_lines.colour"), std::string::npos) << what;
  EXPECT_NE(what.find("'n1'"), std::string::npos) << what;
  EXPECT_EQ(what.find("PURPLE"), std::string::npos) << what;  // the value is not told
}

// A record's row keeps a copy of its parts (KeptParts): made from the rows being inserted
// it is the copy read back from their tables, value for value; Find reads it alone while
// it is of the record's version; a copy of another version, or one that is not a copy,
// is passed over for the parts' tables.
TEST_P(RecordTest, ARecordsRowKeepsACopyOfItsPartsReadWhileItIsOfItsVersion) {
  Insert(Make("n1"));
  const std::string awkward = "Zo\u00eb \"o'k\" \\ \t;2,3;~4:";
  std::vector<Row> lines(4);
  lines[0].Text("note_id", "n1").Int("position", 10).Text("colour", "GREEN").Text("remark", awkward)
      .Int("tally", 9007199254740993);
  lines[1].Text("note_id", "n1").Int("position", 2).Text("colour", "GREEN").OptionalText("remark", std::nullopt)
      .Int("tally", -4);
  lines[2].Text("note_id", "n1").Int("position", 3).Text("colour", "RED").Text("remark", "").Int("tally", 0);
  lines[3].Text("note_id", "n1").Int("position", 1).Text("colour", "GREEN").Text("remark", "first")
      .OptionalText("tally", std::nullopt);
  Write([&](soci::session& tx) { InsertRows(tx, "note_lines", lines); });
  const PartsQuery green{.table = "note_lines", .owner_column = "note_id", .columns = "remark, tally",
                         .condition = "colour = 'GREEN'", .order = "position"};
  const PartsQuery all_down{.table = "note_lines", .owner_column = "note_id", .columns = "colour",
                            .order = "position DESC"};
  const RecordWithParts note("notes", "id, body, version", {green, all_down}, KeptParts{.column = "parts"});
  auto find = [&] {
    std::string read;
    Read([&](soci::session& sql) {
      EXPECT_TRUE(note.Find(
          sql, "n1", [&](const StoredRow& r) { absl::StrAppend(&read, r.Text("body"), " v", r.Int("version")); },
          [&](size_t part, const StoredRow& r) {
            if (part == 0) {
              absl::StrAppend(&read, " | ", r.OptionalText("remark").value_or("NULL"), " ",
                              r.OptionalText("tally").value_or("NULL"));
            } else {
              absl::StrAppend(&read, " | ", r.Text("colour"));
            }
          }));
    });
    return read;
  };
  auto kept = [&] {
    std::string text;
    soci::indicator ind = soci::i_null;
    Read([&](soci::session& sql) { sql << "SELECT parts FROM notes WHERE id = 'n1'", soci::into(text, ind); });
    return ind == soci::i_ok ? text : std::string("NULL");
  };
  const std::string assembled = find();  // no copy yet
  EXPECT_EQ(assembled, absl::StrCat("hello v1 | first NULL | NULL -4 | ", awkward,
                                    " 9007199254740993 | GREEN | RED | GREEN | GREEN"));

  // Made from the rows (as a create does) and read back from the tables (as a change does).
  std::string from_rows;
  Read([&](soci::session&) {
    from_rows = note.KeptText(1, {{&lines[0], &lines[1], &lines[3]}, {&lines[0], &lines[1], &lines[2], &lines[3]}});
  });
  Write([&](soci::session& tx) { note.Keep(tx, "n1"); });
  EXPECT_EQ(kept(), from_rows);
  EXPECT_EQ(find(), assembled);

  // Read alone: a line changed behind its back is not seen while the version stands.
  Exec("UPDATE note_lines SET remark = 'changed' WHERE position = 1");
  EXPECT_EQ(find(), assembled);
  bool read = false;
  EXPECT_TRUE(note.ReadKept(from_rows, 1, "n1", [&](size_t, const StoredRow&) { read = true; }));
  EXPECT_TRUE(read);
  // A copy of another version, or one that is not a copy of these parts, is not read.
  read = false;
  EXPECT_FALSE(note.ReadKept(from_rows, 2, "n1", [&](size_t, const StoredRow&) { read = true; }));
  EXPECT_FALSE(note.ReadKept(std::nullopt, 1, "n1", [&](size_t, const StoredRow&) { read = true; }));
  for (const std::string& bad : {from_rows.substr(0, from_rows.size() - 1), std::string("1;"
                                 "0,3;1:x"), std::string("1;7,1;1:x"), std::string("1;0,2;99:x~"), std::string("x;")}) {
    EXPECT_FALSE(note.ReadKept(bad, 1, "n1", [&](size_t, const StoredRow&) { read = true; })) << bad;
  }
  EXPECT_FALSE(read);
  Exec("UPDATE notes SET version = 2");
  EXPECT_NE(find().find("| changed"), std::string::npos);
  Exec("UPDATE notes SET version = 1, parts = '1;0,2;1:x'");
  EXPECT_NE(find().find("| changed"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace platform
