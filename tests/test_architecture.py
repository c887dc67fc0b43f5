"""The house rules, checked: layers depend downwards, analyses never see the store, the CLI starts light."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import einfluence

PACKAGE = Path(einfluence.__file__).parent

#: layer of each top-level part of the package; a module may import only from layers <= its own
LAYER = {
    "_version": 0, "_environment": 0, "exceptions": 0, "base": 0, "settings": 0, "i18n": 0,
    "io": 1, "datasets": 1,
    "store": 2,
    "graph": 3, "text": 3,
    "scoring": 4, "topics": 4, "communities": 4, "diffusion": 4, "targeting": 4, "advocacy": 4, "perception": 4,
    "opinion": 4, "spark": 4,
    "figures": 4.5, "workspace": 5, "cli": 6, "api": 6, "web": 6, "reports": 6, "server": 6, "client": 6, "__main__": 7,
    "__init__": 7,
}
ANALYSES = {name for name, layer in LAYER.items() if layer == 4} | {"graph", "text", "datasets"}
#: libraries that belong to storage or interfaces, never to analyses
FORBIDDEN_IN_ANALYSES = {"duckdb", "typer", "rich", "fastapi"}
#: what the command line may import of einfluence: itself, the vocabulary, the workspace façade
CLI_MAY_IMPORT = {
    "einfluence.cli", "einfluence.base", "einfluence.exceptions", "einfluence.settings", "einfluence._version",
    "einfluence.io.formats", "einfluence.workspace", "einfluence.store.schema", "einfluence.figures",
    "einfluence.reports",
    "einfluence.i18n",  # the stages of work the CLI reports are written with their catalogue keys
    "einfluence.server",  # 'einfluence serve' starts the server (imported when it runs, not for --help)
    "einfluence.client",  # 'einfluence --server URL' sends the read commands to a server
}
#: what the figure builders may import of einfluence: they draw results, they compute nothing
FIGURES_MAY_IMPORT = {"einfluence.figures", "einfluence.base", "einfluence.exceptions", "einfluence.i18n",
                      "einfluence._environment"}  # where the packed plotly.js is cached
#: libraries a command must not load before it runs (and that the CLI never imports itself)
HEAVY = ("numba", "duckdb", "sklearn", "scipy", "igraph", "pyarrow", "numpy", "pyspark",
         # the server's validation library: typer 0.29 began coercing every option through it, which
         # doubled the time of `einfluence COMMAND --help` (0.29 s -> 0.61 s), hence the pin in pyproject
         "pydantic")


def _part(module: Path) -> str:
    rel = module.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(module: Path) -> set[str]:
    """Every absolute import of a module, at its top or inside functions."""
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


def test_analyses_import_neither_store_workspace_nor_interfaces():
    wrong = []
    for module in PACKAGE.rglob("*.py"):
        if _part(module) not in ANALYSES:
            continue
        for name in _imports(module):
            top = name.split(".")
            if top[0] in FORBIDDEN_IN_ANALYSES or (top[0] == "einfluence" and LAYER.get(top[1], 99) in (2, 4.5, 5, 6, 7)):
                wrong.append(f"{module.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_analyses_examples_do_not_open_the_store_either():
    wrong = [
        str(module.relative_to(PACKAGE))
        for module in PACKAGE.rglob("*.py")
        if _part(module) in ANALYSES and ">>> from einfluence.store" in module.read_text(encoding="utf-8")
    ]
    assert not wrong, wrong


def test_figures_draw_results_without_computing_them():
    wrong = [
        f"{module.relative_to(PACKAGE)} imports {name}"
        for module in (PACKAGE / "figures").rglob("*.py")
        for name in _imports(module)
        if name.startswith("einfluence") and not any(
            name == allowed or name.startswith(allowed + ".") for allowed in FIGURES_MAY_IMPORT)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_cli_imports_only_the_facade_and_the_vocabulary():
    wrong = []
    for module in (PACKAGE / "cli").rglob("*.py"):
        for name in _imports(module):
            if name.split(".")[0] in HEAVY or (name.startswith("einfluence") and not any(
                name == allowed or name.startswith(allowed + ".") for allowed in CLI_MAY_IMPORT
            )):
                wrong.append(f"{module.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "\n".join(wrong)


def _loaded_after(code: str) -> dict[str, bool]:
    """Which heavy libraries (and einfluence's store) a fresh interpreter has loaded after ``code``."""
    probe = (
        "import json, sys\n" + code + "\n"
        f"print(json.dumps({{m: m in sys.modules for m in {[*HEAVY, 'einfluence.store.database']!r}}}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["seeds", "--help"], ["rank", "--help"],
                                  ["brand", "--help"]])
def test_help_and_version_start_light(argv):
    loaded = _loaded_after(
        "import contextlib, io\n"
        "from einfluence.cli import main\n"
        f"sys.argv = ['einfluence', *{argv!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main()"
    )
    assert not any(loaded.values()), {k for k, v in loaded.items() if v}


