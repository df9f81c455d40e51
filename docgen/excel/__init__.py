"""The spreadsheet side: layouts shared by export and import, the import, the merge."""
