"""House charts, one module per brief section; each takes tidy frames and returns a figure."""
