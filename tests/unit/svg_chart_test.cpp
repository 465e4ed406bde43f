// Server-drawn SVG charts: well-formed and accessible markup, pixel positions of data, ticks,
// number formatting, escaping and the degenerate inputs (NaN, empty, single point).
#include "web/pages/svg_chart.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace lmo::web;

namespace {

// ---- a tiny reader of the produced markup ----

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;                   // character data directly after the start tag
  std::vector<std::string> ancestors;  // class attributes of the enclosing elements
  bool has_class(const std::string& name_) const {
    auto it = attributes.find("class");
    if (it == attributes.end()) return false;
    std::istringstream words(it->second);
    std::string word;
    while (words >> word) {
      if (word == name_) return true;
    }
    return false;
  }
  bool inside(const std::string& class_name) const {
    for (const auto& classes : ancestors) {
      std::istringstream words(classes);
      std::string word;
      while (words >> word) {
        if (word == class_name) return true;
      }
    }
    return false;
  }
  double number(const std::string& attribute) const { return std::stod(attributes.at(attribute)); }
};

bool valid_entity(const std::string& xml, std::size_t at) {
  for (const char* entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
    if (xml.compare(at, std::string(entity).size(), entity) == 0) return true;
  }
  return false;
}

// "" when the markup is one well-formed element: tags balanced and properly nested, attribute
// values quoted, no bare '<', '>' or '&' in text or attributes. Otherwise what is wrong.
std::string well_formedness_error(const std::string& xml) {
  std::vector<std::string> open;
  bool root_closed = false;
  for (std::size_t i = 0; i < xml.size();) {
    char c = xml[i];
    if (c == '&') {
      if (!valid_entity(xml, i)) return "bare & at " + std::to_string(i);
      ++i;
      continue;
    }
    if (c == '>') return "bare > at " + std::to_string(i);
    if (c != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(c))) return "text outside the root";
      ++i;
      continue;
    }
    if (root_closed) return "content after the root element";
    // A tag: find its end, honouring quoted attribute values.
    std::size_t j = i + 1;
    bool quoted = false;
    for (; j < xml.size(); ++j) {
      if (xml[j] == '"') quoted = !quoted;
      else if (!quoted && xml[j] == '>') break;
      else if (xml[j] == '<') return "'<' inside a tag at " + std::to_string(j);
      else if (xml[j] == '&' && !valid_entity(xml, j)) return "bare & in a tag at " + std::to_string(j);
    }
    if (j >= xml.size()) return "unterminated tag at " + std::to_string(i);
    std::string tag = xml.substr(i + 1, j - i - 1);
    if (tag.empty()) return "empty tag";
    if (tag[0] == '/') {
      std::string name = tag.substr(1);
      if (open.empty()) return "closing </" + name + "> with nothing open";
      if (open.back() != name) return "closing </" + name + "> but <" + open.back() + "> is open";
      open.pop_back();
      if (open.empty()) root_closed = true;
    } else {
      bool self_closing = tag.back() == '/';
      std::string name = tag.substr(0, tag.find_first_of(" /"));
      if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return "bad tag name in <" + tag + ">";
      if (open.empty() && i != 0) return "root element does not start the text";
      // Attributes: name="value" pairs only.
      static const std::regex attributes(R"(^[A-Za-z][\w:-]*(\s+[A-Za-z][\w:-]*="[^"]*")*\s*/?$)");
      if (!std::regex_match(tag, attributes)) return "malformed attributes in <" + tag + ">";
      if (!self_closing) open.push_back(name);
      else if (open.empty()) root_closed = true;
    }
    i = j + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  if (!root_closed) return "no element";
  return "";
}

