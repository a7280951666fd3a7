//! `--help` in the run's language. The English help is clap's, built from
//! the doc comments in `cli/mod.rs` and the commands' `Args`. The Chinese is
//! laid over that same tree after `Cli::command()`: every command's about
//! and every argument's help from the tables below, the headings and the
//! usage line from our own template, and our own `-h/--help`, `-V/--version`
//! and `help` subcommand, since clap words its built-in ones in English only
//! and adds them after any change could reach them.
//!
//! The tables are keyed by clap's own names (command, argument id). A unit
//! test walks the whole tree both ways: an argument or command without its
//! Chinese, or a row naming one clap no longer has, fails the build's tests
//! rather than showing a planner English.

use super::Cli;
use crate::lang::Lang;
use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory};
use std::ffi::OsString;

/// The command line's parser, its help in `lang`.
pub fn command(lang: Lang) -> Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Zh => chinese(Cli::command()),
    }
}

/// The command line to parse instead when the planner asked `drillplan
/// help [COMMAND]` of the Chinese tree: `drillplan [COMMAND] --help`, so
/// that both print the same text. The English tree keeps clap's own `help`.
pub fn asked_for(matches: &ArgMatches) -> Option<Vec<OsString>> {
    let ("help", asked) = matches.subcommand()? else {
        return None;
    };
    let mut line = vec![OsString::from(TOP)];
    if let Some(name) = asked.get_one::<String>(HELP_TOPIC) {
        line.push(name.into());
    }
    line.push("--help".into());
    Some(line)
}

const TOP: &str = "drillplan";
const HELP_TOPIC: &str = "command";
const POSITIONALS: &str = "参数";
const OPTIONS: &str = "选项";
const COMMANDS: &str = "命令";

// clap's own layout with the usage heading in Chinese; the other headings
// are the arguments' `help_heading` and `subcommand_help_heading`.
const TEMPLATE: &str = "\
{before-help}{about-with-newline}
用法: {usage}

{all-args}{after-help}";

/// A command's Chinese: its about, and its after-help when clap has one.
struct Cmd {
    name: &'static str,
    about: &'static str,
    after: Option<&'static str>,
}

/// An argument's Chinese: its help, and its placeholder unless that is a
/// file name (which stays as the planner types it). Defaults and possible
/// values are appended from clap itself, so they never disagree with it.
struct Help {
    command: &'static str,
    id: &'static str,
    help: &'static str,
    value_name: Option<&'static str>,
}

const fn help(command: &'static str, id: &'static str, help: &'static str) -> Help {
    Help {
        command,
        id,
        help,
        value_name: None,
    }
}

const fn named(
    command: &'static str,
    id: &'static str,
    value_name: &'static str,
    help: &'static str,
) -> Help {
    Help {
        command,
        id,
        help,
        value_name: Some(value_name),
    }
}

const ABOUT: &[Cmd] = &[
    Cmd {
        name: TOP,
        about: "规划一个城市的应急演练周：最优的可行排程、经过证明的上界，以及电子表格可直接打开的 CSV。",
        after: None,
    },
    Cmd {
        name: "validate",
        about: "检查情景文件并给出摘要；提示永远无法安排的演练",
        after: None,
    },
    Cmd {
        name: "check",
        about: "按约定的每条规则检查排程（CSV，或 `solve --xlsx` 写出的工作簿），并给出得分",
        after: None,
    },
    Cmd {
        name: "solve",
        about: "求出最优的可行排程，写成 CSV",
        after: Some(
            "确定性：同一情景、同样的 --seed 和选项，不论 --threads 是多少，只要运行因达到最优、\
             --gap 或 --work-limit 而结束，写出的 CSV 逐字节相同。被 --time-limit 或中断截停的\
             运行可能停在不同的地方。",
        ),
    },
    Cmd {
        name: "export",
        about: "写出排程的各种视图：Excel 工作簿、队伍行程、日历（.ics）和 HTML 报告",
        after: None,
    },
    Cmd {
        name: "explain",
        about: "说明演练为什么不在排程中：挡住每个允许的开始时间的规则，以及让它排进去的最小改动\
                （经检查器验证）",
        after: None,
    },
    Cmd {
        name: "generate",
        about: "生成任意规模的逼真情景，其中预埋一份可行排程",
        after: None,
    },
    Cmd {
        name: "init",
        about: "写出待填写的情景工作簿（.xlsx）：每张表一个工作表，附示例行",
        after: None,
    },
    Cmd {
        name: "convert",
        about: "在 .toml 和 .xlsx 之间转换情景（按扩展名判断）",
        after: None,
    },
];

