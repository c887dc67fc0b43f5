"""Commands about brands and how they are perceived: brands, sentiment, mentions, perception."""


import json
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich import box
from rich.table import Table

from einfluence.base.labels import account_label
from einfluence.cli.common import (
    DbOption,
    DefaultCommandGroup,
    NetworkOption,
    PlotOption,
    SinceOption,
    UntilOption,
    err,
    fails_cleanly,
    open_workspace,
    out,
    plot_path,
    save_plot,
    when,
)
from einfluence.cli.output import emphasis, write_csv
from einfluence.cli.progress import RichProgress
from einfluence.exceptions import InputError
from einfluence.settings import DEFAULT_DB

__all__ = ["brand_app", "mentions", "perception", "read_labels", "read_lines", "sentiment_app"]

brand_app = typer.Typer(help="Declare brands (names, aliases, handles, hashtags, products) and list them.",
                        no_args_is_help=True)

_LABEL_CODES = {"0": "negative", "1": "neutral", "2": "positive",
                "negative": "negative", "neutral": "neutral", "positive": "positive"}


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file, one text each (line ends removed)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}, line {line}: not UTF-8 text") from None


def read_labels(path: Path, n_texts: int, texts_path: Path) -> list[str]:
    """Labels, one per line (negative|neutral|positive or 0|1|2, 0 = negative), as many as the texts."""
    labels = []
    for number, raw in enumerate(read_lines(path), start=1):
        value = raw.strip().lower()
        if value not in _LABEL_CODES:
            raise InputError(f"{path}, line {number}, field label: expected negative, neutral, positive or 0, 1, 2, got {raw!r}")
        labels.append(_LABEL_CODES[value])
    if len(labels) != n_texts:
        raise InputError(f"{path} has {len(labels)} labels but {texts_path} has {n_texts} texts: one label per text")
    return labels


sentiment_app = typer.Typer(
    help="Sentiment of texts: 'einfluence sentiment FILE' scores each line; 'sentiment train' fits a classifier.",
    cls=DefaultCommandGroup, no_args_is_help=True,
)
LangOption = Annotated[Literal["en", "fr"], typer.Option("--lang", help="Language of the texts.")]


