"""The declared brands as the store lists them: each with the accounts that are its own by handle."""

from __future__ import annotations

from einfluence import Workspace
from einfluence.io import Records


def test_each_brand_lists_its_accounts_by_handle():
    """Handles match whatever their case and leading ``@``, in every network; two brands may share
    an account; a brand without handles has none; an account is listed once."""
    with Workspace(":memory:") as ws:
        ws.add_records(Records.from_columns(
            accounts={"network": ["tw", "tw", "md", "tw"], "id": ["1", "2", "3", "4"],
                      "handle": ["Ondula", "ondula_fr", "ondula", "other"]},
            interactions={"network": "tw", "src": ["1", "2"], "dst": ["4", "4"], "kind": "relay"}))
        ids = {(a["network"], str(a["account"])): i for i, a in ws.describe_accounts(range(ws.n_accounts())).items()}
        ws.add_brand("Ondula", handles=["@ondula", "ONDULA_FR", "ondula"])
        ws.add_brand("Group", handles=["ondula_fr"])
        ws.add_brand("Quiet", aliases=["quiet"])
        listed = {b["name"]: b["accounts"] for b in ws.brands()}
    assert listed == {"Ondula": sorted([ids[("tw", "1")], ids[("tw", "2")], ids[("md", "3")]]),
                      "Group": [ids[("tw", "2")]], "Quiet": []}
