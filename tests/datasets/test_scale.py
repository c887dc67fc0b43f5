"""The scale world: reproducible, bounded chunks, the shape the analyses need, importable."""

from __future__ import annotations

import numpy as np
import pyarrow.parquet as pq
import pytest

from einfluence import Workspace
from einfluence.datasets.scale import FOLLOW_SHARE, write_scale_world
from einfluence.exceptions import ParameterError


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale") / "world"
    return write_scale_world(folder, 120_000, seed=4, chunk=50_000)


def _table(folder, prefix):
    import pyarrow as pa

    return pa.concat_tables([pq.read_table(p) for p in sorted(folder.glob(f"{prefix}-*.parquet"))])


def test_same_seed_same_files_and_chunks_of_bounded_size(world, tmp_path):
    again = write_scale_world(tmp_path / "again", 120_000, seed=4, chunk=50_000)
    assert again == type(world)(**{**world.__dict__, "folder": again.folder})
    for path in sorted(world.folder.iterdir()):
        assert pq.read_table(path).equals(pq.read_table(again.folder / path.name)), path.name
    sizes = [pq.read_metadata(p).num_rows for p in sorted(world.folder.glob("interactions-*.parquet"))]
    assert sizes == [50_000, 50_000, 20_000]
    other = write_scale_world(tmp_path / "other", 120_000, seed=5, chunk=50_000)
    assert not _table(other.folder, "interactions").equals(_table(world.folder, "interactions"))


def test_the_shape_heavy_tails_communities_cascades(world):
    inter = _table(world.folder, "interactions").to_pandas()
    posts = _table(world.folder, "posts").to_pandas()
    follows = inter[inter.kind == "follow"]
    assert abs(len(follows) / len(inter) - FOLLOW_SHARE) < 0.01
    in_degree = np.bincount(follows.dst, minlength=world.n_accounts)
    assert in_degree.max() > 30 * in_degree.mean()  # heavy-tailed: hubs far above the mean
    # communities: accounts are grouped by community; most follows stay inside (85 % + chance)
    from einfluence.datasets.scale import _population

    pop = _population(np.random.default_rng(np.random.SeedSequence(4).spawn(2)[0]), world.n_accounts)
    inside = (pop.community[follows.src.to_numpy()] == pop.community[follows.dst.to_numpy()]).mean()
    assert inside > 0.85
    # cascades: every reaction comes after the post it reacts to; relays of relays exist (depth)
    time_of = dict(zip(posts.id, posts.time, strict=True))
    reactions = inter[inter.kind != "follow"]
    assert (reactions.time.to_numpy() >= np.array([time_of[p] for p in reactions.post])).all()
    relays = posts[posts.kind == "relay"]
    deep = relays.parent != relays.root
    assert 0.1 < deep.mean() < 0.3
    assert set(relays.parent[deep]) <= set(relays.id)
    assert (inter.src != inter.dst).mean() > 0.99


def test_imported_as_generic(world, tmp_path):
    with Workspace(tmp_path / "scale.duckdb") as ws:
        result = ws.import_files("generic", [world.folder])
        stats = ws.stats(by_day=False)
    assert stats["accounts"] == world.n_accounts
    assert stats["posts"] == world.n_posts
    assert result.counts.interactions_added + sum(
        int(n.split(" self-loops")[0].rsplit(", ", 1)[1]) for n in result.notes if "self-loops" in n) == 120_000


def test_bad_parameters_are_refused(tmp_path):
    with pytest.raises(ParameterError, match="n_interactions"):
        write_scale_world(tmp_path, 10)
    with pytest.raises(ParameterError, match="seed"):
        write_scale_world(tmp_path, 10_000, seed=-1)
