#include "tools/annual_report/document.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/core/writing.h"

namespace annual_report {

namespace {

using platform::HtmlEscape;

// Greyscale first: a page printed without colour still tells the bars apart.
constexpr char kStyle[] = R"css(
body { font: 11pt/1.45 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 2em auto; max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.25em; border-bottom: 2px solid #111; margin-top: 2em; }
.subtitle { color: #333; margin-top: 0; }
nav ol { columns: 2; }
figure { margin: 1em 0; }
.pair { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.pair > * { flex: 1 1 22em; }
table { border-collapse: collapse; margin: .6em 0 1.2em; min-width: 24em; }
caption { text-align: left; font-weight: bold; padding-bottom: .3em; }
th, td { border: 1px solid #777; padding: .2em .6em; }
thead th { background: #e6e6e6; }
td { text-align: right; font-variant-numeric: tabular-nums; }
tbody th { text-align: left; font-weight: normal; }
.note, .csv { font-size: .85em; color: #333; }
dt { font-weight: bold; margin-top: .5em; } dd { margin-left: 1.5em; }
@media print { body { margin: 0; max-width: none; } nav { display: none; } section { break-inside: avoid-page; }
  table, figure { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
)css";

std::string Number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return absl::StrCat(static_cast<long long>(std::llround(v)));
  return absl::StrFormat("%.1f", v);
}

// The axis' step: 1, 2 or 5 times a power of ten, at least a quarter of `max` — so
// counts are marked in whole numbers and the axis has at most five lines.
double NiceStep(double max) {
  if (max <= 0) return 1;
  const double quarter = max / 4, power = std::pow(10.0, std::floor(std::log10(quarter)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * power >= quarter) return std::max(step * power, 1.0);
  }
  return 10 * power;
}

void AppendTable(const Table& t, std::string& html) {
  absl::StrAppend(&html, "<table id=\"", HtmlEscape(t.id), "\"><caption>", HtmlEscape(t.caption),
                  "</caption>\n<thead><tr>");
  for (const std::string& c : t.columns) absl::StrAppend(&html, "<th scope=\"col\">", HtmlEscape(c), "</th>");
  absl::StrAppend(&html, "</tr></thead>\n<tbody>\n");
  for (const auto& row : t.rows) {
    absl::StrAppend(&html, "<tr>");
    for (size_t i = 0; i < row.size(); ++i) {
      if (i == 0) {
        absl::StrAppend(&html, "<th scope=\"row\">", HtmlEscape(row[i]), "</th>");
      } else {
        absl::StrAppend(&html, "<td>", HtmlEscape(row[i]), "</td>");
      }
    }
    absl::StrAppend(&html, "</tr>\n");
  }
  absl::StrAppend(&html, "</tbody></table>\n");
  if (!t.note.empty()) absl::StrAppend(&html, "<p class=\"note\">", HtmlEscape(t.note), "</p>\n");
  absl::StrAppend(&html, "<p class=\"csv\">This table as CSV: <a href=\"", HtmlEscape(t.id), ".csv\">",
                  HtmlEscape(t.id), ".csv</a></p>\n");
}

// Markdown's marks out of a definition's text: emphasis and code, kept as words.
std::string Plain(absl::string_view text) { return absl::StrReplaceAll(text, {{"**", ""}, {"`", ""}, {"*", ""}}); }

}  // namespace

std::vector<Definition> DefinitionsFrom(const std::string& markdown) {
  std::vector<Definition> out;
  std::string group;
  bool defining = false, in_bullet = false;
  for (absl::string_view line : absl::StrSplit(markdown, '\n')) {
    if (absl::StartsWith(line, "## ")) {
      std::string heading(absl::StripPrefix(line, "## "));
      // "Adopters (recruitment-svc: the agency's own households)" -> "Adopters".
      group = std::string(absl::StripAsciiWhitespace(heading.substr(0, heading.find(" ("))));
      defining = group != "How they are worked out" && group != "The annual report";
      in_bullet = false;
      continue;
    }
    if (!defining) continue;
    if (absl::StartsWith(line, "- ")) {
      absl::string_view body = line.substr(2);
      Definition d{.group = group, .term = "Convention"};
      if (absl::StartsWith(body, "**")) {
        const size_t end = body.find("**", 2);
        if (end != absl::string_view::npos) {
          d.term = std::string(body.substr(2, end - 2));
          body = absl::StripLeadingAsciiWhitespace(body.substr(end + 2));
        }
      }
      d.meaning = Plain(body);
      out.push_back(std::move(d));
      in_bullet = true;
    } else if (in_bullet && absl::StartsWith(line, "  ")) {
      absl::StrAppend(&out.back().meaning, " ", Plain(absl::StripAsciiWhitespace(line)));
    } else {
      in_bullet = false;
    }
  }
  return out;
}

// The series' fills, darkest first: apart in greyscale and in print.
constexpr const char* kFills[] = {"#333", "#bbb", "#777", "#fff", "#555"};
constexpr size_t kMaxSeries = sizeof(kFills) / sizeof(kFills[0]);

std::string Svg(const BarChart& chart) {
  const size_t n = chart.categories.size();
  const size_t count = std::min(chart.series.size(), kMaxSeries);
  // Room for each bar: at least 9 units, or the chart grows wider than the page's 640.
  const double kWidth = std::max(640.0, 64.0 + 9.0 * static_cast<double>(n * std::max<size_t>(count, 1)) / 0.78),
               kLeft = 52, kRight = 12, kTop = 34;
  // Labels slant when the longest would not fit under its bars (about 7 units a letter).
  size_t longest = 0;
  for (const std::string& c : chart.categories) longest = std::max(longest, c.size());
  const bool slanted = n > 0 && 7.0 * static_cast<double>(longest) > (kWidth - kLeft - kRight) / static_cast<double>(n);
  const double bottom = slanted ? 84 : 40, height = 250 + (slanted ? 44 : 0);
  const double plot_w = kWidth - kLeft - kRight, plot_h = height - kTop - bottom;
  double max = 0;
  for (const auto& s : chart.series) {
    for (double v : s.values) max = std::max(max, v);
  }
  const double step = NiceStep(max), lines = std::max(1.0, std::ceil(max / step)), top = step * lines;
  const auto y = [&](double v) { return kTop + plot_h - plot_h * v / top; };

  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
      "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\"><title>%s</title>\n",
      static_cast<int>(kWidth), static_cast<int>(height), static_cast<int>(kWidth), static_cast<int>(height),
      HtmlEscape(chart.title));
  absl::StrAppend(&svg, "<rect x=\"0\" y=\"0\" width=\"", kWidth, "\" height=\"", height, "\" fill=\"#fff\"/>\n");
  // The axis: a line at each step, labelled.
  for (int i = 0; i <= static_cast<int>(lines); ++i) {
    const double v = step * i, at = y(v);
    absl::StrAppend(&svg, absl::StrFormat("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                                          kLeft, at, kWidth - kRight, at, i == 0 ? "#111" : "#ccc"),
                    absl::StrFormat("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", kLeft - 6, at + 4,
                                    Number(v)));
  }
  // The legend, above the plot.
  double legend_x = kLeft;
  const auto& fills = kFills;
  for (size_t s = 0; s < count; ++s) {
    absl::StrAppend(&svg,
                    absl::StrFormat("<rect x=\"%.1f\" y=\"8\" width=\"14\" height=\"14\" fill=\"%s\" "
                                    "stroke=\"#111\"/><text x=\"%.1f\" y=\"19\">%s</text>\n",
                                    legend_x, fills[s], legend_x + 20, HtmlEscape(chart.series[s].name)));
    legend_x += 40 + 7.0 * static_cast<double>(chart.series[s].name.size());
  }
  if (n == 0) return svg + "</svg>";
  const double group = plot_w / static_cast<double>(n);
  const double bar = count ? group * 0.78 / static_cast<double>(count) : 0;
  for (size_t c = 0; c < n; ++c) {
    const double x0 = kLeft + group * static_cast<double>(c) + group * 0.11;
    for (size_t s = 0; s < count; ++s) {
      const double v = c < chart.series[s].values.size() ? chart.series[s].values[c] : 0;
      const double x = x0 + bar * static_cast<double>(s), at = y(v);
      absl::StrAppend(&svg,
                      absl::StrFormat("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                                      "stroke=\"#111\"><title>%s, %s: %s</title></rect>",
                                      x, at, std::max(bar - 1, 1.0), kTop + plot_h - at, fills[s],
                                      HtmlEscape(chart.categories[c]), HtmlEscape(chart.series[s].name), Number(v)),
                      absl::StrFormat("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>\n",
                                      x + bar / 2, at - 3, Number(v)));
    }
    const double cx = kLeft + group * (static_cast<double>(c) + 0.5), cy = kTop + plot_h + 14;
    if (slanted) {
      absl::StrAppend(&svg, absl::StrFormat("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
                                            "transform=\"rotate(-40 %.1f %.1f)\">%s</text>\n",
                                            cx, cy, cx, cy, HtmlEscape(chart.categories[c])));
    } else {
      absl::StrAppend(&svg, absl::StrFormat("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", cx,
                                            cy, HtmlEscape(chart.categories[c])));
    }
  }
  return svg + "</svg>";
}

std::string Csv(const Table& table) {
  std::vector<std::string> header = table.columns;
  if (!header.empty() && header[0].empty()) header[0] = "figure";
  std::string out = platform::CsvLine(header);
  for (const auto& row : table.rows) out += platform::CsvLine(row);
  return out;
}

std::string Html(const Document& d) {
  std::string html = absl::StrCat("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n<title>",
                                  HtmlEscape(d.title), "</title>\n<style>", kStyle, "</style></head>\n<body>\n<h1>",
                                  HtmlEscape(d.title), "</h1>\n<p class=\"subtitle\">", HtmlEscape(d.subtitle),
                                  "</p>\n<nav aria-label=\"Contents\"><ol>\n");
  for (const Section& s : d.sections) {
    absl::StrAppend(&html, "<li><a href=\"#", HtmlEscape(s.id), "\">", HtmlEscape(s.title), "</a></li>\n");
  }
  if (!d.definitions.empty()) absl::StrAppend(&html, "<li><a href=\"#definitions\">Definitions</a></li>\n");
  absl::StrAppend(&html, "</ol></nav>\n");
  for (const Section& s : d.sections) {
    absl::StrAppend(&html, "<section id=\"", HtmlEscape(s.id), "\">\n<h2>", HtmlEscape(s.title), "</h2>\n");
    if (!s.intro.empty()) absl::StrAppend(&html, "<p>", HtmlEscape(s.intro), "</p>\n");
    std::vector<bool> drawn(s.tables.size(), false);
    for (const BarChart& chart : s.charts) {
      // The chart with its figures beside it: the table is what a screen reader reads.
      absl::StrAppend(&html, "<div class=\"pair\"><figure><figcaption>", HtmlEscape(chart.title),
                      "</figcaption>\n", Svg(chart), "</figure><div>\n");
      for (size_t i = 0; i < s.tables.size(); ++i) {
        if (s.tables[i].id == chart.table_id && !drawn[i]) {
          AppendTable(s.tables[i], html);
          drawn[i] = true;
        }
      }
      absl::StrAppend(&html, "</div></div>\n");
    }
    for (size_t i = 0; i < s.tables.size(); ++i) {
      if (!drawn[i]) AppendTable(s.tables[i], html);
    }
    absl::StrAppend(&html, "</section>\n");
  }
  if (!d.definitions.empty()) {
    absl::StrAppend(&html, "<section id=\"definitions\">\n<h2>Definitions</h2>\n");
    std::string group;
    for (size_t i = 0; i < d.definitions.size(); ++i) {
      const Definition& def = d.definitions[i];
      if (i == 0 || def.group != group) {
        absl::StrAppend(&html, i ? "</dl>\n" : "", def.group.empty() ? "" : "<h3>" + HtmlEscape(def.group) + "</h3>\n",
                        "<dl>\n");
        group = def.group;
      }
      absl::StrAppend(&html, "<dt>", HtmlEscape(def.term), "</dt><dd>", HtmlEscape(def.meaning), "</dd>\n");
    }
    absl::StrAppend(&html, "</dl>\n</section>\n");
  }
  return html + "</body></html>\n";
}

}  // namespace annual_report
