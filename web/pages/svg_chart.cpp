#include "web/pages/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <string_view>
#include <utility>

namespace lmo::web {

namespace {

// Colours of the portal stylesheet; all at least 3:1 on white, and never the only difference.
constexpr std::string_view kInk = "#1b1f23";
constexpr std::string_view kMuted = "#454c55";
constexpr std::string_view kGrid = "#d0d7de";
constexpr std::string_view kBarFill = "#a9c6d6";
constexpr std::string_view kBarStroke = "#0b4f6c";
constexpr std::string_view kSeriesColours[] = {"#0b4f6c", "#a33a00", "#2e6b30", "#5b3a86", "#1b1f23"};

constexpr double kTickFont = 11;
constexpr double kLabelFont = 12;
constexpr double kTickLength = 5;
constexpr double kLegendRow = 18;
constexpr double kEdge = 0.01;  // pixels: a point on the plot's edge is inside

bool finite(double v) { return std::isfinite(v); }

// A coordinate with two decimals; never "nan", "inf" or "-0.00".
std::string num(double v) {
  if (!finite(v)) v = 0;
  if (std::fabs(v) < 0.005) v = 0;
  return fmt::format("{:.2f}", v);
}

// Copies text escaped for XML. Characters XML 1.0 forbids (C0 controls other than tab and
// newlines) are dropped and bytes that are not UTF-8 become U+FFFD, so that the output stays
// well-formed whatever the caller passes.
void append_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    std::size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid && length >= 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
          (c == 0xF4 && c1 >= 0x90)) {
        valid = false;
      }
    }
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
}

// Width of a text in viewBox units, estimated from its code points (no font metrics here).
double text_width(std::string_view text, double font_size) {
  std::size_t points = 0;
  for (char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++points;
  }
  return static_cast<double>(points) * 0.6 * font_size;
}

std::string sanitize_id(std::string_view id) {
  std::string out;
  for (char ch : id) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
        ch == '_') {
      out += ch;
    }
  }
  if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z'))) {
    out.insert(0, "chart-");
  }
  return out;
}

double pow10(int exponent) { return std::pow(10.0, exponent); }

// m·10^e written so that decimal values come out as the nearest double (0.3, not 0.30000000000000004).
// Adding 0.0 turns -0.0 into 0.
double scaled(double m, int e) { return (e < 0 ? m / pow10(-e) : m * pow10(e)) + 0.0; }

// Fewest decimals (up to 12) that write the value exactly enough.
int decimals_for(double shown) {
  for (int d = 0; d < 12; ++d) {
    double p = pow10(d);
    if (std::fabs(std::round(shown * p) / p - shown) <= 1e-9 * std::fabs(shown)) return d;
  }
  return 12;
}

int step_decimals(double step, const NumberFormat& format) {
  if (format.decimals >= 0) return format.decimals;
  double shown = step * (format.percent ? 100 : 1);
  if (!finite(shown) || shown <= 0) return 0;
  return std::clamp(-static_cast<int>(std::floor(std::log10(shown) + 1e-9)), 0, 12);
}

