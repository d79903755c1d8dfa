"""The README's set-up commands are the ones CI runs."""
from __future__ import annotations

import re

from tests.conftest import ROOT


def test_ci_runs_the_readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick)
    assert len(commands) >= 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for cmd in commands[:2]:
        assert cmd in ci, cmd


def test_every_patterns_file_loads():
    from pipeline.resources import load_jsonl, patterns_dir

    files = sorted(p.name for p in patterns_dir().glob("*.jsonl"))
    assert "currencies.jsonl" in files
    for name in files:
        assert load_jsonl(name), name


def test_every_subpackage_ships():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pipeline").rglob("__init__.py")}
    assert found <= listed, found - listed


def test_the_layout_names_every_module_of_the_package_and_nothing_else():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"^  ([\w.]+/?)\s", block, flags=re.M))
    tree = {p.name + ("/" if p.is_dir() else "") for p in (ROOT / "pipeline").iterdir()
            if p.name not in ("__init__.py", "__pycache__") and (p.suffix == ".py" or p.is_dir())}
    assert named == tree
    scripts = set(re.findall(r"(\w+\.py)", block.split("\nbenchmarks/", 1)[1].split("\ndocs/", 1)[0]))
    assert scripts == {p.name for p in (ROOT / "benchmarks").glob("*.py")}
