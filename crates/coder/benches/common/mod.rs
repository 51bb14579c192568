//! Shared by the bench and the `throughput` example.

pub mod corpus;