// nice_ticks, with steps no finer than 10^min_exponent when that is given.
Ticks ticks_no_finer_than(double lo, double hi, int target_count, bool extend, std::optional<int> min_exponent) {
  if (!finite(lo) && !finite(hi)) {
    lo = 0;
    hi = 1;
  } else if (!finite(lo)) {
    lo = hi;
  } else if (!finite(hi)) {
    hi = lo;
  }
  if (lo > hi) std::swap(lo, hi);
  double magnitude = std::max(std::fabs(lo), std::fabs(hi));
  if (hi - lo <= 1e-9 * magnitude || hi - lo < std::numeric_limits<double>::min()) {
    double pad = magnitude > 0 ? magnitude * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  target_count = std::clamp(target_count, 2, 20);
  double raw = (hi - lo) / target_count;
  if (!finite(raw) || raw <= 0) raw = 1;  // ends near the largest doubles
  int e = static_cast<int>(std::floor(std::log10(raw)));
  double normal = raw / pow10(e);
  double m = normal <= 1 + 1e-9 ? 1 : normal <= 2 + 1e-9 ? 2 : normal <= 5 + 1e-9 ? 5 : 10;
  if (m == 10) {
    m = 1;
    ++e;
  }
  if (min_exponent && e < *min_exponent) {
    m = 1;
    e = *min_exponent;
  }
  Ticks out;
  out.step = scaled(m, e);
  double first = extend ? std::floor(lo / out.step + 1e-9) : std::ceil(lo / out.step - 1e-9);
  double last = extend ? std::ceil(hi / out.step - 1e-9) : std::floor(hi / out.step + 1e-9);
  if (!finite(first) || !finite(last) || last - first > 1000) {  // unrepresentable spacing
    out.lo = lo;
    out.hi = hi;
    out.values = {lo, hi};
    return out;
  }
  for (double k = first; k <= last; k += 1) out.values.push_back(scaled(k * m, e));
  out.lo = extend ? out.values.front() : lo;
  out.hi = extend ? out.values.back() : hi;
  if (extend && out.values.size() < 2) {
    out.values.push_back(scaled((last + 1) * m, e));
    out.hi = out.values.back();
  }
  return out;
}

// An axis after ranging: its ends, tick values and tick labels.
struct AxisTicks {
  double lo = 0;
  double hi = 1;
  std::vector<double> values;
  std::vector<std::string> labels;
  int decimals = 0;  // of a linear axis's labels
};

std::pair<double, double> data_extent(const std::vector<double>& data) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  for (double v : data) {
    if (!finite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  return {lo, hi};
}

AxisTicks linear_axis(const Axis& axis, const std::vector<double>& data, int target_count) {
  auto [data_lo, data_hi] = data_extent(data);
  bool has_data = data_lo <= data_hi;
  bool fixed_lo = axis.min && finite(*axis.min);
  bool fixed_hi = axis.max && finite(*axis.max);
  double lo = fixed_lo ? *axis.min : has_data ? data_lo : fixed_hi ? *axis.max - 1 : 0;
  double hi = fixed_hi ? *axis.max : has_data ? data_hi : fixed_lo ? *axis.min + 1 : 1;
  if (fixed_lo && fixed_hi && lo > hi) std::swap(lo, hi);
  if (lo > hi) {  // one fixed end lies beyond all the data
    if (fixed_lo) hi = lo;
    else lo = hi;
  }
  // Fixed decimals keep ticks at least one last digit apart, so that no two labels read alike.
  std::optional<int> min_exponent;
  if (axis.format.decimals >= 0) min_exponent = -axis.format.decimals - (axis.format.percent ? 2 : 0);
  Ticks ticks = ticks_no_finer_than(lo, hi, target_count, !(fixed_lo && fixed_hi), min_exponent);
  AxisTicks out;
  out.lo = fixed_lo ? lo : ticks.lo;
  out.hi = fixed_hi ? hi : ticks.hi;
  if (!(out.lo < out.hi)) {
    out.lo = ticks.lo;
    out.hi = ticks.hi;
  }
  double tolerance = ticks.step * 1e-9;
  int decimals = step_decimals(ticks.step, axis.format);
  out.decimals = decimals;
  for (double v : ticks.values) {
    if (v < out.lo - tolerance || v > out.hi + tolerance) continue;
    out.values.push_back(v);
    out.labels.push_back(format_number(v, axis.format, decimals));
  }
  return out;
}

// A log10 axis. Density 0 puts ticks at 1, 2 and 5 times each power of ten over short ranges;
// each higher density keeps fewer (decades only, then every second decade, ...).
AxisTicks log_axis(const Axis& axis, const std::vector<double>& data, int density) {
  std::vector<double> positive;
  for (double v : data) {
    if (finite(v) && v > 0) positive.push_back(v);
  }
  auto [data_lo, data_hi] = data_extent(positive);
  bool has_data = data_lo <= data_hi;
  bool fixed_lo = axis.min && finite(*axis.min) && *axis.min > 0;
  bool fixed_hi = axis.max && finite(*axis.max) && *axis.max > 0;
  double lo = fixed_lo ? *axis.min : has_data ? data_lo : fixed_hi ? *axis.max / 10 : 1;
  double hi = fixed_hi ? *axis.max : has_data ? data_hi : fixed_lo ? *axis.min * 10 : 10;
  if (fixed_lo && fixed_hi && lo > hi) std::swap(lo, hi);
  if (lo > hi) {
    if (fixed_lo) hi = lo;
    else lo = hi;
  }
  double e_lo = std::log10(lo);
  double e_hi = std::log10(hi);
  if (!fixed_lo) e_lo = std::floor(e_lo + 1e-9);
  if (!fixed_hi) e_hi = std::ceil(e_hi - 1e-9);
  if (e_hi - e_lo < 1e-9) {  // one value: a decade either side, or half a decade for a fixed pair
    if (fixed_lo && fixed_hi) {
      e_lo -= 0.5;
      e_hi += 0.5;
      fixed_lo = fixed_hi = false;
    } else {
      if (!fixed_lo) e_lo -= 1;
      if (!fixed_hi) e_hi += 1;
    }
  }
  AxisTicks out;
  // Ends that are not fixed are whole decades, except after padding a fixed pair (half decades).
  out.lo = fixed_lo ? lo : std::pow(10.0, e_lo);
  out.hi = fixed_hi ? hi : std::pow(10.0, e_hi);
  if (std::fabs(e_lo - std::round(e_lo)) < 1e-9 && !fixed_lo) out.lo = scaled(1, static_cast<int>(std::lround(e_lo)));
  if (std::fabs(e_hi - std::round(e_hi)) < 1e-9 && !fixed_hi) out.hi = scaled(1, static_cast<int>(std::lround(e_hi)));

  double span = e_hi - e_lo;
  std::vector<double> multiples = {1};
  int every = 1;
  if (density == 0 && span <= 3 + 1e-9) multiples = {1, 2, 5};
  else every = std::max(1, static_cast<int>(std::ceil(span / 8))) + std::max(0, density - 1);
  int first = static_cast<int>(std::floor(e_lo)) - 1;
  int last = static_cast<int>(std::ceil(e_hi)) + 1;
  for (int k = first; k <= last; ++k) {
    if (((k % every) + every) % every != 0) continue;
    for (double m : multiples) {
      double v = scaled(m, k);
      double e = std::log10(v);
      if (e >= e_lo - 1e-9 && e <= e_hi + 1e-9) out.values.push_back(v);
    }
  }
  if (out.values.size() < 2 && density == 0) {  // a range within one decade, e.g. 2 to 4
    Ticks inner = nice_ticks(out.lo, out.hi, 4, false);
    out.values.clear();
    for (double v : inner.values) {
      if (v > 0) out.values.push_back(v);
    }
  }
  for (double v : out.values) {
    int decimals = axis.format.decimals >= 0 ? axis.format.decimals
                                               : decimals_for(v * (axis.format.percent ? 100 : 1));
    out.labels.push_back(format_number(v, axis.format, decimals));
  }
  return out;
}

// Maps data values to pixels along one axis.
struct Scale {
  double lo = 0;
  double hi = 1;
  bool log = false;
  double p0 = 0;  // pixel of lo
  double p1 = 1;  // pixel of hi

  std::optional<double> operator()(double v) const {
    if (!finite(v)) return std::nullopt;
    double t = 0;
    if (log) {
      if (v <= 0) return std::nullopt;
      t = (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
    } else {
      t = (v - lo) / (hi - lo);
    }
    double p = p0 + t * (p1 - p0);
    if (!finite(p)) return std::nullopt;
    return p;
  }
};

struct Box {
  double left = 0;
  double top = 0;
  double right = 0;
  double bottom = 0;

  bool contains(double x, double y) const {
    return x >= left - kEdge && x <= right + kEdge && y >= top - kEdge && y <= bottom + kEdge;
  }
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

struct Pixel {
  double x = 0;
  double y = 0;
};

// Liang–Barsky: the part of segment a→b inside the box, if any.
std::optional<std::pair<Pixel, Pixel>> clip(Pixel a, Pixel b, const Box& box) {
  double t0 = 0;
  double t1 = 1;
  double dx = b.x - a.x;
  double dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - (box.left - kEdge), (box.right + kEdge) - a.x, a.y - (box.top - kEdge),
                       (box.bottom + kEdge) - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return std::nullopt;
      continue;
    }
    double r = q[i] / p[i];
    if (p[i] < 0) t0 = std::max(t0, r);
    else t1 = std::min(t1, r);
    if (t0 > t1) return std::nullopt;
  }
  Pixel start = t0 > 0 ? Pixel{a.x + t0 * dx, a.y + t0 * dy} : a;
  Pixel end = t1 < 1 ? Pixel{a.x + t1 * dx, a.y + t1 * dy} : b;
  return std::pair{start, end};
}

LineStyle style_of(const Series& series, std::size_t index) {
  if (series.style) return *series.style;
  constexpr LineStyle cycle[] = {LineStyle::solid, LineStyle::dashed, LineStyle::dotted, LineStyle::dash_dot};
  return cycle[index % 4];
}

MarkerShape marker_of(const Series& series, std::size_t index) {
  if (series.marker) return *series.marker;
  constexpr MarkerShape cycle[] = {MarkerShape::circle, MarkerShape::square, MarkerShape::triangle,
                                   MarkerShape::diamond, MarkerShape::cross};
  return cycle[index % 5];
}

std::string_view colour_of(std::size_t index) { return kSeriesColours[index % std::size(kSeriesColours)]; }

std::string dash_attribute(LineStyle style) {
  switch (style) {
    case LineStyle::solid: return "";
    case LineStyle::dashed: return R"( stroke-dasharray="8 4")";
    case LineStyle::dotted: return R"( stroke-dasharray="2 3")";
    case LineStyle::dash_dot: return R"( stroke-dasharray="8 3 2 3")";
  }
  return "";
}

void append_marker(std::string& out, MarkerShape shape, Pixel at) {
  auto x = [&](double dx) { return num(at.x + dx); };
  auto y = [&](double dy) { return num(at.y + dy); };
  switch (shape) {
    case MarkerShape::none: return;
    case MarkerShape::circle:
      fmt::format_to(std::back_inserter(out), R"(<circle cx="{}" cy="{}" r="3.5"/>)", x(0), y(0));
      return;
    case MarkerShape::square:
      fmt::format_to(std::back_inserter(out), R"(<rect x="{}" y="{}" width="6.40" height="6.40"/>)", x(-3.2),
                     y(-3.2));
      return;
    case MarkerShape::triangle:
      fmt::format_to(std::back_inserter(out), R"(<path d="M{},{}L{},{}L{},{}Z"/>)", x(0), y(-4.5), x(4.2), y(3),
                     x(-4.2), y(3));
      return;
    case MarkerShape::diamond:
      fmt::format_to(std::back_inserter(out), R"(<path d="M{},{}L{},{}L{},{}L{},{}Z"/>)", x(0), y(-4.5), x(4.5),
                     y(0), x(0), y(4.5), x(-4.5), y(0));
      return;
    case MarkerShape::cross:
      fmt::format_to(std::back_inserter(out), R"(<path d="M{},{}L{},{}M{},{}L{},{}" fill="none" stroke-width="2"/>)",
                     x(-4), y(-4), x(4), y(4), x(-4), y(4), x(4), y(-4));
      return;
  }
}

// Attributes that keep a label readable where it crosses a line: a white outline under the glyphs.
constexpr std::string_view kHalo = R"( stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke")";

void append_text(std::string& out, std::string_view css_class, double x, double y, std::string_view anchor,
                 std::string_view text, std::string_view extra = "") {
  fmt::format_to(std::back_inserter(out), R"(<text class="{}" x="{}" y="{}" text-anchor="{}"{}>)", css_class, num(x),
                 num(y), anchor, extra);
  append_escaped(out, text);
  out += "</text>";
}

void open_svg(std::string& out, std::string_view kind, std::string_view raw_id, std::string_view title,
              std::string_view description, int width, int height) {
  std::string id = sanitize_id(raw_id);
  std::string labelled_by = id + "-title";
  if (!description.empty()) labelled_by += " " + id + "-desc";
  fmt::format_to(std::back_inserter(out),
                 R"(<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{}" viewBox="0 0 {} {}" width="100%" )"
                 R"(role="img" aria-labelledby="{}" font-family="sans-serif" font-size="{}" direction="ltr">)",
                 kind, width, height, labelled_by, kTickFont);
  fmt::format_to(std::back_inserter(out), R"(<title id="{}-title">)", id);
  append_escaped(out, title);
  out += "</title>";
  if (!description.empty()) {
    fmt::format_to(std::back_inserter(out), R"(<desc id="{}-desc">)", id);
    append_escaped(out, description);
    out += "</desc>";
  }
  fmt::format_to(std::back_inserter(out), R"(<rect class="chart-background" width="{}" height="{}" fill="#ffffff"/>)",
                 width, height);
}

