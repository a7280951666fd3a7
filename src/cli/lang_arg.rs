//! `--lang zh|en`: the command line's view of `Lang`, which knows nothing of
//! clap. `Lang` lives in the model crate, so clap's `ValueEnum` cannot be
//! implemented for it here; a parser over the same two values takes its place.

use crate::lang::Lang;
use clap::builder::{PossibleValuesParser, TypedValueParser};

/// The values of `--lang`, as `value_parser = lang_arg::parser()`.
pub fn parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(["zh", "en"]).map(|s| match s.as_str() {
        "zh" => Lang::Zh,
        _ => Lang::En,
    })
}
