"""Qt interface; the only layer that imports Qt."""