double widest(const std::vector<std::string>& labels, double font) {
  double w = 0;
  for (const auto& label : labels) w = std::max(w, text_width(label, font));
  return w;
}

// The margin left of the plot: y tick labels, tick marks and the rotated y axis label.
double left_margin(const AxisTicks& y, const std::string& y_label) {
  return std::max(24.0, (y_label.empty() ? 8.0 : 26.0) + widest(y.labels, kTickFont) + kTickLength + 4);
}

void append_y_axis(std::string& out, const AxisTicks& ticks, const Scale& scale, const Box& plot,
                   const std::string& label) {
  out += R"(<g class="chart-grid" stroke=")";
  out += kGrid;
  out += R"(" stroke-width="1">)";
  for (double v : ticks.values) {
    auto py = scale(v);
    if (!py) continue;
    fmt::format_to(std::back_inserter(out), R"(<line x1="{}" y1="{}" x2="{}" y2="{}"/>)", num(plot.left), num(*py),
                   num(plot.right), num(*py));
  }
  out += "</g>";
  out += R"(<g class="chart-axis chart-axis-y">)";
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    auto py = scale(ticks.values[i]);
    if (!py) continue;
    fmt::format_to(std::back_inserter(out), R"(<line class="chart-tick" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>)",
                   num(plot.left - kTickLength), num(*py), num(plot.left), num(*py), kInk);
    append_text(out, "chart-tick-label", plot.left - kTickLength - 3, *py + 4, "end", ticks.labels[i]);
  }
  if (!label.empty()) {
    double cy = (plot.top + plot.bottom) / 2;
    fmt::format_to(std::back_inserter(out),
                   R"x(<text class="chart-axis-label" transform="translate(14 {}) rotate(-90)" text-anchor="middle" )x"
                   R"(font-size="{}">)",
                   num(cy), kLabelFont);
    append_escaped(out, label);
    out += "</text>";
  }
  out += "</g>";
}

