"""The pages of the main window, one module each; `registry.page_classes()` gives their order."""
