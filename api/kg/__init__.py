"""The core: loading, storing, querying and checking the graph. Never imports the web layer."""
