"""The build reads notebooks' records through `report.mime`, so that writing a brief's files does not
load pandas and matplotlib into the build process (about 60 MiB of its memory, held while it prints)."""

import subprocess
import sys


def test_the_build_side_of_a_brief_loads_neither_pandas_nor_matplotlib():
    code = (
        "import sys\n"
        "import strategy_brief.build.outputs, strategy_brief.build.manifest, strategy_brief.build.changes\n"
        "import strategy_brief.report.assemble, strategy_brief.report.export\n"
        "heavy = ('pandas', 'matplotlib', 'strategy_brief.report.record')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
