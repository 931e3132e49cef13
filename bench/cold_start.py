"""One cold start of `mock-intacct serve` (default fixtures, any free port) that ends itself at its ready line,
printing the CPU seconds it used on stderr: a start to count instructions of, repeatable to about 1%.

    env -u PYTHONDONTWRITEBYTECODE PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no \\
        --cachegrind-out-file=/dev/null .venv/bin/python -m bench.cold_start

Run it twice after changing a module: the first run also compiles its .pyc. bench/README.md ("Cold start")
has the figures. Extra arguments go to `serve` (e.g. --fixtures DIR).
"""

from __future__ import annotations

import gc
import os
import sys

gc.disable()  # as `python -m mockserver` does


def stop() -> None:
    sys.stdout.flush()
    used = os.times()
    print(f"cpu s to ready: {used.user + used.system:.3f}", file=sys.stderr)
    os._exit(0)


# `serve` calls gc.freeze() right after printing its ready line (mockserver/cli.py run_gateway).
gc.freeze = stop

if __name__ == "__main__":
    from mockserver.cli import main

    main(["serve", "--port", "0", "--log-level", "WARNING", *sys.argv[1:]])
