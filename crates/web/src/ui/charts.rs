//! Charts drawn on the server as inline SVG: a line chart over years, horizontal bars for a breakdown, a
//! tile map of the 27 Member States, and estimates with their intervals.
//!
//! Each is a `<figure>`: its title, a sentence generated from the data that says what the chart shows, the
//! graphic, its key, and the data table beneath (a real table with a caption and header cells), so that a
//! screen reader, or anyone who prefers numbers, gets everything the picture shows. A missing value is a gap
//! in the graphic and ":" ("not available") in the table; synthetic figures say so in the title and in a
//! visible badge. No script, no external fonts: colours are SVG presentation attributes (the Content
//! Security Policy allows no inline style), sizes come from the `viewBox`, and the stylesheet makes the
//! graphic as wide as its column, up to a maximum. Ids of a figure's parts start with its `id`, so that
//! several charts may share a page.
//!
//! Interface text is English, as the numbers are formatted ("1,234", "55.2%").

use maud::{html, Markup};
use rapporteur_core::MemberState;
use std::fmt::Write as _;

/// Body text: 14:1 on white.
const TEXT: &str = "#262b38";
/// Axis labels and tile borders: 10:1 on white.
const MUTED: &str = "#404040";
/// Grid lines: only a reading aid, the values are labelled.
const GRID: &str = "#d9d9d9";
/// The fill of a tile without data (under diagonal hatching) and the halo of its label.
const NO_DATA_FILL: &str = "#f0f0f0";
const NO_DATA_HATCH: &str = "#a6a6a6";
/// Bars: the EC blue, 9.3:1 on white.
const BAR: &str = "#004494";

/// A figure is never drawn larger than its values can bear: values beyond this are drawn at it (the table
/// and the tooltips keep them as they are).
const DRAW_LIMIT: f64 = 1e300;

/// Average advance of a character, as a share of the font size (Arial's digits are 0.556 em).
const CHAR_EM: f64 = 0.56;

// ---------------------------------------------------------------------------------------------------------
// Line chart over years
// ---------------------------------------------------------------------------------------------------------

/// A line chart over years, with one or more series.
#[derive(Debug, Clone)]
pub struct TrendChart<'a> {
    /// The prefix of every id in the figure; unique on its page.
    pub id: &'a str,
    pub title: &'a str,
    /// What the values count or measure ("persons", "per 100,000 inhabitants"); may be empty.
    pub unit: &'a str,
    /// The years, ascending (they are sorted if not).
    pub years: Vec<u16>,
    pub series: Vec<Series<'a>>,
    /// The figures are synthetic: the title says so and a badge shows it.
    pub synthetic: bool,
    /// A note under the chart (source, definitions).
    pub note: Option<&'a str>,
}

/// One line of a [`TrendChart`].
#[derive(Debug, Clone)]
pub struct Series<'a> {
    pub label: &'a str,
    /// One per year, in the order of [`TrendChart::years`]; `None` where the figure is not available (a
    /// value that is not finite counts as not available, and so does a year past the end).
    pub values: Vec<Option<f64>>,
}

/// How a series is drawn: each differs in colour, in dashes and in the shape of its points, so that none
/// relies on colour alone. Every colour has at least 5.7:1 on white.
struct SeriesStyle {
    colour: &'static str,
    dash: Option<&'static str>,
    marker: Marker,
}

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Diamond,
    Triangle,
}

const SERIES_STYLES: [SeriesStyle; 4] = [
    SeriesStyle { colour: "#004494", dash: None, marker: Marker::Circle },
    SeriesStyle { colour: "#b3400a", dash: Some("7 4"), marker: Marker::Square },
    SeriesStyle { colour: "#1a6e2e", dash: Some("2 3"), marker: Marker::Diamond },
    SeriesStyle { colour: "#6b2c91", dash: Some("9 3 2 3"), marker: Marker::Triangle },
];

fn series_style(i: usize) -> &'static SeriesStyle {
    &SERIES_STYLES[i % SERIES_STYLES.len()]
}

/// A line chart over years: points marked (each with a tooltip), gaps where values are missing, the y axis
/// from 0 with about five round ticks, the years below (thinned when there are many), a key, and the table
/// of every value.
pub fn trend_chart(spec: &TrendChart<'_>) -> Markup {
    let id = clean_id(spec.id);
    let title = full_title(spec.title, spec.synthetic);

    // The years in order, each with its original position, so that values follow their year.
    let mut order: Vec<usize> = (0..spec.years.len()).collect();
    order.sort_by_key(|&i| spec.years[i]);
    let years: Vec<u16> = order.iter().map(|&i| spec.years[i]).collect();
    let series: Vec<(&str, Vec<Option<f64>>)> = spec
        .series
        .iter()
        .map(|s| (s.label, order.iter().map(|&i| finite(s.values.get(i).copied().flatten())).collect()))
        .collect();

    // Geometry, in viewBox units: 440 wide, so that text of 14 units is 11 px or more on a 390 px screen.
    const W: f64 = 440.0;
    const H: f64 = 260.0;
    const FONT: f64 = 14.0;
    let all: Vec<f64> = series.iter().flat_map(|(_, v)| v.iter().flatten().copied()).map(drawable).collect();
    let integral = all.iter().all(|v| v.fract() == 0.0);
    let lo = all.iter().copied().fold(0.0, f64::min);
    let hi = all.iter().copied().fold(0.0, f64::max);
    let axis = Axis::new(lo, hi, integral);
    let tick_labels: Vec<(f64, String)> = axis.ticks().into_iter().map(|t| (t, axis.label(t))).collect();
    let widest = tick_labels.iter().map(|(_, l)| l.chars().count()).max().unwrap_or(1);
    let x0 = (10.0 + widest as f64 * FONT * CHAR_EM).min(W * 0.4);
    let x1 = W - 22.0;
    let y0 = 30.0;
    let y1 = H - 30.0;
    let y_of = |v: f64| y1 - (drawable(v) - axis.lo) / (axis.hi - axis.lo) * (y1 - y0);
    let (first, last) = (years.first().copied().unwrap_or(0), years.last().copied().unwrap_or(0));
    let x_of = |year: u16| {
        if first == last {
            (x0 + x1) / 2.0
        } else {
            x0 + f64::from(year - first) / f64::from(last - first) * (x1 - x0)
        }
    };

    // Year labels from the latest back, each at least four digits and a space from the one to its right.
    let mut labelled: Vec<u16> = Vec::new();
    let gap = 4.0 * FONT * CHAR_EM + 10.0;
    for &year in years.iter().rev() {
        if labelled.last().is_none_or(|&right| x_of(right) - x_of(year) >= gap) && labelled.last() != Some(&year) {
            labelled.push(year);
        }
    }
    let axis_title = axis.title(spec.unit);

    let svg = html! {
        svg.chart__svg viewBox=(format!("0 0 {W} {H}")) role="img" aria-labelledby=(labelledby(&id)) font-size=(num(FONT)) {
            @if !axis_title.is_empty() {
                text x=(num(x0)) y="14" text-anchor="start" fill=(MUTED) { (axis_title) }
            }
            @for (t, label) in &tick_labels {
                line x1=(num(x0)) x2=(num(x1)) y1=(num(y_of(*t))) y2=(num(y_of(*t))) stroke=(GRID) stroke-width="1" {}
                text x=(num(x0 - 6.0)) y=(num(y_of(*t) + FONT * 0.35)) text-anchor="end" fill=(MUTED) { (label) }
            }
            line x1=(num(x0)) x2=(num(x1)) y1=(num(y_of(0.0))) y2=(num(y_of(0.0))) stroke=(MUTED) stroke-width="1.5" {}
            @for year in &labelled {
                line x1=(num(x_of(*year))) x2=(num(x_of(*year))) y1=(num(y1)) y2=(num(y1 + 5.0)) stroke=(MUTED) stroke-width="1" {}
                text x=(num(x_of(*year))) y=(num(y1 + 8.0 + FONT)) text-anchor="middle" fill=(MUTED) { (year) }
            }
            @for (i, (label, values)) in series.iter().enumerate() {
                @let style = series_style(i);
                @let path = line_path(years.iter().zip(values).map(|(y, v)| v.map(|v| (x_of(*y), y_of(v)))));
                g {
                    @if !path.is_empty() {
                        path d=(path) fill="none" stroke=(style.colour) stroke-width="2.5" stroke-linejoin="round"
                            stroke-linecap="round" stroke-dasharray=[style.dash] {}
                    }
                    @for (year, value) in years.iter().zip(values) {
                        @if let Some(v) = value {
                            (marker(style.marker, x_of(*year), y_of(*v), style.colour,
                                &format!("{label}, {year}: {}", format_number(*v))))
                        }
                    }
                }
            }
        }
    };

    let legend = html! {
        @if !series.is_empty() {
            ul.chart__legend {
                @for (i, (label, _)) in series.iter().enumerate() {
                    @let style = series_style(i);
                    li {
                        svg.chart__swatch viewBox="0 0 36 14" width="36" height="14" aria-hidden="true" focusable="false" {
                            line x1="2" x2="34" y1="7" y2="7" stroke=(style.colour) stroke-width="2.5" stroke-dasharray=[style.dash] {}
                            (marker(style.marker, 18.0, 7.0, style.colour, ""))
                        }
                        span { (label) }
                    }
                }
            }
        }
    };

    let any_missing = series.iter().any(|(_, v)| v.iter().any(Option::is_none));
    let table = html! {
        table.data-table.chart__table {
            caption { (caption(&title, spec.unit)) }
            thead {
                tr {
                    th scope="col" { "Year" }
                    @for (label, _) in &series { th.num scope="col" { (breakable(label)) } }
                }
            }
            tbody {
                @for (row, year) in years.iter().enumerate() {
                    tr {
                        th scope="row" { (year) }
                        @for (_, values) in &series { (value_cell(values[row])) }
                    }
                }
            }
        }
    };

    figure(&Figure {
        id: &id,
        title: &title,
        synthetic: spec.synthetic,
        description: &trend_description(&years, &series),
        graphic: svg,
        legend,
        note: spec.note,
        table,
        any_missing,
    })
}

