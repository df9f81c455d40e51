"""`python -m docgen` and the `docgen` command (setup.cfg's console script).

`docgen --version` is answered here, before click and the facade are imported: a
version check in a script or CI log should cost no more than starting Python. The
message is click's, as `docgen.cli` prints it (tests/test_cli.py keeps them equal).
"""

import sys

from . import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        print(f"docgen, version {__version__}")
        return
    from .cli import main as cli

    cli()


if __name__ == "__main__":
    main()
