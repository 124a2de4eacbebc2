"""Modules and functions small enough to read in one sitting (README "Layout").

A module over 500 lines or a function over 80 is where features pile up unseen (the agenda
once held 44% of all source in a few files). Tests, migrations, demo data and benchmarks
are left out: they are long by nature and are read one case at a time.
"""

import ast
import tomllib
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
APPS = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["root_packages"]
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def source_modules():
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            parts = set(path.relative_to(BASE_DIR).parts)
            if parts & {"tests", "migrations"} or path.stem in {"demo", "conftest", "factories"}:
                continue
            yield path


def oversized(path, root=BASE_DIR):
    source = path.read_text(encoding="utf-8")
    name = str(path.relative_to(root))
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        yield f"{name}: {lines} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                yield f"{name}:{node.lineno} {node.name}(): {length} lines"


def test_no_module_over_500_lines_and_no_function_over_80():
    modules = list(source_modules())
    assert len(modules) > 50  # the apps were found
    problems = [problem for path in modules for problem in oversized(path)]
    assert problems == []


def test_the_check_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(90))
    module = tmp_path / "probe.py"
    module.write_text(f"def long():\n{body}\n", encoding="utf-8")
    (problem,) = oversized(module, tmp_path)
    assert problem == "probe.py:1 long(): 91 lines"