/// "M x y L x y …", starting anew after each missing value; a lone point draws no line (its marker shows it).
fn line_path(points: impl Iterator<Item = Option<(f64, f64)>>) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for point in points {
        match point {
            Some((x, y)) => {
                let _ = write!(d, "{}{} {} ", if pen_down { "L" } else { "M" }, num(x), num(y));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d.trim_end().to_owned()
}

/// A point of a series, with its tooltip (none when `tooltip` is empty: the key's samples).
fn marker(shape: Marker, x: f64, y: f64, colour: &str, tooltip: &str) -> Markup {
    let tip = html! { @if !tooltip.is_empty() { title { (tooltip) } } };
    let (cx, cy) = (num(x), num(y));
    match shape {
        Marker::Circle => html! {
            circle cx=(cx) cy=(cy) r="4.5" fill=(colour) stroke="#fff" stroke-width="1.5" { (tip) }
        },
        Marker::Square => html! {
            rect x=(num(x - 4.0)) y=(num(y - 4.0)) width="8" height="8" fill=(colour) stroke="#fff" stroke-width="1.5" { (tip) }
        },
        Marker::Diamond => html! {
            polygon points=(format!("{cx},{} {},{cy} {cx},{} {},{cy}", num(y - 5.5), num(x + 5.5), num(y + 5.5), num(x - 5.5)))
                fill=(colour) stroke="#fff" stroke-width="1.5" { (tip) }
        },
        Marker::Triangle => html! {
            polygon points=(format!("{cx},{} {},{} {},{}", num(y - 5.5), num(x + 5.0), num(y + 4.0), num(x - 5.0), num(y + 4.0)))
                fill=(colour) stroke="#fff" stroke-width="1.5" { (tip) }
        },
    }
}

/// "Rises from 1,204 in 2015 to 2,310 in 2022; highest in 2019 (2,480)." for one series; for several, a
/// sentence each, led by the series' label.
fn trend_description(years: &[u16], series: &[(&str, Vec<Option<f64>>)]) -> String {
    if series.iter().all(|(_, values)| values.iter().all(Option::is_none)) {
        return "No data available.".to_owned();
    }
    if let [(_, values)] = series {
        return format!("{}.", capitalise(&describe_series(years, values)));
    }
    series
        .iter()
        .map(|(label, values)| format!("{label}: {}.", describe_series(years, values)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn describe_series(years: &[u16], values: &[Option<f64>]) -> String {
    let points: Vec<(u16, f64)> = years.iter().zip(values).filter_map(|(y, v)| v.map(|v| (*y, v))).collect();
    let missing: Vec<u16> = years.iter().zip(values).filter(|(_, v)| v.is_none()).map(|(y, _)| *y).collect();
    let (Some(&(y0, v0)), Some(&(yn, vn))) = (points.first(), points.last()) else {
        return "no data available".to_owned();
    };
    let mut text = if points.len() == 1 {
        format!("only {y0} available ({})", format_number(v0))
    } else if vn > v0 {
        format!("rises from {} in {y0} to {} in {yn}", format_number(v0), format_number(vn))
    } else if vn < v0 {
        format!("falls from {} in {y0} to {} in {yn}", format_number(v0), format_number(vn))
    } else {
        format!("{} in both {y0} and {yn}", format_number(v0))
    };
    // The first year of the highest and of the lowest value, when they lie between the ends.
    let (mut high, mut low) = (points[0], points[0]);
    for &p in &points {
        if p.1 > high.1 {
            high = p;
        }
        if p.1 < low.1 {
            low = p;
        }
    }
    if high.1 > v0.max(vn) {
        let _ = write!(text, "; highest in {} ({})", high.0, format_number(high.1));
    }
    if low.1 < v0.min(vn) {
        let _ = write!(text, "; lowest in {} ({})", low.0, format_number(low.1));
    }
    match missing.len() {
        0 => {}
        1..=3 => {
            let list: Vec<String> = missing.iter().map(u16::to_string).collect();
            let _ = write!(text, "; not available for {}", join_and(&list));
        }
        n => {
            let _ = write!(text, "; not available for {n} years");
        }
    }
    text
}

/// The value axis: from its lowest to its highest tick, in round steps (1, 2 or 5 × 10ⁿ), always including
/// zero; values of ten million or more are labelled in millions, billions…
struct Axis {
    lo: f64,
    hi: f64,
    step: f64,
    /// Labels are in units of 10^exponent (a multiple of 3; 0 below ten million).
    exponent: i32,
}

impl Axis {
    fn new(lo: f64, hi: f64, integral: bool) -> Self {
        let (lo, hi) = (drawable(lo).min(0.0), drawable(hi).max(0.0));
        let (lo, hi) = if hi - lo > 0.0 { (lo, hi) } else { (0.0, 1.0) };
        let mut step = nice_step((hi - lo) / 5.0);
        if integral && step < 1.0 {
            step = 1.0;
        }
        let (mut a_lo, mut a_hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
        if !(a_lo.is_finite() && a_hi.is_finite() && step.is_finite() && step > 0.0 && a_hi > a_lo) {
            (a_lo, a_hi, step) = (lo, hi, (hi - lo) / 5.0);
        }
        let big = a_lo.abs().max(a_hi.abs());
        let exponent = if big >= 1e7 { (big.log10() / 3.0).floor() as i32 * 3 } else { 0 };
        Axis { lo: a_lo, hi: a_hi, step, exponent }
    }

    fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round().clamp(1.0, 20.0) as usize;
        (0..=n).map(|k| self.lo + k as f64 * self.step).collect()
    }

    fn label(&self, tick: f64) -> String {
        let scale = 10f64.powi(self.exponent);
        let step = self.step / scale;
        let decimals = if step >= 1.0 { 0 } else { (-step.log10()).ceil().clamp(0.0, 10.0) as usize };
        format_fixed(tick / scale, decimals, false)
    }

    /// The unit above the axis, with the scale of its labels: "persons, millions".
    fn title(&self, unit: &str) -> String {
        let scale = match self.exponent {
            0 => String::new(),
            6 => "millions".to_owned(),
            9 => "billions".to_owned(),
            12 => "trillions".to_owned(),
            e => format!("×10{}", superscript(e)),
        };
        match (unit.is_empty(), scale.is_empty()) {
            (_, true) => unit.to_owned(),
            (true, false) => scale,
            (false, false) => format!("{unit}, {scale}"),
        }
    }
}

/// The round step (1, 2 or 5 × 10ⁿ) at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let r = raw / magnitude;
    let m = if r <= 1.0 + 1e-9 {
        1.0
    } else if r <= 2.0 + 1e-9 {
        2.0
    } else if r <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    m * magnitude
}

fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// Horizontal bars
// ---------------------------------------------------------------------------------------------------------

/// Horizontal bars for a breakdown (by form of exploitation, by sex…), in the order given.
#[derive(Debug, Clone)]
pub struct BarChart<'a> {
    /// The prefix of every id in the figure; unique on its page.
    pub id: &'a str,
    pub title: &'a str,
    /// What the values count or measure; may be empty.
    pub unit: &'a str,
    /// Each category's label and value (`None`: not available).
    pub bars: Vec<(String, Option<f64>)>,
    pub synthetic: bool,
    pub note: Option<&'a str>,
}

/// Horizontal bars, labels on the left and values at the bars' ends; the table adds each category's share.
pub fn bar_chart(spec: &BarChart<'_>) -> Markup {
    let id = clean_id(spec.id);
    let title = full_title(spec.title, spec.synthetic);
    let bars: Vec<(&str, Option<f64>)> = spec.bars.iter().map(|(l, v)| (l.as_str(), finite(*v))).collect();
    let shares = shares(&bars);

    const W: f64 = 440.0;
    const FONT: f64 = 14.0;
    const LINE: f64 = 17.0;
    const BAR_H: f64 = 18.0;
    const LABEL_CHARS: usize = 22;
    let cw = FONT * CHAR_EM;
    let wrapped: Vec<Vec<String>> = bars.iter().map(|(l, _)| wrap(l, LABEL_CHARS)).collect();
    let longest = wrapped.iter().flatten().map(|l| l.chars().count()).max().unwrap_or(0).min(LABEL_CHARS);
    let label_w = longest as f64 * cw;
    let value_texts: Vec<String> = bars.iter().map(|(_, v)| v.map(format_number).unwrap_or_default()).collect();
    let value_w = value_texts.iter().map(|t| t.chars().count()).max().unwrap_or(0).max(3) as f64 * cw + 8.0;
    let values: Vec<f64> = bars.iter().filter_map(|(_, v)| *v).map(drawable).collect();
    let lo = values.iter().copied().fold(0.0, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);
    let start = label_w + 14.0 + if lo < 0.0 { value_w } else { 0.0 };
    let end = (W - value_w).max(start + 40.0);
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let x_of = |v: f64| start + (drawable(v) - lo) / span * (end - start);
    let zero = x_of(0.0);

    let mut rows = Vec::with_capacity(bars.len());
    let mut y = 8.0;
    for lines in &wrapped {
        let h = (lines.len().max(1) as f64 * LINE + 12.0).max(BAR_H + 12.0);
        rows.push((y, h));
        y += h;
    }
    let height = y + 8.0;

    let svg = html! {
        svg.chart__svg viewBox=(format!("0 0 {W} {}", num(height))) role="img" aria-labelledby=(labelledby(&id)) font-size=(num(FONT)) {
            @for (i, (label, value)) in bars.iter().enumerate() {
                @let (top, h) = rows[i];
                @let mid = top + h / 2.0;
                @let lines = &wrapped[i];
                @let first_baseline = mid - (lines.len() as f64 - 1.0) * LINE / 2.0 + FONT * 0.35;
                g {
                    text x=(num(label_w + 4.0)) y=(num(first_baseline)) text-anchor="end" fill=(TEXT) {
                        @for (k, line) in lines.iter().enumerate() {
                            tspan x=(num(label_w + 4.0)) y=(num(first_baseline + k as f64 * LINE)) { (line) }
                        }
                    }
                    @match value {
                        Some(v) => {
                            @let (a, b) = if *v >= 0.0 { (zero, x_of(*v)) } else { (x_of(*v), zero) };
                            rect x=(num(a)) y=(num(mid - BAR_H / 2.0)) width=(num((b - a).max(0.0))) height=(num(BAR_H)) fill=(BAR) {
                                title { (label) ": " (format_number(*v)) @if let Some(s) = shares[i] { " (" (format_share(s)) ")" } }
                            }
                            @if *v >= 0.0 {
                                text x=(num(b + 5.0)) y=(num(mid + FONT * 0.35)) text-anchor="start" fill=(TEXT) { (value_texts[i]) }
                            } @else {
                                text x=(num(a - 5.0)) y=(num(mid + FONT * 0.35)) text-anchor="end" fill=(TEXT) { (value_texts[i]) }
                            }
                        }
                        None => {
                            text x=(num(zero + 5.0)) y=(num(mid + FONT * 0.35)) text-anchor="start" fill=(MUTED) font-style="italic" {
                                "not available"
                            }
                        }
                    }
                }
            }
            @if !bars.is_empty() {
                line x1=(num(zero)) x2=(num(zero)) y1="4" y2=(num(height - 4.0)) stroke=(MUTED) stroke-width="1.5" {}
            }
        }
    };

    let total: Option<f64> = if values.is_empty() { None } else { Some(bars.iter().filter_map(|(_, v)| *v).sum()) };
    let any_missing = bars.iter().any(|(_, v)| v.is_none()) || (!bars.is_empty() && shares.iter().all(Option::is_none));
    let unit_header = if spec.unit.is_empty() { "Value".to_owned() } else { capitalise(spec.unit) };
    let table = html! {
        table.data-table.chart__table {
            caption { (caption(&title, spec.unit)) }
            thead {
                tr { th scope="col" { "Category" } th.num scope="col" { (unit_header) } th.num scope="col" { "Share" } }
            }
            tbody {
                @for (i, (label, value)) in bars.iter().enumerate() {
                    tr { th scope="row" { (label) } (value_cell(*value)) (share_cell(shares[i])) }
                }
            }
            @if let Some(t) = total.filter(|t| t.is_finite()) {
                tfoot {
                    tr {
                        th scope="row" { "Total" @if bars.iter().any(|(_, v)| v.is_none()) { " (of the values available)" } }
                        td.num { (format_number(t)) }
                        td.num { @if shares.iter().any(Option::is_some) { "100.0%" } @else { (value_cell_text(None)) } }
                    }
                }
            }
        }
    };

    figure(&Figure {
        id: &id,
        title: &title,
        synthetic: spec.synthetic,
        description: &bar_description(&bars, &shares),
        graphic: svg,
        legend: html! {},
        note: spec.note,
        table,
        any_missing,
    })
}

/// Each value's share of the total of those available, in percent; none when a value is negative or the
/// total is not positive (shares would mislead).
fn shares(bars: &[(&str, Option<f64>)]) -> Vec<Option<f64>> {
    let values: Vec<f64> = bars.iter().filter_map(|(_, v)| *v).collect();
    let total: f64 = values.iter().sum();
    let meaningful = values.iter().all(|v| *v >= 0.0) && total > 0.0 && total.is_finite();
    bars.iter().map(|(_, v)| v.filter(|_| meaningful).map(|v| v / total * 100.0)).collect()
}

/// "7,830 in total. Largest: Sexual exploitation (4,321; 55.2%); smallest: Removal of organs (12; 0.2%)."
fn bar_description(bars: &[(&str, Option<f64>)], shares: &[Option<f64>]) -> String {
    let mut present: Vec<(usize, f64)> = bars.iter().enumerate().filter_map(|(i, (_, v))| v.map(|v| (i, v))).collect();
    if present.is_empty() {
        return "No data available.".to_owned();
    }
    let describe = |i: usize, v: f64| match shares[i] {
        Some(s) => format!("{} ({}; {})", bars[i].0, format_number(v), format_share(s)),
        None => format!("{} ({})", bars[i].0, format_number(v)),
    };
    // Largest first; among equals, the order given.
    present.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut text = String::new();
    let total: f64 = present.iter().map(|(_, v)| v).sum();
    if present.len() > 1 && total.is_finite() {
        let _ = write!(text, "{} in total. ", format_number(total));
    }
    let (i, v) = present[0];
    if present.len() == 1 {
        let _ = write!(text, "Only one value available: {}.", describe(i, v));
    } else {
        let (j, w) = present[present.len() - 1];
        let _ = write!(text, "Largest: {}; smallest: {}.", describe(i, v), describe(j, w));
    }
    let missing: Vec<String> = bars.iter().filter(|(_, v)| v.is_none()).map(|(l, _)| l.to_string()).collect();
    if !missing.is_empty() {
        let _ = write!(text, " Not available: {}.", join_and(&missing));
    }
    text
}

/// Breaks a label into lines of at most `width` characters at spaces (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        if line.is_empty() {
            line = word;
        } else if line.chars().count() + 1 + word.chars().count() <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

// ---------------------------------------------------------------------------------------------------------
// Tile map of the Member States
// ---------------------------------------------------------------------------------------------------------

/// A tile map of the 27 Member States.
#[derive(Debug, Clone)]
pub struct EuMap<'a> {
    /// The prefix of every id in the figure; unique on its page.
    pub id: &'a str,
    pub title: &'a str,
    /// What the values count or measure; may be empty.
    pub unit: &'a str,
    /// A value per country; Member States not listed are drawn as "no data".
    pub values: Vec<MapValue<'a>>,
    pub synthetic: bool,
    pub note: Option<&'a str>,
}

/// One country's value on an [`EuMap`].
#[derive(Debug, Clone)]
pub struct MapValue<'a> {
    /// Eurostat's geo code ("EL" for Greece; the ISO "GR" is accepted too). A code that is not a Member
    /// State's is listed in the table only.
    pub code: &'a str,
    /// The country's name as the table and the tooltips show it.
    pub name: &'a str,
    pub value: Option<f64>,
    /// Where the tile and the table's name lead (the country's page).
    pub href: Option<String>,
}

