#include "gateway/message_json.h"

#include <cmath>
#include <set>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/stubs/strutil.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/time_util.h"

namespace gateway {

namespace gp = google::protobuf;

namespace {

// Deeper than this, protobuf's writer refuses a message too.
constexpr int kMaxDepth = 100;

bool Writable(const gp::Descriptor* type, std::set<const gp::Descriptor*>& seen) {
  if (!seen.insert(type).second) return true;  // a recursive type: judged where it started
  if (type->file()->syntax() != gp::FileDescriptor::SYNTAX_PROTO3) return false;
  switch (type->well_known_type()) {
    case gp::Descriptor::WELLKNOWNTYPE_ANY:
    case gp::Descriptor::WELLKNOWNTYPE_STRUCT:
    case gp::Descriptor::WELLKNOWNTYPE_VALUE:
    case gp::Descriptor::WELLKNOWNTYPE_LISTVALUE:
    case gp::Descriptor::WELLKNOWNTYPE_FIELDMASK:
    case gp::Descriptor::WELLKNOWNTYPE_DURATION:
      return false;
    default:
      break;
  }
  for (int i = 0; i < type->field_count(); ++i) {
    const gp::FieldDescriptor* f = type->field(i);
    if (f->is_map() || f->type() == gp::FieldDescriptor::TYPE_GROUP) return false;
    if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_ENUM && f->enum_type()->full_name() == "google.protobuf.NullValue") {
      return false;
    }
    if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE && !Writable(f->message_type(), seen)) return false;
  }
  return true;
}

void AppendHex4(uint32_t unit, std::string& out) {
  static const char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xf];
}

// protobuf's JSON escaping: the characters JSON requires, '<' and '>' (for HTML), the
// control characters of C0 and C1, and the invisible formatting characters JavaScript
// mishandles (as \uXXXX, in surrogate pairs beyond the BMP).
bool Escaped(uint32_t cp, std::string& out) {
  switch (cp) {
    case '"': out += "\\\""; return true;
    case '\\': out += "\\\\"; return true;
    case '\b': out += "\\b"; return true;
    case '\f': out += "\\f"; return true;
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    case '\t': out += "\\t"; return true;
    default: break;
  }
  const bool bmp = cp < 0x20 || cp == '<' || cp == '>' || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
                   (cp >= 0x600 && cp <= 0x603) || cp == 0x6dd || cp == 0x70f || cp == 0x17b4 || cp == 0x17b5 ||
                   (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
                   (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff ||
                   (cp >= 0xfff9 && cp <= 0xfffb);
  if (bmp) {
    AppendHex4(cp, out);
    return true;
  }
  if (cp == 0xe0001 || (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0020 && cp <= 0xe007f)) {
    const uint32_t v = cp - 0x10000;
    AppendHex4(0xd800 + (v >> 10), out);
    AppendHex4(0xdc00 + (v & 0x3ff), out);
    return true;
  }
  return false;
}

// A string's JSON, quoted. Its bytes are UTF-8 (a proto3 string that is not does not
// parse); a byte that starts no character is dropped, as protobuf's writer drops it.
void AppendString(const std::string& text, std::string& out) {
  out += '"';
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const size_t start = i;
    uint32_t cp = s[i];
    int more = cp < 0x80 ? 0 : cp >= 0xc0 && cp < 0xe0 ? 1 : cp >= 0xe0 && cp < 0xf0 ? 2 : cp >= 0xf0 && cp < 0xf8 ? 3 : -1;
    ++i;
    if (more < 0) continue;
    if (more > 0) cp &= 0x3f >> more;
    bool whole = true;
    for (int k = 0; k < more; ++k, ++i) {
      if (i >= n || (s[i] & 0xc0) != 0x80) {
        whole = false;
        break;
      }
      cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (!whole) continue;
    if (!Escaped(cp, out)) out.append(text, start, i - start);
  }
  out += '"';
}

void AppendDouble(double v, std::string& out) {
  if (std::isfinite(v)) {
    out += gp::SimpleDtoa(v);
  } else {
    out += std::isnan(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  }
}

void AppendFloat(float v, std::string& out) {
  if (std::isfinite(v)) {
    out += gp::SimpleFtoa(v);
  } else {
    out += std::isnan(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  }
}

absl::Status AppendMessage(const gp::Message& m, std::string& out, int depth);

// One value of field `f`: element `index` of a repeated field, else the field.
absl::Status AppendValue(const gp::Message& m, const gp::FieldDescriptor* f, int index, std::string& out,
                         int depth) {
  const gp::Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT32:
      absl::StrAppend(&out, rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
      break;
    case gp::FieldDescriptor::CPPTYPE_UINT32:
      absl::StrAppend(&out, rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
      break;
    case gp::FieldDescriptor::CPPTYPE_INT64:
      absl::StrAppend(&out, "\"", rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f), "\"");
      break;
    case gp::FieldDescriptor::CPPTYPE_UINT64:
      absl::StrAppend(&out, "\"", rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f), "\"");
      break;
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
      AppendDouble(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f), out);
      break;
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
      AppendFloat(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f), out);
      break;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
      out += (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false";
      break;
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
      const int number = rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      // A number the contract does not name (a newer service's value) is written as a number.
      if (const gp::EnumValueDescriptor* value = f->enum_type()->FindValueByNumber(number)) {
        absl::StrAppend(&out, "\"", value->name(), "\"");
      } else {
        absl::StrAppend(&out, number);
      }
      break;
    }
    case gp::FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& text =
          rep ? r->GetRepeatedStringReference(m, f, index, &scratch) : r->GetStringReference(m, f, &scratch);
      if (f->type() == gp::FieldDescriptor::TYPE_BYTES) {
        absl::StrAppend(&out, "\"", absl::Base64Escape(text), "\"");
      } else {
        AppendString(text, out);
      }
      break;
    }
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
      return AppendMessage(rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f), out, depth + 1);
  }
  return absl::OkStatus();
}

