#include "tools/annual_report/compose.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "adoption/familyfinding/v1/familyfinding_service.grpc.pb.h"
#include "adoption/letterbox/v1/letterbox_service.grpc.pb.h"
#include "adoption/panel/v1/panel_service.grpc.pb.h"
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "adoption/support/v1/support_service.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "platform/core/embedded.h"
#include "platform/core/figures.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"

namespace annual_report {

// docs/reports.md, compiled in (CMakeLists.txt).
const std::vector<platform::EmbeddedFile>& ReportsDocument();

namespace {

namespace t = adoption::type::v1;
namespace fpb = adoption::familyfinding::v1;
namespace lpb = adoption::letterbox::v1;
namespace spb = adoption::support::v1;
namespace ppb = adoption::panel::v1;
namespace rpb = adoption::recruitment::v1;
using platform::Date;
using platform::FinancialYear;

// ---- how a figure is written ----

std::string Count(int n) { return absl::StrCat(n); }

// A mean or percentage the service has rounded as asked; "—" where there is none
// (no child to take a mean over).
std::string Figure(bool given, double value, absl::string_view unit = "") {
  return given ? absl::StrCat(value, unit) : "—";
}

// "22 of 27 (81.5%)": the count and its whole beside the percentage, as agencies print.
std::string ShareText(const t::Share& s) {
  std::string text = absl::StrCat(s.count(), " of ", s.of());
  if (s.has_percent()) absl::StrAppend(&text, " (", s.percent().value(), "%)");
  return text;
}

std::string Mean(const fpb::MeanDays& m) { return Figure(m.has_mean(), m.mean().value()); }

// "£459,000", or "£1,234.50" when there are pence.
std::string Pounds(const t::Money& m) {
  const long long pence = m.minor_units(), whole = std::llabs(pence) / 100, rest = std::llabs(pence) % 100;
  std::string digits = absl::StrCat(whole), grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return absl::StrCat(pence < 0 ? "-" : "", "£", grouped, rest ? absl::StrFormat(".%02d", rest) : "");
}

// An enum value or a report's label as words: "COUPLE_SAME_SEX" -> "Couple same sex",
// "1_TO_4" -> "1 to 4".
std::string Words(absl::string_view name) {
  std::string out = absl::AsciiStrToLower(absl::StrReplaceAll(name, {{"_", " "}}));
  if (!out.empty()) out[0] = absl::ascii_toupper(static_cast<unsigned char>(out[0]));
  return out;
}

template <class Enum>
std::string EnumWords(Enum value, const google::protobuf::EnumDescriptor* type, absl::string_view prefix) {
  const google::protobuf::EnumValueDescriptor* v = type->FindValueByNumber(static_cast<int>(value));
  return v ? Words(absl::StripPrefix(v->name(), prefix)) : absl::StrCat(static_cast<int>(value));
}

// "2018-03" -> "Mar".
std::string MonthName(absl::string_view month) {
  static const char* const kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int m = 0;
  if (month.size() == 7 && absl::SimpleAtoi(month.substr(5), &m) && m >= 1 && m <= 12) return kNames[m - 1];
  return std::string(month);
}

t::DatePeriod PeriodOf(Date first, Date last) {
  t::DatePeriod p;
  for (auto [d, out] : {std::pair{first, p.mutable_first_day()}, std::pair{last, p.mutable_last_day()}}) {
    out->set_year(static_cast<int>(d.year()));
    out->set_month(d.month());
    out->set_day(d.day());
  }
  return p;
}

t::DatePeriod PeriodOf(FinancialYear fy) { return PeriodOf(fy.first_day(), fy.last_day()); }

t::Date DayOf(Date d) { return PeriodOf(d, d).first_day(); }

// A table of the year beside the year before, row by row.
class YearTable {
 public:
  YearTable(std::string id, std::string caption, const FinancialYear& now, const FinancialYear& before)
      : table_{std::move(id), std::move(caption), {"", now.Label(), before.Label()}, {}, ""} {}
  YearTable& Row(std::string label, std::string now, std::string before) {
    table_.rows.push_back({std::move(label), std::move(now), std::move(before)});
    return *this;
  }
  YearTable& Note(std::string note) {
    table_.note = std::move(note);
    return *this;
  }
  Table Done() { return std::move(table_); }

 private:
  Table table_;
};

// Rows keyed by a label, in the order first seen across both years (a label only one
// year has reads 0 in the other).
struct LabelledRows {
  std::vector<std::string> order;
  std::map<std::string, std::pair<int, int>> counts;
  void Add(const std::string& label, int value, bool now) {
    if (!counts.count(label)) order.push_back(label);
    (now ? counts[label].first : counts[label].second) += value;
  }
};

// ---- asking the services ----

class Asker {
 public:
  explicit Asker(const Services& s)
      : services_(s),
        familyfinding_(fpb::FamilyFindingService::NewStub(s.channel("familyfinding"))),
        recruitment_(rpb::RecruitmentService::NewStub(s.channel("recruitment"))),
        panel_(ppb::PanelService::NewStub(s.channel("panel"))),
        support_(spb::SupportService::NewStub(s.channel("support"))),
        letterbox_(lpb::LetterboxService::NewStub(s.channel("letterbox"))) {}

  template <class Stub, class Request, class Response>
  absl::StatusOr<Response> Ask(Stub* stub,
                               grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                               const Request& request, absl::string_view report) const {
    grpc::ClientContext ctx;
    if (absl::Status prepared = services_.prepare(ctx); !prepared.ok()) return prepared;
    Response response;
    grpc::Status s = (stub->*method)(&ctx, request, &response);
    if (!s.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                          absl::StrCat("the ", report, " report: ", s.error_message()));
    }
    return response;
  }

