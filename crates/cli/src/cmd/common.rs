//! Options and wiring shared by the subcommands that read news or dictionaries.
