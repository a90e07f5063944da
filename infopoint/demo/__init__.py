"""Generated demo history (``infopoint/demo_history.py``): one module per subject."""
