//! `--lang zh|en`: the command line's view of `Lang`, which knows nothing of clap.

use crate::lang::Lang;
use clap::builder::PossibleValue;

impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::Zh, Lang::En]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }))
    }
}
