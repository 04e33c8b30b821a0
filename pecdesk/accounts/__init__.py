"""Accounts: the account value, the stored profiles (accounts.json, no secrets) and the keychain.

The token and the mailbox password live only in the OS keychain (:mod:`.keychain`); the rest of an
account sits in :mod:`.profiles`. :mod:`.account` is what the two make together once opened.
:mod:`.choose` decides which account the window and the command line start on.
"""
