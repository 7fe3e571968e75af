// The annual report's layout: the page is self-contained and escapes what it prints,
// each chart sits beside its table, every table has its CSV, and the bars are scaled
// and labelled.
#include "tools/annual_report/document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace annual_report {
namespace {

Document Sample() {
  Document d;
  d.title = "Smith & Jones <RAA>: annual report 2017-18";
  d.subtitle = "1 April 2017 to 31 March 2018";
  Section s{.id = "adopters", .title = "Adopters", .intro = "The agency's own households."};
  s.tables.push_back({.id = "adopters-funnel",
                      .caption = "The adopters' pipeline",
                      .columns = {"", "2017-18", "2016-17"},
                      .rows = {{"Enquiries", "146", "151"}, {"Approved within six months", "4 of 14 (28.5%)", "—"}},
                      .note = "Counted \"as at\" 31 March, children, 2 > 1"});
  s.tables.push_back({.id = "adopters-stages", .caption = "Stages", .columns = {"", "2017-18", "2016-17"},
                      .rows = {{"Stage 1", "9", "7"}}});
  s.charts.push_back({.title = "The pipeline",
                      .categories = {"Enquiries", "ROIs"},
                      .series = {{"2017-18", {146, 30}}, {"2016-17", {151, 25}}},
                      .table_id = "adopters-funnel"});
  d.sections.push_back(s);
  d.definitions.push_back({"Adopters", "ROI", "A registration of interest <Stage 1's start>."});
  return d;
}

TEST(AnnualReportDocument, ThePageIsSelfContainedAndEscapesWhatItPrints) {
  const std::string html = Html(Sample());
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>"));
  EXPECT_TRUE(absl::StrContains(html, "<title>Smith &amp; Jones &lt;RAA&gt;: annual report 2017-18</title>"));
  EXPECT_FALSE(absl::StrContains(html, "<RAA>"));
  // No script and nothing fetched from elsewhere: styles inline, charts inline SVG.
  EXPECT_FALSE(absl::StrContains(html, "<script"));
  EXPECT_FALSE(absl::StrContains(html, "<link"));
  EXPECT_FALSE(absl::StrContains(html, "src="));
  EXPECT_TRUE(absl::StrContains(html, "<style>"));
  EXPECT_TRUE(absl::StrContains(html, "Counted &quot;as at&quot; 31 March, children, 2 &gt; 1"));
  EXPECT_TRUE(absl::StrContains(html, "<dt>ROI</dt><dd>A registration of interest &lt;Stage 1&#39;s start&gt;.</dd>"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"#adopters\">Adopters</a>"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"#definitions\">Definitions</a>"));
  // Each table links its CSV; the chart's table comes right after the chart, the other after.
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"adopters-funnel.csv\">"));
  EXPECT_TRUE(absl::StrContains(html, "<a href=\"adopters-stages.csv\">"));
  const size_t chart = html.find("<svg"), funnel = html.find("id=\"adopters-funnel\""),
               stages = html.find("id=\"adopters-stages\"");
  ASSERT_NE(chart, std::string::npos);
  EXPECT_LT(chart, funnel);
  EXPECT_LT(funnel, stages);
  EXPECT_EQ(html.find("id=\"adopters-funnel\"", funnel + 1), std::string::npos) << "the table printed twice";
  EXPECT_TRUE(absl::StrContains(html, "<th scope=\"row\">Enquiries</th><td>146</td><td>151</td>"));
}

TEST(AnnualReportDocument, ATableIsACsvFileWithItsColumnsAndQuotedFields) {
  const Document d = Sample();
  EXPECT_EQ(Csv(d.sections[0].tables[0]),
            "figure,2017-18,2016-17\n"
            "Enquiries,146,151\n"
            "Approved within six months,4 of 14 (28.5%),—\n");
  Table quoted{.id = "t", .columns = {"Measure", "2017-18"}, .rows = {{"Fees, payable", "£459,000"}, {"Said \"no\"", "1"}}};
  EXPECT_EQ(Csv(quoted), "Measure,2017-18\n\"Fees, payable\",\"£459,000\"\n\"Said \"\"no\"\"\",1\n");
}

