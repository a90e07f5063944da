"""PostgreSQL backend that starts the embedded server (pgserver) before connecting."""
