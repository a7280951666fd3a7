//! The Excel workbook: the whole schedule grouped by district, one sheet per
//! day that holds drills (for a plan longer than a printed page), the team roster, district x sector coverage and
//! (when there are any) the drills left out with their reasons. Dates and times are real Excel values (sortable,
//! filterable), headers frozen, widths fitted to Chinese text.

use super::sheet_name::SheetNames;
use super::{Plan, Stop};
use crate::lang::Label;
use crate::scenario::time::{HhMm, MINUTES_PER_DAY};
use crate::scenario::DrillId;
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

/// Scheduled drills up to which the whole schedule prints on one A4 page
/// (25 did, 40 took two): a plan that short gets no day sheets, which
/// would print it again at a page a day (a 25-drill city on six days:
/// 10 pages, 4 without).
const ONE_PAGE_OF_DRILLS: usize = 30;

/// The workbook's bytes.
pub fn to_bytes(plan: &Plan) -> Result<Vec<u8>, XlsxError> {
    let lang = plan.lang;
    let mut book = Workbook::new();
    // A fixed creation time keeps the file byte-identical run to run.
    let created = ExcelDateTime::from_ymd(2017, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(Label::ReportTitle.say(lang))
            .set_author("drillplan")
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    let all: Vec<DrillId> = plan
        .scheduled()
        .into_iter()
        .map(|(d, _)| d)
        .chain(plan.unscheduled())
        .collect();
    let mut names = SheetNames::default();
    // The whole schedule, grouped by district: printed, each district's
    // drills follow each other, so the sheet also serves as the districts'
    // hand-outs (a sheet per district as well printed every drill twice).
    let mut by_district = all.clone();
    let district_of = |d: DrillId| plan.scenario.venue(plan.scenario.drill(d).venue).district;
    by_district.sort_by_key(|&d| (district_of(d), plan.entries[d.index()].is_none()));
    schedule_sheet(
        book.add_worksheet(),
        plan,
        &styles,
        &names.take(Label::Schedule.say(lang)),
        &by_district,
        Columns::All,
    )?;
    // Only days that hold drills: an empty day printed a page of headers.
    let day_sheets = plan.scheduled().len() > ONE_PAGE_OF_DRILLS;
    let dates = if day_sheets { plan.dates() } else { Vec::new() };
    for date in dates {
        let drills = plan.scheduled_on(date);
        if drills.is_empty() {
            continue;
        }
        let name = names.take(&format!("{} {}", date.format("%m-%d"), lang.weekday(date)));
        schedule_sheet(
            book.add_worksheet(),
            plan,
            &styles,
            &name,
            &drills,
            Columns::Day,
        )?;
    }
    roster_sheet(
        book.add_worksheet(),
        plan,
        &styles,
        &names.take(Label::Roster.say(lang)),
    )?;
    coverage_sheet(
        book.add_worksheet(),
        plan,
        &styles,
        &names.take(Label::Coverage.say(lang)),
    )?;
    if !plan.unscheduled().is_empty() {
        unscheduled_sheet(
            book.add_worksheet(),
            plan,
            &styles,
            &names.take(Label::UnscheduledSheet.say(lang)),
        )?;
    }
    book.save_to_buffer()
}

struct Styles {
    header: Format,
    date: Format,
    time: Format,
    whole_day: Format,
    /// Every other cell: the data's font size is set on each cell, since a
    /// cell written without a format takes the workbook's 11 points.
    plain: Format,
    empty_cell: Format,
    cell: Format,
    /// Long text (names, teams, reasons) wraps within its column rather
    /// than being cut off at the next cell, on screen and on paper.
    wrapped: Format,
}

impl Styles {
    fn new() -> Self {
        Self::filled(None)
    }

    /// The data formats on a fill: a changed drill's row is marked with it.
    /// A fill is a cell format, so it survives any spreadsheet's re-save.
    fn marked() -> Self {
        Self::filled(Some(CHANGED_FILL))
    }

    fn filled(fill: Option<Color>) -> Self {
        let data = |f: Format| match fill {
            Some(color) => f.set_background_color(color),
            None => f,
        };
        Styles {
            header: Format::new()
                .set_font_size(FONT_POINTS)
                .set_align(FormatAlign::Top)
                .set_bold()
                .set_background_color(Color::RGB(0xDDE6F0))
                .set_border(FormatBorder::Thin),
            date: data(
                Format::new()
                    .set_font_size(FONT_POINTS)
                    .set_align(FormatAlign::Top)
                    .set_num_format("yyyy-mm-dd"),
            ),
            time: data(
                Format::new()
                    .set_font_size(FONT_POINTS)
                    .set_align(FormatAlign::Top)
                    .set_num_format("hh:mm"),
            ),
            whole_day: data(
                Format::new()
                    .set_font_size(FONT_POINTS)
                    .set_align(FormatAlign::Top)
                    .set_num_format("[hh]:mm"),
            ),
            plain: data(
                Format::new()
                    .set_font_size(FONT_POINTS)
                    .set_align(FormatAlign::Top),
            ),
            empty_cell: Format::new()
                .set_font_size(FONT_POINTS)
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006))
                .set_border(FormatBorder::Thin),
            cell: Format::new()
                .set_font_size(FONT_POINTS)
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin),
            wrapped: data(
                Format::new()
                    .set_font_size(FONT_POINTS)
                    .set_text_wrap()
                    .set_align(FormatAlign::Top),
            ),
        }
    }
}

