"""Sub-commands of `kg`, one module each; see `kg.cli`."""