  const Services& services_;
  std::unique_ptr<fpb::FamilyFindingService::Stub> familyfinding_;
  std::unique_ptr<rpb::RecruitmentService::Stub> recruitment_;
  std::unique_ptr<ppb::PanelService::Stub> panel_;
  std::unique_ptr<spb::SupportService::Stub> support_;
  std::unique_ptr<lpb::LetterboxService::Stub> letterbox_;
};

struct Context {
  const Asker& ask;
  const Options& options;
  FinancialYear now, before;
  std::string whose;  // "Rotherham's children" / "the children of every authority the agency acts for"
};

// A report's request for a year, filled by what the request asks (each report's own
// fields): the year as its period, its last day as the day a state is taken on, the
// authority and the precision asked for.
template <class Request>
Request ForYear(const Context& c, const FinancialYear& fy) {
  Request r;
  const google::protobuf::Descriptor* d = r.GetDescriptor();
  const google::protobuf::Reflection* fields = r.GetReflection();
  if (const auto* f = d->FindFieldByName("period")) fields->MutableMessage(&r, f)->CopyFrom(PeriodOf(fy));
  if (const auto* f = d->FindFieldByName("at")) fields->MutableMessage(&r, f)->CopyFrom(DayOf(fy.last_day()));
  if (const auto* f = d->FindFieldByName("local_authority")) fields->SetString(&r, f, c.options.local_authority);
  if (const auto* f = d->FindFieldByName("precision")) fields->MutableMessage(&r, f)->CopyFrom(c.options.precision);
  return r;
}

// A report for the year (true) and the year before (false); `adjust` changes a request
// from ForYear's before it is sent.
template <class Stub, class Request, class Response, class Adjust>
absl::StatusOr<std::map<bool, Response>> EachYear(
    const Context& c, Stub* stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
    absl::string_view report, Adjust adjust) {
  std::map<bool, Response> out;
  for (bool now : {true, false}) {
    Request request = ForYear<Request>(c, now ? c.now : c.before);
    adjust(request);
    ASSIGN_OR_RETURN(auto answer, c.ask.Ask(stub, method, request, report));
    out[now] = std::move(answer);
  }
  return out;
}

template <class Stub, class Request, class Response>
absl::StatusOr<std::map<bool, Response>> EachYear(
    const Context& c, Stub* stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
    absl::string_view report) {
  return EachYear(c, stub, method, report, [](Request&) {});
}

// ---- the sections ----

absl::StatusOr<Section> Children(const Context& c) {
  Section s{.id = "children", .title = "Children", .intro = absl::StrCat(
      "Counted by the child's local authority: ", c.whose, ". Where a figure has two sides, ",
      "\"for our children\" counts these children wherever they were placed, and \"for our adopters\" ",
      "the children placed with the agency's own approved households, whichever authority's children they are.")};
  using Stub = fpb::FamilyFindingService::Stub;
  Stub* stub = c.ask.familyfinding_.get();
  ASSIGN_OR_RETURN(auto ours, EachYear(c, stub, &Stub::ReportChildMilestones, "children's milestones"));
  ASSIGN_OR_RETURN(auto theirs, EachYear(c, stub, &Stub::ReportChildMilestones, "children's milestones (our adopters)",
                                            [](fpb::ReportChildMilestonesRequest& r) {
                                              r.clear_local_authority();  // every authority's children
                                              r.set_perspective(t::REPORT_PERSPECTIVE_ADOPTER);
                                            }));
  ASSIGN_OR_RETURN(auto waiting, EachYear(c, stub, &Stub::ReportChildrenWaiting, "children waiting"));
  ASSIGN_OR_RETURN(auto cohort, EachYear(c, stub, &Stub::ReportDecisionCohort, "decision cohort"));
  ASSIGN_OR_RETURN(auto breakdowns, EachYear(c, stub, &Stub::ReportChildBreakdowns, "child breakdowns"));

  const fpb::MilestoneCounts &n = ours[true].total(), &p = ours[false].total();
  s.tables.push_back(YearTable("children-milestones", "The children's year", c.now, c.before)
                         .Row("Referred for family finding", Count(n.referrals()), Count(p.referrals()))
                         .Row("Should be placed for adoption (decisions)", Count(n.decisions()), Count(p.decisions()))
                         .Row("Placement orders", Count(n.placement_orders()), Count(p.placement_orders()))
                         .Row("Matched", Count(n.matches()), Count(p.matches()))
                         .Row("Placed for adoption", Count(n.placements()), Count(p.placements()))
                         .Row("of whom in early permanence placements", Count(n.early_permanence_placements()),
                              Count(p.early_permanence_placements()))
                         .Row("Adoption orders", Count(n.adoption_orders()), Count(p.adoption_orders()))
                         .Row("Plans changed from adoption", Count(n.plan_changes()), Count(p.plan_changes()))
                         .Row("Placements disrupted", Count(n.disruptions()), Count(p.disruptions()))
                         .Done());

  const fpb::MilestoneCounts &an = theirs[true].total(), &ap = theirs[false].total();
  s.tables.push_back(YearTable("children-both-sides", "Both counting perspectives", c.now, c.before)
                         .Row("Matches for our children", Count(n.matches()), Count(p.matches()))
                         .Row("Matches for our adopters", Count(an.matches()), Count(ap.matches()))
                         .Row("Placements for our children", Count(n.placements()), Count(p.placements()))
                         .Row("Placements for our adopters", Count(an.placements()), Count(ap.placements()))
                         .Row("Adoption orders for our children", Count(n.adoption_orders()),
                              Count(p.adoption_orders()))
                         .Row("Adoption orders for our adopters", Count(an.adoption_orders()),
                              Count(ap.adoption_orders()))
                         .Note("For our adopters: children placed with the agency's own households, from every "
                               "authority.")
                         .Done());

  // Adoption orders month by month, April to March.
  BarChart orders{.title = "Adoption orders for our children, by month", .table_id = "children-orders-by-month"};
  YearTable by_month("children-orders-by-month", "Adoption orders for our children, by month", c.now, c.before);
  std::vector<double> now_orders, before_orders;
  for (int i = 0; i < 12; ++i) {
    const int month_now = i < ours[true].months_size() ? ours[true].months(i).counts().adoption_orders() : 0;
    const int month_before = i < ours[false].months_size() ? ours[false].months(i).counts().adoption_orders() : 0;
    const std::string name = i < ours[true].months_size() ? MonthName(ours[true].months(i).month())
                                                          : MonthName(absl::StrFormat("2000-%02d", (i + 3) % 12 + 1));
    orders.categories.push_back(name);
    now_orders.push_back(month_now);
    before_orders.push_back(month_before);
    by_month.Row(name, Count(month_now), Count(month_before));
  }
  orders.series = {{c.now.Label(), now_orders}, {c.before.Label(), before_orders}};
  s.charts.push_back(orders);
  s.tables.push_back(by_month.Done());

  const fpb::ChildrenWaiting &wn = waiting[true], &wp = waiting[false];
  s.tables.push_back(
      YearTable("children-waiting", "Children waiting on 31 March", c.now, c.before)
          .Row("Waiting (a placement order or should-be-placed decision, not placed)", Count(wn.waiting()),
               Count(wp.waiting()))
          .Row("of whom matched, not yet placed", Count(wn.waiting_matched()), Count(wp.waiting_matched()))
          .Row("of whom a family found, not yet matched", Count(wn.waiting_family_found()),
               Count(wp.waiting_family_found()))
          .Row("of whom still in family finding", Count(wn.waiting_family_finding()),
               Count(wp.waiting_family_finding()))
          .Row("Actively family finding", Count(wn.active_family_finding()), Count(wp.active_family_finding()))
          .Row("Linked, awaiting panel", Count(wn.linked_awaiting_panel()), Count(wp.linked_awaiting_panel()))
          .Row("A placement order, not placed", Count(wn.placement_order_not_placed()),
               Count(wp.placement_order_not_placed()))
          .Row("Mean days since the placement order", Figure(wn.has_mean_days_since_order(),
                                                             wn.mean_days_since_order().value()),
               Figure(wp.has_mean_days_since_order(), wp.mean_days_since_order().value()))
          .Row("Longest days since the placement order", Count(wn.longest_days_since_order()),
               Count(wp.longest_days_since_order()))
          .Done());

  const fpb::DecisionCohort &dn = cohort[true], &dp = cohort[false];
  s.tables.push_back(YearTable("children-decision-cohort", "The year's decisions, as they stood on 31 March",
                               c.now, c.before)
                         .Row("Children decided should be placed", Count(dn.decided()), Count(dp.decided()))
                         .Row("Adopted", ShareText(dn.adopted()), ShareText(dp.adopted()))
                         .Row("Placed, not yet adopted", ShareText(dn.placed()), ShareText(dp.placed()))
                         .Row("Plan changed from adoption", ShareText(dn.plan_reverted()),
                              ShareText(dp.plan_reverted()))
                         .Row("Still waiting", ShareText(dn.waiting()), ShareText(dp.waiting()))
                         .Done());

  // Age at the decision: a chart and its table.
  LabelledRows ages;
  for (bool now : {true, false}) {
    for (const auto& row : breakdowns[now].decisions_by_age()) ages.Add(row.label(), row.children(), now);
  }
  BarChart age{.title = "Age at the should-be-placed decision (years)", .table_id = "children-age-at-decision"};
  YearTable age_table("children-age-at-decision", "Age at the should-be-placed decision", c.now, c.before);
  std::vector<double> age_now, age_before;
  for (const std::string& label : ages.order) {
    const auto [in_now, in_before] = ages.counts[label];
    age.categories.push_back(label);
    age_now.push_back(in_now);
    age_before.push_back(in_before);
    age_table.Row(absl::StrCat("Aged ", label), Count(in_now), Count(in_before));
  }
  age.series = {{c.now.Label(), age_now}, {c.before.Label(), age_before}};
  if (!ages.order.empty()) s.charts.push_back(age);
  s.tables.push_back(age_table.Done());

  LabelledRows orders_by;
  for (bool now : {true, false}) {
    const fpb::ChildBreakdowns& b = breakdowns[now];
    for (const auto& row : b.orders_by_sex()) orders_by.Add("Sex: " + Words(row.label()), row.children(), now);
    for (const auto& row : b.orders_by_age_band()) {
      orders_by.Add("Age at the order: " + Words(row.label()), row.children(), now);
    }
    for (const auto& row : b.orders_by_ethnicity()) orders_by.Add("Ethnicity: " + row.label(), row.children(), now);
    for (const auto& row : b.orders_by_provider()) {
      orders_by.Add("Adopters from: " + Words(row.label()), row.children(), now);
    }
    orders_by.Add("In a sibling group", b.orders_in_sibling_group(), now);
  }
  YearTable order_table("children-orders-breakdown", "The children adopted", c.now, c.before);
  for (const std::string& label : orders_by.order) {
    order_table.Row(label, Count(orders_by.counts[label].first), Count(orders_by.counts[label].second));
  }
  s.tables.push_back(order_table.Done());
  return s;
}

std::string AuthorityName(const std::string& code) {
  const platform::LocalAuthority* la = platform::LocalAuthorityRegister::Default().Find(code);
  return la ? la->name : code;
}

// A regional agency's year borough by borough beside its total: the milestones of each
// authority's children, their adoption orders month by month, and the scorecard's
// headline for each.
absl::StatusOr<Section> Authorities(const Context& c, const platform::Agency& agency) {
  Section s{.id = "authorities", .title = "By local authority",
            .intro = "Each authority's children apart, and all of them together: counted by the child's local "
                     "authority, as the children's section is."};
  using Stub = fpb::FamilyFindingService::Stub;
  ASSIGN_OR_RETURN(auto split,
                   EachYear(c, c.ask.familyfinding_.get(), &Stub::ReportChildMilestones,
                            "children's milestones by authority",
                            [](fpb::ReportChildMilestonesRequest& r) { r.set_by_local_authority(true); }));
  std::set<std::string> codes;
  for (bool now : {true, false}) {
    for (const std::string& code : agency.LocalAuthoritiesOn((now ? c.now : c.before).last_day())) codes.insert(code);
    for (const auto& row : split[now].local_authorities()) codes.insert(row.local_authority());
  }
  // By name, as people look for their borough.
  std::vector<std::pair<std::string, std::string>> authorities;  // name, code
  for (const std::string& code : codes) authorities.emplace_back(AuthorityName(code), code);
  std::sort(authorities.begin(), authorities.end());
  const auto counts_of = [&](bool now, const std::string& code) {
    for (const auto& row : split[now].local_authorities()) {
      if (row.local_authority() == code) return row.counts();
    }
    return fpb::MilestoneCounts();
  };

  using Measure = int (fpb::MilestoneCounts::*)() const;
  for (auto [id, caption, measure] : std::vector<std::tuple<std::string, std::string, Measure>>{
           {"authorities-adoption-orders", "Adoption orders", &fpb::MilestoneCounts::adoption_orders},
           {"authorities-placements", "Placed for adoption", &fpb::MilestoneCounts::placements},
           {"authorities-matches", "Matched", &fpb::MilestoneCounts::matches},
           {"authorities-placement-orders", "Placement orders", &fpb::MilestoneCounts::placement_orders},
           {"authorities-decisions", "Should be placed for adoption (decisions)", &fpb::MilestoneCounts::decisions}}) {
    YearTable t(id, absl::StrCat(caption, ", by authority"), c.now, c.before);
    BarChart chart{.title = absl::StrCat(caption, ", by authority"), .table_id = id};
    std::vector<double> in_now, in_before;
    for (const auto& [name, code] : authorities) {
      const int n = (counts_of(true, code).*measure)(), p = (counts_of(false, code).*measure)();
      t.Row(name, Count(n), Count(p));
      chart.categories.push_back(name);
      in_now.push_back(n);
      in_before.push_back(p);
    }
    t.Row("Total", Count((split[true].total().*measure)()), Count((split[false].total().*measure)()));
    chart.series = {{c.now.Label(), in_now}, {c.before.Label(), in_before}};
    if (id == "authorities-adoption-orders") s.charts.push_back(std::move(chart));
    s.tables.push_back(t.Done());
  }

  // The year's adoption orders month by month, a bar for each authority.
  BarChart monthly{.title = absl::StrCat("Adoption orders by month and authority, ", c.now.Label()),
                   .table_id = "authorities-orders-by-month"};
  Table by_month{.id = "authorities-orders-by-month",
                 .caption = absl::StrCat("Adoption orders by month and authority, ", c.now.Label()),
                 .columns = {""}};
  std::vector<fpb::ChildMilestones> each;
  for (const auto& [name, code] : authorities) {
    auto m = ForYear<fpb::ReportChildMilestonesRequest>(c, c.now);
    m.set_local_authority(code);
    ASSIGN_OR_RETURN(auto answer, c.ask.Ask(c.ask.familyfinding_.get(), &Stub::ReportChildMilestones, m,
                                               "children's milestones of one authority"));
    each.push_back(answer);
    by_month.columns.push_back(name);
    monthly.series.push_back({name, {}});
  }
  by_month.columns.push_back("Total");
  for (int i = 0; i < split[true].months_size(); ++i) {
    const std::string name = MonthName(split[true].months(i).month());
    std::vector<std::string> row = {name};
    monthly.categories.push_back(name);
    for (size_t a = 0; a < each.size(); ++a) {
      const int orders = i < each[a].months_size() ? each[a].months(i).counts().adoption_orders() : 0;
      row.push_back(Count(orders));
      monthly.series[a].values.push_back(orders);
    }
    row.push_back(Count(split[true].months(i).counts().adoption_orders()));
    by_month.rows.push_back(std::move(row));
  }
  // More authorities than a greyscale chart tells apart: the table alone.
  if (!authorities.empty() && authorities.size() <= 5) s.charts.push_back(std::move(monthly));
  s.tables.push_back(std::move(by_month));

  // The scorecard's headline for each authority and all together.
  Table card{.id = "authorities-scorecard",
             .caption = "The scorecard by authority",
             .columns = {"", absl::StrCat("Adopted ", c.now.Label()), absl::StrCat("Adopted ", c.before.Label()),
                         absl::StrCat("A1 ", c.now.Label()), absl::StrCat("A1 ", c.before.Label()),
                         absl::StrCat("A2 ", c.now.Label()), absl::StrCat("A2 ", c.before.Label())},
             .note = "A1: mean days from entering care to moving in with the adoptive family; A2: mean days from "
                     "the placement order to the match."};
  std::vector<std::pair<std::string, std::string>> rows = authorities;
  rows.emplace_back("All", "");
  for (const auto& [name, code] : rows) {
    ASSIGN_OR_RETURN(auto cards, EachYear(c, c.ask.familyfinding_.get(), &Stub::ReportScorecard, "scorecard",
                                             [&code = code](fpb::ReportScorecardRequest& r) {
                                               r.set_local_authority(code);
                                             }));
    card.rows.push_back({name, Count(cards[true].adopted()), Count(cards[false].adopted()), Mean(cards[true].a1()),
                         Mean(cards[false].a1()), Mean(cards[true].a2()), Mean(cards[false].a2())});
  }
  s.tables.push_back(std::move(card));
  return s;
}

absl::StatusOr<Section> Scorecard(const Context& c, const platform::StatutoryTable& statutory) {
  const FinancialYear three_from{c.now.start_year - 2};
  const std::string three = absl::StrCat("Three years ", three_from.Label(), " to ", c.now.Label());
  Section s{.id = "scorecard", .title = "The adoption scorecard",
            .intro = absl::StrCat("The Department for Education's scorecard measures for ", c.whose,
                                  ", each year and over the three years to ", c.now.Label(), ".")};
  std::vector<fpb::Scorecard> cards;  // the year, the year before, the three years
  for (int i = 0; i < 3; ++i) {
    auto r = ForYear<fpb::ReportScorecardRequest>(c, i == 1 ? c.before : c.now);
    if (i == 2) *r.mutable_period() = PeriodOf(three_from.first_day(), c.now.last_day());
    r.set_care_leavers(i == 0 ? c.options.care_leavers : i == 1 ? c.options.previous_care_leavers : 0);
    ASSIGN_OR_RETURN(auto card, c.ask.Ask(c.ask.familyfinding_.get(),
                                             &fpb::FamilyFindingService::Stub::ReportScorecard, r, "scorecard"));
    cards.push_back(card);
  }
  // The thresholds in force in each year (dated configuration).
  auto threshold = [&](const char* key, const FinancialYear& fy) {
    auto v = statutory.ValueOn(key, fy.last_day());
    return v.ok() ? absl::StrCat(*v) : std::string("?");
  };
  auto threshold_text = [&](const char* key) {
    const std::string now = threshold(key, c.now), before = threshold(key, c.before);
    return now == before ? absl::StrCat(now, " days")
                         : absl::StrCat(now, " days; ", before, " in ", c.before.Label());
  };
  Table t{.id = "scorecard", .caption = "Scorecard", .columns = {"", c.now.Label(), c.before.Label(), three}};
  auto row = [&](std::string label, auto figure) {
    t.rows.push_back({std::move(label), figure(cards[0]), figure(cards[1]), figure(cards[2])});
  };
  row("Children adopted", [](const fpb::Scorecard& k) { return Count(k.adopted()); });
  if (c.options.care_leavers || c.options.previous_care_leavers) {
    row("Children leaving care who were adopted", [](const fpb::Scorecard& k) {
      return Figure(k.has_care_leavers_adopted_percent(), k.care_leavers_adopted_percent().value(), "%");
    });
  }
  row("Girls", [](const fpb::Scorecard& k) { return Count(k.female()); });
  row("Boys", [](const fpb::Scorecard& k) { return Count(k.male()); });
  row("Harder to place", [](const fpb::Scorecard& k) { return ShareText(k.harder_to_place()); });
  row("A1: days from entering care to moving in with the adoptive family (mean)",
      [](const fpb::Scorecard& k) { return Mean(k.a1()); });
  row(absl::StrCat("A1 within the threshold (", threshold_text("scorecard_a1_threshold_days"), ")"),
      [](const fpb::Scorecard& k) { return ShareText(k.met_a1()); });
  row("A2: days from the placement order to the match (mean)", [](const fpb::Scorecard& k) { return Mean(k.a2()); });
  row(absl::StrCat("A2 within the threshold (", threshold_text("scorecard_a2_threshold_days"), ")"),
      [](const fpb::Scorecard& k) { return ShareText(k.met_a2()); });
  row(absl::StrCat("A3: moved in less than ", threshold_text("scorecard_a3_window_days"), " after entering care"),
      [](const fpb::Scorecard& k) { return ShareText(k.a3()); });
  row("A10: as A1, foster carers adopting counted from the day the child moved in with them (mean)",
      [](const fpb::Scorecard& k) { return Mean(k.a10()); });
  row("Placed within 12 months of the decision",
      [](const fpb::Scorecard& k) { return ShareText(k.placed_within_12_months_of_decision()); });
  row("Adopted after an early permanence placement",
      [](const fpb::Scorecard& k) { return Count(k.early_permanence()); });
  row("Adopted after any other placement",
      [](const fpb::Scorecard& k) { return Count(k.other_care_to_order().children()); });
  row("Days from entering care to the order, early permanence (mean)",
      [](const fpb::Scorecard& k) { return Mean(k.early_permanence_care_to_order()); });
  row("Days from entering care to the order, the others (mean)",
      [](const fpb::Scorecard& k) { return Mean(k.other_care_to_order()); });
  std::vector<std::string> incomplete;
  for (const auto& card : cards) {
    for (const auto& i : card.incomplete()) incomplete.push_back(i);
  }
  if (!incomplete.empty()) {
    t.note = absl::StrCat("Dates missing, left out of the means: ", absl::StrJoin(incomplete, "; "), ".");
  }
  s.tables.push_back(std::move(t));
  return s;
}

absl::StatusOr<Section> Adopters(const Context& c) {
  Section s{.id = "adopters", .title = "Adopters",
            .intro = "The agency's own households: enquiries to approval, where the year's registrations of "
                     "interest stood on 31 March, and how long assessment took."};
  using Stub = rpb::RecruitmentService::Stub;
  Stub* stub = c.ask.recruitment_.get();
  ASSIGN_OR_RETURN(auto funnel, EachYear(c, stub, &Stub::ReportAdopterFunnel, "adopter funnel"));
  ASSIGN_OR_RETURN(auto cohort, EachYear(c, stub, &Stub::ReportRoiCohort, "ROI cohort"));
  ASSIGN_OR_RETURN(auto stages, EachYear(c, stub, &Stub::ReportHouseholdStages, "household stages"));
  ASSIGN_OR_RETURN(auto approvals, EachYear(c, stub, &Stub::ReportApprovals, "approvals"));
  ASSIGN_OR_RETURN(auto timely, EachYear(c, stub, &Stub::ReportAssessmentTimeliness, "assessment timeliness"));
  ASSIGN_OR_RETURN(auto withdrawals, EachYear(c, stub, &Stub::ReportWithdrawals, "withdrawals"));
  ASSIGN_OR_RETURN(auto placements, EachYear(c, stub, &Stub::ReportAdopterPlacements, "adopter placements"));
  ASSIGN_OR_RETURN(auto waits, EachYear(c, stub, &Stub::ReportMatchWaits, "match waits"));
  ASSIGN_OR_RETURN(auto unmatched, EachYear(c, stub, &Stub::ReportApprovedNotMatched, "approved, not matched"));

  const rpb::AdopterFunnel &fn = funnel[true], &fp = funnel[false];
  s.tables.push_back(YearTable("adopters-funnel", "The adopters' pipeline", c.now, c.before)
                         .Row("Enquiries", Count(fn.enquiries()), Count(fp.enquiries()))
                         .Row("Information sessions booked", Count(fn.info_sessions_booked()),
                              Count(fp.info_sessions_booked()))
                         .Row("Information sessions attended", Count(fn.info_sessions_attended()),
                              Count(fp.info_sessions_attended()))
                         .Row("Registrations of interest", Count(fn.registrations_of_interest()),
                              Count(fp.registrations_of_interest()))
                         .Row("Stage 1 started", Count(fn.stage_one_started()), Count(fp.stage_one_started()))
                         .Row("Stage 2 started", Count(fn.stage_two_started()), Count(fp.stage_two_started()))
                         .Row("Approvals", Count(fn.approvals()), Count(fp.approvals()))
                         .Row("of which dual (early permanence) approvals", Count(fn.dual_approvals()),
                              Count(fp.dual_approvals()))
                         .Row("Assessments for a known child", Count(fn.known_child_assessments()),
                              Count(fp.known_child_assessments()))
                         .Done());
  BarChart pipeline{.title = "The adopters' pipeline",
                    .categories = {"Enquiries", "Sessions attended", "ROIs", "Stage 1", "Stage 2", "Approvals"},
                    .table_id = "adopters-funnel"};
  for (bool now : {true, false}) {
    const rpb::AdopterFunnel& f = funnel[now];
    pipeline.series.push_back(
        {(now ? c.now : c.before).Label(),
         {double(f.enquiries()), double(f.info_sessions_attended()), double(f.registrations_of_interest()),
          double(f.stage_one_started()), double(f.stage_two_started()), double(f.approvals())}});
  }
  s.charts.push_back(pipeline);

  const rpb::RoiCohort &cn = cohort[true], &cp = cohort[false];
  s.tables.push_back(YearTable("adopters-roi-cohort", "The year's registrations of interest on 31 March", c.now,
                               c.before)
                         .Row("Registrations of interest", Count(cn.households()), Count(cp.households()))
                         .Row("Approved", ShareText(cn.approved()), ShareText(cp.approved()))
                         .Row("In Stage 2", ShareText(cn.stage_two()), ShareText(cp.stage_two()))
                         .Row("In Stage 1", ShareText(cn.stage_one()), ShareText(cp.stage_one()))
                         .Row("Withdrawn or closed", ShareText(cn.exited()), ShareText(cp.exited()))
                         .Done());

  LabelledRows at_year_end;
  for (bool now : {true, false}) {
    for (const auto& row : stages[now].stages()) {
      at_year_end.Add(EnumWords(row.stage(), rpb::HouseholdStage_descriptor(), "HOUSEHOLD_STAGE_"),
                      row.households(), now);
    }
  }
  YearTable stage_table("adopters-stages", "Every household's stage on 31 March", c.now, c.before);
  for (const std::string& label : at_year_end.order) {
    stage_table.Row(label, Count(at_year_end.counts[label].first), Count(at_year_end.counts[label].second));
  }
  s.tables.push_back(stage_table.Done());

  LabelledRows approved;
  for (bool now : {true, false}) {
    const rpb::Approvals& a = approvals[now];
    approved.Add("Approvals", a.approvals(), now);
    approved.Add("Dual approvals", a.dual_approvals(), now);
    for (const auto& row : a.by_family_structure()) {
      approved.Add("Family: " + EnumWords(row.family_structure(), rpb::FamilyStructure_descriptor(),
                                          "FAMILY_STRUCTURE_"),
                   row.households(), now);
    }
    for (const auto& row : a.by_ethnicity()) approved.Add("Ethnicity: " + row.ethnicity(), row.households(), now);
  }
  YearTable approval_table("adopters-approvals", "Approvals by family and ethnicity", c.now, c.before);
  for (const std::string& label : approved.order) {
    approval_table.Row(label, Count(approved.counts[label].first), Count(approved.counts[label].second));
  }
  s.tables.push_back(approval_table.Done());

  const rpb::AssessmentTimeliness &tn = timely[true], &tp = timely[false];
  s.tables.push_back(
      YearTable("adopters-timeliness", "How long assessment took, for the year's approvals", c.now, c.before)
          .Row("Approvals", Count(tn.approvals()), Count(tp.approvals()))
          .Row("Days from registration of interest to approval (mean, breaks included)",
               Figure(tn.has_mean_roi_to_approval_days(), tn.mean_roi_to_approval_days().value()),
               Figure(tp.has_mean_roi_to_approval_days(), tp.mean_roi_to_approval_days().value()))
          .Row("The same without the break between stages (mean)",
               Figure(tn.has_mean_roi_to_approval_days_without_break(),
                      tn.mean_roi_to_approval_days_without_break().value()),
               Figure(tp.has_mean_roi_to_approval_days_without_break(),
                      tp.mean_roi_to_approval_days_without_break().value()))
          .Row("Approved within six months of the registration of interest", ShareText(tn.approved_within_target()),
               ShareText(tp.approved_within_target()))
          .Row("Stage 1 within its timescale", ShareText(tn.stage_one_in_timescale()),
               ShareText(tp.stage_one_in_timescale()))
          .Row("Stage 2 within its timescale", ShareText(tn.stage_two_in_timescale()),
               ShareText(tp.stage_two_in_timescale()))
          .Row("Approvals with no registration of interest recorded", Count(tn.approvals_without_roi()),
               Count(tp.approvals_without_roi()))
          .Done());

  LabelledRows left;
  for (bool now : {true, false}) {
    const rpb::Withdrawals& w = withdrawals[now];
    left.Add("Households that left", w.total(), now);
    left.Add("Withdrew", w.withdrawn(), now);
    left.Add("Counselled out", w.counselled_out(), now);
    left.Add("After approval", w.after_approval(), now);
    for (const auto& row : w.by_reason()) {
      left.Add(absl::StrCat("Reason: ", row.reason().empty() ? "none recorded" : row.reason()), row.households(),
               now);
    }
  }
  YearTable left_table("adopters-withdrawals", "Withdrawals", c.now, c.before);
  for (const std::string& label : left.order) {
    left_table.Row(label, Count(left.counts[label].first), Count(left.counts[label].second));
  }
  s.tables.push_back(left_table.Done());

  const rpb::AdopterPlacements &pn = placements[true], &pp = placements[false];
  const rpb::MatchWaits &mn = waits[true], &mp = waits[false];
  s.tables.push_back(
      YearTable("adopters-matching", "Our adopters matched, placed and adopting", c.now, c.before)
          .Row("Households matched", Count(pn.matched()), Count(pp.matched()))
          .Row("Households a child was placed with", Count(pn.placed()), Count(pp.placed()))
          .Row("Adoption orders for our adopters", Count(pn.adoption_orders()), Count(pp.adoption_orders()))
          .Row(absl::StrCat("Matched within ", mn.months(), " months of approval"), ShareText(mn.matched_within()),
               ShareText(mp.matched_within()))
          .Row("Days from approval to the match (mean)",
               Figure(mn.has_mean_days_from_approval(), mn.mean_days_from_approval().value()),
               Figure(mp.has_mean_days_from_approval(), mp.mean_days_from_approval().value()))
          .Row("Approved, not matched, on 31 March", Count(unmatched[true].households()),
               Count(unmatched[false].households()))
          .Done());
  return s;
}

absl::StatusOr<Section> Panel(const Context& c) {
  Section s{.id = "panel", .title = "The adoption panel",
            .intro = "The panel's meetings and the cases it heard, and the agency decision maker's decisions."};
  ASSIGN_OR_RETURN(auto work, EachYear(c, c.ask.panel_.get(), &ppb::PanelService::Stub::ReportPanelWork,
                                          "panel work"));
  const ppb::PanelWork &n = work[true], &p = work[false];
  LabelledRows heard;
  for (bool now : {true, false}) {
    for (const auto& row : work[now].by_kind()) {
      heard.Add(EnumWords(row.kind(), ppb::AgendaItemKind_descriptor(), "AGENDA_ITEM_KIND_"), row.cases(), now);
    }
  }
  BarChart chart{.title = "Cases heard, by type", .table_id = "panel-cases"};
  YearTable cases("panel-cases", "Cases heard, by type", c.now, c.before);
  std::vector<double> heard_now, heard_before;
  for (const std::string& label : heard.order) {
    chart.categories.push_back(label);
    heard_now.push_back(heard.counts[label].first);
    heard_before.push_back(heard.counts[label].second);
    cases.Row(label, Count(heard.counts[label].first), Count(heard.counts[label].second));
  }
  chart.series = {{c.now.Label(), heard_now}, {c.before.Label(), heard_before}};
  if (!heard.order.empty()) s.charts.push_back(chart);
  s.tables.push_back(cases.Done());

  YearTable t("panel-work", "Meetings, decisions and papers", c.now, c.before);
  t.Row("Meetings held", Count(n.meetings_held()), Count(p.meetings_held()))
      .Row("Meetings cancelled", Count(n.meetings_cancelled()), Count(p.meetings_cancelled()))
      .Row("Cases heard", Count(n.cases_heard()), Count(p.cases_heard()))
      .Row("Decisions by the agency decision maker", Count(n.decisions()), Count(p.decisions()))
      .Row("Decided within 7 working days of the panel", ShareText(n.decided_in_timescale()),
           ShareText(p.decided_in_timescale()))
      .Row("Decisions contrary to the recommendation", Count(n.contrary_to_recommendation()),
           Count(p.contrary_to_recommendation()))
      .Row("Papers late", ShareText(n.papers_late()), ShareText(p.papers_late()))
      .Row("Approvals referred", Count(n.approvals_referred()), Count(p.approvals_referred()))
      .Row("Days from referral to panel (mean)",
           Figure(n.has_mean_days_referral_to_panel(), n.mean_days_referral_to_panel().value()),
           Figure(p.has_mean_days_referral_to_panel(), p.mean_days_referral_to_panel().value()));
  LabelledRows rated;
  for (bool now : {true, false}) {
    for (const auto& row : work[now].papers_by_rating()) {
      rated.Add("Papers rated " + absl::AsciiStrToLower(EnumWords(row.rating(), ppb::QualityRating_descriptor(),
                                                                  "QUALITY_RATING_")),
                row.papers(), now);
    }
  }
  for (const std::string& label : rated.order) {
    t.Row(label, Count(rated.counts[label].first), Count(rated.counts[label].second));
  }
  s.tables.push_back(t.Done());
  return s;
}

absl::StatusOr<Section> Support(const Context& c) {
  Section s{.id = "support", .title = "Adoption support",
            .intro = absl::StrCat("Requests for support and assessments of need, the Adoption Support Fund and ",
                                  "adoption allowances, for ", c.whose, "'s families.")};
  using Stub = spb::SupportService::Stub;
  Stub* stub = c.ask.support_.get();
  ASSIGN_OR_RETURN(auto activity, EachYear(c, stub, &Stub::ReportSupportActivity, "support activity"));
  ASSIGN_OR_RETURN(auto funding, EachYear(c, stub, &Stub::ReportAsfFunding, "ASF funding"));
  ASSIGN_OR_RETURN(auto paid, EachYear(c, stub, &Stub::ReportAllowances, "allowances"));
  std::map<bool, spb::AsfYear> fund;              // the year's row, by its financial year
  std::map<bool, spb::AllowanceYear> allowances;  // summed over the authorities
  for (bool now : {true, false}) {
    for (const auto& year : funding[now].years()) {
      if (year.financial_year() == (now ? c.now : c.before).Label()) fund[now] = year;
    }
    spb::AllowanceYear& sum = allowances[now];
    for (const auto& year : paid[now].years()) {
      sum.set_regular_allowances_paid(sum.regular_allowances_paid() + year.regular_allowances_paid());
      sum.set_one_off_payments(sum.one_off_payments() + year.one_off_payments());
      sum.set_families_paid(sum.families_paid() + year.families_paid());
      sum.mutable_paid()->set_minor_units(sum.paid().minor_units() + year.paid().minor_units());
      sum.mutable_budget()->set_minor_units(sum.budget().minor_units() + year.budget().minor_units());
      sum.set_reviews_overdue(sum.reviews_overdue() + year.reviews_overdue());
    }
  }
  const spb::SupportActivityFigures &n = activity[true].total(), &p = activity[false].total();
  s.tables.push_back(
      YearTable("support-activity", "Requests for support and assessments of need", c.now, c.before)
          .Row("Requests for support", Count(n.requests()), Count(p.requests()))
          .Row("Support calls made", Count(n.support_calls()), Count(p.support_calls()))
          .Row("Called within 5 working days of the request", ShareText(n.calls_within_timescale()),
               ShareText(p.calls_within_timescale()))
          .Row("Working days from the request to the call (mean)",
               Figure(n.has_mean_working_days_to_call(), n.mean_working_days_to_call().value()),
               Figure(p.has_mean_working_days_to_call(), p.mean_working_days_to_call().value()))
          .Row("Assessments of need requested", Count(n.assessments_requested()), Count(p.assessments_requested()))
          .Row("Assessments started", Count(n.assessments_started()), Count(p.assessments_started()))
          .Row("Assessments completed", Count(n.assessments_completed()), Count(p.assessments_completed()))
          .Row("Days waiting for an assessment (mean)",
               Figure(n.has_mean_days_waiting_for_assessment(), n.mean_days_waiting_for_assessment().value()),
               Figure(p.has_mean_days_waiting_for_assessment(), p.mean_days_waiting_for_assessment().value()))
          .Done());
  BarChart monthly{.title = "Requests for support, by month", .table_id = "support-by-month"};
  YearTable by_month("support-by-month", "Requests for support, by month", c.now, c.before);
  std::vector<double> now_requests, before_requests;
  for (int i = 0; i < activity[true].months_size(); ++i) {
    const int in_now = activity[true].months(i).requests();
    const int in_before = i < activity[false].months_size() ? activity[false].months(i).requests() : 0;
    const std::string name = MonthName(activity[true].months(i).month());
    monthly.categories.push_back(name);
    now_requests.push_back(in_now);
    before_requests.push_back(in_before);
    by_month.Row(name, Count(in_now), Count(in_before));
  }
  monthly.series = {{c.now.Label(), now_requests}, {c.before.Label(), before_requests}};
  if (!monthly.categories.empty()) s.charts.push_back(monthly);
  s.tables.push_back(by_month.Done());

  const spb::AsfYear &fn = fund[true], &fp = fund[false];
  s.tables.push_back(YearTable("support-asf", "The Adoption Support Fund", c.now, c.before)
                         .Row("Applications", Count(fn.applications()), Count(fp.applications()))
                         .Row("Approved", Count(fn.approved()), Count(fp.approved()))
                         .Row("Declined", Count(fn.declined()), Count(fp.declined()))
                         .Row("Awaiting a decision", Count(fn.awaiting_decision()), Count(fp.awaiting_decision()))
                         .Row("Children benefiting", Count(fn.children_benefiting()), Count(fp.children_benefiting()))
                         .Row("Families benefiting", Count(fn.families_benefiting()), Count(fp.families_benefiting()))
                         .Row("Funding secured", Pounds(fn.funding_secured()), Pounds(fp.funding_secured()))
                         .Row("Match funding by the agency", Pounds(fn.match_funding()), Pounds(fp.match_funding()))
                         .Done());
  const spb::AllowanceYear &an = allowances[true], &ap = allowances[false];
  s.tables.push_back(YearTable("support-allowances", "Adoption allowances", c.now, c.before)
                         .Row("Regular allowances paid", Count(an.regular_allowances_paid()),
                              Count(ap.regular_allowances_paid()))
                         .Row("One-off payments", Count(an.one_off_payments()), Count(ap.one_off_payments()))
                         .Row("Families paid", Count(an.families_paid()), Count(ap.families_paid()))
                         .Row("Paid", Pounds(an.paid()), Pounds(ap.paid()))
                         .Row("Budget", Pounds(an.budget()), Pounds(ap.budget()))
                         .Row("Reviews overdue at the year's end", Count(an.reviews_overdue()),
                              Count(ap.reviews_overdue()))
                         .Done());
  return s;
}

absl::StatusOr<Section> Letterbox(const Context& c) {
  Section s{.id = "letterbox", .title = "Letterbox contact",
            .intro = absl::StrCat("Contact arrangements between adoptive and birth families and the exchanges ",
                                  "through the letterbox, for ", c.whose, ".")};
  ASSIGN_OR_RETURN(auto figures, EachYear(c, c.ask.letterbox_.get(), &lpb::LetterboxService::Stub::ReportLetterbox,
                                             "letterbox"));
  LabelledRows arrangements;
  for (bool now : {true, false}) {
    for (const auto& row : figures[now].arrangements()) {
      arrangements.Add(absl::StrCat(EnumWords(row.kind(), lpb::ContactKind_descriptor(), "CONTACT_KIND_"),
                                    " contact, ",
                                    absl::AsciiStrToLower(EnumWords(row.status(), lpb::ArrangementStatus_descriptor(),
                                                                    "ARRANGEMENT_STATUS_"))),
                       row.arrangements(), now);
    }
  }
  const lpb::LetterboxFigures &n = figures[true], &p = figures[false];
  YearTable t("letterbox", "Arrangements, exchanges and reviews", c.now, c.before);
  for (const std::string& label : arrangements.order) {
    t.Row(absl::StrCat("Arrangements: ", label), Count(arrangements.counts[label].first),
          Count(arrangements.counts[label].second));
  }
  t.Row("Exchanges due", Count(n.total().due()), Count(p.total().due()))
      .Row("Answered", Count(n.total().answered()), Count(p.total().answered()))
      .Row("Unanswered", Count(n.total().unanswered()), Count(p.total().unanswered()))
      .Row("Items received", Count(n.total().received()), Count(p.total().received()))
      .Row("Items forwarded", Count(n.total().forwarded()), Count(p.total().forwarded()))
      .Row("Items withheld", Count(n.total().withheld()), Count(p.total().withheld()))
      .Row("Exchanges due that were answered", ShareText(n.answered()), ShareText(p.answered()))
      .Row("Items approved after review", Count(n.approved()), Count(p.approved()))
      .Row("Days in review (mean)", Figure(n.has_mean_days_in_review(), n.mean_days_in_review().value()),
           Figure(p.has_mean_days_in_review(), p.mean_days_in_review().value()))
      .Row("Arrangement reviews overdue", Count(n.reviews_overdue()), Count(p.reviews_overdue()))
      .Row("Arrangements never reviewed", Count(n.never_reviewed()), Count(p.never_reviewed()));
  s.tables.push_back(t.Done());
  return s;
}

absl::StatusOr<Section> Fees(const Context& c) {
  Section s{.id = "fees", .title = "Inter-agency fees",
            .intro = "Fees payable for the agency's children placed with other agencies' adopters, and receivable "
                     "for its adopters' placements of other authorities' children, at the rates in force."};
  std::map<bool, fpb::InterAgencyFees> fees;
  std::map<bool, std::string> unpriced;  // a year with a placement before the configured fees
  for (bool now : {true, false}) {
    const auto r = ForYear<fpb::ReportInterAgencyFeesRequest>(c, now ? c.now : c.before);
    auto f = c.ask.Ask(c.ask.familyfinding_.get(), &fpb::FamilyFindingService::Stub::ReportInterAgencyFees, r,
                       "inter-agency fees");
    if (f.ok()) {
      fees[now] = *std::move(f);
    } else if (absl::IsFailedPrecondition(f.status())) {
      unpriced[now] = std::string(f.status().message());
    } else {
      return f.status();
    }
  }
  const auto cell = [&](bool now, const std::string& figure) { return unpriced.count(now) ? "—" : figure; };
  YearTable t("fees", "Inter-agency fees", c.now, c.before);
  for (auto [label, totals] :
       {std::pair{"Payable to other local authorities and RAAs", &fpb::InterAgencyFees::payable_other_la},
        std::pair{"Payable to voluntary adoption agencies", &fpb::InterAgencyFees::payable_voluntary},
        std::pair{"Receivable", &fpb::InterAgencyFees::receivable}}) {
    const fpb::FeeTotals &n = (fees[true].*totals)(), &p = (fees[false].*totals)();
    t.Row(absl::StrCat(label, ": families"), cell(true, Count(n.families())), cell(false, Count(p.families())))
        .Row(absl::StrCat(label, ": children"), cell(true, Count(n.children())), cell(false, Count(p.children())))
        .Row(absl::StrCat(label, ": amount"), cell(true, Pounds(n.amount())), cell(false, Pounds(p.amount())));
  }
  std::vector<std::string> notes;
  for (const auto& [now, why] : unpriced) {
    notes.push_back(absl::StrCat((now ? c.now : c.before).Label(), " is not priced: ", why, "."));
  }
  t.Note(absl::StrJoin(notes, " "));
  s.tables.push_back(t.Done());
  return s;
}

}  // namespace

