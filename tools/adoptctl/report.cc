// `adoptctl report`: every report of the suite by name, its request built from
// flags, its answer printed as JSON or CSV (docs/reports.md).
#include "tools/adoptctl/report.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "adoption/type/v1/date.pb.h"
#include "adoption/type/v1/report.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/wrappers.pb.h"
#include "platform/core/calendar.h"
#include "platform/core/figures.h"
#include "platform/core/local_authority.h"
#include "platform/core/writing.h"
#include "tools/adoptctl/call.h"

namespace adoptctl {

namespace gpb = google::protobuf;
namespace t = adoption::type::v1;

namespace {

constexpr char kPrefix[] = "Report";

// "AdopterFunnel" -> "adopter-funnel".
std::string Kebab(absl::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      if (!out.empty()) out += '-';
      out += absl::ascii_tolower(static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

// "HouseholdStage" -> "HOUSEHOLD_STAGE_", the prefix of its values' names.
std::string ValuePrefix(absl::string_view enum_name) {
  std::string out;
  for (char c : enum_name) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c)) && !out.empty()) out += '_';
    out += absl::ascii_toupper(static_cast<unsigned char>(c));
  }
  return out + "_";
}

std::string EnumText(const gpb::EnumValueDescriptor* value) {
  return std::string(absl::StripPrefix(value->name(), ValuePrefix(value->type()->name())));
}

std::string DateText(const t::Date& d) {
  if (d.year() == 0) return "";
  return platform::FormatDate(platform::Date(d.year(), d.month(), d.day()));
}

std::string ScalarText(const gpb::Message& m, const gpb::FieldDescriptor* f, int index) {
  const gpb::Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case gpb::FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
    case gpb::FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
    case gpb::FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
    case gpb::FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
    case gpb::FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
    case gpb::FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
    case gpb::FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false";
    case gpb::FieldDescriptor::CPPTYPE_ENUM:
      return EnumText(rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f));
    case gpb::FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f);
    case gpb::FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "";
}

bool IsKey(const gpb::FieldDescriptor* f) {
  return !f->is_repeated() && (f->cpp_type() == gpb::FieldDescriptor::CPPTYPE_STRING ||
                               f->cpp_type() == gpb::FieldDescriptor::CPPTYPE_ENUM);
}

using Rows = std::vector<std::pair<std::string, std::string>>;

void Flatten(const gpb::Message& m, const std::string& prefix, bool skip_keys, Rows& rows);

// A message field that prints as one value: a date, or a wrapper (empty when unset).
bool FlattenValue(const gpb::Message& m, const gpb::FieldDescriptor* f, const std::string& name, Rows& rows) {
  const gpb::Reflection* r = m.GetReflection();
  const std::string type = f->message_type()->full_name();
  if (type == t::Date::descriptor()->full_name()) {
    t::Date d;
    d.CopyFrom(r->GetMessage(m, f));
    rows.emplace_back(name, DateText(d));
    return true;
  }
  if (absl::StartsWith(type, "google.protobuf.") && absl::EndsWith(type, "Value")) {
    const gpb::Message& wrapper = r->GetMessage(m, f);
    rows.emplace_back(name, r->HasField(m, f) ? ScalarText(wrapper, wrapper.GetDescriptor()->FindFieldByName("value"), 0)
                                              : "");
    return true;
  }
  return false;
}

void Flatten(const gpb::Message& m, const std::string& prefix, bool skip_keys, Rows& rows) {
  const gpb::Descriptor* d = m.GetDescriptor();
  const gpb::Reflection* r = m.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const gpb::FieldDescriptor* f = d->field(i);
    if (skip_keys && IsKey(f)) continue;
    const std::string name = prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    if (f->is_repeated()) {
      for (int k = 0; k < r->FieldSize(m, f); ++k) {
        if (f->cpp_type() != gpb::FieldDescriptor::CPPTYPE_MESSAGE) {
          rows.emplace_back(absl::StrCat(name, ".", k), ScalarText(m, f, k));
          continue;
        }
        // A row of a table: named by its text fields (its stage, its reason), then its figures.
        const gpb::Message& row = r->GetRepeatedMessage(m, f, k);
        std::vector<std::string> key;
        for (int j = 0; j < row.GetDescriptor()->field_count(); ++j) {
          const gpb::FieldDescriptor* kf = row.GetDescriptor()->field(j);
          if (IsKey(kf)) key.push_back(ScalarText(row, kf, 0));
        }
        Flatten(row, absl::StrCat(name, ".", key.empty() ? absl::StrCat(k) : absl::StrJoin(key, "/")),
                /*skip_keys=*/true, rows);
      }
      continue;
    }
    if (f->cpp_type() == gpb::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!FlattenValue(m, f, name, rows)) Flatten(r->GetMessage(m, f), name, false, rows);
      continue;
    }
    rows.emplace_back(name, ScalarText(m, f, 0));
  }
}