void append_frame(std::string& out, const Box& plot) {
  fmt::format_to(std::back_inserter(out),
                 R"(<rect class="chart-plot" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" )"
                 R"(stroke-width="1"/>)",
                 num(plot.left), num(plot.top), num(plot.width()), num(plot.height()), kInk);
}

// ---- reference lines ----

constexpr double kLabelRow = 14;

// Labels of horizontal lines stand right of the plot, beside their line, where no data can hide
// them: the room they need (at most a third of the chart).
double right_label_room(const std::vector<ReferenceLine>& lines, int width) {
  double widest_label = 0;
  for (const auto& line : lines) {
    if (finite(line.value)) widest_label = std::max(widest_label, text_width(line.label, kTickFont));
  }
  return widest_label > 0 ? std::min(widest_label + 10, width / 3.0) : 0;
}

void append_horizontal_lines(std::string& out, const std::vector<ReferenceLine>& lines, const Scale& sy,
                             const Box& plot, std::string_view group_class, std::string_view stroke) {
  // Label baselines in line order from the top, at least a row apart.
  std::vector<std::pair<double, std::size_t>> visible;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto py = sy(lines[i].value);
    if (py && *py >= plot.top - kEdge && *py <= plot.bottom + kEdge) visible.emplace_back(*py, i);
  }
  std::sort(visible.begin(), visible.end());
  std::vector<std::optional<double>> baseline(lines.size());
  double previous = -1e9;
  for (const auto& [py, i] : visible) {
    if (lines[i].label.empty()) continue;
    previous = std::max(py + 4, previous + kLabelRow - 1);
    baseline[i] = previous;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto py = sy(lines[i].value);
    if (!py || *py < plot.top - kEdge || *py > plot.bottom + kEdge) continue;
    fmt::format_to(std::back_inserter(out),
                   R"(<g class="{}"><line class="chart-reference-line" x1="{}" y1="{}" x2="{}" y2="{}" {}/>)",
                   group_class, num(plot.left), num(*py), num(plot.right), num(*py), stroke);
    if (baseline[i]) append_text(out, "chart-reference-label", plot.right + 6, *baseline[i], "start", lines[i].label);
    out += "</g>";
  }
}

