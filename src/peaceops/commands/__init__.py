"""CLI command groups: thin wrappers around the library, one module per feature."""
