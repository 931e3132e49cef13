"""`python -m mockserver`: the `mock-intacct` command."""

import gc

# Cold start: no cyclic garbage collection while the libraries, the catalogue and the fixtures load (all of
# it lives as long as the process; each full collection would walk it again). `serve` turns collection back
# on once it is ready (mockserver/cli.py).
gc.disable()

from mockserver.cli import main  # noqa: E402

raise SystemExit(main())
