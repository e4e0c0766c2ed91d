"""Export: stored reports, claims, accounts and people as flat tables (CSV, JSON, JSON Lines, Parquet),
and people as PFIF 1.4 XML.

``columns.py`` says what each table's columns are and fills them; ``writers.py``
writes a table in a format; ``pfif.py`` writes and reads PFIF. The README lists the columns.
"""
from .columns import (TABLES, Table, account_table, acled_table, claim_from_row, claims_table, people_table,
                      reports_table)
from .writers import FORMATS, write_table

__all__ = ["TABLES", "FORMATS", "Table", "account_table", "acled_table", "claim_from_row", "claims_table",
           "people_table", "reports_table", "write_table"]