TEST(AnnualReportDocument, BarsAreScaledToTheAxisAndEachCarriesItsValue) {
  const BarChart chart = Sample().sections[0].charts[0];
  const std::string svg = Svg(chart);
  EXPECT_TRUE(absl::StartsWith(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
  EXPECT_TRUE(absl::StrContains(svg, "<title>The pipeline</title>"));
  // Four bars (two categories, two years) plus the background and two legend swatches.
  // A bar is a titled <rect>: its height, in the order drawn.
  std::vector<double> heights;
  for (absl::string_view rect : absl::StrSplit(svg, "<rect ")) {
    if (!absl::StrContains(rect, "stroke=\"#111\"><title>")) continue;
    const size_t at = rect.find("height=\"");
    ASSERT_NE(at, absl::string_view::npos) << rect;
    heights.push_back(std::stod(std::string(rect.substr(at + 8))));
  }
  ASSERT_EQ(heights.size(), 4u);
  // The axis runs in steps of 50 (1, 2 or 5 times ten, a quarter of 151 or more) to 200.
  EXPECT_NEAR(heights[0] / heights[1], 146.0 / 151.0, 0.01);
  EXPECT_NEAR(heights[2] / heights[0], 30.0 / 146.0, 0.01);
  EXPECT_TRUE(absl::StrContains(svg, ">200</text>"));
  EXPECT_TRUE(absl::StrContains(svg, "<title>ROIs, 2016-17: 25</title>"));
  EXPECT_TRUE(absl::StrContains(svg, ">2017-18</text>"));
  // Greyscale: the two years differ in fill, both outlined.
  EXPECT_TRUE(absl::StrContains(svg, "fill=\"#333\""));
  EXPECT_TRUE(absl::StrContains(svg, "fill=\"#bbb\""));
}

TEST(AnnualReportDocument, DefinitionsComeFromTheReportsDocumentsBullets) {
  const std::string markdown =
      "# Reports\n\nIntro.\n\n## Conventions\n- A duration in days is the later date minus the earlier.\n"
      "- A **period** includes both its days.\n\n## How they are worked out\n- Not a definition.\n\n"
      "## Adopters (recruitment-svc: the agency's own households)\n"
      "- **Funnel** (`adopter-funnel`): households with the step in the period,\n"
      "  each once per step.\n"
      "- **Stage at d** (`household-stages`): ENQUIRY, *REGISTERED*.\n\nA paragraph after.\n"
      "## The annual report\n- Not a definition either.\n";
  const std::vector<Definition> d = DefinitionsFrom(markdown);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].group, "Conventions");
  EXPECT_EQ(d[0].term, "Convention");
  EXPECT_EQ(d[0].meaning, "A duration in days is the later date minus the earlier.");
  EXPECT_EQ(d[1].meaning, "A period includes both its days.");
  EXPECT_EQ(d[2].group, "Adopters");
  EXPECT_EQ(d[2].term, "Funnel");
  EXPECT_EQ(d[2].meaning, "(adopter-funnel): households with the step in the period, each once per step.");
  EXPECT_EQ(d[3].term, "Stage at d");
  EXPECT_EQ(d[3].meaning, "(household-stages): ENQUIRY, REGISTERED.");
}

TEST(AnnualReportDocument, AChartOfNothingStillDrawsItsAxis) {
  BarChart empty{.title = "Cases heard", .categories = {"Match"}, .series = {{"2017-18", {0}}}};
  const std::string svg = Svg(empty);
  EXPECT_TRUE(absl::StrContains(svg, ">1</text>"));  // an axis of 0 to 1
  EXPECT_TRUE(absl::EndsWith(svg, "</svg>"));
}

}  // namespace
}  // namespace annual_report
