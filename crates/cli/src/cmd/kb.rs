//! Options for choosing dictionaries, shared by the commands that code text.
