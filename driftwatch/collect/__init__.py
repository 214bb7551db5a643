"""Collecting manifests from MCP servers over stdio, SSE and streamable HTTP."""