const SCENARIO: &str = "情景文件（.toml 或 .xlsx 工作簿）";
// The views `solve` and `export` both write, said once for both.
const XLSX_VIEW: &str =
    "在这里写出 Excel 工作簿（按区域的排程、每天一个工作表、队伍行程、覆盖要求、未安排演练），\
                         已设置为 A4 打印";
const ROSTERS_VIEW: &str = "在这里写出队伍行程（CSV，每支队伍每场演练一行，含路程）";
const ICS_VIEW: &str = "在这个文件夹中为每支队伍和每个场地各写一个 .ics 日历";
const HTML_VIEW: &str = "在这里写出独立的 HTML 报告（摘要、甘特图、覆盖要求）";

const ARGS: &[Help] = &[
    help("validate", "scenario", SCENARIO),
    named(
        "validate",
        "lang",
        "语言",
        "摘要和消息的语言（默认：DRILLPLAN_LANG，否则按工作簿的表头，否则按情景中的名称，\
         否则按系统的区域设置）",
    ),
    help("check", "scenario", "排程所属的情景（.toml 或 .xlsx）"),
    help("check", "schedule", "要检查的排程：排程 CSV，或 `solve --xlsx` 写出的工作簿"),
    help("check", "baseline", "已发布的排程，据此统计有变动的演练"),
    named(
        "check",
        "lang",
        "语言",
        "结论和消息的语言（默认：DRILLPLAN_LANG，否则按工作簿的表头，否则按情景中的名称，\
         否则按系统的区域设置）",
    ),
    help("solve", "scenario", SCENARIO),
    help(
        "solve",
        "output",
        "排程 CSV 写到哪里；`-` 表示标准输出。默认：当前文件夹中的 <情景名>.schedule.csv",
    ),
    named(
        "solve",
        "time_limit",
        "秒数",
        "搜索这么多秒后停止（大于 0，至多 1 000 000），保留找到的最佳排程",
    ),
    named(
        "solve",
        "work_limit",
        "步数",
        "做这么多步改进后停止（0 到 10^12；确定的工作量）",
    ),
    named(
        "solve",
        "threads",
        "线程数",
        "工作线程数，1 到 256（默认：全部核心）。不影响结果",
    ),
    named("solve", "seed", "种子", "搜索中随机选择所用的种子"),
    named(
        "solve",
        "gap",
        "比例",
        "已安排的优先级与上界相差不超过这个比例时停止（0 到 1；0.01 即 1 %）",
    ),
    named(
        "solve",
        "stall_moves",
        "步数",
        "差距达到后，连续这么多步没有改进即认为惩罚已稳定（1 到 10^12）。不加此项时，\
         搜索一直降低惩罚，直到时间或工作量上限，或直到惩罚与其下界相差在 --gap 以内",
    ),
    help(
        "solve",
        "baseline",
        "据以重排的已发布排程（CSV，或 `solve --xlsx` 写出的工作簿）：改动或去掉其中一场演练，计 `objective.change`（最小改动重排）",
    ),
    help(
        "solve",
        "diff",
        "与 --baseline 同用：另把改了什么、为什么改写成 CSV 存到这里",
    ),
    help(
        "solve",
        "self_check",
        "搜索中对每个更优的排程运行独立检查器（很慢；供测试用），有一条规则被违反即以退出码 70 停止",
    ),
    help("solve", "no_bom", "写 CSV 时不加 UTF-8 字节顺序标记（BOM）"),
    help("solve", "quiet", "不显示进度行"),
    named(
        "solve",
        "set",
        "键=值",
        "假设分析：不改文件而改动情景，例如 `team.fire-krm-1.off+=2017-06-21` 或 \
         `standby.karamay.fire.keep=1`（可重复；见 docs/commands.md）。摘要把结果与基线比较，\
         或与先以同样方式求解的未改动情景比较（假设分析从它的排程开始），并说明哪些差异已证明、\
         哪些在搜索的噪声范围内",
    ),
    help(
        "solve",
        "rescue",
        "排程无法写到 --output 时（磁盘已满、文件大小受限）改写到这里：另一块磁盘上的路径，\
         或 `-` 表示标准输出。这样搜索的结果得以保留；退出码仍说明哪里失败",
    ),
    help(
        "solve",
        "xlsx",
        XLSX_VIEW,
    ),
    help(
        "solve",
        "rosters",
        ROSTERS_VIEW,
    ),
    help(
        "solve",
        "ics",
        ICS_VIEW,
    ),
    help(
        "solve",
        "html",
        HTML_VIEW,
    ),
    named(
        "solve",
        "lang",
        "语言",
        "视图的语言（默认：情景中的名称是中文时为中文）",
    ),
    help("export", "scenario", SCENARIO),
    help("export", "schedule", "该情景的排程：排程 CSV（约定的格式），或 `solve --xlsx` 写出的工作簿"),
    help(
        "export",
        "xlsx",
        XLSX_VIEW,
    ),
    help(
        "export",
        "rosters",
        ROSTERS_VIEW,
    ),
    help(
        "export",
        "ics",
        ICS_VIEW,
    ),
    help(
        "export",
        "html",
        HTML_VIEW,
    ),
    named(
        "export",
        "lang",
        "语言",
        "视图的语言（默认：情景中的名称是中文时为中文）",
    ),
    help(
        "export",
        "force",
        "排程违反规则也照样导出；报告列出违反之处",
    ),
    help("export", "no_bom", "写队伍行程 CSV 时不加 UTF-8 字节顺序标记（BOM）"),
    help("explain", "scenario", SCENARIO),
    help(
        "explain",
        "schedule",
        "该情景的一份可行排程：排程 CSV，或 `solve --xlsx` 写出的工作簿",
    ),
    named(
        "explain",
        "drills",
        "演练编号",
        "要说明的演练：编号，或演练名称（无重名时）（默认：每场未安排的演练）",
    ),
    named(
        "explain",
        "lang",
        "语言",
        "标签的语言（默认：情景中的名称是中文时为中文）",
    ),
    named(
        "generate",
        "drills",
        "场数",
        "演练场数，1 到 200 000（情景中一张表最多的行数）",
    ),
    named(
        "generate",
        "teams",
        "支数",
        "队伍支数，1 到 200 000（默认：每五场演练一支，至少 12 支；每个区域不少于 6 支）",
    ),
    named(
        "generate",
        "districts",
        "个数",
        "区域个数，相距约 280 km，1 到 1 000（默认：每 250 场演练一个）",
    ),
    named("generate", "seed", "种子", "生成时随机选择所用的种子"),
    named(
        "generate",
        "tightness",
        "比例",
        "预埋在可行排程中的演练所占比例，大于 0、至多 1：1 表示每场演练都排得下；\
         0.8 表示比预埋排程能容纳的多出四分之一的演练",
    ),
    help(
        "generate",
        "province",
        "按省生成：区域相距约 110 km，另有省级队伍（二十支中一支），可去它能到达的任何区域",
    ),
    named(
        "generate",
        "overrides",
        "个数",
        "要加入的实测路程个数（每个都比按公路算的快），0 至 1 000 000",
    ),
    named(
        "generate",
        "coverage",
        "方式",
        "覆盖要求（规则 12），写在最后：`notice`，在预埋演练涉及通知所列行业领域的每个区域，\
         每个这样的行业领域至少一场演练；`planted`，每个行业领域和区域要求与预埋排程中一样多的演练\
         （城市的演练多于能安排的时，这些要求会起约束作用）",
    ),
    help("generate", "output", "情景写到哪里；`-` 表示标准输出。以 .xlsx 结尾的路径写出情景工作簿，以 .toml 结尾的写出 TOML 文本"),
    help("generate", "planted", "另把预埋的排程写成排程 CSV 存到这里"),
    named(
        "generate",
        "lang",
        "语言",
        "提示信息的语言（默认：DRILLPLAN_LANG，否则按系统区域设置）",
    ),
    help("init", "path", "模板工作簿（.xlsx）写到哪里"),
    named("init", "lang", "语言", "工作表名称、表头及其批注的语言"),
    help("init", "force", "文件已存在时替换它"),
    help("convert", "input", "要读取的情景（.toml 或 .xlsx）"),
    help(
        "convert",
        "output",
        "写到哪里：.xlsx 写成工作簿，.toml 写成情景文件",
    ),
    named(
        "convert",
        "lang",
        "语言",
        "工作簿的工作表名称、表头和批注的语言（默认：情景中的名称是中文时为中文）",
    ),
    help("convert", "force", "OUTPUT 已存在时替换它"),
];