/// The tiles, by Eurostat code: (column, row) on a grid of 8 × 7, each roughly where the country lies, with
/// the gaps where other countries of Europe would be. In reading order, which is also the order of the links.
const EU_GRID: [(&str, u8, u8); 27] = [
    ("SE", 5, 0),
    ("FI", 6, 0),
    ("DK", 4, 1),
    ("EE", 6, 1),
    ("IE", 1, 2),
    ("NL", 3, 2),
    ("DE", 4, 2),
    ("PL", 5, 2),
    ("LV", 6, 2),
    ("BE", 2, 3),
    ("LU", 3, 3),
    ("CZ", 4, 3),
    ("SK", 5, 3),
    ("LT", 6, 3),
    ("FR", 2, 4),
    ("AT", 4, 4),
    ("HU", 5, 4),
    ("RO", 6, 4),
    ("PT", 0, 5),
    ("ES", 1, 5),
    ("IT", 3, 5),
    ("SI", 4, 5),
    ("HR", 5, 5),
    ("BG", 6, 5),
    ("MT", 3, 6),
    ("EL", 6, 6),
    ("CY", 7, 6),
];

/// A sequential blue scale, light to dark, with the colour of the tile's label on each: 4.9:1 or more.
const MAP_CLASSES: [(&str, &str); 5] =
    [("#e3ecf7", TEXT), ("#a8c5e8", TEXT), ("#6a9bd6", TEXT), ("#2e64b0", "#fff"), ("#0b2f66", "#fff")];

/// Which of the five colours `n` classes use: spread over the scale.
fn class_colours(n: usize) -> &'static [usize] {
    match n {
        0 => &[],
        1 => &[2],
        2 => &[1, 3],
        3 => &[0, 2, 4],
        4 => &[0, 1, 3, 4],
        _ => &[0, 1, 2, 3, 4],
    }
}

/// One row of the map's table.
struct MapRow<'a> {
    code: String,
    name: &'a str,
    value: Option<f64>,
    href: Option<&'a str>,
    on_map: bool,
}

