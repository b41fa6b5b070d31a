"""The contract describes every column it defines, so the data package and the exports can say what each means."""

import pytest

from etl.contract import FOREIGN_KEYS, PRIMARY_KEYS, SCHEMA, column_doc


@pytest.mark.parametrize(("table", "column"), [(t, c) for t, columns in SCHEMA.items() for c in columns])
def test_every_column_of_every_table_is_described(table, column):
    assert column_doc(table, column).strip()


def test_a_column_name_shared_by_two_tables_can_mean_two_things():
    assert "file format" in column_doc("documents", "format")
    assert "in-person" in column_doc("events", "format")


def test_keys_name_columns_that_exist():
    for table, key in PRIMARY_KEYS.items():
        assert set(key) <= set(SCHEMA[table])
    for table, links in FOREIGN_KEYS.items():
        for column, other, other_column in links:
            assert column in SCHEMA[table] and other_column in SCHEMA[other]