std::vector<Element> parse(const std::string& xml) {
  std::vector<Element> out;
  std::vector<std::string> ancestors;
  static const std::regex attribute(R"re(([A-Za-z][\w:-]*)="([^"]*)")re");
  for (std::size_t i = xml.find('<'); i != std::string::npos; i = xml.find('<', i + 1)) {
    std::size_t j = xml.find('>', i);
    std::string tag = xml.substr(i + 1, j - i - 1);
    if (tag[0] == '/') {
      ancestors.pop_back();
      continue;
    }
    Element e;
    e.name = tag.substr(0, tag.find_first_of(" /"));
    for (auto it = std::sregex_iterator(tag.begin(), tag.end(), attribute); it != std::sregex_iterator(); ++it) {
      e.attributes[(*it)[1]] = (*it)[2];
    }
    e.ancestors = ancestors;
    std::size_t next = xml.find('<', j);
    e.text = xml.substr(j + 1, next - j - 1);
    out.push_back(e);
    if (tag.back() != '/') ancestors.push_back(e.attributes.count("class") ? e.attributes["class"] : "");
  }
  return out;
}

std::vector<Element> with_class(const std::string& svg, const std::string& class_name) {
  std::vector<Element> out;
  for (auto& e : parse(svg)) {
    if (e.has_class(class_name)) out.push_back(e);
  }
  return out;
}

std::vector<Element> named(const std::string& svg, const std::string& name) {
  std::vector<Element> out;
  for (auto& e : parse(svg)) {
    if (e.name == name) out.push_back(e);
  }
  return out;
}

struct PlotBox {
  double left, top, right, bottom;
};

PlotBox plot_box(const std::string& svg) {
  auto rects = with_class(svg, "chart-plot");
  EXPECT_EQ(rects.size(), 1u);
  if (rects.empty()) return {0, 0, 0, 0};
  const Element& r = rects.front();
  return {r.number("x"), r.number("y"), r.number("x") + r.number("width"), r.number("y") + r.number("height")};
}

struct Xy {
  double x, y;
};

// The coordinates of a path made of M and L commands, and how many sub-paths (M) it has.
std::vector<Xy> path_points(const std::string& d, int* moves = nullptr) {
  std::vector<Xy> out;
  static const std::regex pair(R"(([ML])(-?[0-9.]+),(-?[0-9.]+))");
  int m = 0;
  for (auto it = std::sregex_iterator(d.begin(), d.end(), pair); it != std::sregex_iterator(); ++it) {
    if ((*it)[1] == "M") ++m;
    out.push_back({std::stod((*it)[2]), std::stod((*it)[3])});
  }
  if (moves) *moves = m;
  return out;
}

std::vector<Element> series_lines(const std::string& svg) {
  std::vector<Element> out;
  for (auto& e : with_class(svg, "chart-line")) out.push_back(e);
  return out;
}

// Tick labels of one axis ("chart-axis-x" or "chart-axis-y"), in order.
std::vector<Element> tick_labels(const std::string& svg, const std::string& axis) {
  std::vector<Element> out;
  for (auto& e : with_class(svg, "chart-tick-label")) {
    if (e.inside(axis)) out.push_back(e);
  }
  return out;
}

std::vector<std::string> texts(const std::vector<Element>& elements) {
  std::vector<std::string> out;
  for (const auto& e : elements) out.push_back(e.text);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Every coordinate the chart writes has exactly two decimals.
void expect_fixed_precision(const std::string& svg) {
  static const std::regex fixed(R"(^-?[0-9]+\.[0-9]{2}$)");
  for (const auto& e : parse(svg)) {
    for (const char* a : {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy"}) {
      auto it = e.attributes.find(a);
      if (it != e.attributes.end()) {
        EXPECT_TRUE(std::regex_match(it->second, fixed)) << a << "=" << it->second;
      }
    }
    if (e.name == "path") {
      static const std::regex number(R"(-?[0-9][0-9.]*)");
      const std::string& d = e.attributes.at("d");
      for (auto it = std::sregex_iterator(d.begin(), d.end(), number); it != std::sregex_iterator(); ++it) {
        EXPECT_TRUE(std::regex_match(it->str(), fixed)) << it->str();
      }
    }
  }
}

Series series(std::string name, std::vector<Point> points, bool steps = false) {
  Series s;
  s.name = std::move(name);
  s.points = std::move(points);
  s.steps = steps;
  return s;
}

Bar bar(std::string category, double value, std::string value_label = "") {
  Bar b;
  b.category = std::move(category);
  b.value = value;
  b.value_label = std::move(value_label);
  return b;
}

constexpr double kTolerance = 0.011;  // coordinates are written with two decimals

LineChart oc_curve() {
  LineChart chart;
  chart.id = "oc";
  chart.title = "OC curve, n = 59, c = 0";
  chart.description = "Probability of acceptance against the proportion of defective units.";
  chart.x.label = "Proportion defective";
  chart.x.format.percent = true;
  chart.y.label = "Probability of acceptance";
  chart.y.min = 0;
  chart.y.max = 1;
  Series s = series("n = 59", {});
  for (int i = 0; i <= 100; ++i) {
    double p = i * 0.001;
    s.points.push_back({p, std::pow(1 - p, 59)});
  }
  chart.series.push_back(s);
  chart.x_lines = {{0.001, "AQL 0.1 %"}, {0.05, "LQL 5 %"}};
  chart.y_lines = {{0.05, "β = 5 %"}};
  chart.annotations = {{0.05, std::pow(0.95, 59), "consumer risk 4.8 %"}};
  return chart;
}

}  // namespace

// ---- the checker itself ----

TEST(SvgChartChecker, RejectsBrokenMarkup) {
  EXPECT_EQ(well_formedness_error("<svg><g></g><line/></svg>"), "");
  EXPECT_NE(well_formedness_error("<svg><g></svg>"), "");
  EXPECT_NE(well_formedness_error("<svg></g></svg>"), "");
  EXPECT_NE(well_formedness_error("<svg><text>a < b</text></svg>"), "");
  EXPECT_NE(well_formedness_error("<svg><text>a & b</text></svg>"), "");
  EXPECT_NE(well_formedness_error(R"(<svg><text x="1>a</text></svg>)"), "");
  EXPECT_NE(well_formedness_error(R"(<svg><text x=1>a</text></svg>)"), "");
  EXPECT_NE(well_formedness_error("<svg></svg><svg></svg>"), "");
}

// ---- structure and accessibility ----

TEST(SvgChart, LineChartIsWellFormedAndAccessible) {
  std::string svg = render_svg(oc_curve());
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-labelledby="oc-title oc-desc")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<title id="oc-title">OC curve, n = 59, c = 0</title>)"), std::string::npos);
  EXPECT_NE(svg.find(R"(<desc id="oc-desc">Probability of acceptance against)"), std::string::npos);
  EXPECT_NE(svg.find(R"(viewBox="0 0 640 400")"), std::string::npos);
  EXPECT_NE(svg.find(R"(width="100%")"), std::string::npos);
  // The title is the first child, as screen readers expect.
  EXPECT_EQ(named(svg, "title").size(), 1u);
  EXPECT_LT(svg.find("<title"), svg.find("<rect"));
  expect_fixed_precision(svg);
}

TEST(SvgChart, NothingActiveOrExternal) {
  LineChart chart = oc_curve();
  chart.title = "<script>alert(1)</script>";
  chart.series[0].name = R"(" onload="alert(1))";
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_EQ(lower(svg).find("<script"), std::string::npos);
  for (const auto& e : parse(svg)) {  // no event handler attributes
    for (const auto& [name, value] : e.attributes) EXPECT_NE(lower(name).rfind("on", 0), 0u) << name;
  }
  EXPECT_NE(svg.find("&quot; onload=&quot;alert(1)"), std::string::npos);  // the name, as text
  EXPECT_EQ(svg.find("href"), std::string::npos);
  EXPECT_EQ(svg.find("url("), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);  // the CSP forbids style attributes
  EXPECT_EQ(svg.find("<image"), std::string::npos);
}

TEST(SvgChart, LabelledByNamesExistingIds) {
  LineChart chart;
  chart.id = R"(a"b c<d)";
  chart.title = "T";
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  auto root = named(svg, "svg").at(0);
  std::istringstream ids(root.attributes.at("aria-labelledby"));
  std::string id;
  int count = 0;
  while (ids >> id) {
    ++count;
    EXPECT_NE(svg.find(R"(id=")" + id + R"(")"), std::string::npos) << id;
    EXPECT_TRUE(std::regex_match(id, std::regex(R"([A-Za-z][\w-]*)"))) << id;
  }
  EXPECT_EQ(count, 1);  // no description: only the title
  EXPECT_EQ(svg.find("<desc"), std::string::npos);
}

// ---- positions ----

TEST(SvgChart, PointsMapToPixelsOfAFixedRange) {
  LineChart chart;
  chart.x.min = 0;
  chart.x.max = 10;
  chart.y.min = 0;
  chart.y.max = 1;
  chart.series.push_back(series("", {{0, 0}, {10, 1}, {5, 0.5}, {2.5, 0.25}}));
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto lines = series_lines(svg);
  ASSERT_EQ(lines.size(), 1u);
  auto points = path_points(lines[0].attributes.at("d"));
  ASSERT_EQ(points.size(), 4u);
  EXPECT_NEAR(points[0].x, box.left, kTolerance);
  EXPECT_NEAR(points[0].y, box.bottom, kTolerance);
  EXPECT_NEAR(points[1].x, box.right, kTolerance);
  EXPECT_NEAR(points[1].y, box.top, kTolerance);
  EXPECT_NEAR(points[2].x, (box.left + box.right) / 2, kTolerance);
  EXPECT_NEAR(points[2].y, (box.top + box.bottom) / 2, kTolerance);
  EXPECT_NEAR(points[3].x, box.left + (box.right - box.left) / 4, kTolerance);
  EXPECT_NEAR(points[3].y, box.bottom - (box.bottom - box.top) / 4, kTolerance);
  EXPECT_GT(box.right - box.left, 300);  // the plot takes most of the 640 wide viewBox
  EXPECT_GT(box.bottom - box.top, 200);
}

TEST(SvgChart, AutoRangeEndsOnNiceTicksAtTheDataEnds) {
  LineChart chart;
  chart.series.push_back(series("", {{0, 0}, {0.5, 0.3}, {1, 1}}));
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"));
  ASSERT_EQ(points.size(), 3u);
  EXPECT_NEAR(points[2].x, box.right, kTolerance);
  EXPECT_NEAR(points[2].y, box.top, kTolerance);
  EXPECT_NEAR(points[0].x, box.left, kTolerance);
  auto x_ticks = tick_labels(svg, "chart-axis-x");
  ASSERT_GE(x_ticks.size(), 3u);
  EXPECT_EQ(x_ticks.front().text, "0.0");
  EXPECT_EQ(x_ticks.back().text, "1.0");
  EXPECT_NEAR(x_ticks.front().number("x"), box.left, kTolerance);
  EXPECT_NEAR(x_ticks.back().number("x"), box.right, kTolerance);
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-y")),
            (std::vector<std::string>{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}));
}

