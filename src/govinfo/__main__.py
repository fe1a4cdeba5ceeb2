"""``python -m govinfo``: the same as the ``govinfo`` command."""

import sys

from govinfo.cli import main

if __name__ == "__main__":
    sys.exit(main())
