"""Label propagation on Spark: the local twin's labels whatever the blocks, planted blocks, polblogs."""

from __future__ import annotations

import pytest

from einfluence import Workspace
from einfluence.communities import label_propagation, leiden_communities, normalized_mutual_info
from einfluence.spark.communities import spark_label_propagation
from tests.communities._helpers import planted_partition
from tests.conftest import shared_path


def test_planted_blocks_and_the_local_labels_whatever_the_blocks(spark):
    view, blocks = planted_partition(n_blocks=4, size=25, p_in=0.5, p_out=0.01, seed=1)
    local = label_propagation(view, random_state=0)
    leiden = leiden_communities(view, random_state=0)
    for n_blocks in (1, 3):
        got = spark_label_propagation(view, session=spark, random_state=0, n_blocks=n_blocks)
        assert got.membership.tolist() == local.membership.tolist()
        assert got.modularity == local.modularity
        assert got.params["n_iter"] == local.params["n_iter"] and got.params["converged"]
    assert normalized_mutual_info(blocks, got.membership) >= 0.9
    assert abs(got.modularity - leiden.modularity) <= 0.02


def test_workspace_stores_a_spark_community_run(spark, demo_db, tmp_path):
    import shutil

    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    with Workspace(db, engine="spark", master="local[2]") as ws:
        run_id = ws.communities(seed=0)
        assert ws.communities(seed=0) == run_id  # found again, not recomputed
        run = ws.community_run(run_id)
        members = ws.community_members(run_id)
    params = run["params"]
    assert params["request"]["engine"] == "spark" and params["request"]["method"] == "label_propagation"
    assert params["engine"]["name"] == "spark" and params["engine"]["master"] == "local[2]"
    assert params["algorithm"]["method"] == "label_propagation"
    assert run["modularity"] is not None and members.num_rows > 0
    with Workspace(db) as ws:  # the local engine does not take the Spark run for its own
        local_run = ws.communities(seed=0)
        assert local_run != run_id
        assert ws.community_run(local_run)["params"]["algorithm"]["backend"] == "graspologic"


@pytest.mark.slow
def test_polblogs_modularity_beside_leiden(spark, tmp_path):
    path = shared_path("polblogs", "polblogs.gml")
    with Workspace(tmp_path / "polblogs.duckdb") as ws:
        ws.import_files("gml", [path])
        view = ws.graph()
    leiden = leiden_communities(view, random_state=0)
    got = spark_label_propagation(view, session=spark, random_state=0)
    print(f"polblogs modularity: label propagation on Spark {got.modularity:.4f} "
          f"({got.n_communities} communities, {got.params['n_iter']} steps), Leiden {leiden.modularity:.4f}")
    assert got.membership.tolist() == label_propagation(view, random_state=0).membership.tolist()
    assert got.modularity > 0.3
