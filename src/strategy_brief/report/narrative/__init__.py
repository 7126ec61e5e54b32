"""Prose for each brief section: sentences computed from numbers passed in, formatted with fmt."""
