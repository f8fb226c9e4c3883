"""pmarklint: lint a Privacy Mark (JIS Q 15001) management system kept as YAML in git."""

__version__ = "0.1.0"
