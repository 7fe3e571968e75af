#pragma once
// The annual report as a document (docs/reports.md, "The annual report"): sections of
// tables and bar charts, written as one self-contained HTML page — inline CSS and SVG,
// no script, printable — and a CSV file for every table. Pure: what the figures are is
// decided by compose.h; this only lays them out.
#include <string>
#include <vector>

namespace annual_report {

// A table of figures: a row per figure, a column per year (or per authority).
struct Table {
  std::string id;       // the CSV file's name without ".csv", unique in the document: "adopters-funnel"
  std::string caption;  // "The adopters' pipeline"
  std::vector<std::string> columns;            // the first names the rows: {"", "2017-18", "2016-17"}
  std::vector<std::vector<std::string>> rows;  // each as wide as `columns`; the first cell names the row
  std::string note;                            // under the table: where a figure comes from, what it leaves out
};

// Bars for each category, one bar per series (a year and the year before, or up to five
// authorities, told apart in greyscale by their fill, every bar outlined). Drawn as SVG
// with its table beside it; a chart of many bars is drawn wider.
struct BarChart {
  std::string title;
  std::vector<std::string> categories;  // along the bottom
  struct Series {
    std::string name;            // "2017-18"
    std::vector<double> values;  // one per category
  };
  std::vector<Series> series;
  std::string table_id;  // the table holding the same figures, for screen readers
};

struct Section {
  std::string id, title;
  std::string intro;  // one paragraph: whose figures these are
  std::vector<BarChart> charts;
  std::vector<Table> tables;
};

// A measure's definition, for the appendix.
struct Definition {
  std::string group;  // the part of the suite it belongs to: "Adopters", "Conventions"
  std::string term, meaning;
};

// The definitions in docs/reports.md, the document the measures are defined by: each
// bullet of its sections on the figures ("- **Funnel** (`adopter-funnel`): …") as a term
// and its meaning, with markdown's marks taken out; a convention without a bold term is
// named "Convention". Sections on how reports are worked out or laid out are skipped.
std::vector<Definition> DefinitionsFrom(const std::string& markdown);

struct Document {
  std::string title;     // "Example Regional Adoption Agency — annual report 2017-18"
  std::string subtitle;  // the period, whose children, when it was written
  std::vector<Section> sections;
  std::vector<Definition> definitions;
};

// The page: headings, a contents list, each section's charts beside their tables, the
// definitions. Every text escaped; each table links its CSV file by name.
std::string Html(const Document& document);

// A table as CSV: its columns as the header ("figure" for the first when unnamed),
// then its rows.
std::string Csv(const Table& table);

// The chart as an inline <svg> element (role="img", titled), bars scaled to the largest
// value with a labelled axis; every bar carries its value as text.
std::string Svg(const BarChart& chart);

}  // namespace annual_report
