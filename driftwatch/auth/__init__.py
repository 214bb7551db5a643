"""OAuth for remote MCP servers: the flows (providers.py), an interactive login (login.py), and the
custody of what they yield (custody.py encrypts, storage.py keeps it in the database)."""