/// The fill of a drill changed against the baseline: a light amber that
/// prints readable in grey, as Excel's "Neutral" cell style.
pub const CHANGED_FILL: Color = Color::RGB(0xFFEB9C);

/// Display width of text at `FONT_POINTS`, in Excel's column units (the
/// width of a digit of the workbook's 11-point font): CJK takes about two.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.52 } else { 0.8 })
        .sum()
}

/// The data's font size, the smallest a handed-out page should have. The
/// printed columns' caps keep each sheet within an A4 landscape page's
/// width (about 135 column units of the 141 there are), so "fit to page
/// width" never has to scale a sheet below this.
const FONT_POINTS: f64 = 8.0;

/// A row of one line at `FONT_POINTS`.
const LINE_POINTS: f64 = 11.0;

/// Tracks the widest cell per column to fit widths at the end, and the
/// wrapped cells, whose rows must be given their height: LibreOffice does
/// not grow a row for wrapped text on opening, and the lines overprint.
#[derive(Default)]
struct Widths {
    widest: Vec<f64>,
    /// (row, column, text width) of each wrapped cell.
    wrapped: Vec<(u32, usize, f64)>,
}

impl Widths {
    fn see(&mut self, col: usize, text: &str) {
        if self.widest.len() <= col {
            self.widest.resize(col + 1, 0.0);
        }
        self.widest[col] = self.widest[col].max(text_width(text));
    }

    /// A cell written wrapped: seen, and remembered for its row's height.
    fn see_wrapped(&mut self, row: u32, col: usize, text: &str) {
        self.see(col, text);
        self.wrapped.push((row, col, text_width(text)));
    }

    fn width(w: f64) -> f64 {
        (w + 1.2).clamp(5.0, 100.0)
    }