fn chinese(top: Command) -> Command {
    let names: Vec<String> = top
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    // Our own flags and `help` in place of clap's; `global` carries the
    // help flag into every subcommand, as clap does with its own.
    let help_flag = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .global(true)
        .help("显示帮助")
        .help_heading(OPTIONS)
        .display_order(usize::MAX - 1);
    let version_flag = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help("显示版本")
        .help_heading(OPTIONS)
        .display_order(usize::MAX);
    let help_command = Command::new("help")
        .about("显示本帮助，或某个命令的帮助")
        .arg(
            Arg::new(HELP_TOPIC)
                .value_name(COMMANDS)
                // The table's names, 'static as clap's values must be;
                // the unit tests hold them to clap's subcommands.
                .value_parser(PossibleValuesParser::new(
                    ABOUT.iter().map(|c| c.name).filter(|&n| n != TOP),
                ))
                .help("要看其帮助的命令"),
        )
        // `--lang zh` may end any command line, this one too.
        .arg(
            Arg::new("lang")
                .long("lang")
                .value_name("语言")
                .value_parser(super::lang_arg::parser())
                .help("帮助的语言"),
        );
    let mut top = top
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(COMMANDS)
        .subcommand_value_name(COMMANDS)
        .arg(help_flag)
        .arg(version_flag)
        .subcommand(help_command);
    for name in names.iter().map(String::as_str).chain(["help"]) {
        let path = format!("{TOP} {name}");
        top = top.mut_subcommand(name, |sub| in_chinese(sub, &path));
    }
    in_chinese(top, TOP)
}

