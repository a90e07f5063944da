"""Talks at the Infopoint itself: half-hour slots within the opening hours, per advisor.

``selectors`` reads the day and its slots; ``services`` books, cancels and moves talks."""