// Labels of vertical lines stand above the plot, centred on their line, in as many rows as it
// takes for neighbours (AQL and LQL close together) not to overlap.
struct TopLabels {
  std::vector<std::optional<std::pair<double, int>>> placed;  // centre x and row, per line
  int rows = 0;
};

TopLabels layout_top_labels(const std::vector<ReferenceLine>& lines, const Scale& sx, const Box& plot, int width) {
  TopLabels out;
  out.placed.resize(lines.size());
  std::vector<std::vector<std::pair<double, double>>> taken;  // extents per row
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto px = sx(lines[i].value);
    if (!px || *px < plot.left - kEdge || *px > plot.right + kEdge || lines[i].label.empty()) continue;
    double w = text_width(lines[i].label, kTickFont);
    double centre = std::clamp(*px, w / 2 + 2, std::max(w / 2 + 2, width - w / 2 - 2));
    std::pair<double, double> extent{centre - w / 2 - 4, centre + w / 2 + 4};
    std::size_t row = 0;
    for (; row < taken.size(); ++row) {
      bool free = std::none_of(taken[row].begin(), taken[row].end(), [&](const auto& other) {
        return extent.first < other.second && other.first < extent.second;
      });
      if (free) break;
    }
    if (row == taken.size()) taken.emplace_back();
    taken[row].push_back(extent);
    out.placed[i] = std::pair{centre, static_cast<int>(row)};
  }
  out.rows = static_cast<int>(taken.size());
  return out;
}

void append_vertical_lines(std::string& out, const std::vector<ReferenceLine>& lines, const TopLabels& labels,
                           const Scale& sx, const Box& plot) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto px = sx(lines[i].value);
    if (!px || *px < plot.left - kEdge || *px > plot.right + kEdge) continue;
    fmt::format_to(std::back_inserter(out),
                   R"(<g class="chart-reference chart-reference-x"><line class="chart-reference-line" x1="{}" y1="{}" )"
                   R"(x2="{}" y2="{}" stroke="{}" stroke-width="1.25" stroke-dasharray="4 4"/>)",
                   num(*px), num(plot.top - 3), num(*px), num(plot.bottom), kMuted);
    if (labels.placed[i]) {
      auto [centre, row] = *labels.placed[i];
      append_text(out, "chart-reference-label", centre, plot.top - 6 - row * kLabelRow, "middle", lines[i].label);
    }
    out += "</g>";
  }
}

// ---- line chart ----

struct LegendEntry {
  std::size_t index = 0;
  double x = 0;  // offset from the plot's left edge
  int row = 0;
};

std::vector<LegendEntry> layout_legend(const std::vector<Series>& series, double available, int& rows) {
  std::vector<LegendEntry> entries;
  double x = 0;
  int row = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].name.empty()) continue;
    double w = 34 + text_width(series[i].name, kTickFont) + 18;
    if (x > 0 && x + w > available) {
      x = 0;
      ++row;
    }
    entries.push_back({i, x, row});
    x += w;
  }
  rows = entries.empty() ? 0 : row + 1;
  return entries;
}

std::vector<double> x_values(const LineChart& chart) {
  std::vector<double> out;
  for (const auto& s : chart.series) {
    for (const auto& p : s.points) {
      if (finite(p.y)) out.push_back(p.x);
    }
  }
  for (const auto& line : chart.x_lines) out.push_back(line.value);
  for (const auto& a : chart.annotations) out.push_back(a.x);
  return out;
}

std::vector<double> y_values(const LineChart& chart) {
  std::vector<double> out;
  for (const auto& s : chart.series) {
    for (const auto& p : s.points) {
      if (finite(p.x) && (!chart.x_log10 || p.x > 0)) out.push_back(p.y);
    }
  }
  for (const auto& line : chart.y_lines) out.push_back(line.value);
  for (const auto& a : chart.annotations) out.push_back(a.y);
  return out;
}