/// One command's about, arguments, headings and usage in Chinese. A
/// command or argument missing from the tables keeps its English (the unit
/// tests fail on it first).
fn in_chinese(cmd: Command, path: &str) -> Command {
    let name = cmd.get_name().to_string();
    let mut cmd = cmd.help_template(TEMPLATE);
    if let Some(zh) = ABOUT.iter().find(|c| c.name == name) {
        cmd = cmd.about(zh.about);
        if cmd.get_long_about().is_some() {
            cmd = cmd.long_about(zh.about);
        }
        if let Some(after) = zh.after {
            cmd = cmd.after_help(after);
        }
    }
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    let mut position = 0;
    for id in ids {
        cmd = cmd.mut_arg(&id, |arg| {
            let arg = if arg.is_positional() {
                // Under a custom heading positionals sort by display
                // order, not by position: keep the usage line's order.
                position += 1;
                arg.display_order(position).help_heading(POSITIONALS)
            } else if arg.get_help_heading().is_none() {
                arg.help_heading(OPTIONS)
            } else {
                arg
            };
            let zh = ARGS
                .iter()
                .find(|h| h.command == name && h.id == arg.get_id().as_str());
            arg_in_chinese(arg, zh)
        });
    }
    let usage = chinese_usage(&cmd, path);
    cmd.override_usage(usage)
}

