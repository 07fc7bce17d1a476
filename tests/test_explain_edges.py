"""The explain ladder at its edges."""