bool labels_overlap(const AxisTicks& ticks, const Scale& scale) {
  std::optional<double> previous_x;
  double previous_w = 0;
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    auto px = scale(ticks.values[i]);
    if (!px) continue;
    double w = text_width(ticks.labels[i], kTickFont);
    if (previous_x && *px - *previous_x < (w + previous_w) / 2 + 8) return true;
    previous_x = px;
    previous_w = w;
  }
  return false;
}

void append_series(std::string& out, const Series& series, std::size_t index, const Scale& sx, const Scale& sy,
                   const Box& plot) {
  std::vector<std::optional<Pixel>> pixels;
  pixels.reserve(series.points.size());
  for (const auto& p : series.points) {
    auto px = sx(p.x);
    auto py = sy(p.y);
    if (px && py) pixels.push_back(Pixel{*px, *py});
    else pixels.push_back(std::nullopt);
  }
  // Vertices to join; a gap where a point cannot be drawn.
  std::vector<std::optional<Pixel>> vertices;
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    vertices.push_back(pixels[i]);
    if (series.steps && pixels[i] && i + 1 < pixels.size() && pixels[i + 1]) {
      vertices.push_back(Pixel{pixels[i + 1]->x, pixels[i]->y});
    }
  }
  std::string d;
  bool has_pen = false;  // the path ends at pen, so the next segment from there goes on with "L"
  Pixel pen;
  for (std::size_t i = 0; i + 1 < vertices.size(); ++i) {
    auto part = vertices[i] && vertices[i + 1] ? clip(*vertices[i], *vertices[i + 1], plot) : std::nullopt;
    if (!part) {
      has_pen = false;
      continue;
    }
    auto [from, to] = *part;
    if (!has_pen || pen.x != from.x || pen.y != from.y) d += "M" + num(from.x) + "," + num(from.y);
    d += "L" + num(to.x) + "," + num(to.y);
    has_pen = to.x == vertices[i + 1]->x && to.y == vertices[i + 1]->y;
    pen = to;
  }
  std::string_view colour = colour_of(index);
  fmt::format_to(std::back_inserter(out), R"(<g class="chart-series chart-series-{}">)", index + 1);
  if (!d.empty()) {
    fmt::format_to(std::back_inserter(out),
                   R"(<path class="chart-line" d="{}" fill="none" stroke="{}" stroke-width="2" )"
                   R"(stroke-linejoin="round"{}/>)",
                   d, colour, dash_attribute(style_of(series, index)));
  }
  MarkerShape shape = marker_of(series, index);
  if (shape != MarkerShape::none) {
    std::size_t n = pixels.size();
    std::vector<std::size_t> marked;
    if (n <= 25) {
      for (std::size_t i = 0; i < n; ++i) marked.push_back(i);
    } else {
      for (std::size_t j = 0; j < 10; ++j) marked.push_back((j * (n - 1) + 4) / 9);
    }
    std::string markers;
    for (std::size_t i : marked) {
      if (pixels[i] && plot.contains(pixels[i]->x, pixels[i]->y)) append_marker(markers, shape, *pixels[i]);
    }
    if (!markers.empty()) {
      fmt::format_to(std::back_inserter(out), R"(<g class="chart-markers" fill="{}" stroke="{}">{}</g>)", colour,
                     colour, markers);
    }
  }
  out += "</g>";
}

}  // namespace

// ---- public helpers ----

Ticks nice_ticks(double lo, double hi, int target_count, bool extend) {
  return ticks_no_finer_than(lo, hi, target_count, extend, std::nullopt);
}

std::string format_number(double value, const NumberFormat& format, int decimals) {
  if (!finite(value)) return "";
  if (decimals < 0) decimals = std::max(format.decimals, 0);
  decimals = std::min(decimals, 15);
  double shown = (format.percent ? value * 100 : value) + 0.0;
  if (!finite(shown)) return "";
  std::string text;
  if (format.custom) {
    text = format.custom(shown, decimals);
  } else {
    text = fmt::format("{:.{}f}", shown, decimals);
    if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    if (auto dot = text.find('.'); dot != std::string::npos) text.replace(dot, 1, format.decimal_separator);
  }
  if (format.percent) text += format.percent_sign;
  return text;
}

