"""Plain helpers shared by two or more apps."""
