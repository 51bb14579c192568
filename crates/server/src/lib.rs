//! petrel-server: the HTTP API and the tension dashboard.
