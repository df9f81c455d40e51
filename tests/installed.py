"""docgen as users get it: a wheel built from the sources, installed alone in a fresh venv.

The session fixtures `wheel` and `installed` (tests/conftest.py) build both once per
test session; the wheel, CI-sample and pre-commit tests share them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "docgen-deliverables"
# What setup.cfg packages: the package, its data files, and the long description.
SOURCES = ("setup.cfg", "pyproject.toml", "README.md", "docgen", "templates", "schemas")


def copy_sources(target: Path) -> Path:
    """The files a wheel is built from, copied so no build/ is left in the checkout
    (setuptools would reuse a stale build/lib for the next wheel)."""
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def build_wheel(work: Path) -> Path:
    source = copy_sources(work / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(source)],
                   check=True, capture_output=True)
    (built,) = work.glob(f"{DISTRIBUTION.replace('-', '_')}-*.whl")
    return built


def install_in_fresh_venv(wheel: Path, env_dir: Path) -> Path:
    """bin/ of a new venv with nothing but the wheel and its requirements."""
    venv.create(env_dir, with_pip=True)
    subprocess.run([env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, capture_output=True)
    return env_dir / "bin"


def clean_env(bin_dir: Path) -> dict[str, str]:
    """The environment a user's shell has with the venv active: its bin/ first on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(bin_dir.parent)
    return env


def docgen_run(bin_dir: Path, *args: object, cwd: Path, expect: int = 0) -> subprocess.CompletedProcess:
    """Run the installed `docgen` outside the checkout; fail with its stderr on a wrong exit code."""
    done = subprocess.run([bin_dir / "docgen", *map(str, args)], cwd=cwd, env=clean_env(bin_dir),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == expect, f"docgen {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}"
    return done