/// The Member States as a tile map, each tile labelled with its code and filled by the class of its value
/// (five classes with round bounds; hatched grey for no data); the key gives the bounds, each tile's tooltip
/// its name and value, and a tile is a link when the value has one. The table lists every country
/// alphabetically.
///
/// With links, the graphic is a named group (role="group") rather than an image, since an image's content
/// is hidden from assistive technology; each link is named by its country and value.
pub fn eu_map(spec: &EuMap<'_>) -> Markup {
    let id = clean_id(spec.id);
    let title = full_title(spec.title, spec.synthetic);

    // Every Member State once, from the values given or as "no data"; other codes for the table only.
    let mut rows: Vec<MapRow<'_>> = Vec::new();
    for v in &spec.values {
        let (code, on_map) = match MemberState::parse(v.code) {
            Ok(m) => (m.country().eurostat().to_owned(), true),
            Err(_) => (v.code.trim().to_uppercase(), false),
        };
        if rows.iter().any(|r| r.code == code) {
            continue;
        }
        rows.push(MapRow { code, name: v.name, value: finite(v.value), href: v.href.as_deref(), on_map });
    }
    for m in MemberState::all() {
        let code = m.country().eurostat();
        if !rows.iter().any(|r| r.code == code) {
            rows.push(MapRow { code: code.to_owned(), name: m.name(), value: None, href: None, on_map: true });
        }
    }
    rows.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.code.cmp(&b.code)));

    let on_map_values: Vec<f64> = rows.iter().filter(|r| r.on_map).filter_map(|r| r.value).collect();
    let classes = Classes::new(&on_map_values);
    let linked = rows.iter().any(|r| r.on_map && r.href.is_some());

    const PITCH: f64 = 48.0;
    const TILE: f64 = 44.0;
    const FONT: f64 = 15.0;
    let width = 8.0 * PITCH + 2.0;
    let height = 7.0 * PITCH + 2.0;
    let pattern = format!("{id}-nodata");

    let tile = |code: &str, col: u8, row: u8| -> Markup {
        let r = rows.iter().find(|r| r.code == code);
        let name = r.map(|r| r.name).unwrap_or(code);
        let value = r.and_then(|r| r.value);
        let tooltip = format!("{name}: {}", value.map(format_number).unwrap_or_else(|| "no data".to_owned()));
        let (x, y) = (2.0 + f64::from(col) * PITCH, 2.0 + f64::from(row) * PITCH);
        let (fill, ink) = match value.map(|v| classes.colour(v)) {
            Some((fill, ink)) => (fill.to_owned(), ink),
            None => (format!("url(#{pattern})"), TEXT),
        };
        let body = html! {
            title { (tooltip) }
            rect.chart__tile x=(num(x)) y=(num(y)) width=(num(TILE)) height=(num(TILE)) fill=(fill) stroke=(MUTED) stroke-width="1" {}
            @if value.is_some() {
                text x=(num(x + TILE / 2.0)) y=(num(y + TILE / 2.0 + FONT * 0.35)) text-anchor="middle" font-weight="bold" fill=(ink) { (code) }
            } @else {
                // A halo keeps the label clear of the hatching.
                text x=(num(x + TILE / 2.0)) y=(num(y + TILE / 2.0 + FONT * 0.35)) text-anchor="middle" font-weight="bold" fill=(ink)
                    stroke=(NO_DATA_FILL) stroke-width="4" paint-order="stroke" stroke-linejoin="round" { (code) }
            }
        };
        match (linked, r.and_then(|r| r.href)) {
            (_, Some(href)) => html! { a href=(href) aria-label=(tooltip) { (body) } },
            (true, None) => html! { g role="img" aria-label=(tooltip) { (body) } },
            (false, None) => html! { g { (body) } },
        }
    };

    let svg = html! {
        svg.chart__svg.chart__svg--map viewBox=(format!("0 0 {width} {height}")) role=(if linked { "group" } else { "img" })
            aria-labelledby=(labelledby(&id)) font-size=(num(FONT)) {
            defs {
                pattern id=(pattern) patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill=(NO_DATA_FILL) {}
                    line x1="0" y1="0" x2="0" y2="6" stroke=(NO_DATA_HATCH) stroke-width="2" {}
                }
            }
            @for (code, col, row) in EU_GRID { (tile(code, col, row)) }
        }
    };

    let any_missing = rows.iter().any(|r| r.value.is_none());
    let legend = html! {
        ul.chart__legend.chart__legend--key aria-label=(if spec.unit.is_empty() { "Key".to_owned() } else { format!("Key, {}", spec.unit) }) {
            @for (k, label) in classes.labels().iter().enumerate() {
                @let (fill, _) = classes.class_colour(k);
                li { (swatch(fill, false)) span { (label) } }
            }
            @if rows.iter().any(|r| r.on_map && r.value.is_none()) {
                li { (swatch(NO_DATA_FILL, true)) span { "no data" } }
            }
        }
    };
    let off_map: Vec<String> = rows.iter().filter(|r| !r.on_map).map(|r| format!("{} ({})", r.name, r.code)).collect();
    let mut note_text = spec.note.unwrap_or_default().to_owned();
    if !off_map.is_empty() {
        if !note_text.is_empty() {
            note_text.push(' ');
        }
        let _ = write!(note_text, "Not on the map, in the table only: {}.", join_and(&off_map));
    }
    let value_header = if spec.unit.is_empty() { "Value".to_owned() } else { capitalise(spec.unit) };
    let table = html! {
        table.data-table.chart__table {
            caption { (caption(&title, spec.unit)) }
            thead {
                tr { th scope="col" { "Country" } th scope="col" { "Code" } th.num scope="col" { (value_header) } }
            }
            tbody {
                @for r in &rows {
                    tr {
                        th scope="row" { @match r.href { Some(h) => { a href=(h) { (r.name) } }, None => (r.name) } }
                        td { (r.code) }
                        (value_cell(r.value))
                    }
                }
            }
        }
    };

    figure(&Figure {
        id: &id,
        title: &title,
        synthetic: spec.synthetic,
        description: &map_description(&rows),
        graphic: svg,
        legend,
        note: (!note_text.is_empty()).then_some(note_text.as_str()),
        table,
        any_missing,
    })
}

/// A square of the key; hatched for "no data".
fn swatch(fill: &str, hatched: bool) -> Markup {
    html! {
        svg.chart__swatch viewBox="0 0 18 18" width="18" height="18" aria-hidden="true" focusable="false" {
            rect x="0.5" y="0.5" width="17" height="17" fill=(fill) stroke=(MUTED) stroke-width="1" {}
            @if hatched {
                path d="M1 7 L7 1 M1 13 L13 1 M1 17 L17 1 M5 17 L17 5 M11 17 L17 11" stroke=(NO_DATA_HATCH) stroke-width="2" {}
                rect x="0.5" y="0.5" width="17" height="17" fill="none" stroke=(MUTED) stroke-width="1" {}
            }
        }
    }
}

/// "Highest: Germany (1,234); lowest: Malta (3). Data for 23 of 27 Member States; not available for …"
fn map_description(rows: &[MapRow<'_>]) -> String {
    let states: Vec<&MapRow<'_>> = rows.iter().filter(|r| r.on_map).collect();
    let present: Vec<&MapRow<'_>> = states.iter().copied().filter(|r| r.value.is_some()).collect();
    let missing: Vec<String> = states.iter().filter(|r| r.value.is_none()).map(|r| r.name.to_owned()).collect();
    if present.is_empty() {
        return "No data for any Member State.".to_owned();
    }
    let mut text = String::new();
    if let [only] = present.as_slice() {
        let _ = write!(text, "Only {} has data ({}).", only.name, format_number(only.value.unwrap_or_default()));
    } else {
        // Rows are alphabetical: among equal values, the first name.
        let value = |r: &&MapRow<'_>| r.value.unwrap_or_default();
        let mut high = present[0];
        let mut low = present[0];
        for r in &present {
            if value(r) > value(&high) {
                high = r;
            }
            if value(r) < value(&low) {
                low = r;
            }
        }
        let _ = write!(
            text,
            "Highest: {} ({}); lowest: {} ({}).",
            high.name,
            format_number(value(&high)),
            low.name,
            format_number(value(&low))
        );
    }
    if !missing.is_empty() {
        let _ = write!(text, " Data for {} of {} Member States; ", present.len(), states.len());
        if missing.len() <= 6 {
            let _ = write!(text, "not available for {}.", join_and(&missing));
        } else {
            let _ = write!(text, "not available for the other {}.", missing.len());
        }
    }
    text
}

/// Up to five classes with round bounds near the quantiles of the values, so that each holds about as many
/// countries (their counts are skewed: a few large Member States dwarf the rest).
struct Classes {
    /// The lower bounds of the classes after the first, ascending.
    breaks: Vec<f64>,
    min: f64,
    max: f64,
    count: usize,
}

impl Classes {
    fn new(values: &[f64]) -> Self {
        let mut sorted: Vec<f64> = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mut distinct = sorted.clone();
        distinct.dedup();
        let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
            return Classes { breaks: Vec::new(), min: 0.0, max: 0.0, count: 0 };
        };
        let wanted = distinct.len().min(MAP_CLASSES.len());
        let mut breaks: Vec<f64> = Vec::new();
        for k in 1..wanted {
            let q = sorted[(k * sorted.len()) / wanted];
            let b = round_significant(q, 2);
            if b > min && b <= max && breaks.last().is_none_or(|&last| b > last) {
                breaks.push(b);
            }
        }
        let count = if wanted == 0 { 0 } else { breaks.len() + 1 };
        Classes { breaks, min, max, count }
    }

    fn class_of(&self, v: f64) -> usize {
        self.breaks.iter().filter(|b| v >= **b).count()
    }

    fn class_colour(&self, class: usize) -> (&'static str, &'static str) {
        let palette = class_colours(self.count);
        MAP_CLASSES[palette.get(class).copied().unwrap_or(MAP_CLASSES.len() - 1)]
    }

    fn colour(&self, v: f64) -> (&'static str, &'static str) {
        self.class_colour(self.class_of(v))
    }

    /// "under 500", "500 to under 1,000", …, "5,000 or more"; a single class gives its range.
    fn labels(&self) -> Vec<String> {
        if self.count == 0 {
            return Vec::new();
        }
        if self.breaks.is_empty() {
            return vec![if self.min == self.max {
                format_number(self.min)
            } else {
                format!("{} to {}", format_number(self.min), format_number(self.max))
            }];
        }
        let mut labels = vec![format!("under {}", format_number(self.breaks[0]))];
        for pair in self.breaks.windows(2) {
            labels.push(format!("{} to under {}", format_number(pair[0]), format_number(pair[1])));
        }
        labels.push(format!("{} or more", format_number(self.breaks[self.breaks.len() - 1])));
        labels
    }
}

/// `v` to `digits` significant digits.
fn round_significant(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let magnitude = 10f64.powi(v.abs().log10().floor() as i32 - (digits - 1));
    if !magnitude.is_finite() || magnitude == 0.0 {
        return v;
    }
    let rounded = (v / magnitude).round() * magnitude;
    if rounded.is_finite() {
        rounded
    } else {
        v
    }
}

// ---------------------------------------------------------------------------------------------------------
// Estimates with their intervals
// ---------------------------------------------------------------------------------------------------------

/// Point estimates with their intervals, one row each (competing models of one estimation), one of them
/// marked (the one reported).
#[derive(Debug, Clone)]
pub struct IntervalChart<'a> {
    /// The prefix of every id in the figure; unique on its page.
    pub id: &'a str,
    pub title: &'a str,
    /// What the values count or measure; may be empty.
    pub unit: &'a str,
    pub rows: Vec<IntervalRow>,
    /// What the table calls a row's label ("Model") and its detail ("Interactions").
    pub label_header: &'a str,
    pub detail_header: &'a str,
    /// How a marked row is named in the graphic and the table ("reported").
    pub marked_word: &'a str,
    /// A value drawn as a dashed line across the rows, with its name (the persons the lists found).
    pub reference: Option<(&'a str, f64)>,
    /// Further columns of the table: a header and one text per row.
    pub extra: Vec<(&'a str, Vec<String>)>,
    pub synthetic: bool,
    pub note: Option<&'a str>,
}

/// One row of an [`IntervalChart`]; a value or an end that is not finite counts as not available.
#[derive(Debug, Clone)]
pub struct IntervalRow {
    pub label: String,
    pub detail: String,
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub marked: bool,
}

/// A row with its value and ends, each `None` when not finite.
type FiniteRow<'a> = (&'a IntervalRow, Option<f64>, Option<f64>, Option<f64>);

/// The marked row: darker, thicker, a larger diamond, and its label says so; the others are blue circles.
const MARKED: &str = "#262b38";