absl::StatusOr<platform::Date> DateFlag(const std::string& flag, const std::string& text) {
  auto d = platform::ParseDate(text);
  if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat("--", flag, " '", text, "' is not a date (YYYY-MM-DD)"));
  return *d;
}

t::Date DateProto(platform::Date d) {
  t::Date out;
  out.set_year(static_cast<int>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

}  // namespace

std::vector<SuiteReport> SuiteReports() {
  std::vector<SuiteReport> out;
  for (const gpb::MethodDescriptor* m : SuiteMethods()) {
    if (!absl::StartsWith(m->name(), kPrefix) || m->client_streaming() || m->server_streaming()) continue;
    out.push_back({Kebab(m->name().substr(sizeof(kPrefix) - 1)), m});
  }
  return out;
}

absl::Status FillReportRequest(const ReportFlags& flags, gpb::Message* request) {
  const gpb::Descriptor* d = request->GetDescriptor();
  const gpb::Reflection* r = request->GetReflection();
  const std::string report = Kebab(absl::StripSuffix(absl::StripPrefix(d->name(), kPrefix), "Request"));
  auto field = [&](const std::string& name, const gpb::Descriptor* type) -> const gpb::FieldDescriptor* {
    const gpb::FieldDescriptor* f = d->FindFieldByName(name);
    return f && f->message_type() == type ? f : nullptr;
  };
  auto takes_no = [&](const std::string& flag) {
    return absl::InvalidArgumentError(absl::StrCat(report, " takes no --", flag));
  };

  const int period_forms = !flags.fy.empty() + !flags.month.empty() + (!flags.from.empty() || !flags.to.empty());
  if (const gpb::FieldDescriptor* f = field("period", t::DatePeriod::descriptor())) {
    if (period_forms != 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          report, " counts a period: give one of --fy 2017-18, --month 2018-03, or --from and --to (YYYY-MM-DD)"));
    }
    platform::Period period;
    if (!flags.fy.empty()) {
      auto fy = platform::FinancialYear::ParseLabel(flags.fy);
      if (!fy.ok()) return absl::InvalidArgumentError(absl::StrCat("--fy '", flags.fy, "' is not a year like 2017-18"));
      period = platform::Period::Of(*fy);
    } else if (!flags.month.empty()) {
      auto first = platform::ParseDate(flags.month + "-01");
      if (!first.ok()) return absl::InvalidArgumentError(absl::StrCat("--month '", flags.month, "' is not YYYY-MM"));
      period = platform::Period::Month(static_cast<int>(first->year()), first->month());
    } else {
      if (flags.from.empty() || flags.to.empty()) return absl::InvalidArgumentError("give both --from and --to");
      auto from = DateFlag("from", flags.from);
      if (!from.ok()) return from.status();
      auto to = DateFlag("to", flags.to);
      if (!to.ok()) return to.status();
      period = {*from, *to};
    }
    t::DatePeriod proto;
    *proto.mutable_first_day() = DateProto(period.first);
    *proto.mutable_last_day() = DateProto(period.last);
    r->MutableMessage(request, f)->CopyFrom(proto);
  } else if (period_forms > 0) {
    return takes_no(!flags.fy.empty() ? "fy" : !flags.month.empty() ? "month" : "from/--to");
  }

  if (const gpb::FieldDescriptor* f = field("at", t::Date::descriptor())) {
    if (flags.at.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(report, " is taken on a day: give --at YYYY-MM-DD"));
    }
    auto at = DateFlag("at", flags.at);
    if (!at.ok()) return at.status();
    r->MutableMessage(request, f)->CopyFrom(DateProto(*at));
  } else if (!flags.at.empty()) {
    return takes_no("at");
  }

  if (const gpb::FieldDescriptor* f = d->FindFieldByName("months");
      f && f->cpp_type() == gpb::FieldDescriptor::CPPTYPE_INT32 && !f->is_repeated()) {
    r->SetInt32(request, f, flags.months);
  } else if (flags.months != 0) {
    return takes_no("months");
  }

  if (const gpb::FieldDescriptor* f = d->FindFieldByName("local_authority");
      f && f->cpp_type() == gpb::FieldDescriptor::CPPTYPE_STRING && !f->is_repeated()) {
    if (!flags.la.empty()) {
      auto code = platform::ResolveLocalAuthority(flags.la);
      if (!code.ok()) return absl::InvalidArgumentError(absl::StrCat("--la: ", code.status().message()));
      r->SetString(request, f, *code);
    }
  } else if (!flags.la.empty()) {
    return takes_no("la");
  }

  if (const gpb::FieldDescriptor* f = d->FindFieldByName("care_leavers");
      f && f->cpp_type() == gpb::FieldDescriptor::CPPTYPE_INT32 && !f->is_repeated()) {
    r->SetInt32(request, f, flags.care_leavers);
  } else if (flags.care_leavers != 0) {
    return takes_no("care-leavers");
  }

  if (const gpb::FieldDescriptor* f = d->FindFieldByName("perspective");
      f && f->enum_type() == t::ReportPerspective_descriptor()) {
    if (flags.perspective == "child") r->SetEnumValue(request, f, t::REPORT_PERSPECTIVE_CHILD);
    else if (flags.perspective == "adopter") r->SetEnumValue(request, f, t::REPORT_PERSPECTIVE_ADOPTER);
    else if (!flags.perspective.empty()) return absl::InvalidArgumentError("--perspective is child or adopter");
  } else if (!flags.perspective.empty()) {
    return takes_no("perspective");
  }

  if (const gpb::FieldDescriptor* f = d->FindFieldByName("by_local_authority");
      f && f->cpp_type() == gpb::FieldDescriptor::CPPTYPE_BOOL) {
    r->SetBool(request, f, flags.by_la);
  } else if (flags.by_la) {
    return takes_no("by-la");
  }

  const bool precise = !flags.places.empty() || !flags.rounding.empty();
  if (const gpb::FieldDescriptor* f = field("precision", t::ReportPrecision::descriptor())) {
    t::ReportPrecision precision;
    if (flags.places == "whole") precision.set_places(t::REPORT_PLACES_WHOLE);
    else if (flags.places == "one") precision.set_places(t::REPORT_PLACES_ONE);
    else if (flags.places == "two") precision.set_places(t::REPORT_PLACES_TWO);
    else if (!flags.places.empty()) return absl::InvalidArgumentError("--places is whole, one or two");
    if (flags.rounding == "half-up") precision.set_rounding(t::REPORT_ROUNDING_HALF_UP);
    else if (flags.rounding == "truncate") precision.set_rounding(t::REPORT_ROUNDING_TRUNCATE);
    else if (!flags.rounding.empty()) return absl::InvalidArgumentError("--rounding is half-up or truncate");
    r->MutableMessage(request, f)->CopyFrom(precision);
  } else if (precise) {
    return takes_no(flags.places.empty() ? "rounding" : "places");
  }
  return absl::OkStatus();
}

