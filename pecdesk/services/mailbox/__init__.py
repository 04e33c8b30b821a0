"""Reading the mailbox: the paged message list, its cache, and one message's decoded body."""