/// The argument's help from its row (our own flags carry theirs already),
/// with what clap would append in English (default, possible values)
/// appended in Chinese.
fn arg_in_chinese(arg: Arg, zh: Option<&Help>) -> Arg {
    let mut text = match zh {
        Some(zh) => zh.help.to_string(),
        None => arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
    };
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let takes_values = arg.get_action().takes_values();
    if !defaults.is_empty() && takes_values && !arg.is_hide_default_value_set() {
        text.push_str(&format!("（默认：{}）", defaults.join("、")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    // A flag's values (true, false) are no choice a planner makes.
    if !values.is_empty() && takes_values && !arg.is_hide_possible_values_set() {
        text.push_str(&format!("（可选：{}）", values.join("、")));
    }
    let long = arg.get_long_help().is_some();
    // clap allows hiding these only on arguments that take a value.
    let mut arg = if arg.get_action().takes_values() {
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    }
    .help(text.clone());
    if long {
        arg = arg.long_help(text);
    }
    match zh.and_then(|zh| zh.value_name) {
        Some(value_name) => arg.value_name(value_name),
        None => arg,
    }
}

/// clap's usage line, which spells `[OPTIONS]` in English whatever the
/// headings say; everything else in it is already a flag or a placeholder
/// of the Chinese tree.
fn chinese_usage(cmd: &Command, path: &str) -> String {
    let mut alone = cmd.clone().bin_name(path);
    let usage = alone.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    usage.replace("[OPTIONS]", &format!("[{OPTIONS}]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk<'a>(cmd: &'a Command, out: &mut Vec<&'a Command>) {
        out.push(cmd);
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }

    fn commands(cmd: &Command) -> Vec<&Command> {
        let mut out = Vec::new();
        walk(cmd, &mut out);
        out
    }

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every command and argument clap has (the English tree, before our
    /// flags are added) has a row in the tables.
    #[test]
    fn every_command_and_argument_has_its_chinese() {
        let english = Cli::command();
        for cmd in commands(&english) {
            let name = cmd.get_name();
            let about = ABOUT.iter().find(|c| c.name == name);
            let about = about.unwrap_or_else(|| panic!("`{name}` has no Chinese about"));
            assert_eq!(
                cmd.get_after_help().is_some(),
                about.after.is_some(),
                "`{name}`: after-help in one language only"
            );
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(
                    ARGS.iter().any(|h| h.command == name && h.id == id),
                    "`drillplan {name}`: argument `{id}` has no Chinese help"
                );
            }
        }
    }

    /// Every row of the tables names a command and an argument clap has.
    #[test]
    fn the_tables_name_only_what_clap_has() {
        let english = Cli::command();
        let all = commands(&english);
        let find = |name: &str| all.iter().find(|c| c.get_name() == name).copied();
        for about in ABOUT {
            assert!(find(about.name).is_some(), "no command `{}`", about.name);
        }
        for h in ARGS {
            let cmd = find(h.command).unwrap_or_else(|| panic!("no command `{}`", h.command));
            assert!(
                cmd.get_arguments().any(|a| a.get_id() == h.id),
                "`drillplan {}` has no argument `{}`",
                h.command,
                h.id
            );
            let doubled = ARGS
                .iter()
                .filter(|o| o.command == h.command && o.id == h.id)
                .count();
            assert_eq!(doubled, 1, "`{} {}` twice", h.command, h.id);
        }
    }

    /// The Chinese tree, built as the parser builds it (our help flag
    /// carried into each subcommand), says everything in Chinese: abouts,
    /// every argument's help, headings and the usage line.
    #[test]
    fn the_chinese_tree_has_no_english_left() {
        let mut zh = command(Lang::Zh);
        zh.build();
        for cmd in commands(&zh) {
            let name = cmd.get_name();
            let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(has_chinese(&about), "`{name}`: about `{about}`");
            for arg in cmd.get_arguments() {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(
                    has_chinese(&help),
                    "`{name}` `{}`: help `{help}`",
                    arg.get_id()
                );
                assert!(
                    arg.get_help_heading().is_some_and(has_chinese),
                    "`{name}` `{}`: no Chinese heading",
                    arg.get_id()
                );
            }
            let rendered = cmd.clone().render_long_help().to_string();
            for english in [
                "Usage",
                "Commands:",
                "Arguments:",
                "Options:",
                "[OPTIONS]",
                "[default:",
                "[possible values:",
                "Print ",
            ] {
                assert!(
                    !rendered.contains(english),
                    "`{name}`: `{english}` in\n{rendered}"
                );
            }
        }
    }

    /// What clap appends in English (defaults, possible values) is appended
    /// in Chinese from clap's own values.
    #[test]
    fn defaults_and_possible_values_come_from_clap() {
        let mut zh = command(Lang::Zh);
        let solve = zh.find_subcommand_mut("solve").unwrap();
        let text = solve.render_help().to_string();
        assert!(text.contains("（默认：60）"), "{text}");
        assert!(text.contains("（可选：zh、en）"), "{text}");
        assert!(text.contains("--time-limit <秒数>"), "{text}");
        assert!(
            text.contains("<SCENARIO>"),
            "file placeholders stay: {text}"
        );
    }

    #[test]
    fn help_of_a_command_is_that_command_s_help_flag() {
        let asked = |line: &[&str]| {
            let m = command(Lang::Zh).try_get_matches_from(line).unwrap();
            asked_for(&m)
        };
        assert_eq!(
            asked(&["drillplan", "help", "solve"]),
            Some(vec!["drillplan".into(), "solve".into(), "--help".into()])
        );
        assert_eq!(
            asked(&["drillplan", "help"]),
            Some(vec!["drillplan".into(), "--help".into()])
        );
    }
}