TEST(SvgChart, AutoRangeCoversDataThatIsNotRound) {
  LineChart chart;
  chart.series.push_back(series("", {{3, 17}, {97, 83}}));
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"));
  for (const auto& p : points) {
    EXPECT_GT(p.x, box.left);
    EXPECT_LT(p.x, box.right);
    EXPECT_GT(p.y, box.top);
    EXPECT_LT(p.y, box.bottom);
  }
  auto x_ticks = texts(tick_labels(svg, "chart-axis-x"));
  EXPECT_EQ(x_ticks.front(), "0");
  EXPECT_EQ(x_ticks.back(), "100");
}

TEST(SvgChart, LogAxisSpacesDecadesEvenly) {
  LineChart chart;
  chart.x_log10 = true;
  chart.series.push_back(series("", {{0.001, 1}, {0.01, 0.9}, {0.1, 0.5}, {1, 0}}));
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"));
  ASSERT_EQ(points.size(), 4u);
  double decade = (box.right - box.left) / 3;
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(points[i].x, box.left + i * decade, kTolerance) << i;

  std::map<std::string, double> tick_x;
  for (const auto& e : tick_labels(svg, "chart-axis-x")) tick_x[e.text] = e.number("x");
  ASSERT_TRUE(tick_x.count("0.001") && tick_x.count("0.01") && tick_x.count("0.1") && tick_x.count("1"));
  EXPECT_NEAR(tick_x["0.01"] - tick_x["0.001"], decade, kTolerance);
  EXPECT_NEAR(tick_x["0.1"] - tick_x["0.01"], decade, kTolerance);
  EXPECT_NEAR(tick_x["1"] - tick_x["0.1"], decade, kTolerance);
  // Over three decades the 2 and 5 multiples are labelled too, at log10(2) and log10(5) of a decade.
  ASSERT_TRUE(tick_x.count("0.02") && tick_x.count("0.05"));
  EXPECT_NEAR(tick_x["0.02"] - tick_x["0.01"], decade * std::log10(2.0), kTolerance);
  EXPECT_NEAR(tick_x["0.05"] - tick_x["0.01"], decade * std::log10(5.0), kTolerance);
}

TEST(SvgChart, LogAxisLeavesGapsAtNonPositiveX) {
  LineChart chart;
  chart.x_log10 = true;
  chart.series.push_back(series("", {{0, 1}, {1, 1}, {10, 0.5}, {-5, 0.4}, {100, 0.2}, {1000, 0.1}}));
  std::string svg = render_svg(chart);
  int moves = 0;
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"), &moves);
  EXPECT_EQ(points.size(), 4u);
  EXPECT_EQ(moves, 2);
  auto x_ticks = texts(tick_labels(svg, "chart-axis-x"));
  EXPECT_EQ(x_ticks.front(), "1");
  EXPECT_EQ(x_ticks.back(), "1000");
}

TEST(SvgChart, LogAxisOverManyDecadesKeepsLabelsApart) {
  LineChart chart;
  chart.x_log10 = true;
  chart.x.min = 1e-12;
  chart.x.max = 1e12;
  chart.series.push_back(series("", {{1e-12, 0}, {1e12, 1}}));
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  auto ticks = tick_labels(svg, "chart-axis-x");
  ASSERT_GE(ticks.size(), 2u);
  EXPECT_LE(ticks.size(), 13u);
  for (std::size_t i = 1; i < ticks.size(); ++i) {
    EXPECT_GT(ticks[i].number("x") - ticks[i - 1].number("x"), 20) << ticks[i].text;
  }
  auto labels = texts(ticks);
  EXPECT_EQ(std::set<std::string>(labels.begin(), labels.end()).size(), labels.size());  // all distinct
  EXPECT_EQ(labels.front(), "0.000000000001");
}