/// Each row's point and interval on one horizontal axis from zero, labels on the left; the marked row is
/// drawn heavier and named so in words; the reference value is a dashed line named in the key. The table
/// gives every value.
pub fn interval_chart(spec: &IntervalChart<'_>) -> Markup {
    let id = clean_id(spec.id);
    let title = full_title(spec.title, spec.synthetic);
    let rows: Vec<FiniteRow<'_>> =
        spec.rows.iter().map(|r| (r, finite(Some(r.value)), finite(Some(r.low)), finite(Some(r.high)))).collect();
    let reference = spec.reference.filter(|(_, v)| v.is_finite());

    const W: f64 = 440.0;
    const FONT: f64 = 14.0;
    const LINE: f64 = 17.0;
    const LABEL_CHARS: usize = 16;
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|(r, ..)| {
            let text = if r.marked { format!("{} ({})", r.label, spec.marked_word) } else { r.label.clone() };
            wrap(&text, LABEL_CHARS)
        })
        .collect();
    let longest = labels.iter().flatten().map(|l| l.chars().count()).max().unwrap_or(0).min(LABEL_CHARS);
    let label_w = longest as f64 * FONT * CHAR_EM;
    let all: Vec<f64> = rows
        .iter()
        .flat_map(|(_, v, l, h)| [*v, *l, *h])
        .flatten()
        .chain(reference.map(|(_, v)| v))
        .map(drawable)
        .collect();
    let axis = Axis::new(
        all.iter().copied().fold(0.0, f64::min),
        all.iter().copied().fold(0.0, f64::max),
        all.iter().all(|v| v.fract() == 0.0),
    );
    let x0 = label_w + 16.0;
    let x1 = W - 16.0;
    let x_of = |v: f64| x0 + (drawable(v) - axis.lo) / (axis.hi - axis.lo) * (x1 - x0);
    let top = 26.0;
    let mut bands = Vec::with_capacity(rows.len());
    let mut y = top;
    for lines in &labels {
        let h = lines.len().max(1) as f64 * LINE + 14.0;
        bands.push((y, h));
        y += h;
    }
    let bottom = y + 4.0;
    let height = bottom + 10.0 + FONT + 6.0;
    let tick_labels: Vec<(f64, String)> = axis.ticks().into_iter().map(|t| (t, axis.label(t))).collect();
    let axis_title = axis.title(spec.unit);
    let tooltip = |r: &IntervalRow| {
        format!(
            "{}: {} (95% interval {} to {})",
            r.label,
            format_number(r.value),
            format_number(r.low),
            format_number(r.high)
        )
    };

    let svg = html! {
        svg.chart__svg viewBox=(format!("0 0 {W} {}", num(height))) role="img" aria-labelledby=(labelledby(&id)) font-size=(num(FONT)) {
            title { (title) }
            @if !axis_title.is_empty() {
                text x=(num(x0)) y="14" text-anchor="start" fill=(MUTED) { (axis_title) }
            }
            @for (t, label) in &tick_labels {
                line x1=(num(x_of(*t))) x2=(num(x_of(*t))) y1=(num(top)) y2=(num(bottom)) stroke=(GRID) stroke-width="1" {}
                text x=(num(x_of(*t))) y=(num(bottom + 8.0 + FONT)) text-anchor="middle" fill=(MUTED) { (label) }
            }
            line x1=(num(x0)) x2=(num(x1)) y1=(num(bottom)) y2=(num(bottom)) stroke=(MUTED) stroke-width="1.5" {}
            @if let Some((name, value)) = reference {
                line x1=(num(x_of(value))) x2=(num(x_of(value))) y1=(num(top - 4.0)) y2=(num(bottom)) stroke=(MUTED) stroke-width="1.5" stroke-dasharray="4 3" {
                    title { (name) ": " (format_number(value)) }
                }
            }
            @for (i, (row, value, low, high)) in rows.iter().enumerate() {
                @let (band_top, h) = bands[i];
                @let mid = band_top + h / 2.0;
                @let lines = &labels[i];
                @let first_baseline = mid - (lines.len() as f64 - 1.0) * LINE / 2.0 + FONT * 0.35;
                @let colour = if row.marked { MARKED } else { BAR };
                g {
                    text x=(num(label_w + 4.0)) y=(num(first_baseline)) text-anchor="end" fill=(TEXT) font-weight=[row.marked.then_some("bold")] {
                        @for (k, line) in lines.iter().enumerate() {
                            tspan x=(num(label_w + 4.0)) y=(num(first_baseline + k as f64 * LINE)) { (line) }
                        }
                    }
                    @if let (Some(l), Some(hi)) = (low, high) {
                        line x1=(num(x_of(*l))) x2=(num(x_of(*hi))) y1=(num(mid)) y2=(num(mid)) stroke=(colour) stroke-width=(if row.marked { "3" } else { "2" }) {
                            title { (tooltip(row)) }
                        }
                        line x1=(num(x_of(*l))) x2=(num(x_of(*l))) y1=(num(mid - 5.0)) y2=(num(mid + 5.0)) stroke=(colour) stroke-width="2" {}
                        line x1=(num(x_of(*hi))) x2=(num(x_of(*hi))) y1=(num(mid - 5.0)) y2=(num(mid + 5.0)) stroke=(colour) stroke-width="2" {}
                    }
                    @match value {
                        Some(v) => {
                            @if row.marked {
                                polygon points=(format!("{x},{} {},{y} {x},{} {},{y}", num(mid - 7.0), num(x_of(*v) + 7.0), num(mid + 7.0), num(x_of(*v) - 7.0), x = num(x_of(*v)), y = num(mid)))
                                    fill=(MARKED) stroke="#fff" stroke-width="1.5" { title { (tooltip(row)) } }
                            } @else {
                                (marker(Marker::Circle, x_of(*v), mid, BAR, &tooltip(row)))
                            }
                        }
                        None => {
                            text x=(num(x0 + 5.0)) y=(num(mid + FONT * 0.35)) text-anchor="start" fill=(MUTED) font-style="italic" {
                                "not available"
                            }
                        }
                    }
                }
            }
        }
    };

    let legend = html! {
        ul.chart__legend {
            li {
                svg.chart__swatch viewBox="0 0 36 14" width="36" height="14" aria-hidden="true" focusable="false" {
                    line x1="2" x2="34" y1="7" y2="7" stroke=(BAR) stroke-width="2" {}
                    (marker(Marker::Circle, 18.0, 7.0, BAR, ""))
                }
                span { "Estimate and its 95% interval" }
            }
            @if let Some((name, _)) = reference {
                li {
                    svg.chart__swatch viewBox="0 0 36 14" width="36" height="14" aria-hidden="true" focusable="false" {
                        line x1="18" x2="18" y1="0" y2="14" stroke=(MUTED) stroke-width="1.5" stroke-dasharray="4 3" {}
                    }
                    span { (name) }
                }
            }
        }
    };

    let any_missing = rows.iter().any(|(_, v, l, h)| v.is_none() || l.is_none() || h.is_none());
    let unit_header = if spec.unit.is_empty() { "Estimate".to_owned() } else { capitalise(spec.unit) };
    let table = html! {
        div.table-scroll {
            table.data-table.chart__table {
                caption { (caption(&title, spec.unit)) }
                thead {
                    tr {
                        th scope="col" { (spec.label_header) }
                        th scope="col" { (spec.detail_header) }
                        th.num scope="col" { (unit_header) }
                        th.num scope="col" { "95% interval, from" }
                        th.num scope="col" { "to" }
                        @for (header, _) in &spec.extra { th.num scope="col" { (header) } }
                    }
                }
                tbody {
                    @for (i, (row, value, low, high)) in rows.iter().enumerate() {
                        tr {
                            th scope="row" { (row.label) @if row.marked { " (" strong { (spec.marked_word) } ")" } }
                            td { (row.detail) }
                            (value_cell(*value))
                            (value_cell(*low))
                            (value_cell(*high))
                            @for (_, texts) in &spec.extra { td.num { (texts.get(i).map(String::as_str).unwrap_or_default()) } }
                        }
                    }
                }
            }
        }
    };

    figure(&Figure {
        id: &id,
        title: &title,
        synthetic: spec.synthetic,
        description: &interval_description(&spec.rows, spec.marked_word, reference),
        graphic: svg,
        legend,
        note: spec.note,
        table,
        any_missing,
    })
}

/// "The reported model (stepwise) estimates 8,660 (95% interval 6,200 to 12,000). The 5 other models
/// estimate from 7,010 (main) to 11,400 (bic 3). The lists found 1,204."
fn interval_description(rows: &[IntervalRow], marked_word: &str, reference: Option<(&str, f64)>) -> String {
    let present: Vec<&IntervalRow> = rows.iter().filter(|r| r.value.is_finite()).collect();
    if present.is_empty() {
        return "No estimate available.".to_owned();
    }
    let ends = |r: &IntervalRow| {
        if r.low.is_finite() && r.high.is_finite() {
            format!(" (95% interval {} to {})", format_number(r.low), format_number(r.high))
        } else {
            String::new()
        }
    };
    let mut text = String::new();
    let marked = present.iter().find(|r| r.marked);
    if let Some(m) = marked {
        let _ = write!(text, "The {marked_word} model, {}, estimates {}{}.", m.label, format_number(m.value), ends(m));
    }
    let others: Vec<&&IntervalRow> = present.iter().filter(|r| !r.marked).collect();
    let lowest = others.iter().min_by(|a, b| a.value.total_cmp(&b.value));
    let highest = others.iter().max_by(|a, b| a.value.total_cmp(&b.value));
    let lead = if marked.is_some() { "other " } else { "" };
    match (others.len(), lowest, highest) {
        (0, ..) => {}
        (1, Some(only), _) => {
            let _ = write!(
                text,
                " The {lead}model, {}, estimates {}{}.",
                only.label,
                format_number(only.value),
                ends(only)
            );
        }
        (n, Some(lo), Some(hi)) => {
            let _ = write!(
                text,
                " The {n} {lead}models estimate from {} ({}) to {} ({}).",
                format_number(lo.value),
                lo.label,
                format_number(hi.value),
                hi.label
            );
        }
        _ => {}
    }
    if let Some((name, value)) = reference {
        let _ = write!(text, " {}: {}.", capitalise(name), format_number(value));
    }
    text.trim_start().to_owned()
}

// ---------------------------------------------------------------------------------------------------------
// What the figures share
// ---------------------------------------------------------------------------------------------------------