def test_importing_an_analysis_loads_no_database():
    """Every analysis imported in turn in one fresh interpreter: modules are only ever added, so
    the first import after which DuckDB (or the store) is loaded is the one that loads it."""
    probe = (
        "import importlib, json, sys\n"
        f"for package in {sorted(ANALYSES)!r}:\n"
        "    importlib.import_module('einfluence.' + package)\n"
        "    if 'duckdb' in sys.modules or 'einfluence.store.database' in sys.modules:\n"
        "        print(json.dumps(package)); break\n"
        "else:\n"
        "    print(json.dumps(None))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loads = json.loads(done.stdout.strip().splitlines()[-1])
    assert loads is None, f"importing einfluence.{loads} loads the database"


def test_kernels_reach_numba_through_its_one_door():
    """``einfluence.base.jit`` keeps numba's BLAS probe out of the start; a kernel module that
    imported ``njit`` from numba itself could be the first to load numba's registries."""
    direct = []
    for module in PACKAGE.rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "numba" and module.name != "jit.py":
                names = {alias.name for alias in node.names}
                if names & {"njit", "jit", "prange", "get_num_threads"}:
                    direct.append(str(module.relative_to(PACKAGE)))
            elif isinstance(node, ast.Import) and any(alias.name == "numba" for alias in node.names):
                direct.append(str(module.relative_to(PACKAGE)))
    assert not direct, direct


def test_the_blas_probe_is_refused_to_numbas_thread_only():
    """While numba's registry is imported, another thread of the process (a server's request
    importing ``scipy.stats``) still imports ``scipy.linalg``: it once got an ImportError."""
    import threading

    from einfluence.base.jit import _RefuseBlasProbe

    refuse = _RefuseBlasProbe()  # made by this thread, as _load_numba makes it
    with pytest.raises(ImportError):
        refuse.find_spec("scipy.linalg")
    seen = []
    other = threading.Thread(target=lambda: seen.append(refuse.find_spec("scipy.linalg")))
    other.start()
    other.join()
    assert seen == [None]


def test_running_a_kernel_does_not_import_scipy_linalg_yet_numba_keeps_its_blas():
    probe = (
        "import sys\n"
        "import numpy as np\n"
        "from einfluence.graph.csr import csr_from_arcs\n"
        "csr_from_arcs(np.array([0, 1]), np.array([1, 0]), np.array([1.0, 1.0]), 2)\n"
        "assert 'scipy.linalg' not in sys.modules, 'numba loaded scipy.linalg at start'\n"
        "from einfluence.base.jit import njit\n"
        "@njit(cache=False)\n"
        "def dot(a, b):\n"
        "    return np.dot(a, b)\n"
        "x = np.arange(3.0)\n"
        "assert dot(x, x) == 5.0\n"
        "assert 'scipy.linalg.cython_blas' in sys.modules\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


#: the interface layers: they parse, call the workspace and render; every query lives in ``store/``
INTERFACES = ("web", "server", "api", "cli", "reports")
#: statements of SQL that an interface module may not spell (connection management such as the
#: server's ``BEGIN TRANSACTION READ ONLY`` / ``ROLLBACK`` around a request's cursor is not a query)
_SQL_WORDS = ("SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE")


def _sql_in(source: str) -> list[str]:
    """Where a module's source runs SQL itself: calls of ``.sql(`` and string literals (f-strings
    included) that hold a query."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sql":
            found.append(f"line {node.lineno}: calls .sql(")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = [w for w in _SQL_WORDS if w in node.value]  # as the store writes SQL: upper case
            if words:
                found.append(f"line {node.lineno}: a {words[0].strip()} string")
    return found


def test_the_sql_scan_finds_queries():
    """The scan below is only as good as this: it sees a query however it is written."""
    assert _sql_in('ws.sql("SELECT 1")')
    assert _sql_in('con.execute(f"SELECT * FROM {table}")')
    assert _sql_in('q = """\n  SELECT a FROM b"""')
    assert not _sql_in('cursor.execute("BEGIN TRANSACTION READ ONLY")\nlabel("Select an account")')


@pytest.mark.parametrize("part", INTERFACES)
def test_interfaces_run_no_sql(part):
    """SQL only in ``store/``: the dashboard, the server, the CLI and the reports ask the
    workspace, whose methods call the store's functions (so they share them)."""
    root = PACKAGE / part
    modules = sorted(root.rglob("*.py")) if root.is_dir() else [m for m in [PACKAGE / f"{part}.py"] if m.exists()]
    wrong = [f"{m.relative_to(PACKAGE)} {where}" for m in modules for where in _sql_in(m.read_text(encoding="utf-8"))]
    assert not wrong, "\n".join(wrong)


#: rooms small enough to hold in one's head (issue 10): lines of a module, and of a function's
#: code (its docstring not counted); a longer function says why in its docstring ("on purpose")
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 150


def test_modules_are_small_rooms():
    sizes = {str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    lines = node.end_lineno - node.lineno + 1
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        lines -= first.end_lineno - first.lineno + 1
    return lines


def test_long_functions_say_why():
    unexplained = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _code_lines(node) > MAX_FUNCTION_LINES
                    and "on purpose" not in (ast.get_docstring(node) or "")):
                unexplained.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({_code_lines(node)} lines)")
    assert unexplained == []


def test_ranking_a_stored_score_compiles_nothing(tmp_path):
    """Reading a stored score run (``rank``, its parameters) imports neither numba nor the
    graph kernels: the command answers in half a second, not one."""
    from einfluence import Workspace

    path = tmp_path / "scored.duckdb"
    with Workspace(path, create=True) as ws:
        ws.import_files("edgelist", [_edges(tmp_path)])
        ws.score()
    loaded = _loaded_after(
        "import contextlib, io\n"
        "from einfluence.cli import main\n"
        f"sys.argv = ['einfluence', 'rank', '--db', {str(path)!r}, '--limit', '3', '--format', 'csv']\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "import einfluence.scoring\n"
        "assert einfluence.scoring.ScoreParams().validated()\n"
        "assert 'einfluence.store.database' in sys.modules  # it did read the file"
    )
    assert not loaded["numba"], "ranking a stored score imported numba"


def _edges(folder):
    path = folder / "edges.txt"
    path.write_text("".join(f"{a} {b}\n" for a, b in [(1, 2), (2, 3), (3, 1), (4, 1), (5, 1), (2, 5)]))
    return path
