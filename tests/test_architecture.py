"""The layers only depend downwards: io -> store -> graph -> analyses -> interfaces."""

from __future__ import annotations

import ast
from pathlib import Path

import einfluence

PACKAGE = Path(einfluence.__file__).parent

#: layer of each top-level part of the package; a module may import only from layers <= its own
LAYER = {
    "_version": 0, "exceptions": 0, "base": 0, "settings": 0,
    "io": 1, "datasets": 1,
    "store": 2,
    "graph": 3, "text": 3,
    "scoring": 4, "topics": 4, "communities": 4, "diffusion": 4, "targeting": 4, "advocacy": 4, "perception": 4,
    "workspace": 5, "cli": 6, "api": 6, "web": 6, "reports": 6, "__main__": 7, "__init__": 7,
}
ANALYSES = {name for name, layer in LAYER.items() if layer == 4} | {"graph", "text", "datasets"}
#: libraries that belong to storage or interfaces, never to analyses
FORBIDDEN_IN_ANALYSES = {"duckdb", "typer", "rich", "fastapi"}


def _part(module: Path) -> str:
    rel = module.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_every_part_has_a_layer():
    parts = {_part(m) for m in PACKAGE.rglob("*.py")}
    assert parts <= set(LAYER), parts - set(LAYER)


def test_imports_point_downwards():
    wrong = []
    for module in PACKAGE.rglob("*.py"):
        part = _part(module)
        for name in _imports(module):
            if not name.startswith("einfluence."):
                continue
            target = name.split(".")[1]
            if LAYER.get(target, 99) > LAYER[part]:
                wrong.append(f"{module.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_analyses_do_not_touch_storage_or_interfaces():
    wrong = []
    for module in PACKAGE.rglob("*.py"):
        if _part(module) not in ANALYSES:
            continue
        for name in _imports(module):
            if name.split(".")[0] in FORBIDDEN_IN_ANALYSES:
                wrong.append(f"{module.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "\n".join(wrong)