@sentiment_app.command("score")
@fails_cleanly
def sentiment(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A text file, one text per line.")],
    lang: LangOption = "en",
    model: Annotated[
        str | None, typer.Option("--model", metavar="NAME",
                                 help="'default' (the model shipped with einfluence), 'lexicon', or a stored trained model.")
    ] = None,
    brand: Annotated[list[str] | None, typer.Option(
        "--brand", metavar="NAME", help="A brand named in the texts, masked before scoring (repeat).")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[Literal["csv", "json"], typer.Option("--format", help="Output: csv or json.")] = "csv",
) -> None:
    """Sentiment of texts: a label, a score and a confidence per line (the default command of 'einfluence sentiment').

    By default the model shipped with einfluence (score P(positive) - P(negative), confidence the
    calibrated probability of the label); --model lexicon the lexicon (VADER's word lists, French
    fixes; score in [-1, 1]); --model NAME a classifier trained by 'einfluence sentiment train'.
    --brand NAME masks the brand's name (and a declared brand's aliases, handles and products)
    so that its words are not read as opinions ("United", "Free", "Orange").
    """
    lines = read_lines(file)
    # the shipped models need no database; a trained model (or declared brands) is read from one
    stored = model not in (None, "default", "lexicon")
    use_db = stored or (bool(brand) and Path(db).exists())
    with open_workspace(db, read_only=True) if use_db else open_workspace(":memory:", create=True) as ws:
        predicted, scores, confidence = ws.sentiment(lines, lang=lang, model=model, brands=brand or (),
                                                     with_confidence=True)
    rows = list(zip(predicted, scores, confidence, strict=True))
    if fmt == "json":
        print(json.dumps([{"label": str(lab), "score": float(s), "confidence": float(c)} for lab, s, c in rows]))
        return
    write_csv(["label", "score", "confidence"], ([label, f"{score:.4f}", f"{c:.4f}"] for label, score, c in rows))


@sentiment_app.command("train")
@fails_cleanly
def sentiment_train(
    texts: Annotated[Path, typer.Option("--texts", metavar="FILE", help="The texts, one per line.")],
    labels: Annotated[
        Path, typer.Option("--labels", metavar="FILE", help="Their labels, one per line: negative, neutral, positive.")
    ],
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The name to store the model under.")],
    lang: LangOption = "en",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Fit a sentiment classifier on labelled texts and store it in the database under a name."""
    lines = read_lines(texts)
    if not lines:
        raise InputError(f"{texts}: no text")
    checked = read_labels(labels, len(lines), texts)  # before opening the database: nothing half-done
    with open_workspace(db) as ws:
        metadata = ws.train_sentiment(lines, checked, lang=lang, name=name)
    out.print(f"sentiment model {name!r} ({lang}) trained on {metadata['n_train']:,} texts and stored in {db}")


@brand_app.command("add")
@fails_cleanly
def brand_add(
    name: Annotated[str, typer.Argument(help="The brand's name (also matched as a phrase).")],
    db: DbOption = DEFAULT_DB,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another name or spelling (repeat).")] = None,
    handle: Annotated[list[str] | None, typer.Option("--handle", help="An account handle, with or without @ (repeat).")] = None,
    hashtag: Annotated[list[str] | None, typer.Option("--hashtag", help="A hashtag, with or without # (repeat).")] = None,
    product: Annotated[list[str] | None, typer.Option("--product", help="A product name (repeat).")] = None,
    competitor: Annotated[bool, typer.Option("--competitor", metavar="", help="A competitor (for share of voice).")] = False,
) -> None:
    """Declare a brand, or redeclare one of the same name."""
    with open_workspace(db) as ws:
        brand = ws.add_brand(name, aliases=alias or (), handles=handle or (), hashtags=hashtag or (),
                             products=product or (), competitor=competitor)
    out.print(f"brand {brand['name']!r} #{brand['brand_id']}: {len(brand['accounts'])} own account(s) found by handle")


@brand_app.command("list")
@fails_cleanly
def brand_list(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of a table.")] = False,
) -> None:
    """The declared brands."""
    with open_workspace(db, read_only=True) as ws:
        brands = ws.brands()
    if as_json:
        print(json.dumps(brands, indent=2, default=str))
        return
    grid = Table(box=box.SIMPLE)
    for column in ("brand", "competitor", "aliases", "handles", "hashtags", "products", "own accounts"):
        grid.add_column(column)
    for b in brands:
        grid.add_row(b["name"], "yes" if b["competitor"] else "", ", ".join(b["aliases"]), ", ".join(b["handles"]),
                     ", ".join(b["hashtags"]), ", ".join(b["products"]), str(len(b["accounts"])))
    out.print(grid)


@fails_cleanly
def mentions(
    db: DbOption = DEFAULT_DB,
    model: Annotated[str | None, typer.Option(
        "--model", help="'default' (shipped with einfluence), 'lexicon', or a stored model for the posts of its language.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", metavar="P", min=0.0, max=1.0,
        help="Mentions whose label has a lower probability count as mentions, not as sentiment "
             "(in perception and advocates).")] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of a table.")] = False,
) -> None:
    """Find the declared brands in the posts, score each mention's sentiment towards its own brand, store them; share of voice."""
    with open_workspace(db) as ws, RichProgress(err) as progress:
        summary = ws.detect_mentions(model=model, since=when(since, "--since"), until=when(until, "--until"),
                                     networks=networks, min_confidence=min_confidence, progress=progress)
    if as_json:
        print(json.dumps(summary, indent=2, default=str))
        return
    threshold = "" if min_confidence is None else f", below confidence {min_confidence:g}: uncertain"
    out.print(f"{summary['mentions_stored']:,} brand mentions in {summary['posts_read']:,} posts "
              f"(sentiment: {summary['model']}{threshold})")
    grid = Table(box=box.SIMPLE)
    for column in ("brand", "posts", "share of voice", "mean sentiment", "positive", "negative", "uncertain"):
        grid.add_column(column, justify="left" if column == "brand" else "right")
    for b in summary["brands"]:
        grid.add_row(b["brand"] + (" (competitor)" if b["competitor"] else ""), f"{b['posts']:,}",
                     f"{b['share_of_voice']:.1%}", "-" if b["mean_sentiment"] is None else f"{b['mean_sentiment']:+.2f}",
                     f"{b['positive']:,}", f"{b['negative']:,}", f"{b['uncertain']:,}")
    out.print(grid)


@fails_cleanly
def perception(
    brand: Annotated[str | None, typer.Argument(help="The brand (default: every declared brand).")] = None,
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    networks: NetworkOption = None,
    limit: Annotated[int, typer.Option(help="Influencers shown (0 for all).", min=0)] = 20,
    min_mentions: Annotated[int, typer.Option(help="Influencers with at least this many mentions.", min=1)] = 1,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", metavar="P", min=0.0, max=1.0,
        help="Leave out of the sentiment the mentions whose label has a lower probability "
             "(default: the threshold given to 'einfluence mentions').")] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of tables.")] = False,
    plot: PlotOption = None,
) -> None:
    """How influencers perceive the brand: mentions, mean sentiment with its 95 % interval, share of
    voice against competitors, trend, typical quotes (from the mentions stored by 'einfluence mentions')."""
    plot = plot_path(plot)
    with open_workspace(db, read_only=True) as ws:
        result = ws.brand_perception(brand, since=when(since, "--since"), until=when(until, "--until"),
                                     limit=limit or None, min_mentions=min_mentions, networks=networks,
                                     min_confidence=min_confidence, timeline_bins=12 if plot is not None else 0)
    if plot is not None:
        from einfluence.figures import perception_figure

        save_plot(perception_figure(result), plot)
    if as_json:
        print(json.dumps(result, indent=2, default=str))
        return
    for b in result["brands"]:
        low, high = b["ci95"]
        if b["mean_sentiment"] is None:
            out.print(emphasis((b["brand"], "bold"), f"{' (competitor)' if b['competitor'] else ''}: no mention"))
            continue
        interval = "" if low is None else f" (95 % CI {low:+.2f} to {high:+.2f})"
        out.print(emphasis((b["brand"], "bold"), f"{' (competitor)' if b['competitor'] else ''}: {b['mentions']:,} mentions by "
                           f"{b['accounts']:,} accounts, mean sentiment {b['mean_sentiment']:+.2f}{interval}, "
                           f"share of voice {b['share_of_voice'] or 0:.1%}"))
    grid = Table(title="influencers' perception (most mentions first)", box=box.SIMPLE)
    for column in ("account", "brand", "mentions", "+/-", "mean sentiment", "95 % CI", "share of voice", "trend", "typical quote"):
        grid.add_column(column, justify="left" if column in ("account", "brand", "typical quote") else "right",
                        no_wrap=column != "typical quote", max_width=60 if column == "typical quote" else None)
    for r in result["influencers"]:
        ci = "-" if r["ci95"][0] is None else f"{r['ci95'][0]:+.2f} – {r['ci95'][1]:+.2f}"
        grid.add_row(account_label(r), r["brand"], str(r["mentions"]),
                     f"{r['positive']}/{r['negative']}", f"{r['mean_sentiment']:+.2f}", ci,
                     "-" if r["share_of_voice"] is None else f"{r['share_of_voice']:.0%}",
                     "-" if r["trend"] is None else f"{r['trend']:+.2f}", (r["quotes"] or [""])[0].replace("\n", " "))
    out.print(grid)
