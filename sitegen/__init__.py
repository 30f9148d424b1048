"""sitegen: a static-site generator for product catalogues of village micro-businesses."""

__version__ = "0.1.0"