TEST(SvgChart, VerticalAndHorizontalReferenceLinesAtTheirValues) {
  LineChart chart;
  chart.x_log10 = true;
  chart.x.min = 0.001;
  chart.x.max = 1;
  chart.y.min = 0;
  chart.y.max = 1;
  chart.x_lines = {{0.01, "AQL 1 %"}, {0.1, "LQL 10 %"}, {5, "outside"}};
  chart.y_lines = {{0.05, "β = 5 %"}, {0.95, "1 − α = 95 %"}};
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  PlotBox box = plot_box(svg);
  std::vector<Element> vertical, horizontal;
  for (auto& e : with_class(svg, "chart-reference-line")) {
    (e.inside("chart-reference-x") ? vertical : horizontal).push_back(e);
  }
  ASSERT_EQ(vertical.size(), 2u);  // 5 is beyond the fixed range
  double decade = (box.right - box.left) / 3;
  EXPECT_NEAR(vertical[0].number("x1"), box.left + decade, kTolerance);
  EXPECT_NEAR(vertical[0].number("x2"), box.left + decade, kTolerance);
  EXPECT_NEAR(vertical[1].number("x1"), box.left + 2 * decade, kTolerance);
  EXPECT_LE(vertical[0].number("y1"), box.top);  // reaching up to its label
  EXPECT_GE(vertical[0].number("y1"), box.top - 5);
  EXPECT_NEAR(vertical[0].number("y2"), box.bottom, kTolerance);
  ASSERT_EQ(horizontal.size(), 2u);
  EXPECT_NEAR(horizontal[0].number("y1"), box.bottom - 0.05 * (box.bottom - box.top), kTolerance);
  EXPECT_NEAR(horizontal[1].number("y1"), box.bottom - 0.95 * (box.bottom - box.top), kTolerance);
  auto labels = with_class(svg, "chart-reference-label");
  EXPECT_EQ(texts(labels), (std::vector<std::string>{"AQL 1 %", "LQL 10 %", "β = 5 %", "1 − α = 95 %"}));
  EXPECT_EQ(svg.find("outside"), std::string::npos);
  // Outside the plot, where no curve can hide them: vertical lines' labels above, centred on
  // the line; horizontal lines' labels to the right, beside the line.
  ASSERT_EQ(labels.size(), 4u);
  EXPECT_LT(labels[0].number("y"), box.top);
  EXPECT_NEAR(labels[0].number("x"), box.left + decade, kTolerance);
  EXPECT_EQ(labels[0].attributes.at("text-anchor"), "middle");
  EXPECT_LT(labels[1].number("y"), box.top);
  EXPECT_GT(labels[2].number("x"), box.right);
  EXPECT_NEAR(labels[2].number("y"), horizontal[0].number("y1") + 4, kTolerance);
  EXPECT_GT(labels[3].number("x"), box.right);
  // The chart keeps the labels inside its viewBox.
  EXPECT_LT(labels[3].number("x") + 11 * 0.6 * 12, 640);
}

TEST(SvgChart, NearbyReferenceLabelsDoNotOverlap) {
  LineChart chart;
  chart.x.min = 0;
  chart.x.max = 1;
  chart.y.min = 0;
  chart.y.max = 1;
  chart.x_lines = {{0.50, "AQL 0.50"}, {0.51, "LQL 0.51"}, {0.9, "far away"}};
  chart.y_lines = {{0.50, "first"}, {0.505, "second"}};
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  auto labels = with_class(svg, "chart-reference-label");
  ASSERT_EQ(labels.size(), 5u);
  EXPECT_GT(std::fabs(labels[0].number("y") - labels[1].number("y")), 11);  // two rows
  EXPECT_NEAR(labels[0].number("y"), labels[2].number("y"), kTolerance);   // room in the first row
  EXPECT_GT(std::fabs(labels[3].number("y") - labels[4].number("y")), 11);
  PlotBox box = plot_box(svg);
  for (int i = 0; i < 3; ++i) EXPECT_GT(labels[i].number("y"), 0);
  EXPECT_LT(labels[0].number("y"), box.top);
  EXPECT_LT(labels[1].number("y"), box.top);
}

TEST(SvgChart, ReferenceLinesAndAnnotationsWidenAnAutoRange) {
  LineChart chart;
  chart.series.push_back(series("", {{0, 0}, {1, 1}}));
  chart.x_lines = {{4, "far"}};
  chart.annotations = {{0.5, -2, "low"}};
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto line = with_class(svg, "chart-reference-line").at(0);
  EXPECT_GT(line.number("x1"), box.left);
  EXPECT_LE(line.number("x1"), box.right + kTolerance);
  auto circle = with_class(svg, "chart-annotation").at(0);
  EXPECT_EQ(texts(with_class(svg, "chart-annotation-label")), std::vector<std::string>{"low"});
  EXPECT_EQ(tick_labels(svg, "chart-axis-y").front().text, "-2.0");
}

TEST(SvgChart, AnnotationSitsOnItsPoint) {
  LineChart chart;
  chart.x.min = 0;
  chart.x.max = 0.1;
  chart.y.min = 0;
  chart.y.max = 1;
  chart.annotations = {{0.05, 0.25, "consumer risk 25 %"}};
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto circles = named(svg, "circle");
  ASSERT_EQ(circles.size(), 1u);
  EXPECT_TRUE(circles[0].inside("chart-annotation"));
  EXPECT_NEAR(circles[0].number("cx"), (box.left + box.right) / 2, kTolerance);
  EXPECT_NEAR(circles[0].number("cy"), box.bottom - 0.25 * (box.bottom - box.top), kTolerance);
  EXPECT_EQ(texts(with_class(svg, "chart-annotation-label")), std::vector<std::string>{"consumer risk 25 %"});
}

TEST(SvgChart, StepFunctionHoldsEachValueUntilTheNextX) {
  LineChart chart;
  chart.x.min = 1;
  chart.x.max = 3;
  chart.y.min = 0;
  chart.y.max = 1;
  chart.series.push_back(series("coverage", {{1, 0.5}, {2, 0.75}, {3, 1}}, true));
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"));
  ASSERT_EQ(points.size(), 5u);
  double mid_x = (box.left + box.right) / 2;
  auto y_of = [&](double v) { return box.bottom - v * (box.bottom - box.top); };
  EXPECT_NEAR(points[0].x, box.left, kTolerance);
  EXPECT_NEAR(points[0].y, y_of(0.5), kTolerance);
  EXPECT_NEAR(points[1].x, mid_x, kTolerance);  // horizontal first ...
  EXPECT_NEAR(points[1].y, y_of(0.5), kTolerance);
  EXPECT_NEAR(points[2].x, mid_x, kTolerance);  // ... then up
  EXPECT_NEAR(points[2].y, y_of(0.75), kTolerance);
  EXPECT_NEAR(points[3].x, box.right, kTolerance);
  EXPECT_NEAR(points[3].y, y_of(0.75), kTolerance);
  EXPECT_NEAR(points[4].y, y_of(1), kTolerance);
}

