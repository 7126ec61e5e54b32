"""Building editions: plan, run the notebooks, export and publish (see ARCHITECTURE.md)."""

import sys

# nbformat's validator imports jsonschema, which imports rfc3987_syntax when it is installed (JupyterLab's
# jupyter-events brings it) to check "iri" formats; no notebook schema uses a format, and building that
# package's grammar costs about 0.8 s at the start of every build that runs a notebook. Not imported here.
sys.modules.setdefault("rfc3987_syntax", None)