absl::Status AppendTimestamp(const gp::Message& m, std::string& out) {
  const gp::Descriptor* d = m.GetDescriptor();
  const gp::Reflection* r = m.GetReflection();
  gp::Timestamp t;
  t.set_seconds(r->GetInt64(m, d->FindFieldByNumber(1)));
  t.set_nanos(r->GetInt32(m, d->FindFieldByNumber(2)));
  if (t.seconds() < gp::util::TimeUtil::kTimestampMinSeconds ||
      t.seconds() > gp::util::TimeUtil::kTimestampMaxSeconds || t.nanos() < 0 || t.nanos() > 999999999) {
    return absl::InternalError("a Timestamp outside years 1 to 9999");
  }
  absl::StrAppend(&out, "\"", gp::util::TimeUtil::ToString(t), "\"");
  return absl::OkStatus();
}

absl::Status AppendMessage(const gp::Message& m, std::string& out, int depth) {
  if (depth > kMaxDepth) return absl::InternalError("a message nested too deep to write as JSON");
  const gp::Descriptor* d = m.GetDescriptor();
  switch (d->well_known_type()) {
    case gp::Descriptor::WELLKNOWNTYPE_TIMESTAMP:
      return AppendTimestamp(m, out);
    case gp::Descriptor::WELLKNOWNTYPE_DOUBLEVALUE:
    case gp::Descriptor::WELLKNOWNTYPE_FLOATVALUE:
    case gp::Descriptor::WELLKNOWNTYPE_INT64VALUE:
    case gp::Descriptor::WELLKNOWNTYPE_UINT64VALUE:
    case gp::Descriptor::WELLKNOWNTYPE_INT32VALUE:
    case gp::Descriptor::WELLKNOWNTYPE_UINT32VALUE:
    case gp::Descriptor::WELLKNOWNTYPE_STRINGVALUE:
    case gp::Descriptor::WELLKNOWNTYPE_BYTESVALUE:
    case gp::Descriptor::WELLKNOWNTYPE_BOOLVALUE:
      // A wrapper is written as its value, the default when unset.
      return AppendValue(m, d->FindFieldByNumber(1), 0, out, depth);
    default:
      break;
  }
  std::vector<const gp::FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);  // the set ones, in number order as on the wire
  out += '{';
  for (size_t i = 0; i < fields.size(); ++i) {
    const gp::FieldDescriptor* f = fields[i];
    if (i > 0) out += ',';
    absl::StrAppend(&out, "\"", f->json_name(), "\":");
    if (!f->is_repeated()) {
      if (auto s = AppendValue(m, f, 0, out, depth); !s.ok()) return s;
      continue;
    }
    out += '[';
    const int size = m.GetReflection()->FieldSize(m, f);
    for (int k = 0; k < size; ++k) {
      if (k > 0) out += ',';
      if (auto s = AppendValue(m, f, k, out, depth); !s.ok()) return s;
    }
    out += ']';
  }
  out += '}';
  return absl::OkStatus();
}

}  // namespace

bool JsonWritableByReflection(const gp::Descriptor* type) {
  std::set<const gp::Descriptor*> seen;
  return Writable(type, seen);
}

absl::Status AppendMessageJson(const gp::Message& message, std::string& out) {
  return AppendMessage(message, out, 0);
}

}  // namespace gateway
