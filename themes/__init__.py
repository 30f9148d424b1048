"""The built-in themes, installed as package data of sitegen (`sitegen.themes`)."""