TEST(SvgChart, PointsOutsideAFixedRangeAreClippedToThePlot) {
  LineChart chart;
  chart.x.min = 0;
  chart.x.max = 2;
  chart.y.min = 0;
  chart.y.max = 1;
  chart.series.push_back(series("", {{0, 0}, {1, 2}, {2, 0}, {3, 5}, {1e300, -1e300}}));
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"));
  ASSERT_FALSE(points.empty());
  for (const auto& p : points) {
    EXPECT_GE(p.x, box.left - kTolerance);
    EXPECT_LE(p.x, box.right + kTolerance);
    EXPECT_GE(p.y, box.top - kTolerance);
    EXPECT_LE(p.y, box.bottom + kTolerance);
  }
  // The line reaches the top edge halfway to x = 0.5 and leaves it again.
  EXPECT_NEAR(points[1].x, box.left + (box.right - box.left) / 4, kTolerance);
  EXPECT_NEAR(points[1].y, box.top, kTolerance);
  for (const auto& m : with_class(svg, "chart-markers")) (void)m;
  // Markers only for points inside: (0,0) and (2,0).
  auto markers = named(svg, "circle");
  EXPECT_EQ(markers.size(), 2u);
  expect_fixed_precision(svg);
}

TEST(SvgChart, FixedDecimalsGiveWholeNumberTicks) {
  LineChart chart;
  chart.x.format.decimals = 0;  // a count of methods
  chart.series.push_back(series("", {{1, 0.4}, {2, 0.7}, {3, 0.8}}, true));
  std::string svg = render_svg(chart);
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-x")), (std::vector<std::string>{"1", "2", "3"}));
  chart.y.format.percent = true;
  chart.y.format.decimals = 0;
  chart.y.min = 0.5;
  chart.y.max = 0.52;
  svg = render_svg(chart);
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-y")), (std::vector<std::string>{"50 %", "51 %", "52 %"}));
}

// ---- series styles ----

TEST(SvgChart, SeriesDifferByDashAndMarkerNotOnlyColour) {
  LineChart chart;
  for (int k = 0; k < 4; ++k) {
    chart.series.push_back(series("series " + std::to_string(k + 1), {{0, 0.1 * k}, {1, 0.2 * k}}));
  }
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  auto lines = series_lines(svg);
  ASSERT_EQ(lines.size(), 4u);
  std::vector<std::string> dashes;
  for (const auto& l : lines) {
    dashes.push_back(l.attributes.count("stroke-dasharray") ? l.attributes.at("stroke-dasharray") : "solid");
  }
  std::sort(dashes.begin(), dashes.end());
  EXPECT_EQ(std::unique(dashes.begin(), dashes.end()), dashes.end()) << "two series share a dash pattern";
  for (int k = 1; k <= 4; ++k) {
    EXPECT_EQ(with_class(svg, "chart-series-" + std::to_string(k)).size(), 2u) << k;  // series and legend item
  }
  // Marker shapes: circle, square (rect), triangle and diamond (paths with 3 and 4 corners).
  std::vector<std::string> shapes;
  for (const auto& e : parse(svg)) {
    if (!e.inside("chart-markers")) continue;
    shapes.push_back(e.name == "path" ? "path" + std::to_string(path_points(e.attributes.at("d")).size()) : e.name);
  }
  EXPECT_EQ(shapes, (std::vector<std::string>{"circle", "circle", "rect", "rect", "path3", "path3", "path4", "path4"}));
  EXPECT_EQ(texts(with_class(svg, "chart-legend-label")),
            (std::vector<std::string>{"series 1", "series 2", "series 3", "series 4"}));
}

TEST(SvgChart, ExplicitStyleAndNoMarkers) {
  LineChart chart;
  chart.series.push_back(series("", {{0, 0}, {1, 1}}));
  chart.series.back().style = LineStyle::dashed;
  chart.series.back().marker = MarkerShape::none;
  std::string svg = render_svg(chart);
  EXPECT_EQ(series_lines(svg).at(0).attributes.at("stroke-dasharray"), "8 4");
  EXPECT_TRUE(with_class(svg, "chart-markers").empty());
  EXPECT_TRUE(with_class(svg, "chart-legend").empty());  // unnamed series: no legend
}

TEST(SvgChart, LongSeriesGetAFewMarkers) {
  LineChart chart = oc_curve();
  std::string svg = render_svg(chart);
  std::size_t markers = 0;
  for (const auto& e : parse(svg)) markers += e.inside("chart-markers") ? 1 : 0;
  EXPECT_EQ(markers, 10u);
  EXPECT_EQ(path_points(series_lines(svg).at(0).attributes.at("d")).size(), 101u);
}

// ---- degenerate data ----

TEST(SvgChart, NonFinitePointsAreSkippedAndNeverWritten) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  LineChart chart;
  chart.title = "Chart";
  chart.series.push_back(series("a", {{0, 0}, {1, 1}, {nan, 2}, {3, nan}, {inf, 1}, {4, -inf}, {5, 5}, {6, 6}}));
  chart.series.push_back(series("b", {{nan, nan}}));
  chart.x_lines = {{nan, "x nan"}, {inf, "x inf"}};
  chart.y_lines = {{-inf, "y inf"}};
  chart.annotations = {{nan, 1, "a nan"}};
  chart.x.min = nan;
  chart.y.max = inf;
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  std::string text = lower(svg);
  EXPECT_EQ(text.find("nan"), std::string::npos);
  EXPECT_EQ(text.find("inf"), std::string::npos);
  int moves = 0;
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"), &moves);
  EXPECT_EQ(points.size(), 4u);  // (0,0)-(1,1) and (5,5)-(6,6)
  EXPECT_EQ(moves, 2);
  EXPECT_EQ(series_lines(svg).size(), 1u);  // series b has nothing to draw
  auto x_ticks = texts(tick_labels(svg, "chart-axis-x"));
  EXPECT_EQ(x_ticks.front(), "0");
  EXPECT_EQ(x_ticks.back(), "6");
  expect_fixed_precision(svg);
}

TEST(SvgChart, EmptyChartsDoNotCrash) {
  LineChart nothing;
  std::string svg = render_svg(nothing);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_GE(tick_labels(svg, "chart-axis-x").size(), 2u);
  EXPECT_GE(tick_labels(svg, "chart-axis-y").size(), 2u);

  LineChart empty_series;
  empty_series.series.push_back(series("empty", {}));
  empty_series.x_log10 = true;
  svg = render_svg(empty_series);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_TRUE(series_lines(svg).empty());
  EXPECT_EQ(texts(with_class(svg, "chart-legend-label")), std::vector<std::string>{"empty"});

  BarChart no_bars;
  svg = render_svg(no_bars);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_TRUE(with_class(svg, "chart-bar").empty());
}

