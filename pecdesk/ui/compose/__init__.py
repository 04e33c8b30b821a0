"""The Compose tab: the letter, the recipients, attachments, pre-flight and the send progress."""
