//! The Excel workbook: the whole schedule, one sheet per day and per
//! district, the team roster, district x sector coverage and the drills left
//! out with their reasons. Dates and times are real Excel values (sortable,
//! filterable), headers frozen, widths fitted to Chinese text.

use super::sheet_name::SheetNames;
use super::{Plan, Stop};
use crate::scenario::DrillId;
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The workbook's bytes.
pub fn to_bytes(plan: &Plan) -> Result<Vec<u8>, XlsxError> {
    let lang = plan.lang;
    let mut book = Workbook::new();
    // A fixed creation time keeps the file byte-identical run to run.
    let created = ExcelDateTime::from_ymd(2017, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(lang.t("report_title"))
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
    schedule_sheet(
        book.add_worksheet(),
        plan,
        &styles,
        &names.take(lang.t("schedule")),
        &all,
    )?;
    for date in plan.dates() {
        let drills = plan.scheduled_on(date);
        let name = names.take(&format!("{} {}", date.format("%m-%d"), lang.weekday(date)));
        schedule_sheet(book.add_worksheet(), plan, &styles, &name, &drills)?;
    }
    for (i, district) in plan.scenario.districts.iter().enumerate() {
        let drills: Vec<DrillId> = all
            .iter()
            .copied()
            .filter(|&d| {
                plan.scenario
                    .venue(plan.scenario.drill(d).venue)
                    .district
                    .index()
                    == i
            })
            .collect();
        let label = if district.name.is_empty() {
            &district.id
        } else {
            &district.name
        };
        let name = names.take(label);
        schedule_sheet(book.add_worksheet(), plan, &styles, &name, &drills)?;
    }
    roster_sheet(
        book.add_worksheet(),
        plan,
        &styles,
        &names.take(lang.t("roster")),
    )?;
    coverage_sheet(
        book.add_worksheet(),
        plan,
        &styles,
        &names.take(lang.t("coverage")),
    )?;
    unscheduled_sheet(
        book.add_worksheet(),
        plan,
        &styles,
        &names.take(lang.t("unscheduled_sheet")),
    )?;
    book.save_to_buffer()
}

struct Styles {
    header: Format,
    date: Format,
    time: Format,
    empty_cell: Format,
    cell: Format,
}

impl Styles {
    fn new() -> Self {
        Styles {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDE6F0))
                .set_border(FormatBorder::Thin),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("hh:mm"),
            empty_cell: Format::new()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006))
                .set_border(FormatBorder::Thin),
            cell: Format::new().set_border(FormatBorder::Thin),
        }
    }
}

/// Display width of text in Excel's character units: CJK takes two.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2.1 } else { 1.1 })
        .sum()
}

/// Tracks the widest cell per column to fit widths at the end.
struct Widths(Vec<f64>);

impl Widths {
    fn see(&mut self, col: usize, text: &str) {
        if self.0.len() <= col {
            self.0.resize(col + 1, 0.0);
        }
        self.0[col] = self.0[col].max(text_width(text));
    }

    fn width(w: f64) -> f64 {
        (w + 2.0).clamp(6.0, 60.0)
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, w) in self.0.iter().enumerate() {
            ws.set_column_width(col as u16, Self::width(*w))?;
        }
        Ok(())
    }

    /// The print scale (percent) at which every column fits the width of an
    /// A4 landscape page. A column of width w is about 7w + 5 pixels, 0.75
    /// point each; the page leaves 297 mm less two 0.7-inch margins, 741 pt.
    fn scale_to_page_width(&self) -> u16 {
        let points: f64 = self
            .0
            .iter()
            .map(|w| (7.0 * Self::width(*w) + 5.0) * 0.75)
            .sum();
        ((741.0 / points * 100.0).floor() as u16).clamp(10, 100)
    }
}

/// Printed on A4 landscape at the scale that fits the columns to the page
/// width, rows running on over as many pages as they need (LibreOffice reads
/// Excel's "fit to 1 page wide, any height" as one page in all, too small to
/// read), the header row on every page, the sheet name and page numbers in
/// the footer.
fn print_setup(
    ws: &mut Worksheet,
    widths: &Widths,
    lang: crate::lang::Lang,
) -> Result<(), XlsxError> {
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_scale(widths.scale_to_page_width())
        .set_footer(format!("&L&A&R{}", lang.t("page_footer")));
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
    if minute >= 1440 {
        ws.write_number_with_format(
            row,
            col,
            minute as f64 / 1440.0,
            &Format::new().set_num_format("[hh]:mm"),
        )?;
    } else {
        let time = ExcelDateTime::from_hms((minute / 60) as u16, (minute % 60) as u8, 0)?;
        ws.write_datetime_with_format(row, col, time, &styles.time)?;
    }
    Ok(())
}

