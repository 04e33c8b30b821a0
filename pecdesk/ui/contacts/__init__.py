"""The address book: its dialog, the contact editor, completion in Compose's address box."""
