"""Stamped receipts: taking in applications, numbering, PDFs, verification, forwarding,
informal applications (issue 8). Models live in ``openarea/models/receipts.py``."""
