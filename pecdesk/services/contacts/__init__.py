"""The address book (Qt-free): contacts, saved lists, recent recipients, import and export."""
