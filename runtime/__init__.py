"""Code the generated module holds whatever the catalog says, as plain Python."""