TEST(SvgChart, SinglePointSitsInsideAPaddedRange) {
  LineChart chart;
  chart.series.push_back(series("", {{2, 0.5}}));
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_TRUE(series_lines(svg).empty());  // no segment to draw
  PlotBox box = plot_box(svg);
  auto circles = named(svg, "circle");
  ASSERT_EQ(circles.size(), 1u);  // the marker shows the point
  EXPECT_NEAR(circles[0].number("cx"), (box.left + box.right) / 2, 1);
  EXPECT_NEAR(circles[0].number("cy"), (box.top + box.bottom) / 2, 1);
  EXPECT_GE(tick_labels(svg, "chart-axis-x").size(), 2u);
  EXPECT_GE(tick_labels(svg, "chart-axis-y").size(), 2u);
}

TEST(SvgChart, ConstantSeriesGetsAPaddedRange) {
  for (double level : {0.0, 1.0, -3.0, 1e-7, 5e8}) {
    LineChart chart;
    chart.series.push_back(series("", {{0, level}, {1, level}, {2, level}}));
    std::string svg = render_svg(chart);
    EXPECT_EQ(well_formedness_error(svg), "") << level;
    PlotBox box = plot_box(svg);
    auto points = path_points(series_lines(svg).at(0).attributes.at("d"));
    ASSERT_EQ(points.size(), 3u);
    EXPECT_GT(points[0].y, box.top + 10) << level;
    EXPECT_LT(points[0].y, box.bottom - 10) << level;
    auto y_ticks = texts(tick_labels(svg, "chart-axis-y"));
    EXPECT_GE(y_ticks.size(), 2u) << level;
    std::set<std::string> distinct(y_ticks.begin(), y_ticks.end());
    EXPECT_EQ(distinct.size(), y_ticks.size()) << "repeated tick labels at " << level;
  }
}

TEST(SvgChart, ExtremeMagnitudesNeverBreakTheMarkup) {
  const double big = std::numeric_limits<double>::max();
  const double tiny = std::numeric_limits<double>::denorm_min();
  for (bool log : {false, true}) {
    LineChart chart;
    chart.x_log10 = log;
    chart.series.push_back(series("", {{-big, big}, {tiny, -big}, {big, tiny}, {1, 1}}));
    chart.x_lines = {{big, "big"}, {tiny, "tiny"}};
    chart.annotations = {{-big, -big, "corner"}};
    std::string svg = render_svg(chart);
    EXPECT_EQ(well_formedness_error(svg), "") << log;
    std::string text = lower(svg);
    EXPECT_EQ(text.find("nan"), std::string::npos) << log;
    EXPECT_EQ(text.find("inf"), std::string::npos) << log;
    expect_fixed_precision(svg);
  }
  BarChart bars;
  bars.bars = {bar("a", big), bar("b", -big), bar("c", tiny)};
  std::string svg = render_svg(bars);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_EQ(lower(svg).find("inf"), std::string::npos);
  EXPECT_EQ(lower(svg).find("nan"), std::string::npos);
}

TEST(SvgChart, ReversedOrEqualFixedEndsStillDraw) {
  LineChart chart;
  chart.x.min = 10;
  chart.x.max = 0;
  chart.y.min = 0.5;
  chart.y.max = 0.5;
  chart.series.push_back(series("", {{0, 0.5}, {10, 0.5}}));
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  PlotBox box = plot_box(svg);
  auto points = path_points(series_lines(svg).at(0).attributes.at("d"));
  ASSERT_EQ(points.size(), 2u);
  EXPECT_NEAR(points[0].x, box.left, kTolerance);
  EXPECT_NEAR(points[1].x, box.right, kTolerance);
  EXPECT_NEAR(points[0].y, (box.top + box.bottom) / 2, kTolerance);
}

// ---- escaping ----

TEST(SvgChart, EscapesEveryCallerText) {
  const std::string nasty = R"(<b>&"'x)";
  const std::string escaped = "&lt;b&gt;&amp;&quot;&#39;x";
  LineChart chart;
  chart.id = "e";
  chart.title = "title " + nasty;
  chart.description = "desc " + nasty;
  chart.x.label = "xlabel " + nasty;
  chart.y.label = "ylabel " + nasty;
  chart.series.push_back(series("series " + nasty, {{0, 0}, {1, 1}}));
  chart.x_lines = {{0.5, "xline " + nasty}};
  chart.y_lines = {{0.5, "yline " + nasty}};
  chart.annotations = {{0.25, 0.25, "note " + nasty}};
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  for (const char* what : {"title ", "desc ", "xlabel ", "ylabel ", "series ", "xline ", "yline ", "note "}) {
    EXPECT_NE(svg.find(what + escaped), std::string::npos) << what;
  }

  BarChart bars;
  bars.title = nasty;
  bars.category_label = "cat " + nasty;
  bars.value_axis.label = "value " + nasty;
  bars.bars = {bar("bar " + nasty, 1, "label " + nasty)};
  bars.target = ReferenceLine{0.5, "target " + nasty};
  svg = render_svg(bars);
  EXPECT_EQ(well_formedness_error(svg), "");
  for (const char* what : {"cat ", "value ", "bar ", "label ", "target "}) {
    EXPECT_NE(svg.find(what + escaped), std::string::npos) << what;
  }
}

TEST(SvgChart, ControlCharactersAndBrokenUtf8KeepTheMarkupValid) {
  LineChart chart;
  chart.title = std::string("a\x01" "b\x1f" "c\xff" "d\xc3") + "é β 試";
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  auto title = named(svg, "title").at(0).text;
  EXPECT_EQ(title, "abc\xEF\xBF\xBD" "d\xEF\xBF\xBD" "é β 試");
}

// ---- ticks and number formatting ----