    /// Column widths, and each row holding wrapped text as tall as its
    /// longest cell's lines (`LINE_POINTS` a line).
    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, w) in self.widest.iter().enumerate() {
            ws.set_column_width(col as u16, Self::width(*w))?;
        }
        let mut lines: Vec<(u32, u32)> = self
            .wrapped
            .iter()
            .map(|&(row, col, w)| {
                // A column of w units is 7w + 5 pixels; text keeps about 4 of
                // them for the cell's margins.
                let room = Self::width(self.widest[col]) + 1.0 / 7.0;
                (row, (w / room).ceil().max(1.0) as u32)
            })
            .collect();
        lines.sort_unstable();
        for row in lines.chunk_by(|a, b| a.0 == b.0) {
            // Every such row gets its height, one line too: with a default
            // row height for the sheet instead, LibreOffice printed a blank
            // page after the roster.
            let most = row.iter().map(|r| r.1).max().unwrap_or(1);
            ws.set_row_height(row[0].0, LINE_POINTS * most as f64)?;
        }
        Ok(())
    }

    /// Columns whose text grows past their cap wrap at the cap instead.
    fn cap(&mut self, caps: &[Option<f64>]) {
        for (w, cap) in self.widest.iter_mut().zip(caps) {
            if let Some(cap) = cap {
                *w = w.min(*cap);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Orientation {
    Landscape,
    Portrait,
}

/// Printed on A4, one page wide and as many pages tall as the rows need
/// (LibreOffice and Excel both honour "fit to 1 page wide, 0 tall"); the
/// printed columns are chosen and capped so that this keeps text at 8 pt
/// or more. The header row repeats on every page; the sheet name and page
/// numbers are in the footer.
fn print_setup(
    ws: &mut Worksheet,
    lang: crate::lang::Lang,
    orientation: Orientation,
) -> Result<(), XlsxError> {
    match orientation {
        Orientation::Landscape => ws.set_landscape(),
        Orientation::Portrait => ws.set_portrait(),
    };
    ws.set_paper_size(9)
        .set_margins(0.4, 0.4, 0.4, 0.4, 0.15, 0.15)
        .set_print_fit_to_pages(1, 0)
        .set_footer(format!("&L&A&R{}", Label::PageFooter.say(lang)));
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn header(
    ws: &mut Worksheet,
    styles: &Styles,
    widths: &mut Widths,
    labels: &[&str],
) -> Result<(), XlsxError> {
    for (col, label) in labels.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *label, &styles.header)?;
        widths.see(col, label);
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn date_cell(date: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
}

/// A time of day as an Excel time; 24:00 (a valid end) as a whole day
/// shown `[hh]:mm`, since `hh:mm` would show it as 00:00.
fn write_time(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    minute: u32,
    styles: &Styles,
) -> Result<(), XlsxError> {
    if minute >= MINUTES_PER_DAY {
        ws.write_number_with_format(
            row,
            col,
            f64::from(minute) / f64::from(MINUTES_PER_DAY),
            &styles.whole_day,
        )?;
    } else {
        let time = ExcelDateTime::from_hms((minute / 60) as u16, (minute % 60) as u8, 0)?;
        ws.write_datetime_with_format(row, col, time, &styles.time)?;
    }
    Ok(())
}

/// Which drills' columns a schedule sheet shows.
#[derive(Clone, Copy, PartialEq)]
enum Columns {
    /// Every drill, scheduled or not, with its district, date and status.
    All,
    /// The drills of one day: no date, and all are scheduled.
    Day,
}

/// One column of a schedule sheet: its label key, and the widest it grows
/// before its text wraps (None: never wraps, as dates and numbers).
#[derive(Clone, Copy)]
struct Column {
    key: Label,
    wrap_at: Option<f64>,
}

const fn col(key: Label, wrap_at: Option<f64>) -> Column {
    Column { key, wrap_at }
}

/// Printed columns first; the ones after `PRINTED_*` are for filtering and
/// for tools (ids, kind, sector, minutes) and stay off the page, so that the
/// printed part fits one page wide at a readable size.
const ALL_COLUMNS: &[Column] = &[
    col(Label::District, Some(8.0)),
    col(Label::Date, None),
    col(Label::Start, None),
    col(Label::End, None),
    col(Label::Drill, Some(24.0)),
    col(Label::Venue, Some(16.0)),
    col(Label::Teams, Some(42.0)),
    col(Label::Priority, None),
    col(Label::Mandatory, None),
    col(Label::Status, None),
    col(Label::Reason, Some(40.0)),
    col(Label::Kind, None),
    col(Label::Sector, None),
    col(Label::Duration, None),
    col(Label::DrillId, None),
];
/// The reason (the unscheduled sheet prints it) and what follows stay off
/// the page; off it, a column's `wrap_at` caps its width and the text keeps
/// to one line, so that no printed row is as tall as a reason.
const PRINTED_ALL: u16 = 10;

const DAY_COLUMNS: &[Column] = &[
    col(Label::Start, None),
    col(Label::End, None),
    col(Label::District, Some(8.0)),
    col(Label::Drill, Some(26.0)),
    col(Label::Venue, Some(18.0)),
    col(Label::Teams, Some(50.0)),
    col(Label::Priority, None),
    col(Label::Mandatory, None),
    col(Label::Kind, None),
    col(Label::Sector, None),
    col(Label::Duration, None),
    col(Label::DrillId, None),
];
const PRINTED_DAY: u16 = 8;

/// A sheet's columns and how many of them print. A plan made against a
/// baseline gets the change column last among the printed ones, and the
/// long text columns give up the width it takes, so the page stays one
/// page wide at `FONT_POINTS`.
fn layout(columns: Columns, changes: bool) -> (Vec<Column>, u16) {
    let (base, printed) = match columns {
        Columns::All => (ALL_COLUMNS, PRINTED_ALL),
        Columns::Day => (DAY_COLUMNS, PRINTED_DAY),
    };
    let mut out = base.to_vec();
    if !changes {
        return (out, printed);
    }
    for c in &mut out {
        c.wrap_at = match (c.key, c.wrap_at) {
            (Label::Drill, Some(w)) => Some(w - 4.0),
            (Label::Venue, Some(w)) => Some(w - 2.0),
            (Label::Teams, Some(w)) => Some(w - 14.0),
            (_, w) => w,
        };
    }
    out.insert(printed as usize, col(Label::Change, Some(CHANGE_WRAP)));
    (out, printed + 1)
}

/// The change column's width before it wraps: `改期：场地 X 6月21日关闭`
/// on two lines.
const CHANGE_WRAP: f64 = 18.0;

fn schedule_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    styles: &Styles,
    name: &str,
    drills: &[DrillId],
    columns: Columns,
) -> Result<(), XlsxError> {
    let lang = plan.lang;
    ws.set_name(name)?;
    let (layout, printed) = layout(columns, plan.has_baseline());
    let labels: Vec<&str> = layout.iter().map(|c| c.key.say(lang)).collect();
    let mut widths = Widths::default();
    header(ws, styles, &mut widths, &labels)?;
    let sc = plan.scenario;
    let marked = Styles::marked();
    for (i, &d) in drills.iter().enumerate() {
        let row = i as u32 + 1;
        let drill = sc.drill(d);
        let entry = plan.entries[d.index()].as_ref();
        let change = plan.change(d);
        // A changed drill's whole row is filled, empty cells included, so
        // the mark reads across the page.
        let styles = if change.is_some() { &marked } else { styles };
        for (c, column) in layout.iter().enumerate() {
            let c16 = c as u16;
            let text: Option<String> = match column.key {
                Label::District => Some(plan.district_name(d).to_string()),
                Label::Drill => Some(plan.drill_name(d).to_string()),
                Label::Venue => Some(plan.venue_name(d).to_string()),
                Label::Teams => entry.map(|e| plan.team_names(e)),
                Label::Mandatory => Some(
                    if drill.is_required() {
                        Label::Yes
                    } else {
                        Label::No
                    }
                    .say(lang)
                    .to_string(),
                ),
                Label::Status => Some(
                    if entry.is_some() {
                        Label::Scheduled
                    } else {
                        Label::Unscheduled
                    }
                    .say(lang)
                    .to_string(),
                ),
                Label::Reason => entry.is_none().then(|| plan.reasons[d.index()].clone()),
                Label::Change => change.map(str::to_string),
                Label::Kind => Some(lang.kind(&drill.kind).to_string()),
                Label::Sector => Some(lang.sector(plan.sector(d)).to_string()),
                Label::DrillId => Some(drill.id.clone()),
                _ => None,
            };
            if let Some(text) = text {
                // A column off the page (the reason, which the unscheduled
                // sheet prints wrapped) stays one line: wrapped, it made its
                // row up to eight lines tall on the printed schedule, blank
                // but for a name.
                let wrapped = column.wrap_at.is_some() && c < printed as usize;
                match wrapped {
                    true => {
                        widths.see_wrapped(row, c, &text);
                        ws.write_string_with_format(row, c16, &text, &styles.wrapped)?
                    }
                    false => {
                        widths.see(c, &text);
                        ws.write_string_with_format(row, c16, &text, &styles.plain)?
                    }
                };
                continue;
            }
            match (column.key, entry) {
                (Label::Date, Some(e)) => {
                    widths.see(c, "2017-06-19");
                    ws.write_datetime_with_format(row, c16, date_cell(e.date)?, &styles.date)?;
                }
                (Label::Start, Some(e)) => write_time(ws, row, c16, e.start, styles)?,
                (Label::End, Some(e)) => write_time(ws, row, c16, e.end, styles)?,
                (Label::Duration, _) => {
                    ws.write_number_with_format(row, c16, drill.duration as f64, &styles.plain)?;
                }
                (Label::Priority, _) => {
                    ws.write_number_with_format(row, c16, drill.priority as f64, &styles.plain)?;
                }
                _ if change.is_some() => {
                    ws.write_blank(row, c16, &styles.plain)?;
                }
                _ => {}
            }
        }
    }
    let caps: Vec<Option<f64>> = layout.iter().map(|c| c.wrap_at).collect();
    widths.cap(&caps);
    ws.autofilter(0, 0, drills.len() as u32, labels.len() as u16 - 1)?;
    ws.set_print_area(0, 0, drills.len() as u32, printed - 1)?;
    print_setup(ws, lang, Orientation::Landscape)?;
    widths.apply(ws)
}

/// One row per team and day it drills: when it leaves base, the legs it
/// drives (drills with their venues, and any trip home during a long gap),
/// and when it is back. Per stop, as the rosters CSV has it, Karamay's
/// roster printed on twelve pages.
fn roster_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    styles: &Styles,
    name: &str,
) -> Result<(), XlsxError> {
    let lang = plan.lang;
    ws.set_name(name)?;
    let labels: Vec<&str> = [
        Label::Team,
        Label::Date,
        Label::Itinerary,
        Label::Departure,
        Label::Return,
        Label::TeamId,
    ]
    .iter()
    .map(|k| k.say(lang))
    .collect();
    let mut widths = Widths::default();
    header(ws, styles, &mut widths, &labels)?;
    let stops: Vec<Stop> = plan.roster();
    let mut row = 0u32;
    for day in stops.chunk_by(|a, b| a.team == b.team && a.date == b.date) {
        row += 1;
        let first = &day[0];
        let team = plan.team_name(first.team);
        ws.write_string_with_format(row, 0, team, &styles.wrapped)?;
        widths.see_wrapped(row, 0, team);
        ws.write_datetime_with_format(row, 1, date_cell(first.date)?, &styles.date)?;
        widths.see(1, "2017-06-19");
        let itinerary = itinerary(plan, day);
        widths.see_wrapped(row, 2, &itinerary);
        ws.write_string_with_format(row, 2, &itinerary, &styles.wrapped)?;
        write_time(ws, row, 3, first.leave, styles)?;
        if let Some(back) = day[day.len() - 1].back_at_base {
            write_time(ws, row, 4, back, styles)?;
        }
        let id = &plan.scenario.team(first.team).id;
        ws.write_string_with_format(row, 5, id, &styles.plain)?;
        widths.see(5, id);
    }
    widths.cap(&[Some(16.0), None, Some(104.0), None, None, None]);
    ws.autofilter(0, 0, row, labels.len() as u16 - 1)?;
    // The itinerary holds the departure and the return: they are columns
    // for sorting and filtering, off the page.
    ws.set_print_area(0, 0, row, 2)?;
    print_setup(ws, lang, Orientation::Landscape)?;
    widths.apply(ws)
}

/// A team's day as the legs it drives: `08:25 出发 → 09:00-10:00 第一中学
/// → 10:20-11:00 第九中学 → 11:25 回驻地`.
fn itinerary(plan: &Plan, day: &[Stop]) -> String {
    let lang = plan.lang;
    let mut legs: Vec<String> = Vec::new();
    for s in day {
        if s.from.is_none() {
            legs.push(format!("{} {}", HhMm(s.leave), Label::LeaveBase.say(lang)));
        }
        legs.push(format!(
            "{}-{} {}",
            HhMm(s.start),
            HhMm(s.end),
            plan.venue_name(s.drill)
        ));
        if let Some(back) = s.back_at_base {
            legs.push(format!("{} {}", HhMm(back), Label::BackBase.say(lang)));
        }
    }
    legs.join(" → ")
}

fn coverage_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    styles: &Styles,
    name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let coverage = plan.coverage();
    let mut widths = Widths::default();
    let mut labels: Vec<&str> = vec![Label::District.say(plan.lang)];
    labels.extend(coverage.sectors.iter().map(|s| plan.lang.sector(s)));
    labels.push(Label::Total.say(plan.lang));
    header(ws, styles, &mut widths, &labels)?;
    ws.set_freeze_panes(1, 1)?;
    for (i, district) in coverage.districts.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, district, &styles.header)?;
        widths.see(0, district);
        for (j, &n) in coverage.counts[i].iter().enumerate() {
            // An empty cell is a key sector a district does not drill: highlight it.
            let format = if n == 0 {
                &styles.empty_cell
            } else {
                &styles.cell
            };
            ws.write_number_with_format(row, j as u16 + 1, n as f64, format)?;
        }
        let total: u32 = coverage.counts[i].iter().sum();
        ws.write_number_with_format(
            row,
            coverage.sectors.len() as u16 + 1,
            total as f64,
            &styles.cell,
        )?;
    }
    // Rule 12 below the counts: each coverage row in each of its districts,
    // a shortfall marked as the empty cells are.
    if !coverage.requirements.is_empty() {
        let top = coverage.districts.len() as u32 + 2;
        let labels = [
            Label::Requirement,
            Label::District,
            Label::Has,
            Label::Minimum,
            Label::Status,
        ];
        for (col, key) in labels.iter().enumerate() {
            let label = key.say(plan.lang);
            ws.write_string_with_format(top, col as u16, label, &styles.header)?;
            widths.see(col, label);
        }
        for (i, r) in coverage.requirements.iter().enumerate() {
            let row = top + 1 + i as u32;
            let format = if r.held() {
                &styles.cell
            } else {
                &styles.empty_cell
            };
            ws.write_string_with_format(row, 0, &r.name, &styles.cell)?;
            widths.see(0, &r.name);
            ws.write_string_with_format(row, 1, &r.district, &styles.cell)?;
            widths.see(1, &r.district);
            ws.write_number_with_format(row, 2, r.has as f64, format)?;
            ws.write_number_with_format(row, 3, r.min as f64, &styles.cell)?;
            let status = if r.held() { Label::Held } else { Label::Short }.say(plan.lang);
            ws.write_string_with_format(row, 4, status, format)?;
        }
    }
    print_setup(ws, plan.lang, Orientation::Portrait)?;
    widths.apply(ws)
}

