"""refcheck's version, in one place.

pyproject.toml reads it (setuptools ``dynamic``), ``refcheck.__version__`` re-exports it,
and modules inside the package import it from here, never from the package's ``__init__``.
"""

__version__ = "0.1.0"
