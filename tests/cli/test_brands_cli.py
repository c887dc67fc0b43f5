"""brand add / list and mentions end to end."""

from __future__ import annotations

import json

import duckdb
from typer.testing import CliRunner

from einfluence.cli import app

runner = CliRunner()

POSTS = (
    "network,id,author,kind,time,text,language\n"
    "t,1,ann,original,2026-09-01T10:00:00Z,J'adore mon Ondula Cargo génial,fr\n"
    "t,2,bob,original,2026-09-01T11:00:00Z,Worst bike ever @velmo never again,en\n"
    "t,3,carl,original,2026-09-01T12:00:00Z,deltaplane et ondulation ce matin,fr\n"
    "t,4,dan,original,2026-09-01T13:00:00Z,#Ondula vs Velmo: the ondula wins great,en\n"
)


def _run(*args, ok=True):
    result = runner.invoke(app, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + str(result.exception)
    return result


def test_brands_mentions_and_share_of_voice(tmp_path):
    db = tmp_path / "b.duckdb"
    (tmp_path / "posts.csv").write_text(POSTS)
    _run("import", "generic", tmp_path / "posts.csv", "--db", db)
    _run("brand", "add", "Ondula", "--product", "Ondula Cargo", "--hashtag", "Ondula", "--db", db)
    _run("brand", "add", "Velmo", "--handle", "velmo", "--competitor", "--db", db)
    brands = json.loads(_run("brand", "list", "--json", "--db", db).stdout)
    assert [(b["name"], b["competitor"]) for b in brands] == [("Ondula", False), ("Velmo", True)]
    summary = json.loads(_run("mentions", "--json", "--db", db).stdout)
    by_brand = {b["brand"]: b for b in summary["brands"]}
    assert by_brand["Ondula"]["posts"] == 2 and by_brand["Velmo"]["posts"] == 2  # "ondulation" is no mention
    assert by_brand["Ondula"]["share_of_voice"] == 0.5
    assert by_brand["Ondula"]["positive"] == 2 and by_brand["Velmo"]["negative"] >= 1
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT count(*), count(DISTINCT (post_id, brand_id)) FROM mentions").fetchall()[0]
    con.close()
    assert rows == (4, 4)
    _run("mentions", "--db", db)  # again: replaces, never duplicates
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM mentions").fetchall()[0][0] == 4
    con.close()


def test_mentions_without_brands_and_bad_brand_fail_cleanly(tmp_path):
    db = tmp_path / "b.duckdb"
    _run("init", "--db", db)
    result = _run("mentions", "--db", db, ok=False)
    assert result.exit_code == 1 and "no brand declared" in result.output
    result = _run("brand", "add", "Ondula", "--hashtag", "two words", "--db", db, ok=False)
    assert result.exit_code == 1


def test_actions_add_import_list_all_or_nothing(tmp_path):
    db = tmp_path / "b.duckdb"
    (tmp_path / "posts.csv").write_text(POSTS)
    _run("import", "generic", tmp_path / "posts.csv", "--db", db)
    _run("brand", "add", "Ondula", "--db", db)
    _run("actions", "add", "ann", "--brand", "Ondula", "--kind", "gifted", "--at", "2026-09-02T09:00:00", "--db", db)
    again = _run("actions", "add", "ann", "--brand", "Ondula", "--kind", "gifted", "--at", "2026-09-02T09:00:00", "--db", db)
    assert "nothing added" in again.stdout
    good = tmp_path / "actions.csv"
    good.write_text("account,brand,kind,at,campaign\nbob,Ondula,contacted,2026-09-03T10:00:00,launch\n"
                    "ann,Ondula,gifted,2026-09-02T09:00:00,\n")
    assert "1 action(s) added, 1 already logged" in _run("actions", "import", good, "--db", db).stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("account,brand,kind,at\ncarl,Ondula,paid,2026-09-04T10:00:00\nzed,Ondula,paid,2026-09-04T10:00:00\n")
    result = _run("actions", "import", bad, "--db", db, ok=False)
    assert result.exit_code == 1 and "bad.csv, line 3, field account" in result.output
    rows = json.loads(_run("actions", "list", "--json", "--db", db).stdout)
    assert [(r["account"], r["kind"]) for r in rows] == [("ann", "gifted"), ("bob", "contacted")]  # carl not added
    result = _run("actions", "add", "ann", "--brand", "Ondula", "--kind", "bribed", "--at", "2026-09-02", "--db", db,
                  ok=False)
    assert result.exit_code == 1 and "kind must be one of" in result.output


def test_perception_and_advocates_on_the_demo_world(tmp_path):
    from einfluence import Workspace

    db = tmp_path / "demo.duckdb"
    Workspace.create_demo(db, n_accounts=1500, n_days=28, seed=0)
    with Workspace(db, read_only=True) as ws:
        truth = ws.truth("accounts").to_pylist()
    planted = {r["id"] for r in truth if r["role"] == "advocate" and r["network"] == "microblog"}
    _run("mentions", "--db", db)
    seen = json.loads(_run("perception", "Ondula", "--db", db, "--json", "--limit", "0").stdout)
    assert seen["brands"][0]["brand"] == "Ondula" and seen["brands"][0]["mentions"] > 0
    rows = seen["influencers"]
    assert all(r["kind"] != "brand" for r in rows)  # the brands' own accounts are left out
    assert all(r["ci95"][0] is None or r["ci95"][0] <= r["mean_sentiment"] <= r["ci95"][1] for r in rows)
    result = json.loads(_run("advocates", "Ondula", "--db", db, "--json", "--limit", "0").stdout)
    ondula = result["brands"][0]
    found = {str(r["account"]) for r in ondula["advocates"]}
    assert found and len(found & planted) / len(found) >= 0.7  # precision on planted advocates
    assert all(e["reason"] for e in ondula["events"])
    stages = list(ondula["funnel"])
    assert stages == ["unaware", "aware", "engaged", "amplifier", "advocate", "detractor"]
    result = _run("advocates", "Nobody", "--db", db, ok=False)
    assert result.exit_code == 1 and "no declared brand" in result.output


def test_actions_outcomes_measure_what_followed(tmp_path):
    """ann is gifted on day 5; she then praises the brand and her posts are relayed by newcomers."""
    db = tmp_path / "o.duckdb"
    rows = ["network,id,author,kind,time,text,language,parent,root"]
    for day in (1, 2, 3):  # before: one neutral mention each by ann and by bob
        rows.append(f"t,b{day},bob,original,2026-09-0{day}T10:00:00Z,Ondula shop open today,en,,")
    rows.append("t,a0,ann,original,2026-09-02T10:00:00Z,Ondula shop open today,en,,")
    for i, day in enumerate((6, 7, 8)):
        rows.append(f"t,a{i + 1},ann,original,2026-09-0{day}T10:00:00Z,I love my Ondula great bike,en,,")
        for j, fan in enumerate(("x", "y")):
            rows.append(f"t,r{i}{j},{fan}{i},relay,2026-09-0{day}T12:00:00Z,,,a{i + 1},a{i + 1}")
    (tmp_path / "posts.csv").write_text("\n".join(rows) + "\n")
    _run("import", "generic", tmp_path / "posts.csv", "--db", db)
    _run("brand", "add", "Ondula", "--db", db)
    _run("mentions", "--db", db)
    _run("actions", "add", "ann", "--brand", "Ondula", "--kind", "gifted", "--at", "2026-09-05T00:00:00",
         "--campaign", "launch", "--db", db)
    result = json.loads(_run("actions", "outcomes", "Ondula", "--before", "4", "--after", "5", "--json", "--db", db).stdout)
    (ann,) = result["influencers"]
    assert ann["account"] == "ann" and ann["campaign"] == "launch"
    assert (ann["mentions_before"], ann["mentions_after"]) == (1, 3)
    assert ann["reach_after"] == 6 and ann["network_size"] >= 6 and ann["network_new"] >= 6
    assert result["difference_in_differences"]["mentions"]["estimate"] > 0
    table = _run("actions", "outcomes", "Ondula", "--db", db)
    assert "difference in differences" in table.stdout


def test_parallel_mention_detection_equals_the_serial_one(tmp_path, monkeypatch):
    import einfluence.perception.batch as batch
    from einfluence import Workspace

    db = tmp_path / "demo.duckdb"
    Workspace.create_demo(db, n_accounts=400, n_days=14, seed=1)
    with Workspace(db) as ws:
        serial = ws.detect_mentions()
        rows = ws.sql("SELECT post_id, brand_id, kind, sentiment, score FROM mentions ORDER BY ALL").fetchall()
        monkeypatch.setattr(batch, "PARALLEL_FROM", 500)  # chunks of 500 posts over worker processes
        parallel = ws.detect_mentions()
        again = ws.sql("SELECT post_id, brand_id, kind, sentiment, score FROM mentions ORDER BY ALL").fetchall()
    assert serial["posts_read"] > 1000 and rows and rows == again
    assert serial["brands"] == parallel["brands"]


def test_min_confidence_keeps_mentions_but_not_their_sentiment(tmp_path):
    from einfluence import Workspace

    db = tmp_path / "demo.duckdb"
    Workspace.create_demo(db, n_accounts=300, n_days=14, seed=1)
    summary = json.loads(_run("mentions", "--db", db, "--json", "--min-confidence", "0.7").stdout)
    ondula = summary["brands"][0]
    assert summary["model"] == "default" and ondula["uncertain"] > 0
    assert ondula["positive"] + ondula["negative"] + ondula["uncertain"] <= ondula["posts"]
    con = duckdb.connect(str(db), read_only=True)
    low, threshold = con.execute("SELECT count(*) FILTER (WHERE confidence < 0.7), min(min_confidence) FROM mentions").fetchone()
    con.close()
    assert low == sum(b["uncertain"] for b in summary["brands"]) and threshold == 0.7
    seen = json.loads(_run("perception", "Ondula", "--db", db, "--json", "--limit", "0").stdout)
    assert sum(r["uncertain"] for r in seen["influencers"]) > 0
    assert all(r["share_positive_ci95"][0] <= r["share_positive_ci95"][1] for r in seen["influencers"])
    all_in = json.loads(_run("perception", "Ondula", "--db", db, "--json", "--limit", "0", "--min-confidence", "0").stdout)
    assert sum(r["uncertain"] for r in all_in["influencers"]) == 0
    assert _run("advocates", "Ondula", "--db", db, "--json").exit_code == 0  # the funnel reads the confident ones
    lexicon = json.loads(_run("mentions", "--db", db, "--json", "--model", "lexicon").stdout)
    assert lexicon["model"] == "lexicon"