fn schedule_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    styles: &Styles,
    name: &str,
    drills: &[DrillId],
) -> Result<(), XlsxError> {
    let lang = plan.lang;
    ws.set_name(name)?;
    let labels = [
        "drill_id",
        "drill",
        "venue",
        "district",
        "kind",
        "sector",
        "date",
        "weekday",
        "start",
        "end",
        "duration",
        "teams",
        "priority",
        "mandatory",
        "status",
        "reason",
    ];
    let labels: Vec<&str> = labels.iter().map(|k| lang.t(k)).collect();
    let mut widths = Widths(Vec::new());
    header(ws, styles, &mut widths, &labels)?;
    widths.see(6, "2017-06-19");
    let sc = plan.scenario;
    for (i, &d) in drills.iter().enumerate() {
        let row = i as u32 + 1;
        let drill = sc.drill(d);
        let texts = [
            drill.id.as_str(),
            plan.drill_name(d),
            plan.venue_name(d),
            plan.district_name(d),
            lang.kind(&drill.kind),
            lang.sector(plan.sector(d)),
        ];
        for (col, text) in texts.iter().enumerate() {
            ws.write_string(row, col as u16, *text)?;
            widths.see(col, text);
        }
        match &plan.entries[d.index()] {
            Some(e) => {
                ws.write_datetime_with_format(row, 6, date_cell(e.date)?, &styles.date)?;
                ws.write_string(row, 7, lang.weekday(e.date))?;
                write_time(ws, row, 8, e.start, styles)?;
                write_time(ws, row, 9, e.end, styles)?;
                ws.write_number(row, 10, (e.end - e.start) as f64)?;
                let teams = plan.team_names(e);
                widths.see(11, &teams);
                ws.write_string(row, 11, teams)?;
                ws.write_string(row, 14, lang.t("scheduled"))?;
            }
            None => {
                ws.write_number(row, 10, drill.duration as f64)?;
                ws.write_string(row, 14, lang.t("unscheduled"))?;
                let reason = &plan.reasons[d.index()];
                widths.see(15, reason);
                ws.write_string(row, 15, reason)?;
            }
        }
        ws.write_number(row, 12, drill.priority as f64)?;
        ws.write_string(
            row,
            13,
            lang.t(if drill.is_required() { "yes" } else { "no" }),
        )?;
    }
    ws.autofilter(0, 0, drills.len() as u32, labels.len() as u16 - 1)?;
    print_setup(ws, &widths, lang)?;
    widths.apply(ws)
}

fn roster_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    styles: &Styles,
    name: &str,
) -> Result<(), XlsxError> {
    let lang = plan.lang;
    ws.set_name(name)?;
    let labels: Vec<&str> = [
        "team_id",
        "team",
        "date",
        "departure",
        "travel_to",
        "arrival",
        "start",
        "end",
        "venue",
        "drill",
        "travel_from",
        "next",
        "return",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect();
    let mut widths = Widths(Vec::new());
    header(ws, styles, &mut widths, &labels)?;
    widths.see(2, "2017-06-19");
    let stops: Vec<Stop> = plan.roster();
    for (i, s) in stops.iter().enumerate() {
        let row = i as u32 + 1;
        let team = &plan.scenario.team(s.team).id;
        ws.write_string(row, 0, team)?;
        widths.see(0, team);
        ws.write_string(row, 1, plan.team_name(s.team))?;
        widths.see(1, plan.team_name(s.team));
        ws.write_datetime_with_format(row, 2, date_cell(s.date)?, &styles.date)?;
        write_time(ws, row, 3, s.leave, styles)?;
        ws.write_number(row, 4, s.travel_to as f64)?;
        write_time(ws, row, 5, s.arrive, styles)?;
        write_time(ws, row, 6, s.start, styles)?;
        write_time(ws, row, 7, s.end, styles)?;
        ws.write_string(row, 8, plan.venue_name(s.drill))?;
        widths.see(8, plan.venue_name(s.drill));
        ws.write_string(row, 9, plan.drill_name(s.drill))?;
        widths.see(9, plan.drill_name(s.drill));
        ws.write_number(row, 10, s.travel_on as f64)?;
        let next = s.next.map_or(lang.t("base"), |n| plan.venue_name(n));
        ws.write_string(row, 11, next)?;
        widths.see(11, next);
        match s.back_at_base {
            Some(m) => write_time(ws, row, 12, m, styles)?,
            None => {
                ws.write_string(row, 12, "")?;
            }
        }
    }
    ws.autofilter(0, 0, stops.len() as u32, labels.len() as u16 - 1)?;
    print_setup(ws, &widths, lang)?;
    widths.apply(ws)
}

fn coverage_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    styles: &Styles,
    name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let coverage = plan.coverage();
    let mut widths = Widths(Vec::new());
    let mut labels: Vec<&str> = vec![plan.lang.t("district")];
    labels.extend(coverage.sectors.iter().map(|s| plan.lang.sector(s)));
    labels.push(plan.lang.t("total"));
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
        "drill_id",
        "drill",
        "venue",
        "priority",
        "mandatory",
        "reason",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect();
    let mut widths = Widths(Vec::new());
    header(ws, styles, &mut widths, &labels)?;
    let unscheduled = plan.unscheduled();
    for (i, &d) in unscheduled.iter().enumerate() {
        let row = i as u32 + 1;
        let drill = plan.scenario.drill(d);
        for (col, text) in [drill.id.as_str(), plan.drill_name(d), plan.venue_name(d)]
            .iter()
            .enumerate()
        {
            ws.write_string(row, col as u16, *text)?;
            widths.see(col, text);
        }
        ws.write_number(row, 3, drill.priority as f64)?;
        ws.write_string(
            row,
            4,
            lang.t(if drill.is_required() { "yes" } else { "no" }),
        )?;
        ws.write_string(row, 5, &plan.reasons[d.index()])?;
        widths.see(5, &plan.reasons[d.index()]);
    }
    ws.autofilter(0, 0, unscheduled.len() as u32, labels.len() as u16 - 1)?;
    widths.apply(ws)
}
