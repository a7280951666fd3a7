//! A command line clap refuses (an unknown flag, a bad number), told in the
//! run's language. clap words its errors in English only; in Chinese the
//! error is rebuilt from its kind and the pieces clap names (the flag, the
//! value, the suggestion), and anything else clap says is quoted as it says
//! it, so nothing a planner needs is lost.

use crate::lang::Lang;
use clap::error::{ContextKind, ErrorKind};

/// What to print for a command line clap refused, in `lang`.
pub fn render(e: &clap::Error, lang: Lang) -> String {
    match lang {
        Lang::En => e.render().to_string(),
        Lang::Zh => chinese(e),
    }
}

fn chinese(e: &clap::Error) -> String {
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string());
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::ValueValidation => {
            // The reason is one of ours (`limits`), already in Chinese.
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("参数 {arg} 的值 `{value}` 无效：{why}")
        }
        ErrorKind::InvalidValue => {
            // clap gives an empty list for a value of any form (`--set`).
            let valid = get(ContextKind::ValidValue)
                .filter(|v| !v.trim().is_empty())
                .map(|v| format!("（可选：{v}）"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("参数 {arg} 缺少值{valid}")
            } else {
                format!("参数 {arg} 的值 `{value}` 无效{valid}")
            }
        }
        ErrorKind::UnknownArgument => {
            let near = get(ContextKind::SuggestedArg)
                .map(|s| format!("（是否为 `{s}`？）"))
                .unwrap_or_default();
            // `--time-limit -1`: the value is read as an option of its own.
            let negative = arg
                .strip_prefix('-')
                .is_some_and(|n| n.parse::<f64>().is_ok());
            let negative = match negative {
                true => "（负数不能作为参数的值：drillplan 的数值参数都不小于 0）",
                false => "",
            };
            format!("无法识别的参数 `{arg}`{near}{negative}")
        }
        ErrorKind::InvalidSubcommand => {
            let near = get(ContextKind::SuggestedSubcommand)
                .map(|s| format!("（是否为 `{s}`？）"))
                .unwrap_or_default();
            let command = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("无法识别的命令 `{command}`{near}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令（validate、solve、check、explain、export、init、convert 或 generate）"
                .to_string()
        }
        ErrorKind::ArgumentConflict => {
            let other = get(ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {arg} 不能与 {other} 同时使用")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals => {
            format!("参数 {arg} 的值个数不对")
        }
        _ => {
            let said = e.render().to_string();
            let first = said.lines().next().unwrap_or_default();
            let first = first.strip_prefix("error: ").unwrap_or(first);
            format!("命令行有误（clap 报告：`{first}`）")
        }
    };
    format!("错误：{what}\n运行 `drillplan --help` 或 `drillplan 命令 --help` 查看用法。\n")
}