struct Figure<'a> {
    id: &'a str,
    title: &'a str,
    synthetic: bool,
    description: &'a str,
    graphic: Markup,
    legend: Markup,
    note: Option<&'a str>,
    table: Markup,
    any_missing: bool,
}

/// The figure: title (and the synthetic badge), the description, the graphic, its key, the note, the table
/// and what ":" means.
fn figure(f: &Figure<'_>) -> Markup {
    html! {
        figure.chart id=(f.id) {
            figcaption.chart__caption {
                span.chart__title id=(format!("{}-title", f.id)) { (f.title) }
                @if f.synthetic { " " strong.badge.badge--synthetic { "Synthetic data" } }
            }
            p.chart__description id=(format!("{}-desc", f.id)) { (f.description) }
            (f.graphic)
            (f.legend)
            @if let Some(n) = f.note { p.chart__note { (n) } }
            (f.table)
            @if f.any_missing { p.chart__note { "“:” not available." } }
        }
    }
}

fn labelledby(id: &str) -> String {
    format!("{id}-title {id}-desc")
}

fn full_title(title: &str, synthetic: bool) -> String {
    if synthetic {
        format!("{title} (synthetic data)")
    } else {
        title.to_owned()
    }
}

fn caption(title: &str, unit: &str) -> String {
    if unit.is_empty() {
        format!("{title}: the figures")
    } else {
        format!("{title}: the figures ({unit})")
    }
}

/// A number in the table, or ":" read out as "not available".
fn value_cell(value: Option<f64>) -> Markup {
    html! { td.num { (value_cell_text(value)) } }
}

fn value_cell_text(value: Option<f64>) -> Markup {
    html! {
        @match value {
            Some(v) => (format_number(v)),
            None => { span aria-hidden="true" { ":" } span.chart-sr-only { "not available" } }
        }
    }
}

fn share_cell(share: Option<f64>) -> Markup {
    html! { td.num { @match share { Some(s) => (format_share(s)), None => (value_cell_text(None)) } } }
}

/// Text that may break after each slash as well as at spaces ("Eurostat/Commission"), so that a narrow
/// screen need not scroll a table sideways.
fn breakable(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('/').enumerate() {
            @if i > 0 { "/" wbr; }
            (part)
        }
    }
}

/// Keeps ids valid and free of spaces (aria-labelledby is a list).
fn clean_id(id: &str) -> String {
    let cleaned: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
        cleaned
    } else {
        format!("chart-{cleaned}")
    }
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite())
}

fn drawable(v: f64) -> f64 {
    v.clamp(-DRAW_LIMIT, DRAW_LIMIT)
}

/// A coordinate for an attribute: one decimal, never NaN or infinite.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "A", "A and B", "A, B and C".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A value for people: thousands separated by commas ("1,234"); decimals only when the value has them (up
/// to two, or two significant digits below 1); a minus sign for negatives; ":" when not finite.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return ":".to_owned();
    }
    let a = v.abs();
    let decimals = if (a - a.round()).abs() <= 1e-9 * a.max(1.0) {
        0
    } else if a >= 100.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        ((-a.log10()).floor() as usize + 2).min(6)
    };
    format_fixed(v, decimals, true)
}

/// A share in percent with one decimal ("55.2%"); "<0.1%" for a share above zero that would show as 0.0.
pub fn format_share(percent: f64) -> String {
    if !percent.is_finite() {
        return ":".to_owned();
    }
    if percent > 0.0 && percent < 0.05 {
        return "<0.1%".to_owned();
    }
    format!("{}%", format_fixed(percent, 1, false))
}

