#include "platform/db/prepared.h"

#include <soci/mysql/soci-mysql.h>

#include <cctype>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace platform {
namespace {

// MySQL's errors: the connection holds no statement of that name; a syntax error
// (MySQL takes no values in EXECUTE ... USING); the server keeps as many prepared
// statements as max_prepared_stmt_count allows; a statement it cannot prepare.
constexpr int kUnknownStatement = 1243, kSyntaxError = 1064, kTooManyPrepared = 1461, kNotPreparable = 1295;

uint64_t Fnv1a(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

ServerPrepared::ServerPrepared(std::string sql) : sql_(std::move(sql)) {
  // The statement with ? for each :name outside quotes, as PREPARE takes it.
  std::string marked;
  int values = 0;
  bool quoted = false;
  for (size_t i = 0; i < sql_.size(); ++i) {
    const char c = sql_[i];
    if (c == '\'') quoted = !quoted;
    if (!quoted && c == ':' && i + 1 < sql_.size() && (std::isalnum(static_cast<unsigned char>(sql_[i + 1])) ||
                                                       sql_[i + 1] == '_')) {
      while (i + 1 < sql_.size() && (std::isalnum(static_cast<unsigned char>(sql_[i + 1])) || sql_[i + 1] == '_')) {
        ++i;
      }
      marked += '?';
      ++values;
      continue;
    }
    marked += c;
  }
  const std::string name = absl::StrCat("p_", absl::Hex(Fnv1a(sql_), absl::kZeroPad16));
  // Quotes doubled, backslashes too: the statement as one string literal.
  std::string literal;
  for (char c : marked) {
    if (c == '\'' || c == '\\') literal += c;
    literal += c;
  }
  prepare_ = absl::StrCat("PREPARE ", name, " FROM '", literal, "'");
  execute_ = absl::StrCat("EXECUTE ", name);
  for (int v = 0; v < values; ++v) absl::StrAppend(&execute_, v ? ", :v" : " USING :v", v);
}

soci::statement ServerPrepared::Execute(soci::session& sql,
                                        const std::function<void(soci::statement&)>& exchange) const {
  auto run = [&](const std::string& text) {
    soci::statement st(sql);
    exchange(st);
    st.alloc();
    st.prepare(text);
    st.define_and_bind();
    st.execute();
    return st;
  };
  if (plain_only_ || sql.get_backend_name() != "mysql") return run(sql_);
  try {
    return run(execute_);
  } catch (const soci::mysql_soci_error& e) {
    if (e.err_num_ == kSyntaxError) {
      plain_only_ = true;
      return run(sql_);
    }
    if (e.err_num_ != kUnknownStatement) throw;
  }
  // Not prepared on this connection yet (a new or reconnected one).
  try {
    sql << prepare_;
  } catch (const soci::mysql_soci_error& e) {
    // Any other failure (a lost connection, say) is the caller's: db.cc classifies it.
    if (e.err_num_ != kTooManyPrepared && e.err_num_ != kNotPreparable) throw;
    return run(sql_);  // this once, plainly
  }
  return run(execute_);
}

}  // namespace platform
