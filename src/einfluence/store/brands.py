"""Brands: declared names, aliases, handles, hashtags and products, and their competitors."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from einfluence.store.database import fetch_one, transaction

__all__ = ["save_brand", "upsert_brands"]

_LIST_COLUMNS = ("aliases", "handles", "hashtags", "products")


def upsert_brands(con: duckdb.DuckDBPyConnection, brands: pa.Table) -> int:
    """Insert brands, or replace the declared fields of brands of the same name.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open einfluence database (the caller owns the transaction).
    brands : pyarrow.Table
        Column ``name`` and any of ``aliases``, ``handles``, ``hashtags``, ``products`` (lists
        of strings) and ``competitor`` (bool); other columns are ignored.

    Returns
    -------
    int
        Number of brands inserted (not counting replaced ones).
    """
    columns = {"name": brands.column("name")}
    for name in _LIST_COLUMNS:
        columns[name] = brands.column(name) if name in brands.column_names else pa.nulls(brands.num_rows, pa.list_(pa.string()))
    columns["competitor"] = (
        brands.column("competitor") if "competitor" in brands.column_names else pa.nulls(brands.num_rows, pa.bool_())
    )
    con.register("_in_brands", pa.table(columns))
    try:
        before = fetch_one(con, "SELECT count(*) FROM brands")[0]
        lists = ", ".join(f"coalesce(s.{c}, [])" for c in _LIST_COLUMNS)
        con.execute(
            f"""
            INSERT INTO brands (brand_id, name, {", ".join(_LIST_COLUMNS)}, competitor)
            SELECT coalesce(b.brand_id, (SELECT coalesce(max(brand_id), 0) FROM brands)
                                        + row_number() OVER (PARTITION BY b.brand_id IS NULL ORDER BY s.name)),
                   s.name, {lists}, coalesce(s.competitor, false)
            FROM _in_brands s LEFT JOIN brands b ON b.name = s.name
            ON CONFLICT (brand_id) DO UPDATE SET
                aliases = excluded.aliases, handles = excluded.handles, hashtags = excluded.hashtags,
                products = excluded.products, competitor = excluded.competitor
            """
        )
        return int(fetch_one(con, "SELECT count(*) FROM brands")[0]) - int(before)
    finally:
        con.unregister("_in_brands")


def save_brand(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str,
    aliases: Sequence[str] = (),
    handles: Sequence[str] = (),
    hashtags: Sequence[str] = (),
    products: Sequence[str] = (),
    competitor: bool = False,
) -> None:
    """Declare one brand, or redeclare the brand of that name, in its own transaction."""
    table = pa.table({
        "name": [name], "aliases": [list(aliases)], "handles": [list(handles)], "hashtags": [list(hashtags)],
        "products": [list(products)], "competitor": [bool(competitor)],
    })
    with transaction(con):
        upsert_brands(con, table)