fn unscheduled_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    styles: &Styles,
    name: &str,
) -> Result<(), XlsxError> {
    let lang = plan.lang;
    ws.set_name(name)?;
    let labels: Vec<&str> = [
        Label::DrillId,
        Label::Drill,
        Label::Venue,
        Label::Priority,
        Label::Mandatory,
        Label::Reason,
    ]
    .iter()
    .map(|k| k.say(lang))
    .collect();
    let mut widths = Widths::default();
    header(ws, styles, &mut widths, &labels)?;
    let unscheduled = plan.unscheduled();
    for (i, &d) in unscheduled.iter().enumerate() {
        let row = i as u32 + 1;
        let drill = plan.scenario.drill(d);
        for (col, text) in [drill.id.as_str(), plan.drill_name(d), plan.venue_name(d)]
            .iter()
            .enumerate()
        {
            if col == 0 {
                ws.write_string_with_format(row, 0, *text, &styles.plain)?;
                widths.see(0, text);
            } else {
                ws.write_string_with_format(row, col as u16, *text, &styles.wrapped)?;
                widths.see_wrapped(row, col, text);
            }
        }
        ws.write_number_with_format(row, 3, drill.priority as f64, &styles.plain)?;
        ws.write_string(
            row,
            4,
            if drill.is_required() {
                Label::Yes
            } else {
                Label::No
            }
            .say(lang),
        )?;
        ws.write_string_with_format(row, 5, &plan.reasons[d.index()], &styles.wrapped)?;
        widths.see_wrapped(row, 5, &plan.reasons[d.index()]);
    }
    widths.cap(&[None, Some(26.0), Some(18.0), None, None, Some(60.0)]);
    ws.autofilter(0, 0, unscheduled.len() as u32, labels.len() as u16 - 1)?;
    print_setup(ws, lang, Orientation::Landscape)?;
    widths.apply(ws)
}
