"""Export: stored reports, claims and accounts as flat tables (CSV, JSON, JSON Lines, Parquet).

``columns.py`` says what each table's columns are and fills them; ``writers.py``
writes a table in a format. The README lists the columns.
"""
from .columns import TABLES, Table, account_table, acled_table, claim_from_row, claims_table, reports_table
from .writers import FORMATS, write_table

__all__ = ["TABLES", "FORMATS", "Table", "account_table", "acled_table", "claim_from_row", "claims_table",
           "reports_table", "write_table"]
