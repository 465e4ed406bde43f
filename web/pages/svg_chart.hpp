// Charts drawn on the server as self-contained SVG for the lab-tools pages: line charts (OC
// curves with AQL/LQL reference lines, risk annotations, step functions) and bar charts (panel
// coverage against a target). Owns axis ranges, 1-2-5 ticks, tick-label formatting (percent,
// decimal separator or a caller's formatter), the pixel layout and XML escaping. Pure functions,
// no I/O. Output: one <svg> element with viewBox and width="100%", role="img" and
// aria-labelledby pointing at its <title>/<desc>; no scripts, no style attributes (the CSP
// forbids them), no references outside the element. Styling is by presentation attributes that
// a stylesheet may override through classes ("chart-axis", "chart-series-1", "chart-bar", ...).
// Series differ by dash pattern and marker shape as well as colour, so black-and-white prints
// stay readable. The data table shown beside a chart belongs to the page, not to this module.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lmo::web {

// How an axis writes its numbers (tick labels, bar value labels).
struct NumberFormat {
  bool percent = false;                // the value 0.05 is written "5 %"
  std::string percent_sign = " %";     // appended to percent values (French typography: "\u202F%")
  std::string decimal_separator = ".";  // "," for French and Spanish
  int decimals = -1;                   // fixed decimals; -1: as many as the tick step needs.
                                       // Fixed decimals also keep ticks at least one last digit
                                       // apart (0: whole-number ticks, e.g. a count of methods).
  // When set, writes the number instead of the built-in formatter: it receives the shown value
  // (already multiplied by 100 for percent axes) and the decimals chosen; the percent sign is
  // appended afterwards. Never called with a non-finite value.
  std::function<std::string(double shown, int decimals)> custom;
};

// One axis of a chart. Unset ends come from the data (and reference lines), widened to the
// nearest ticks; a degenerate range (one value) is padded around that value.
struct Axis {
  std::string label;
  std::optional<double> min;
  std::optional<double> max;
  NumberFormat format;
};

enum class LineStyle { solid, dashed, dotted, dash_dot };
enum class MarkerShape { none, circle, square, triangle, diamond, cross };

struct Point {
  double x = 0;
  double y = 0;
};

// A named line. Points are joined in the given order; a non-finite point (or x <= 0 on a
// log10 axis) leaves a gap. Unset style and marker are chosen from the series' position so
// that no two of the first four series look alike. Markers sit on every point of short series
// and on ten points spread along longer ones.
struct Series {
  std::string name;
  std::vector<Point> points;
  std::optional<LineStyle> style;
  std::optional<MarkerShape> marker;
  bool steps = false;  // step function: each value holds until the next point's x
};

// A labelled line across the plot: vertical at an x value (AQL, LQL) or horizontal at a y
// value (β = 5 %, target 80 %). Labels stand outside the plot, where no curve hides them:
// above it for vertical lines (in rows when neighbours would overlap), right of it for
// horizontal ones. Not drawn when outside a fixed axis range.
struct ReferenceLine {
  double value = 0;
  std::string label;
};

// A labelled point, e.g. "consumer risk 4.9 %" at (LQL, Pa(LQL)).
struct Annotation {
  double x = 0;
  double y = 0;
  std::string label;
};

struct LineChart {
  std::string id = "chart";  // prefix of the element ids; must be unique within the page
  std::string title;         // accessible name (<title>)
  std::string description;   // accessible description (<desc>); omitted when empty
  Axis x;
  Axis y;
  bool x_log10 = false;  // decades evenly spaced; values <= 0 are not drawn
  std::vector<Series> series;
  std::vector<ReferenceLine> x_lines;  // vertical
  std::vector<ReferenceLine> y_lines;  // horizontal
  std::vector<Annotation> annotations;
  int width = 640;  // viewBox size; the element itself is width="100%"
  int height = 400;
};

struct Bar {
  std::string category;
  double value = 0;         // a non-finite value draws no bar
  std::string value_label;  // shown above the bar; empty: the value in the axis format
};

struct BarChart {
  std::string id = "chart";
  std::string title;
  std::string description;
  std::string category_label;  // label under the categories
  Axis value_axis;             // vertical; bars grow from 0, which is always in range
  std::vector<Bar> bars;
  std::optional<ReferenceLine> target;  // horizontal line, e.g. 0.8 "target 80 %"
  bool value_labels = true;
  int width = 640;
  int height = 360;
};

// Ticks at multiples of a 1-2-5 step (1, 2 or 5 times a power of ten), about target_count of
// them. With extend, lo and hi widen to the nearest ticks (an axis from the data); without,
// they stay and the ticks are those inside (a fixed axis). Equal or non-finite ends are padded
// first, so the result always has lo < hi and at least two ticks when extended.
struct Ticks {
  double lo = 0;
  double hi = 1;
  double step = 1;
  std::vector<double> values;
};
Ticks nice_ticks(double lo, double hi, int target_count = 6, bool extend = true);

// A number as an axis writes it; decimals < 0 uses format.decimals (and 0 when that is unset
// too). Non-finite values give "".
std::string format_number(double value, const NumberFormat& format, int decimals = -1);

std::string render_svg(const LineChart& chart);
std::string render_svg(const BarChart& chart);

}  // namespace lmo::web
