"""The Inbox tab: the paged message list, its search and the receipt kinds it shows."""
