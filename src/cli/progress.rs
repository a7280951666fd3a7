//! `solve`'s progress on stderr: one line per phase and its advance (and
//! per improvement in the search) when stderr is a file or a pipe; on a
//! terminal, an indicatif status line with a bar. Also the summary's phase
//! times.

use crate::check::score::number;
use crate::solve::{Outcome, Phase, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

pub struct ProgressDisplay {
    quiet: bool,
    /// The status line, on a terminal only.
    bar: Option<ProgressBar>,
    started: Instant,
    phase: Option<Phase>,
    last: Option<Instant>,
    last_priority: Option<u64>,
    pending: Option<String>,
    /// Phase lines reported before the run's language was known (reading a
    /// scenario without `--lang`): held, with their times, and printed in
    /// the language the scenario settles, not the locale's.
    held: Vec<(f64, Progress)>,
    /// The phase the status line shows, to tell it again once the language is known.
    on_bar: Option<Progress>,
}

impl ProgressDisplay {
    /// `started`: when the command began, so times count from there.
    pub fn new(quiet: bool, started: Instant) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(0);
            // The template is a constant: a bad one is a bug caught by the tests.
            if let Ok(style) = ProgressStyle::with_template(
                "{prefix:>8} {wide_msg} [{bar:30.cyan/blue}] {percent:>3} %",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        ProgressDisplay {
            quiet,
            bar,
            started,
            phase: None,
            last: None,
            last_priority: None,
            pending: None,
            held: Vec::new(),
            on_bar: None,
        }
    }

    /// A phase of the command itself (reading, checking, writing).
    pub fn phase(&mut self, phase: Phase) {
        self.update(&Progress {
            phase,
            done: 0,
            total: 0,
            elapsed: self.started.elapsed(),
            moves: 0,
            priority: 0,
            bound: 0,
            penalty: 0.0,
        });
    }

    /// Every rise in scheduled priority is shown at once (logs then tell
    /// exactly when a quality was reached); other updates are throttled.
    pub fn update(&mut self, p: &Progress) {
        if self.quiet {
            return;
        }
        let elapsed = self.started.elapsed().as_secs_f64();
        let new_phase = self.phase != Some(p.phase);
        self.phase = Some(p.phase);
        // A phase's first report carries no figures, the search's included.
        let figures = p.phase == Phase::Search && !new_phase;
        if self.bar.is_none() && super::lang_arg::settled().is_none() {
            if new_phase {
                self.held.push((elapsed, p.clone()));
            }
            return;
        }
        self.release();
        if let Some(bar) = &self.bar {
            bar.set_prefix(format!("{elapsed:.1}s"));
            if figures {
                bar.set_length(p.bound.max(1));
                bar.set_position(p.priority);
                bar.set_message(search_line(p));
            } else {
                bar.set_length(p.total.max(1));
                bar.set_position(p.done);
                bar.set_message(phase_line(p));
            }
            self.on_bar = (!figures).then(|| p.clone());
            return;
        }
        let line = if figures {
            format!("{elapsed:>7.2}s  {}", search_line(p))
        } else {
            format!("{elapsed:>7.2}s  {}", phase_line(p))
        };
        let rose = figures && self.last_priority != Some(p.priority);
        let due = self
            .last
            .is_none_or(|t| t.elapsed() >= Duration::from_secs(1));
        if new_phase || rose || due {
            if figures {
                self.last_priority = Some(p.priority);
            }
            errln!("{line}");
            self.last = Some(Instant::now());
            self.pending = None;
        } else {
            self.pending = Some(line);
        }
    }

    /// The run's language is known now (the scenario is read): the lines
    /// held until then are printed in it, and a terminal's status line is
    /// told again in it.
    pub fn language_known(&mut self) {
        if self.quiet {
            return;
        }
        self.release();
        if let (Some(bar), Some(p)) = (&self.bar, &self.on_bar) {
            bar.set_message(phase_line(p));
        }
    }

    /// Prints the phase lines held while the language was not known, in
    /// the run's language as it is now.
    fn release(&mut self) {
        for (elapsed, p) in std::mem::take(&mut self.held) {
            errln!("{elapsed:>7.2}s  {}", phase_line(&p));
            self.last = Some(Instant::now());
        }
    }

    /// A line of its own between the progress lines (above the status line
    /// on a terminal).
    pub fn note(&mut self, line: &str) {
        if self.quiet {
            return;
        }
        self.release();
        match &self.bar {
            Some(bar) => bar.println(line),
            None => errln!("{line}"),
        }
    }

    /// Clears the status line, or prints the last line held back.
    pub fn finish(&mut self) {
        self.release();
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if let Some(line) = self.pending.take() {
            errln!("{line}");
        }
    }
}

fn phase_line(p: &Progress) -> String {
    let lang = super::lang_arg::current();
    let label = lang.say(&p.phase);
    let done = p.done;
    match (p.phase, p.total) {
        (_, 0) => label,
        (Phase::Bound, total) => {
            crate::words!(lang, en: "{label} part {done}/{total}", zh: "{label} 第 {done}/{total} 块")
        }
        (_, total) => {
            let percent = 100.0 * done as f64 / total.max(1) as f64;
            format!("{label} {percent:.0} %")
        }
    }
}

/// The search's line; `scripts/bench-quality` reads its moves and priority
/// (in English).
fn search_line(p: &Progress) -> String {
    let (moves, priority, bound, gap, penalty) = (
        p.moves,
        p.priority,
        p.bound,
        100.0 * p.gap(),
        number(p.penalty),
    );
    crate::words!(super::lang_arg::current(),
        en: "moves {moves:>7}  priority {priority} / bound {bound}  gap {gap:.2} %  penalty {penalty}",
        zh: "移动 {moves:>7}  优先级 {priority} / 上界 {bound}  差距 {gap:.2} %  惩罚 {penalty}")
}

/// The summary's lines on phases: when the first schedule was ready, which
/// phase was cut short, and each phase's time. `around` holds the command's
/// own phases (reading before the solve; checking and writing after it).
pub fn phase_summary(o: &Outcome, around: &[(Phase, Duration)]) -> String {
    let lang = super::lang_arg::current();
    let mut times: Vec<(Phase, Duration)> = around
        .iter()
        .copied()
        .filter(|(p, _)| *p == Phase::Loading)
        .chain(o.phases.iter().copied())
        .chain(around.iter().copied().filter(|(p, _)| *p != Phase::Loading))
        .collect();
    times.retain(|(_, t)| !t.is_zero());
    let reading = around
        .iter()
        .filter(|(p, _)| *p == Phase::Loading)
        .map(|(_, t)| *t)
        .sum::<Duration>();
    let mut s = String::new();
    if let Some(t) = o.first_schedule_after {
        let after = (reading + t).as_secs_f64();
        s += &crate::words!(lang,
            en: "first schedule     after {after:.2} s\n",
            zh: "首个排程           {after:.2} 秒后\n");
    }
    if let Some(phase) = o.cut_short {
        let label = lang.say(&phase);
        s += &match phase {
            Phase::Loading => crate::words!(lang,
                en: "cut short          {label} (the time limit or Ctrl-C came while the scenario \
                     was read; only what a schedule needs was placed: the mandatory and pinned drills \
                     and those a coverage row needs; the others are unscheduled, with the reason \
                     \"not tried\")\n",
                zh: "提前结束           {label}（读取情景时已达到时间上限或被中断；只安排了排程必需的演练：\
                     必须安排和锁定的演练，以及覆盖要求需要的演练；其余演练不予安排，原因为“未尝试”）\n"),
            Phase::Bound => crate::words!(lang,
                en: "cut short          {label} (the time limit or Ctrl-C came first; \
                     the bound is the trivial one)\n",
                zh: "提前结束           {label}（时间上限或 Ctrl-C 先到；上界为平凡上界）\n"),
            _ => crate::words!(lang,
                en: "cut short          {label} (the time limit or Ctrl-C came first; drills it \
                     did not reach are unscheduled, with the reason \"not tried\")\n",
                zh: "提前结束           {label}（时间上限或 Ctrl-C 先到；未轮到的演练不予安排，\
                     原因为“未尝试”）\n"),
        };
    }
    let listed: Vec<String> = times
        .iter()
        .map(|(p, t)| {
            let (label, secs) = (lang.say(p), t.as_secs_f64());
            crate::words!(lang, en: "{label} {secs:.2} s", zh: "{label} {secs:.2} 秒")
        })
        .collect();
    let listed = listed.join(match lang {
        crate::lang::Lang::En => ", ",
        crate::lang::Lang::Zh => "，",
    });
    s += &crate::words!(lang,
        en: "phases             {listed}\n",
        zh: "各阶段用时         {listed}\n");
    s
}