TEST(NiceTicks, KnownRanges) {
  Ticks t = nice_ticks(0, 0.93);
  EXPECT_DOUBLE_EQ(t.step, 0.2);
  EXPECT_EQ(t.values, (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1.0}));  // exact decimals
  t = nice_ticks(3, 97);
  EXPECT_DOUBLE_EQ(t.step, 20);
  EXPECT_EQ(t.lo, 0);
  EXPECT_EQ(t.hi, 100);
  t = nice_ticks(-0.013, 0.0021, 6);
  EXPECT_DOUBLE_EQ(t.step, 0.005);
  EXPECT_DOUBLE_EQ(t.lo, -0.015);
  EXPECT_DOUBLE_EQ(t.hi, 0.005);
  t = nice_ticks(0.03, 0.97, 6, false);  // a fixed axis keeps its ends
  EXPECT_EQ(t.lo, 0.03);
  EXPECT_EQ(t.hi, 0.97);
  EXPECT_EQ(t.values, (std::vector<double>{0.2, 0.4, 0.6, 0.8}));
  t = nice_ticks(5, 5);
  EXPECT_LT(t.lo, 5);
  EXPECT_GT(t.hi, 5);
  t = nice_ticks(std::nan(""), std::numeric_limits<double>::infinity());
  EXPECT_EQ(t.lo, 0);
  EXPECT_EQ(t.hi, 1);
}

TEST(NiceTicks, AlwaysOneTwoFiveStepsCoveringTheRange) {
  std::mt19937_64 random(20240505);
  std::uniform_real_distribution<double> exponent(-8, 8);
  std::uniform_real_distribution<double> unit(-1, 1);
  for (int i = 0; i < 2000; ++i) {
    double scale = std::pow(10.0, exponent(random));
    double a = unit(random) * scale;
    double b = a + std::fabs(unit(random)) * scale * std::pow(10.0, unit(random) * 3);
    int target = 2 + i % 9;
    Ticks t = nice_ticks(a, b, target);
    ASSERT_LE(t.lo, a) << a << " " << b;
    ASSERT_GE(t.hi, b) << a << " " << b;
    double mantissa = t.step / std::pow(10.0, std::floor(std::log10(t.step) + 1e-9));
    ASSERT_TRUE(std::fabs(mantissa - 1) < 1e-6 || std::fabs(mantissa - 2) < 1e-6 || std::fabs(mantissa - 5) < 1e-6)
        << t.step;
    ASSERT_GE(t.values.size(), 2u);
    ASSERT_LE(t.values.size(), static_cast<std::size_t>(2 * target + 2)) << a << " " << b << " " << target;
    for (std::size_t k = 0; k < t.values.size(); ++k) {
      double multiple = t.values[k] / t.step;
      ASSERT_NEAR(multiple, std::round(multiple), 1e-6) << t.values[k] << " step " << t.step;
      if (k > 0) {
        ASSERT_NEAR(t.values[k] - t.values[k - 1], t.step, t.step * 1e-6);
      }
    }
    ASSERT_EQ(t.values.front(), t.lo);
    ASSERT_EQ(t.values.back(), t.hi);
  }
}

TEST(FormatNumber, DecimalsSeparatorsAndPercent) {
  NumberFormat plain;
  EXPECT_EQ(format_number(1.25, plain, 2), "1.25");
  EXPECT_EQ(format_number(1.25, plain), "1");
  EXPECT_EQ(format_number(-0.0001, plain, 2), "0.00");  // never "-0.00"
  EXPECT_EQ(format_number(-1.5, plain, 1), "-1.5");
  EXPECT_EQ(format_number(std::nan(""), plain, 2), "");
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity(), plain, 2), "");
  NumberFormat percent;
  percent.percent = true;
  EXPECT_EQ(format_number(0.05, percent), "5 %");
  EXPECT_EQ(format_number(0.125, percent, 1), "12.5 %");
  EXPECT_EQ(format_number(1e308, percent, 0), "");  // ×100 overflows
  NumberFormat french;
  french.percent = true;
  french.percent_sign = "\u202F%";
  french.decimal_separator = ",";
  EXPECT_EQ(format_number(0.125, french, 1), "12,5\u202F%");
  NumberFormat fixed;
  fixed.decimals = 3;
  EXPECT_EQ(format_number(0.5, fixed), "0.500");
}

TEST(SvgChart, PercentAxisLabels) {
  LineChart chart;
  chart.y.format.percent = true;
  chart.y.min = 0;
  chart.y.max = 0.1;
  chart.series.push_back(series("", {{0, 0}, {1, 0.1}}));
  std::string svg = render_svg(chart);
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-y")),
            (std::vector<std::string>{"0 %", "2 %", "4 %", "6 %", "8 %", "10 %"}));
}

TEST(SvgChart, PercentLogAxisLabelsSmallProportions) {
  LineChart chart = oc_curve();
  chart.x_log10 = true;
  chart.x.min = 0.0001;
  chart.x.max = 0.1;
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  auto labels = texts(tick_labels(svg, "chart-axis-x"));
  for (const char* expected : {"0.01 %", "0.1 %", "1 %", "10 %"}) {
    EXPECT_NE(std::find(labels.begin(), labels.end(), expected), labels.end()) << expected;
  }
}

TEST(SvgChart, DecimalSeparatorSettingReachesTickLabels) {
  LineChart chart;
  chart.x.format.decimal_separator = ",";
  chart.y.format.decimal_separator = ",";
  chart.series.push_back(series("", {{0, 0}, {1, 1}}));
  std::string svg = render_svg(chart);
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-y")),
            (std::vector<std::string>{"0,0", "0,2", "0,4", "0,6", "0,8", "1,0"}));
  auto x = texts(tick_labels(svg, "chart-axis-x"));
  EXPECT_EQ(x.back(), "1,0");
}

TEST(SvgChart, CustomFormatterWritesTickLabels) {
  std::vector<std::pair<double, int>> calls;
  LineChart chart;
  chart.y.format.percent = true;
  chart.y.format.percent_sign = "\u00A0%";
  chart.y.format.custom = [&calls](double shown, int decimals) {
    calls.emplace_back(shown, decimals);
    std::string text = fmt::format("{:.{}f}", shown, decimals + 1);
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
  };
  chart.y.min = 0;
  chart.y.max = 0.5;
  chart.series.push_back(series("", {{0, 0}, {1, 0.5}}));
  std::string svg = render_svg(chart);
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-y")),
            (std::vector<std::string>{"0,0\u00A0%", "10,0\u00A0%", "20,0\u00A0%", "30,0\u00A0%", "40,0\u00A0%",
                                      "50,0\u00A0%"}));
  ASSERT_FALSE(calls.empty());
  EXPECT_DOUBLE_EQ(calls.back().first, 50);  // the shown value, already in percent
  EXPECT_EQ(calls.back().second, 0);
  // The x axis keeps the built-in formatter.
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-x")).back(), "1.0");
}

// ---- bar chart ----

