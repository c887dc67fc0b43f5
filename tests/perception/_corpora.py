"""Readers of the public sentiment corpora used by the perception tests (skip when absent)."""

from __future__ import annotations

import csv
import gzip

import numpy as np

from tests.conftest import shared_path

AIRLINES = ("United", "US Airways", "American", "Southwest", "Delta", "Virgin America")


def tweeteval_split(name: str, split: str) -> tuple[list[str], np.ndarray]:
    """Texts and 0/1/2 labels of a UMSAB split (SemEval 2017 English, DEFT 2017 French)."""
    folder = shared_path(name)
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
    labels = np.array((folder / f"{split}_labels.txt").read_text().split(), dtype=np.int64)
    return texts[: labels.size], labels


def airline_rows() -> list[dict[str, str]]:
    with gzip.open(shared_path("airline-sentiment", "Tweets.csv.gz"), "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def sanders_rows() -> list[dict[str, str]]:
    with open(shared_path("sanders-brand-sentiment", "full-corpus.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