std::string ReportCsv(const gpb::Message& response) {
  Rows rows;
  Flatten(response, "", false, rows);
  std::string out = "figure,value\n";
  for (const auto& [figure, value] : rows) out += platform::CsvLine({figure, value});
  return out;
}

int Report(Cli& cli) {
  ReportFlags flags;
  CallTarget call;
  std::string format = "json";
  cli.String("fy", &flags.fy, "a financial year, 1 April to 31 March: 2017-18")
      .String("month", &flags.month, "a calendar month: 2018-03")
      .String("from", &flags.from, "a period's first day (with --to): YYYY-MM-DD")
      .String("to", &flags.to, "a period's last day, included: YYYY-MM-DD")
      .String("at", &flags.at, "the day a state is taken on (after every fact dated on or before it): YYYY-MM-DD")
      .String("la", &flags.la, "one local authority's figures, by name or ONS code (scorecard): Rotherham")
      .Int("care-leavers", &flags.care_leavers,
           "the local authority's children leaving care in the period, an input (scorecard: % adopted)", 0,
           1000000)
      .String("perspective", &flags.perspective,
              "whose side a count is from: child (the child's local authority, default) or adopter (the agency's "
              "own households)",
              platform::OneOf({"child", "adopter"}))
      .Bool("by-la", &flags.by_la, "each local authority's children counted apart too, in the same answer")
      .Int("months", &flags.months, "a report's months (match-waits: matched within this many months of approval)",
           0, 24)
      .String("places", &flags.places, "decimal places of percentages and means: whole, one (default) or two",
              platform::OneOf({"whole", "one", "two"}))
      .String("rounding", &flags.rounding, "half-up (default) or truncate, as some agencies print",
              platform::OneOf({"half-up", "truncate"}))
      .String("format", &format, "json, or csv (figure,value rows; table rows are named by their text fields)",
              platform::OneOf({"json", "csv"}));
  call.Declare(cli);
  if (auto done = cli.Parse()) return *done;
  if (cli.arguments().empty()) return cli.Usage("which report? `adoptctl report list` names them");

  const std::vector<SuiteReport> reports = SuiteReports();
  const std::string& name = cli.arguments()[0];
  if (name == "list") {
    for (const SuiteReport& r : reports) {
      std::vector<std::string> takes;
      const gpb::Descriptor* in = r.method->input_type();
      if (in->FindFieldByName("period")) takes.push_back("--fy|--month|--from --to");
      if (in->FindFieldByName("at")) takes.push_back("--at");
      if (in->FindFieldByName("months")) takes.push_back("[--months]");
      if (in->FindFieldByName("precision")) takes.push_back("[--places] [--rounding]");
      if (in->FindFieldByName("perspective")) takes.push_back("[--perspective child|adopter]");
      if (in->FindFieldByName("by_local_authority")) takes.push_back("[--by-la]");
      cli.out() << r.name << "\t" << r.method->service()->name() << "." << r.method->name() << "\t"
                << absl::StrJoin(takes, " ") << "\n";
    }
    return 0;
  }
  auto found = std::find_if(reports.begin(), reports.end(), [&](const SuiteReport& r) { return r.name == name; });
  if (found == reports.end()) {
    std::vector<std::string> names;
    for (const SuiteReport& r : reports) names.push_back(r.name);
    const std::string closest = Closest(name, names);
    return cli.Usage(absl::StrCat("no report '", name, "'", closest.empty() ? "" : " (did you mean " + closest + "?)",
                                  "; `adoptctl report list` names them"));
  }
  std::unique_ptr<gpb::Message> request = NewRequest(found->method);
  if (absl::Status s = FillReportRequest(flags, request.get()); !s.ok()) return cli.Usage(std::string(s.message()));
  std::unique_ptr<gpb::Message> response;
  if (grpc::Status s = call.Invoke(found->method, *request, &response); !s.ok()) return cli.Failed(StatusText(s));
  if (format == "csv") {
    cli.out() << ReportCsv(*response);
    return 0;
  }
  gpb::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;  // a count of 0 is a figure
  std::string json;
  if (auto s = gpb::util::MessageToJsonString(*response, &json, options); !s.ok()) {
    return cli.Failed(absl::StrCat("the answer cannot be shown as JSON: ", s.message().as_string()));
  }
  cli.out() << absl::StripTrailingAsciiWhitespace(json) << "\n";
  return 0;
}

std::string ReportDescription() {
  return "Runs a report of the suite by name (`adoptctl report list` names every one, the service\n"
         "that answers it and the flags it takes): a period by --fy, --month or --from/--to (both\n"
         "days included), a day by --at, and how percentages and means are printed. The answer is\n"
         "JSON (protobuf's mapping, zeros included) or CSV: one figure,value row per figure, with\n"
         "a table's rows named by their text fields (stages.STAGE_ONE.households).";
}

}  // namespace adoptctl
