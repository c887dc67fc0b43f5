"""Settings resolved at run time: the import's memory limit."""

from __future__ import annotations

import os

from einfluence.settings import import_memory_limit


def test_auto_import_memory_limit_is_a_quarter_of_the_machine_and_at_least_1gb(monkeypatch):
    monkeypatch.delenv("EINFLUENCE_IMPORT_MEMORY_LIMIT", raising=False)
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    limit = import_memory_limit()
    assert limit.endswith("MB")
    assert int(limit[:-2]) == max(physical // 4, 2**30) // 2**20
    monkeypatch.setenv("EINFLUENCE_IMPORT_MEMORY_LIMIT", "AUTO ")
    assert import_memory_limit() == limit


def test_a_given_import_memory_limit_is_used_as_given(monkeypatch):
    monkeypatch.setenv("EINFLUENCE_IMPORT_MEMORY_LIMIT", "1GB")
    assert import_memory_limit() == "1GB"