TEST(SvgBarChart, HeightsProportionalToValues) {
  BarChart chart;
  chart.id = "coverage";
  chart.title = "Coverage by panel size";
  chart.description = "Share of events detected by panels of 1 to 4 methods.";
  chart.category_label = "Methods in the panel";
  chart.value_axis.label = "Coverage";
  chart.value_axis.format.percent = true;
  chart.value_axis.max = 1;
  chart.bars = {bar("1", 0.25), bar("2", 0.5),
                bar("3", 1.0),  bar("4", 0)};
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  EXPECT_NE(svg.find(R"(aria-labelledby="coverage-title coverage-desc")"), std::string::npos);
  expect_fixed_precision(svg);
  PlotBox box = plot_box(svg);
  auto bars = with_class(svg, "chart-bar");
  ASSERT_EQ(bars.size(), 4u);
  double plot_height = box.bottom - box.top;
  EXPECT_NEAR(bars[0].number("height"), 0.25 * plot_height, kTolerance);
  EXPECT_NEAR(bars[1].number("height"), 0.5 * plot_height, kTolerance);
  EXPECT_NEAR(bars[2].number("height"), plot_height, kTolerance);
  EXPECT_NEAR(bars[3].number("height"), 0, kTolerance);
  EXPECT_NEAR(bars[1].number("height") / bars[0].number("height"), 2, 0.001);
  for (const auto& bar : bars) EXPECT_NEAR(bar.number("y") + bar.number("height"), box.bottom, kTolerance);
  EXPECT_NEAR(bars[2].number("y"), box.top, kTolerance);
  // Equal widths, in order, inside the plot.
  for (std::size_t i = 1; i < bars.size(); ++i) {
    EXPECT_NEAR(bars[i].number("width"), bars[0].number("width"), kTolerance);
    EXPECT_GT(bars[i].number("x"), bars[i - 1].number("x") + bars[i - 1].number("width"));
  }
  EXPECT_GE(bars.front().number("x"), box.left);
  EXPECT_LE(bars.back().number("x") + bars.back().number("width"), box.right);
  EXPECT_EQ(texts(with_class(svg, "chart-value-label")), (std::vector<std::string>{"25 %", "50 %", "100 %", "0 %"}));
  EXPECT_EQ(texts(with_class(svg, "chart-category-label")), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(texts(tick_labels(svg, "chart-axis-y")).back(), "100 %");
}

TEST(SvgBarChart, TargetLineAtItsValue) {
  BarChart chart;
  chart.value_axis.format.percent = true;
  chart.bars = {bar("a", 0.6), bar("b", 0.9)};
  chart.target = ReferenceLine{0.8, "target 80 %"};
  std::string svg = render_svg(chart);
  PlotBox box = plot_box(svg);
  auto lines = with_class(svg, "chart-reference-line");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].inside("chart-target"));
  auto y_ticks = tick_labels(svg, "chart-axis-y");
  ASSERT_EQ(y_ticks.back().text, "100 %");  // auto range from 0 to a nice 100 %
  EXPECT_NEAR(lines[0].number("y1"), box.bottom - 0.8 * (box.bottom - box.top), kTolerance);
  EXPECT_NEAR(lines[0].number("x1"), box.left, kTolerance);
  EXPECT_NEAR(lines[0].number("x2"), box.right, kTolerance);
  EXPECT_EQ(texts(with_class(svg, "chart-reference-label")), std::vector<std::string>{"target 80 %"});
}

TEST(SvgBarChart, TargetAboveTheDataWidensTheRange) {
  BarChart chart;
  chart.bars = {bar("a", 3)};
  chart.target = ReferenceLine{12, "goal"};
  std::string svg = render_svg(chart);
  auto lines = with_class(svg, "chart-reference-line");
  ASSERT_EQ(lines.size(), 1u);
  PlotBox box = plot_box(svg);
  EXPECT_GE(lines[0].number("y1"), box.top - kTolerance);
  auto bar = with_class(svg, "chart-bar").at(0);
  EXPECT_NEAR(bar.number("height") * 4, box.bottom - lines[0].number("y1"), 0.05);  // 3 vs 12
}

TEST(SvgBarChart, NonFiniteBarsAreSkippedNegativeBarsHangBelowZero) {
  BarChart chart;
  chart.bars = {bar("a", 2),
                bar("nothing", std::nan("")),
                bar("b", -1),
                bar("c", std::numeric_limits<double>::infinity())};
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  std::string text = lower(svg);
  EXPECT_EQ(text.find("nan\""), std::string::npos);
  EXPECT_EQ(text.find(">nan"), std::string::npos);
  EXPECT_EQ(text.find("inf"), std::string::npos);
  auto bars = with_class(svg, "chart-bar");
  ASSERT_EQ(bars.size(), 2u);
  auto baseline = with_class(svg, "chart-baseline").at(0);
  double zero = baseline.number("y1");
  EXPECT_NEAR(bars[0].number("y") + bars[0].number("height"), zero, kTolerance);
  EXPECT_NEAR(bars[1].number("y"), zero, kTolerance);
  EXPECT_NEAR(bars[0].number("height"), 2 * bars[1].number("height"), 0.02);
  EXPECT_EQ(texts(with_class(svg, "chart-category-label")).size(), 4u);  // every category keeps its place
  EXPECT_EQ(texts(with_class(svg, "chart-value-label")), (std::vector<std::string>{"2", "-1"}));
}

TEST(SvgBarChart, LongCategoryNamesAreSlanted) {
  BarChart chart;
  for (const char* method : {"P-35S (CaMV promoter)", "T-nos (terminator)", "cry1Ab/Ac", "pat", "bar"}) {
    chart.bars.push_back(bar(method, 0.5));
  }
  std::string svg = render_svg(chart);
  EXPECT_EQ(well_formedness_error(svg), "");
  auto labels = with_class(svg, "chart-category-label");
  ASSERT_EQ(labels.size(), 5u);
  EXPECT_NE(labels[0].attributes.at("transform").find("rotate(-45"), std::string::npos);
  PlotBox box = plot_box(svg);
  EXPECT_GT(box.bottom - box.top, 100);
}

TEST(SvgBarChart, ValueLabelsCanBeTurnedOffOrGiven) {
  BarChart chart;
  chart.bars = {bar("a", 3, "3 of 4")};
  EXPECT_EQ(texts(with_class(render_svg(chart), "chart-value-label")), std::vector<std::string>{"3 of 4"});
  chart.value_labels = false;
  EXPECT_TRUE(with_class(render_svg(chart), "chart-value-label").empty());
}