/// `v` with `decimals` decimals (trailing zeros dropped when `trim`) and thousands separators.
fn format_fixed(v: f64, decimals: usize, trim: bool) -> String {
    let digits = format!("{:.*}", decimals, v.abs());
    let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    let frac = if trim { frac.trim_end_matches('0') } else { frac };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    let is_zero = int.bytes().all(|b| b == b'0') && frac.bytes().all(|b| b == b'0');
    if v < 0.0 && !is_zero {
        out.push('\u{2212}');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn victims() -> TrendChart<'static> {
        TrendChart {
            id: "victims",
            title: "Registered victims of trafficking in the EU",
            unit: "persons",
            years: (2015..=2022).collect(),
            series: vec![
                Series {
                    label: "Registered victims (Rapporteur, from national submissions)",
                    values: vec![
                        Some(1204.0),
                        Some(1500.0),
                        None,
                        Some(2100.0),
                        Some(2480.0),
                        Some(2200.0),
                        Some(2250.0),
                        Some(2310.0),
                    ],
                },
                Series {
                    label: "Official EU figure (Eurostat/Commission)",
                    values: vec![Some(1100.0), Some(1400.0), Some(1800.0), None, None, Some(2000.0), Some(2100.0)],
                },
            ],
            synthetic: false,
            note: Some("Source: national submissions."),
        }
    }

    fn forms() -> BarChart<'static> {
        BarChart {
            id: "forms",
            title: "Registered victims by form of exploitation, 2022",
            unit: "persons",
            bars: vec![
                ("Sexual exploitation".to_owned(), Some(4321.0)),
                ("Labour exploitation".to_owned(), Some(2500.0)),
                ("Forced criminal activities".to_owned(), Some(997.0)),
                ("Removal of organs".to_owned(), Some(12.0)),
                ("Other forms of exploitation, including forced begging and forced marriage".to_owned(), None),
            ],
            synthetic: false,
            note: None,
        }
    }

    fn map(values: Vec<MapValue<'static>>) -> EuMap<'static> {
        EuMap {
            id: "map",
            title: "Registered victims by Member State, 2022",
            unit: "persons",
            values,
            synthetic: false,
            note: None,
        }
    }

    fn some_states() -> Vec<MapValue<'static>> {
        vec![
            MapValue { code: "DE", name: "Germany", value: Some(1234.0), href: Some("/member-states/de".to_owned()) },
            MapValue { code: "EL", name: "Greece", value: Some(310.0), href: None },
            MapValue { code: "FR", name: "France", value: Some(980.0), href: None },
            MapValue { code: "MT", name: "Malta", value: Some(3.0), href: None },
            MapValue { code: "IT", name: "Italy", value: Some(2100.0), href: None },
            MapValue { code: "ES", name: "Spain", value: Some(1500.0), href: None },
            MapValue { code: "PL", name: "Poland", value: Some(150.0), href: None },
            MapValue { code: "SE", name: "Sweden", value: Some(60.0), href: None },
            MapValue { code: "CY", name: "Cyprus", value: None, href: None },
        ]
    }

    /// What every chart must be: one figure, its title and description referenced by the graphic, no
    /// number that is not one in the SVG, and every `<svg>` element closed.
    fn check_common(html: &str, id: &str, title: &str) {
        assert_eq!(html.matches("<figure").count(), 1, "{html}");
        assert!(html.contains(&format!(r#"<figure class="chart" id="{id}">"#)), "{html}");
        assert!(html.contains(&format!(r#"id="{id}-title">{title}"#)), "title: {html}");
        assert!(html.contains(&format!(r#"id="{id}-desc""#)), "description: {html}");
        assert!(html.contains(&format!(r#"aria-labelledby="{id}-title {id}-desc""#)), "labelled: {html}");
        for svg in html.split("<svg").skip(1) {
            let svg = svg.split("</svg>").next().unwrap();
            for bad in ["NaN", "inf", "Infinity"] {
                assert!(!svg.contains(bad), "{bad} in {svg}");
            }
        }
        assert!(html.contains("<caption>"), "{html}");
        assert!(html.contains(r#"<th scope="col""#), "{html}");
        assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
        // SVG elements are never left open (HTML would nest what follows inside them).
        for element in ["line", "rect", "circle", "path", "polygon", "text"] {
            assert_eq!(
                html.matches(&format!("<{element} ")).count(),
                html.matches(&format!("</{element}>")).count(),
                "{element}"
            );
        }
    }

    fn body_rows(html: &str) -> usize {
        let body = html.split("<tbody>").nth(1).and_then(|b| b.split("</tbody>").next()).unwrap_or("");
        body.matches("<tr>").count()
    }

    fn description(html: &str) -> String {
        let after = html.split(r#"class="chart__description""#).nth(1).expect("a description");
        after.split_once('>').unwrap().1.split("</p>").next().unwrap().to_owned()
    }

    #[test]
    fn numbers_are_formatted_for_people() {
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(7.0), "7");
        assert_eq!(format_number(1234.0), "1,234");
        assert_eq!(format_number(1_234_567.0), "1,234,567");
        assert_eq!(format_number(-2480.0), "\u{2212}2,480");
        assert_eq!(format_number(2.35), "2.35");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(1234.56), "1,234.6");
        assert_eq!(format_number(0.0123), "0.012");
        assert_eq!(format_number(1e15), "1,000,000,000,000,000");
        assert_eq!(format_number(f64::NAN), ":");
        assert_eq!(format_share(55.234), "55.2%");
        assert_eq!(format_share(100.0), "100.0%");
        assert_eq!(format_share(0.0), "0.0%");
        assert_eq!(format_share(0.01), "<0.1%");
    }

    #[test]
    fn axis_ticks_are_round_and_start_at_zero() {
        let axis = Axis::new(0.0, 2480.0, true);
        assert_eq!(axis.ticks(), vec![0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]);
        assert_eq!(axis.label(1500.0), "1,500");
        let axis = Axis::new(0.0, 0.87, false);
        assert_eq!(axis.ticks().len(), 6);
        assert_eq!(axis.label(axis.ticks()[3]), "0.6");
        let axis = Axis::new(0.0, 0.0, true);
        assert_eq!(axis.ticks(), vec![0.0, 1.0]);
        let axis = Axis::new(0.0, 3.2e9, true);
        assert_eq!(axis.title("persons"), "persons, billions");
        assert_eq!(axis.label(axis.ticks()[1]), "1");
        for step in [0.3, 7.0, 12.0, 4.5e6] {
            let s = nice_step(step);
            let m = s / 10f64.powf(s.log10().floor());
            assert!([1.0, 2.0, 5.0, 10.0].iter().any(|n| (m - n).abs() < 1e-9), "{step} -> {s}");
        }
    }

    #[test]
    fn trend_chart_draws_the_series_the_key_and_the_table() {
        let html = trend_chart(&victims()).into_string();
        check_common(&html, "victims", "Registered victims of trafficking in the EU");
        assert!(html.contains(r#"role="img""#));
        assert_eq!(body_rows(&html), 8, "a row per year");
        assert_eq!(html.matches(r#"<th scope="row">"#).count(), 8);
        assert!(html.contains("Registered victims (Rapporteur, from national submissions)"));
        assert!(html.contains("Official EU figure (Eurostat/<wbr>Commission)</th>"), "headers break at slashes");
        assert!(html.contains(r#"stroke-dasharray="7 4""#), "the second series is dashed");
        assert!(html.contains("<title>Official EU figure (Eurostat/Commission), 2016: 1,400</title>"));
        // Points: 7 + 5, each with a tooltip; the key's samples have none.
        assert_eq!(html.matches("<title>").count(), 12);
        // Missing values: a gap (a new "M" in the path) and ":" in the table.
        assert!(html.matches("not available</span>").count() >= 4);
        assert!(html.contains("“:” not available."));
        assert!(html.contains("Source: national submissions."));
        assert!(!html.contains("Synthetic data"));
        let desc = description(&html);
        assert!(desc.contains("Registered victims (Rapporteur, from national submissions): rises from 1,204 in 2015 to 2,310 in 2022; highest in 2019 (2,480); not available for 2017."), "{desc}");
        assert!(
            desc.contains("Official EU figure (Eurostat/Commission): rises from 1,100 in 2015 to 2,100 in 2021"),
            "{desc}"
        );
        // Round ticks: 0 to 2,500 in steps of 500.
        for tick in ["0", "500", "1,000", "2,500"] {
            assert!(html.contains(&format!(">{tick}</text>")), "{tick}");
        }
    }

    #[test]
    fn a_single_series_reads_as_one_sentence() {
        let mut spec = victims();
        spec.series.truncate(1);
        let html = trend_chart(&spec).into_string();
        assert_eq!(
            description(&html),
            "Rises from 1,204 in 2015 to 2,310 in 2022; highest in 2019 (2,480); not available for 2017."
        );
    }

    #[test]
    fn line_paths_break_at_gaps() {
        let d = line_path([Some((1.0, 2.0)), Some((3.0, 4.0)), None, Some((5.0, 6.0)), Some((7.0, 8.5))].into_iter());
        assert_eq!(d, "M1 2 L3 4 M5 6 L7 8.5");
        assert_eq!(line_path([None, Some((1.0, 1.0)), None].into_iter()), "M1 1");
        assert_eq!(line_path(std::iter::empty()), "");
    }

    #[test]
    fn trend_chart_with_nothing_to_draw() {
        let spec = TrendChart {
            id: "empty",
            title: "Nothing yet",
            unit: "persons",
            years: vec![2020, 2021],
            series: vec![Series { label: "Registered victims", values: vec![None, None] }],
            synthetic: true,
            note: None,
        };
        let html = trend_chart(&spec).into_string();
        check_common(&html, "empty", "Nothing yet (synthetic data)");
        assert!(html.contains("Synthetic data</strong>"));
        assert_eq!(description(&html), "No data available.");
        assert_eq!(body_rows(&html), 2);
        assert!(!html.contains("<path "), "no line");
        assert_eq!(html.matches("<circle ").count(), 1, "no point, only the key's sample");

        let none = TrendChart { years: vec![], series: vec![], ..spec };
        let html = trend_chart(&none).into_string();
        check_common(&html, "empty", "Nothing yet (synthetic data)");
        assert_eq!(body_rows(&html), 0);
    }

    #[test]
    fn trend_chart_with_a_single_point_zeros_and_huge_values() {
        let one = TrendChart {
            id: "one",
            title: "One year",
            unit: "",
            years: vec![2019],
            series: vec![Series { label: "Victims", values: vec![Some(2480.0)] }],
            synthetic: false,
            note: None,
        };
        let html = trend_chart(&one).into_string();
        check_common(&html, "one", "One year");
        assert_eq!(description(&html), "Only 2019 available (2,480).");
        assert_eq!(html.matches("<circle ").count(), 2, "the point and the key's sample");
        assert!(html.contains(r#"<path d="M"#), "a lone point is a move, not a line");

        let zeros = TrendChart {
            id: "zeros",
            years: vec![2020, 2021, 2022],
            series: vec![Series { label: "Victims", values: vec![Some(0.0), Some(0.0), Some(0.0)] }],
            ..one.clone()
        };
        let html = trend_chart(&zeros).into_string();
        check_common(&html, "zeros", "One year");
        assert_eq!(description(&html), "0 in both 2020 and 2022.");

        let huge = TrendChart {
            id: "huge",
            years: vec![2020, 2021, 2022, 2023],
            series: vec![
                Series { label: "Big", values: vec![Some(1e15), Some(f64::MAX), Some(f64::INFINITY), Some(f64::NAN)] },
                Series { label: "Negative", values: vec![Some(-3.0), Some(-f64::MAX), None, Some(2.0)] },
            ],
            ..one.clone()
        };
        let html = trend_chart(&huge).into_string();
        check_common(&html, "huge", "One year");
        assert!(html.contains("1,000,000,000,000,000"));
        // Infinite and NaN values are not available.
        assert!(html.matches("not available</span>").count() >= 3);
    }

    #[test]
    fn many_years_are_labelled_sparsely_and_the_latest_always() {
        let years: Vec<u16> = (1990..=2024).collect();
        let spec = TrendChart {
            id: "long",
            title: "Long",
            unit: "persons",
            series: vec![Series {
                label: "Victims",
                values: years.iter().map(|y| Some(f64::from(*y - 1980))).collect(),
            }],
            years,
            synthetic: false,
            note: None,
        };
        let html = trend_chart(&spec).into_string();
        check_common(&html, "long", "Long");
        assert_eq!(body_rows(&html), 35);
        let labelled = (1990..=2024).filter(|y| html.contains(&format!(">{y}</text>"))).count();
        assert!((4..=12).contains(&labelled), "{labelled} year labels");
        assert!(html.contains(">2024</text>"));
    }

    #[test]
    fn unsorted_years_keep_their_values() {
        let spec = TrendChart {
            id: "unsorted",
            title: "Unsorted",
            unit: "persons",
            years: vec![2022, 2020, 2021],
            series: vec![Series { label: "Victims", values: vec![Some(3.0), Some(1.0), Some(2.0)] }],
            synthetic: false,
            note: None,
        };
        let html = trend_chart(&spec).into_string();
        assert_eq!(description(&html), "Rises from 1 in 2020 to 3 in 2022.");
        let first_row = html.split("<tbody>").nth(1).unwrap().split("</tr>").next().unwrap().to_owned();
        assert!(first_row.contains(">2020<") && first_row.contains(">1<"), "{first_row}");
    }

    #[test]
    fn bar_chart_draws_bars_values_and_shares() {
        let html = bar_chart(&forms()).into_string();
        check_common(&html, "forms", "Registered victims by form of exploitation, 2022");
        assert!(html.contains(r#"role="img""#));
        assert_eq!(body_rows(&html), 5);
        assert_eq!(html.matches(r#"<th scope="row">"#).count(), 6, "a row per category, and the total");
        assert_eq!(html.matches(r#"<rect "#).count(), 4, "a bar per value");
        assert!(html.contains(">4,321</text>"), "the value at the bar's end");
        // 4,321 of 7,830.
        assert!(html.contains("55.2%"));
        assert!(html.contains("0.2%"));
        assert!(html.contains(">7,830<"));
        assert!(html.contains("not available</text>"));
        assert!(html.contains("“:” not available."));
        assert_eq!(
            description(&html),
            "7,830 in total. Largest: Sexual exploitation (4,321; 55.2%); smallest: Removal of organs (12; 0.2%). \
             Not available: Other forms of exploitation, including forced begging and forced marriage."
        );
        // The long label is wrapped, no line longer than 22 characters.
        assert!(html.contains("<tspan"));
        for line in html.split("<tspan").skip(1) {
            let text = line.split_once('>').unwrap().1.split("</tspan>").next().unwrap();
            assert!(text.chars().count() <= 22, "{text}");
        }
    }

    #[test]
    fn bar_chart_edge_cases() {
        let missing = BarChart {
            id: "none",
            title: "Nothing",
            unit: "",
            bars: vec![("A".to_owned(), None), ("B".to_owned(), Some(f64::NAN))],
            synthetic: true,
            note: Some("A note."),
        };
        let html = bar_chart(&missing).into_string();
        check_common(&html, "none", "Nothing (synthetic data)");
        assert!(html.contains("Synthetic data</strong>"));
        assert_eq!(description(&html), "No data available.");
        assert_eq!(body_rows(&html), 2);
        assert!(!html.contains("<tfoot>"));
        assert!(!html.contains("<rect "));

        let zeros = BarChart {
            id: "zeros",
            bars: vec![("A".to_owned(), Some(0.0)), ("B".to_owned(), Some(0.0))],
            ..missing.clone()
        };
        let html = bar_chart(&zeros).into_string();
        check_common(&html, "zeros", "Nothing (synthetic data)");
        assert!(!html.contains('%'), "no shares of nothing: {html}");

        let one = BarChart { id: "one", bars: vec![("Only".to_owned(), Some(5.0))], ..missing.clone() };
        let html = bar_chart(&one).into_string();
        check_common(&html, "one", "Nothing (synthetic data)");
        assert_eq!(description(&html), "Only one value available: Only (5; 100.0%).");

        let huge = BarChart {
            id: "huge",
            bars: vec![
                ("Huge".to_owned(), Some(f64::MAX)),
                ("Also huge".to_owned(), Some(f64::MAX)),
                ("Negative".to_owned(), Some(-1e12)),
                ("Antidisestablishmentarianism-and-more".to_owned(), Some(1.0)),
            ],
            ..missing.clone()
        };
        let html = bar_chart(&huge).into_string();
        check_common(&html, "huge", "Nothing (synthetic data)");
        assert!(html.contains("\u{2212}1,000,000,000,000"));

        let empty = BarChart { id: "empty", bars: vec![], ..missing };
        let html = bar_chart(&empty).into_string();
        check_common(&html, "empty", "Nothing (synthetic data)");
        assert_eq!(body_rows(&html), 0);
    }

    #[test]
    fn the_grid_holds_every_member_state_once_on_its_own_tile() {
        let mut codes: Vec<&str> = EU_GRID.iter().map(|(c, _, _)| *c).collect();
        let mut cells: Vec<(u8, u8)> = EU_GRID.iter().map(|(_, c, r)| (*c, *r)).collect();
        codes.sort_unstable();
        codes.dedup();
        cells.sort_unstable();
        cells.dedup();
        assert_eq!(cells.len(), 27);
        let mut states: Vec<&str> = MemberState::all().map(|m| m.country().eurostat()).collect();
        states.sort_unstable();
        assert_eq!(codes, states);
        assert!(EU_GRID.iter().all(|(_, c, r)| *c < 8 && *r < 7));
        assert!(EU_GRID.windows(2).all(|w| (w[0].2, w[0].1) < (w[1].2, w[1].1)), "reading order");
    }

    #[test]
    fn map_colours_meet_contrast() {
        fn luminance(hex: &str) -> f64 {
            let hex = hex.trim_start_matches('#');
            let hex = if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_owned() };
            let channel = |i: usize| {
                let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        }
        fn contrast(a: &str, b: &str) -> f64 {
            let (x, y) = (luminance(a), luminance(b));
            (x.max(y) + 0.05) / (x.min(y) + 0.05)
        }
        for (fill, ink) in MAP_CLASSES {
            assert!(contrast(fill, ink) >= 4.5, "label on {fill}");
        }
        // Every tile is outlined, so that even the lightest stands out from the page.
        assert!(contrast(MUTED, "#fff") >= 3.0);
        assert!(contrast(NO_DATA_FILL, TEXT) >= 4.5);
        for style in &SERIES_STYLES {
            assert!(contrast(style.colour, "#fff") >= 4.5, "{}", style.colour);
        }
        assert!(contrast(BAR, "#fff") >= 4.5);
        assert!(contrast(MUTED, "#fff") >= 4.5);
    }

    #[test]
    fn eu_map_draws_every_member_state_and_lists_them() {
        let html = eu_map(&map(some_states())).into_string();
        check_common(&html, "map", "Registered victims by Member State, 2022");
        // With a link among the tiles the graphic is a group, each tile named.
        assert!(html.contains(r#"role="group""#));
        assert_eq!(html.matches(r#"class="chart__tile""#).count(), 27);
        assert_eq!(body_rows(&html), 27);
        assert!(html.contains(r#"<a href="/member-states/de" aria-label="Germany: 1,234">"#));
        assert!(html.contains("<title>Germany: 1,234</title>"));
        assert!(html.contains("<title>Cyprus: no data</title>"));
        assert!(html.contains(r#"aria-label="Austria: no data""#), "names from the Member States");
        assert!(html.contains(">EL</text>"), "Eurostat's code for Greece");
        assert!(html.contains(r#"fill="url(#map-nodata)""#));
        assert!(html.contains(r#"<pattern id="map-nodata""#));
        assert!(html.contains("no data</span>"), "the key has no data");
        // Alphabetical: Austria first, Sweden last.
        let body = html.split("<tbody>").nth(1).unwrap();
        let austria = body.find("Austria").unwrap();
        let belgium = body.find("Belgium").unwrap();
        let sweden = body.find("Sweden").unwrap();
        assert!(austria < belgium && belgium < sweden);
        assert!(body.contains(r#"<a href="/member-states/de">Germany</a>"#));
        assert_eq!(
            description(&html),
            "Highest: Italy (2,100); lowest: Malta (3). Data for 8 of 27 Member States; not available for the other 19."
        );
        // Five classes from eight values; the key gives their bounds.
        assert_eq!(html.matches(r#"<li><svg class="chart__swatch""#).count(), 6);
        assert!(html.contains(">under "));
        assert!(html.contains(" or more</span>"));
    }

    #[test]
    fn eu_map_without_links_is_an_image() {
        let values: Vec<MapValue<'static>> = some_states().into_iter().map(|v| MapValue { href: None, ..v }).collect();
        let html = eu_map(&map(values)).into_string();
        assert!(html.contains(r#"role="img""#));
        assert!(!html.contains("<a "));
        assert!(!html.contains("aria-label=\"Germany"));
    }

    #[test]
    fn eu_map_edge_cases() {
        let spec = EuMap { synthetic: true, ..map(vec![]) };
        let html = eu_map(&spec).into_string();
        check_common(&html, "map", "Registered victims by Member State, 2022 (synthetic data)");
        assert!(html.contains("Synthetic data</strong>"));
        assert_eq!(description(&html), "No data for any Member State.");
        assert_eq!(body_rows(&html), 27);
        assert_eq!(html.matches(r#"fill="url(#map-nodata)""#).count(), 27);

        let one = map(vec![MapValue { code: "gr", name: "Greece", value: Some(0.0), href: None }]);
        let html = eu_map(&one).into_string();
        check_common(&html, "map", "Registered victims by Member State, 2022");
        assert_eq!(body_rows(&html), 27, "GR is Greece, once");
        assert!(html.contains("Only Greece has data (0)."));
        assert!(html.contains("<title>Greece: 0</title>"));

        let odd = map(vec![
            MapValue { code: "DE", name: "Germany", value: Some(f64::MAX), href: None },
            MapValue { code: "FR", name: "France", value: Some(1e15), href: None },
            MapValue { code: "NL", name: "Netherlands", value: Some(f64::INFINITY), href: None },
            MapValue { code: "NO", name: "Norway", value: Some(10.0), href: None },
            MapValue { code: "DE", name: "Germany again", value: Some(1.0), href: None },
        ]);
        let html = eu_map(&odd).into_string();
        check_common(&html, "map", "Registered victims by Member State, 2022");
        assert_eq!(body_rows(&html), 28, "the 27 and Norway");
        assert!(!html.contains("Germany again"));
        assert!(html.contains("Not on the map, in the table only: Norway (NO)."));
        assert!(html.contains("<title>Netherlands: no data</title>"));
    }

    #[test]
    fn classes_have_round_increasing_bounds() {
        let values = [3.0, 60.0, 150.0, 310.0, 980.0, 1234.0, 1500.0, 2100.0];
        let classes = Classes::new(&values);
        assert_eq!(classes.count, 5);
        assert!(classes.breaks.windows(2).all(|w| w[0] < w[1]));
        for b in &classes.breaks {
            assert_eq!(round_significant(*b, 2), *b);
        }
        assert_eq!(classes.class_of(3.0), 0);
        assert_eq!(classes.class_of(2100.0), 4);
        let labels = classes.labels();
        assert_eq!(labels.len(), 5);
        assert!(labels[0].starts_with("under ") && labels[4].ends_with(" or more"));

        let same = Classes::new(&[7.0, 7.0, 7.0]);
        assert_eq!(same.labels(), vec!["7".to_owned()]);
        assert_eq!(same.colour(7.0), MAP_CLASSES[2]);
        assert_eq!(Classes::new(&[]).labels(), Vec::<String>::new());
        let two = Classes::new(&[1.0, 1000.0]);
        assert_eq!(two.labels(), vec!["under 1,000".to_owned(), "1,000 or more".to_owned()]);
    }

    #[test]
    fn ids_are_usable() {
        assert_eq!(clean_id("victims-2022"), "victims-2022");
        assert_eq!(clean_id("by form"), "by-form");
        assert_eq!(clean_id("2022"), "chart-2022");
        let spec = TrendChart { id: "a b", ..victims() };
        let html = trend_chart(&spec).into_string();
        assert!(html.contains(r#"aria-labelledby="a-b-title a-b-desc""#));
    }

    #[test]
    fn text_is_escaped() {
        let spec = BarChart {
            id: "esc",
            title: "<script>",
            unit: "",
            bars: vec![("<b>&".to_owned(), Some(1.0))],
            synthetic: false,
            note: None,
        };
        let html = bar_chart(&spec).into_string();
        assert!(!html.contains("<script>") && !html.contains("<b>"));
        assert!(html.contains("&lt;b&gt;&amp;"));
    }

    fn models(rows: Vec<IntervalRow>) -> IntervalChart<'static> {
        IntervalChart {
            id: "models",
            title: "Competing models",
            unit: "persons",
            rows,
            label_header: "Model",
            detail_header: "Interactions",
            marked_word: "reported",
            reference: Some(("Persons found by the lists", 1_000.0)),
            extra: vec![("BIC", vec!["12.5".into(), "10.1".into(), "11".into()])],
            synthetic: false,
            note: None,
        }
    }

    fn row(label: &str, value: f64, low: f64, high: f64, marked: bool) -> IntervalRow {
        IntervalRow { label: label.into(), detail: String::new(), value, low, high, marked }
    }

    #[test]
    fn interval_chart_marks_the_reported_model_in_words_and_lists_every_value() {
        let html = interval_chart(&models(vec![
            row("main", 1_500.0, 1_400.0, 1_650.0, false),
            row("stepwise", 2_100.0, 1_700.0, 2_900.0, true),
            row("bic 2", 2_600.0, 1_800.0, 4_000.0, false),
        ]))
        .into_string();
        check_common(&html, "models", "Competing models");
        assert!(html.contains(r#"role="img""#) && html.contains("<title>Competing models</title>"), "{html}");
        assert_eq!(
            description(&html),
            "The reported model, stepwise, estimates 2,100 (95% interval 1,700 to 2,900). The 2 other models \
             estimate from 1,500 (main) to 2,600 (bic 2). Persons found by the lists: 1,000."
        );
        assert_eq!(body_rows(&html), 3);
        assert!(html.contains("stepwise (<strong>reported</strong>)"), "the table says which in words");
        assert!(html.contains(r#"font-weight="bold""#), "the graphic's label too");
        assert!(html.contains("<td class=\"num\">10.1</td>"), "the extra column");
        assert!(html.contains(r#"stroke-dasharray="4 3""#), "the reference line");
    }

    #[test]
    fn interval_chart_edge_cases() {
        let html = interval_chart(&models(vec![
            row("main", f64::NAN, 1.0, 2.0, false),
            row("stepwise", 2_100.0, 1_700.0, f64::INFINITY, true),
        ]))
        .into_string();
        check_common(&html, "models", "Competing models");
        assert!(html.contains("not available"), "{html}");
        assert!(description(&html).starts_with("The reported model, stepwise, estimates 2,100."), "{html}");
        let empty = interval_chart(&models(Vec::new())).into_string();
        assert_eq!(description(&empty), "No estimate available.");
        assert_eq!(body_rows(&empty), 0);
    }
}
