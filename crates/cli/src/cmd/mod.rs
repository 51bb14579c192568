//! One module per subcommand; `common` holds the options and wiring they share.
pub mod code;
pub mod common;
pub mod dict;
pub mod explain;
pub mod inspect;
pub mod kb;
pub mod kb_petrarch;
pub mod store;
pub mod validate;
