"""Record-keeping shared by the features that keep definitions and entries over time.

- ``history``: versioned definitions and a change log, read as of a date; append-only entries.
- ``documents``: a definition as YAML or as a workbook (one sheet a level).
- ``tables``: entries from a CSV file or a sheet, bad rows set aside with their line numbers.
- ``rows``: input rows with their place, and the field checks every reader runs.

The framework, the agreement tracker and the strategy build on it; it imports no feature.
"""
