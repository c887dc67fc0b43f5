"""Schema 10: calibrations stored whole; score runs of earlier versions still read, ranked the same."""

from __future__ import annotations

import json

import pytest

from einfluence.exceptions import InputError
from einfluence.store import connect
from einfluence.store.calibrations import get_calibration, list_calibrations, save_calibration
from einfluence.store.schema import SCHEMA_VERSION
from einfluence.store.scores import ranking
from tests.conftest import database_at


def test_a_database_of_schema_8_gains_calibrations_and_keeps_its_runs(db_path):
    con = database_at(db_path, 8)
    con.execute("INSERT INTO accounts (account_id, network, source_id, kind, import_id) VALUES "
                "(0, 't', 'a', 'person', 1), (1, 't', 'b', 'person', 1), (2, 't', 'c', 'person', 1)")
    weights = {"reach": 1.0, "amplification": 0.25, "depth": 0.1, "impact": 0.1, "momentum": 0.2}
    con.execute("INSERT INTO score_runs VALUES (1, now()::TIMESTAMP, NULL, NULL, NULL, ?, '{}', 3, NULL, 'old')",
                [json.dumps({"weights": weights})])
    # an old run ranked its ties by account id: 1, 2, 3
    con.execute("INSERT INTO scores (run_id, account_id, rank, score, index) VALUES "
                "(1, 0, 1, 50.0, 0.5), (1, 1, 2, 1.0, 0.0), (1, 2, 3, 1.0, 0.0)")
    con.close()
    con = connect(db_path)
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION == 11
    rows = ranking(con, 1, limit=None).to_pylist()
    assert [r["rank"] for r in rows] == [1, 2, 2]          # renumbered as competition ranks
    assert "activity" not in rows[0]                         # extra inputs only for runs that weigh them
    assert con.execute("SELECT count(*) FROM calibrations").fetchone()[0] == 0
    con.close()


def test_calibrations_are_stored_whole_and_read_back(db_path):
    con = connect(db_path)
    with pytest.raises(InputError, match="no calibration"):
        get_calibration(con)
    first = save_calibration(con, params={"calibration": {"n_folds": 4}}, result={"weights": {"reach": 1.0}},
                             since=None, until=None, networks=["t"])
    second = save_calibration(con, params={}, result={"weights": {"reach": 0.5}}, since=None, until=None,
                              networks=None, label="again")
    assert (first, second) == (1, 2)
    assert get_calibration(con)["result"]["weights"] == {"reach": 0.5}
    assert get_calibration(con, 1)["params"]["calibration"]["n_folds"] == 4
    assert [c["label"] for c in list_calibrations(con)] == [None, "again"]
    with pytest.raises(InputError, match="#7"):
        get_calibration(con, 7)
    con.close()