std::vector<std::string> StatutoryKeys() {
  return {"scorecard_a1_threshold_days", "scorecard_a2_threshold_days", "scorecard_a3_window_days"};
}

absl::StatusOr<Document> Compose(const Services& services, const Options& options, const platform::Agency& agency,
                                 const platform::StatutoryTable& statutory) {
  const Asker ask(services);
  Context c{ask, options, options.year, FinancialYear{options.year.start_year - 1}, ""};
  std::string whose_title;
  if (options.local_authority.empty()) {
    c.whose = "the children of every authority the agency acts for";
  } else {
    const std::string name = AuthorityName(options.local_authority);
    c.whose = absl::StrCat(name, "'s children");
    whose_title = absl::StrCat(" — ", name);
  }
  Document d;
  d.title = absl::StrCat(agency.name(), whose_title, ": annual report ", options.year.Label());
  d.subtitle = absl::StrCat("1 April ", options.year.start_year, " to 31 March ", options.year.start_year + 1,
                            ", with ", c.before.Label(), " beside each figure. Written on ",
                            platform::FormatDate(options.written), " from the services' reports.");
  for (auto section : {&Children, &Adopters, &Panel, &Support, &Letterbox, &Fees}) {
    ASSIGN_OR_RETURN(auto done, section(c));
    d.sections.push_back(std::move(done));
  }
  ASSIGN_OR_RETURN(auto card, Scorecard(c, statutory));
  d.sections.insert(d.sections.begin() + 1, std::move(card));
  // A regional agency's report for all its authorities shows each beside the total.
  if (options.local_authority.empty() && agency.type() == platform::AgencyType::kRegionalAdoptionAgency) {
    ASSIGN_OR_RETURN(auto boroughs, Authorities(c, agency));
    d.sections.insert(d.sections.begin() + 2, std::move(boroughs));
  }
  for (const auto& file : ReportsDocument()) d.definitions = DefinitionsFrom(file.content);
  return d;
}

}  // namespace annual_report
