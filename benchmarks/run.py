"""Run every benchmark of benchmarks/ in turn; each prints its own table of figures and ratios.

Speed targets live here, never in timed unit tests: `make bench`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# 85x holds 1.2M quads and takes long on a shared machine: `make bench` measures 1x and 24x; run 85x by hand.
ARGUMENTS = {"scale.py": ["--sizes", "1,24"]}


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in {"run.py", "__init__.py", "scaled_data.py"}:  # scaled_data builds, scale.py measures
            continue
        print(f"\n=== {script.name} ===", flush=True)
        failures += subprocess.run([sys.executable, str(script), *ARGUMENTS.get(script.name, [])]).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
