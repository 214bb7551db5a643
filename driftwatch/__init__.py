"""driftwatch: watch the MCP servers your agents use, and page someone when they change."""

__version__ = "0.1.0"
