"""Runs inside a warm kernel (see `build.kernels`): records what a new kernel looks like once, after
importing the modules every notebook imports, and puts that state back before each notebook run, so
a reused kernel runs a notebook as a new one would. Imported modules stay loaded: that is the point.

Put back: the user namespace and execution counter (IPython's reset), open figures, matplotlib's
rcParams, the working folder, environment variables, `sys.path` and the warning filters (with the
"shown once" memory cleared, so a warning a notebook shows is shown again)."""

from __future__ import annotations

import importlib
import os
import sys
import warnings

_fresh: dict | None = None


def record(preload: list[str]) -> None:
    """Import `preload` and remember the state a notebook run must start from."""
    global _fresh
    for name in preload:
        importlib.import_module(name)
    import matplotlib

    _fresh = {
        "cwd": os.getcwd(),
        "environ": dict(os.environ),
        "path": list(sys.path),
        "filters": list(warnings.filters),
        "rc": dict(matplotlib.rcParams),
    }


def restore() -> None:
    """Put back the recorded state (`record` must have run in this kernel)."""
    if _fresh is None:
        raise RuntimeError("kernel_state.restore: record() has not run in this kernel")
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True, aggressive=False)
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    import matplotlib

    with warnings.catch_warnings():  # deprecated keys are in the record because they were there
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_fresh["rc"])
    os.chdir(_fresh["cwd"])
    os.environ.clear()
    os.environ.update(_fresh["environ"])
    sys.path[:] = _fresh["path"]
    warnings.filters[:] = _fresh["filters"]
    warnings._filters_mutated()  # forget which warnings were already shown