std::string render_svg(const LineChart& chart) {
  int width = std::clamp(chart.width, 160, 4000);
  int height = std::clamp(chart.height, 120, 4000);
  int y_target = std::clamp((height - 100) / 50, 3, 8);
  AxisTicks y = linear_axis(chart.y, y_values(chart), y_target);
  double left = left_margin(y, chart.y.label);
  double label_room = right_label_room(chart.y_lines, width);

  // The x ticks: the densest set whose labels do not overlap.
  std::vector<double> xs = x_values(chart);
  AxisTicks x;
  double right = 16;
  Scale sx;
  for (int level = 0; level < 9; ++level) {
    int density = chart.x_log10 ? level : std::max(2, 10 - level);
    x = chart.x_log10 ? log_axis(chart.x, xs, density) : linear_axis(chart.x, xs, density);
    double first_w = x.labels.empty() ? 0 : text_width(x.labels.front(), kTickFont);
    double last_w = x.labels.empty() ? 0 : text_width(x.labels.back(), kTickFont);
    left = std::max(left_margin(y, chart.y.label), first_w / 2 + 4);
    right = std::max({16.0, last_w / 2 + 4, label_room});
    sx = Scale{x.lo, x.hi, chart.x_log10, left, width - right};
    if (!labels_overlap(x, sx)) break;
  }
  Box plot{left, 0, std::max(left + 40, width - right), 0};
  sx.p1 = plot.right;
  TopLabels top_labels = layout_top_labels(chart.x_lines, sx, plot, width);
  double top = top_labels.rows > 0 ? 8 + top_labels.rows * kLabelRow : 16;
  plot.top = top;

  int legend_rows = 0;
  std::vector<LegendEntry> legend = layout_legend(chart.series, plot.width(), legend_rows);
  double tick_band = kTickLength + 4 + kTickFont + 2;
  double label_band = chart.x.label.empty() ? 0 : kLabelFont + 10;
  double bottom = tick_band + label_band + legend_rows * kLegendRow + (legend_rows > 0 ? 10 : 4);
  plot.bottom = std::max(top + 40, height - bottom);
  Scale sy{y.lo, y.hi, false, plot.bottom, plot.top};

  std::string out;
  out.reserve(8192);
  open_svg(out, "line", chart.id, chart.title, chart.description, width, height);
  append_y_axis(out, y, sy, plot, chart.y.label);

  out += R"(<g class="chart-grid" stroke=")";
  out += kGrid;
  out += R"(" stroke-width="1">)";
  for (double v : x.values) {
    auto px = sx(v);
    if (!px) continue;
    fmt::format_to(std::back_inserter(out), R"(<line x1="{}" y1="{}" x2="{}" y2="{}"/>)", num(*px), num(plot.top),
                   num(*px), num(plot.bottom));
  }
  out += "</g>";
  out += R"(<g class="chart-axis chart-axis-x">)";
  for (std::size_t i = 0; i < x.values.size(); ++i) {
    auto px = sx(x.values[i]);
    if (!px) continue;
    fmt::format_to(std::back_inserter(out), R"(<line class="chart-tick" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>)",
                   num(*px), num(plot.bottom), num(*px), num(plot.bottom + kTickLength), kInk);
    append_text(out, "chart-tick-label", *px, plot.bottom + kTickLength + 3 + kTickFont, "middle", x.labels[i]);
  }
  if (!chart.x.label.empty()) {
    append_text(out, "chart-axis-label", (plot.left + plot.right) / 2, plot.bottom + tick_band + kLabelFont + 4,
                "middle", chart.x.label, R"( font-size="12")");
  }
  out += "</g>";
  append_frame(out, plot);

  // Reference lines under the series; their labels outside the plot, where no curve hides them.
  append_vertical_lines(out, chart.x_lines, top_labels, sx, plot);
  append_horizontal_lines(out, chart.y_lines, sy, plot, "chart-reference chart-reference-y",
                          R"(stroke="#454c55" stroke-width="1.25" stroke-dasharray="4 4")");

  for (std::size_t i = 0; i < chart.series.size(); ++i) append_series(out, chart.series[i], i, sx, sy, plot);

  for (const auto& note : chart.annotations) {
    auto px = sx(note.x);
    auto py = sy(note.y);
    if (!px || !py || !plot.contains(*px, *py)) continue;
    fmt::format_to(std::back_inserter(out),
                   R"(<g class="chart-annotation"><circle cx="{}" cy="{}" r="5" fill="none" stroke="{}" )"
                   R"(stroke-width="1.5"/>)",
                   num(*px), num(*py), kInk);
    if (!note.label.empty()) {
      bool right_half = *px > (plot.left + plot.right) / 2;
      double ly = *py - 8 < plot.top + 12 ? *py + 18 : *py - 8;
      append_text(out, "chart-annotation-label", right_half ? *px - 8 : *px + 8, ly, right_half ? "end" : "start",
                  note.label, kHalo);
    }
    out += "</g>";
  }

  if (!legend.empty()) {
    double legend_top = plot.bottom + tick_band + label_band + 10;
    out += R"(<g class="chart-legend">)";
    for (const auto& entry : legend) {
      const Series& s = chart.series[entry.index];
      double x0 = plot.left + entry.x;
      double cy = legend_top + entry.row * kLegendRow + 4;
      std::string_view colour = colour_of(entry.index);
      fmt::format_to(std::back_inserter(out),
                     R"(<g class="chart-legend-item chart-series-{}"><line x1="{}" y1="{}" x2="{}" y2="{}" )"
                     R"(stroke="{}" stroke-width="2"{}/>)",
                     entry.index + 1, num(x0), num(cy), num(x0 + 28), num(cy), colour,
                     dash_attribute(style_of(s, entry.index)));
      std::string marker;
      append_marker(marker, marker_of(s, entry.index), Pixel{x0 + 14, cy});
      if (!marker.empty()) {
        fmt::format_to(std::back_inserter(out), R"(<g fill="{}" stroke="{}">{}</g>)", colour, colour, marker);
      }
      append_text(out, "chart-legend-label", x0 + 34, cy + 4, "start", s.name);
      out += "</g>";
    }
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

std::string render_svg(const BarChart& chart) {
  int width = std::clamp(chart.width, 160, 4000);
  int height = std::clamp(chart.height, 120, 4000);
  std::vector<double> values = {0};
  for (const auto& bar : chart.bars) values.push_back(bar.value);
  if (chart.target) values.push_back(chart.target->value);
  AxisTicks y = linear_axis(chart.value_axis, values, std::clamp((height - 100) / 50, 3, 8));
  std::vector<ReferenceLine> targets;
  if (chart.target) targets.push_back(*chart.target);
  double top = 20;
  double left = left_margin(y, chart.value_axis.label);
  double right = std::max(16.0, right_label_room(targets, width));
  Box plot{left, top, std::max(left + 40, width - right), 0};

  std::size_t n = chart.bars.size();
  double slot = plot.width() / static_cast<double>(std::max<std::size_t>(n, 1));
  double longest = 0;
  for (const auto& bar : chart.bars) longest = std::max(longest, text_width(bar.category, kTickFont));
  bool rotate = longest > slot - 6;
  if (rotate) {  // the first label slants down to the left of its bar
    plot.left = std::max(plot.left, std::min(longest * 0.71, height * 0.35) - slot / 2 + 4);
    slot = plot.width() / static_cast<double>(std::max<std::size_t>(n, 1));
  }
  double category_band = rotate ? std::min(longest * 0.71 + kTickFont, height * 0.35) + 12 : kTickFont + 10;
  double label_band = chart.category_label.empty() ? 0 : kLabelFont + 10;
  plot.bottom = std::max(top + 40, height - category_band - label_band - 4);
  Scale sy{y.lo, y.hi, false, plot.bottom, plot.top};

  std::string out;
  out.reserve(4096);
  open_svg(out, "bar", chart.id, chart.title, chart.description, width, height);
  append_y_axis(out, y, sy, plot, chart.value_axis.label);

  out += R"(<g class="chart-axis chart-axis-x">)";
  for (std::size_t i = 0; i < n; ++i) {
    double cx = plot.left + slot * (static_cast<double>(i) + 0.5);
    if (rotate) {
      double ty = plot.bottom + 12;
      fmt::format_to(std::back_inserter(out),
                     R"(<text class="chart-category-label" x="{}" y="{}" text-anchor="end" )"
                     R"x(transform="rotate(-45 {} {})">)x",
                     num(cx + 4), num(ty), num(cx + 4), num(ty));
      append_escaped(out, chart.bars[i].category);
      out += "</text>";
    } else {
      append_text(out, "chart-category-label", cx, plot.bottom + 6 + kTickFont, "middle", chart.bars[i].category);
    }
  }
  if (!chart.category_label.empty()) {
    append_text(out, "chart-axis-label", (plot.left + plot.right) / 2, plot.bottom + category_band + kLabelFont + 4,
                "middle", chart.category_label, R"( font-size="12")");
  }
  out += "</g>";

  auto zero = sy(0);
  double base = zero ? std::clamp(*zero, plot.top, plot.bottom) : plot.bottom;
  out += R"(<g class="chart-bars">)";
  for (std::size_t i = 0; i < n; ++i) {
    const Bar& bar = chart.bars[i];
    auto py = sy(bar.value);
    if (!py) continue;
    double end = std::clamp(*py, plot.top, plot.bottom);
    double x0 = plot.left + slot * (static_cast<double>(i) + 0.2);
    fmt::format_to(std::back_inserter(out),
                   R"(<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" )"
                   R"(stroke-width="1"/>)",
                   num(x0), num(std::min(base, end)), num(slot * 0.6), num(std::fabs(base - end)), kBarFill,
                   kBarStroke);
    if (chart.value_labels) {
      std::string label =
          bar.value_label.empty() ? format_number(bar.value, chart.value_axis.format, y.decimals) : bar.value_label;
      double ly = end <= base ? end - 4 : end + 4 + kTickFont;
      append_text(out, "chart-value-label", x0 + slot * 0.3, ly, "middle", label);
    }
  }
  out += "</g>";
  fmt::format_to(std::back_inserter(out), R"(<line class="chart-baseline" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>)",
                 num(plot.left), num(base), num(plot.right), num(base), kInk);
  append_frame(out, plot);

  append_horizontal_lines(out, targets, sy, plot, "chart-target",
                          R"(stroke="#1b1f23" stroke-width="1.5" stroke-dasharray="6 4")");
  out += "</svg>";
  return out;
}

}  // namespace lmo::web
