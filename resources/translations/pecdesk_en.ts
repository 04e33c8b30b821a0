<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AddressBookDialog</name>
    <message numerus="yes">
        <source>Delete %n contact(s) from the address book, and from every list? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n contact from the address book, and from every list? This cannot be undone.</numerusform>
            <numerusform>Delete %n contacts from the address book, and from every list? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) deleted.</source>
        <translation>
            <numerusform>%n contact deleted.</numerusform>
            <numerusform>%n contacts deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) added to the message.</source>
        <translation>
            <numerusform>%n recipient added to the message.</numerusform>
            <numerusform>%n recipients added to the message.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message numerus="yes">
        <source>No sending is older than the retention period (%n year(s)).</source>
        <translation>
            <numerusform>No sending is older than the retention period (%n year).</numerusform>
            <numerusform>No sending is older than the retention period (%n years).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These sendings are older than the retention period (%n year(s)). pecdesk never deletes them by itself: delete them yourself when you are sure they are no longer needed.</source>
        <translation>
            <numerusform>These sendings are older than the retention period (%n year). pecdesk never deletes them by itself: delete them yourself when you are sure they are no longer needed.</numerusform>
            <numerusform>These sendings are older than the retention period (%n years). pecdesk never deletes them by itself: delete them yourself when you are sure they are no longer needed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) copied to %1 and verified: each copy is identical to the archive.</source>
        <translation>
            <numerusform>%n file copied to %1 and verified: each copy is identical to the archive.</numerusform>
            <numerusform>%n files copied to %1 and verified: each copy is identical to the archive.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) copied and verified.</source>
        <translation>
            <numerusform>%n file copied and verified.</numerusform>
            <numerusform>%n files copied and verified.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) with the same name but different content were already there and were not overwritten: %1.</source>
        <translation>
            <numerusform>%n file with the same name but different content was already there and was not overwritten: %1.</numerusform>
            <numerusform>%n files with the same name but different content were already there and were not overwritten: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n copy(ies) did not match the archive when read back and were removed (the target may be faulty): %1.</source>
        <translation>
            <numerusform>%n copy did not match the archive when read back and was removed (the target may be faulty): %1.</numerusform>
            <numerusform>%n copies did not match the archive when read back and were removed (the target may be faulty): %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be written (%1: %2).</source>
        <translation>
            <numerusform>%n file could not be written (%1: %2).</numerusform>
            <numerusform>%n files could not be written (%1: %2).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookFiles</name>
    <message numerus="yes">
        <source>%n contact(s) written to {file}.</source>
        <translation>
            <numerusform>%n contact written to {file}.</numerusform>
            <numerusform>%n contacts written to {file}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookLists</name>
    <message numerus="yes">
        <source>The list {name} has %n contact(s).</source>
        <translation>
            <numerusform>The list {name} has %n contact.</numerusform>
            <numerusform>The list {name} has %n contacts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteWords</name>
    <message numerus="yes">
        <source>Delete %n sending(s) from this computer (%1)?</source>
        <translation>
            <numerusform>Delete %n sending from this computer (%1)?</numerusform>
            <numerusform>Delete %n sendings from this computer (%1)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sending(s) deleted from this computer.</source>
        <translation>
            <numerusform>%n sending deleted from this computer.</numerusform>
            <numerusform>%n sendings deleted from this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evidence file(s) removed from the archive folder.</source>
        <translation>
            <numerusform>%n evidence file removed from the archive folder.</numerusform>
            <numerusform>%n evidence files removed from the archive folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were left where they are; remove them by hand if they are no longer needed: %1.</source>
        <translation>
            <numerusform>%n file was left where it is; remove it by hand if it is no longer needed: %1.</numerusform>
            <numerusform>%n files were left where they are; remove them by hand if they are no longer needed: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LeftoverSendings</name>
    <message numerus="yes">
        <source>%n PEC(s) of an earlier sending are still waiting in the queue: pecdesk was closed before they left.</source>
        <translation>
            <numerusform>%n PEC of an earlier sending is still waiting in the queue: pecdesk was closed before it left.</numerusform>
            <numerusform>%n PECs of an earlier sending are still waiting in the queue: pecdesk was closed before they left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewMail</name>
    <message numerus="yes">
        <source>%n new certified message(s)</source>
        <translation>
            <numerusform>%n new certified message</numerusform>
            <numerusform>%n new certified messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly notice(s)</source>
        <translation>
            <numerusform>%n anomaly notice</numerusform>
            <numerusform>%n anomaly notices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverdueQuestion</name>
    <message numerus="yes">
        <source>%n scheduled PEC(s) should have left while pecdesk was closed (the first on {when}). Send them now?</source>
        <translation>
            <numerusform>%n scheduled PEC should have left while pecdesk was closed (on {when}). Send it now?</numerusform>
            <numerusform>%n scheduled PECs should have left while pecdesk was closed (the first on {when}). Send them now?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceiptWaitLine</name>
    <message numerus="yes">
        <source>Test send accepted at {accepted}, but no delivery receipt yet after %n minute(s): check the Sent tab.</source>
        <translation>
            <numerusform>Test send accepted at {accepted}, but no delivery receipt yet after %n minute: check the Sent tab.</numerusform>
            <numerusform>Test send accepted at {accepted}, but no delivery receipt yet after %n minutes: check the Sent tab.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No receipt yet after %n minute(s): check the Sent tab.</source>
        <translation>
            <numerusform>No receipt yet after %n minute: check the Sent tab.</numerusform>
            <numerusform>No receipt yet after %n minutes: check the Sent tab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipientsBox</name>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation>
            <numerusform>%n invalid</numerusform>
            <numerusform>%n invalid</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionNote</name>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sending(s) are older than the retention period (%1):</source>
        <translation>
            <numerusform>%n sending is older than the retention period (%1):</numerusform>
            <numerusform>%n sendings are older than the retention period (%1):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendControls</name>
    <message numerus="yes">
        <source>Scheduled: %n PEC(s) will leave on {when}.</source>
        <translation>
            <numerusform>Scheduled: %n PEC will leave on {when}.</numerusform>
            <numerusform>Scheduled: %n PECs will leave on {when}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendQuestions</name>
    <message numerus="yes">
        <source>Schedule %n PEC(s) from the mailbox {mailbox} for {when}?</source>
        <translation>
            <numerusform>Schedule %n PEC from the mailbox {mailbox} for {when}?</numerusform>
            <numerusform>Schedule %n PECs from the mailbox {mailbox} for {when}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n PEC(s) from the mailbox {mailbox}?</source>
        <translation>
            <numerusform>Send %n PEC from the mailbox {mailbox}?</numerusform>
            <numerusform>Send %n PECs from the mailbox {mailbox}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This very PEC was already sent from {mailbox} on {date} to %n of these recipient(s), or may have been.</source>
        <translation>
            <numerusform>This very PEC was already sent from {mailbox} on {date} to %n of these recipients, or may have been.</numerusform>
            <numerusform>This very PEC was already sent from {mailbox} on {date} to %n of these recipients, or may have been.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of those PECs are still waiting in the queue.</source>
        <translation>
            <numerusform>%n of those PECs is still waiting in the queue.</numerusform>
            <numerusform>%n of those PECs are still waiting in the queue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending again makes a second legal communication to each of them. Send %n PEC(s) again from {mailbox}?</source>
        <translation>
            <numerusform>Sending again makes a second legal communication to each of them. Send %n PEC again from {mailbox}?</numerusform>
            <numerusform>Sending again makes a second legal communication to each of them. Send %n PECs again from {mailbox}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They will leave on {when}.</source>
        <translation>
            <numerusform>It will leave on {when}.</numerusform>
            <numerusform>They will leave on {when}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This message is already in the queue of {mailbox} (since {date}) for %n recipient(s): it has not left yet. The Sent tab shows when it will. Sending it once more needs &quot;Send again…&quot;, which asks first.</source>
        <translation>
            <numerusform>This message is already in the queue of {mailbox} (since {date}) for %n recipient: it has not left yet. The Sent tab shows when it will. Sending it once more needs &quot;Send again…&quot;, which asks first.</numerusform>
            <numerusform>This message is already in the queue of {mailbox} (since {date}) for %n recipients: it has not left yet. The Sent tab shows when it will. Sending it once more needs &quot;Send again…&quot;, which asks first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This message was already sent from {mailbox} on {date} to %n recipient(s). Sending it once more needs &quot;Send again…&quot;, which asks first.</source>
        <translation>
            <numerusform>This message was already sent from {mailbox} on {date} to %n recipient. Sending it once more needs &quot;Send again…&quot;, which asks first.</numerusform>
            <numerusform>This message was already sent from {mailbox} on {date} to %n recipients. Sending it once more needs &quot;Send again…&quot;, which asks first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SentActions</name>
    <message numerus="yes">
        <source>Receipts of %n sending(s) could not be read.</source>
        <translation>
            <numerusform>Receipts of %n sending could not be read.</numerusform>
            <numerusform>Receipts of %n sendings could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Receipts refreshed: %n change(s).</source>
        <translation>
            <numerusform>Receipts refreshed: %n change.</numerusform>
            <numerusform>Receipts refreshed: %n changes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outcome now known for %n sending(s) that had no answer.</source>
        <translation>
            <numerusform>Outcome now known for %n sending that had no answer.</numerusform>
            <numerusform>Outcome now known for %n sendings that had no answer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n PEC(s) of this campaign got no answer and no receipt proves they left. Send them again now?</source>
        <translation>
            <numerusform>%n PEC of this campaign got no answer and no receipt proves it left. Send it again now?</numerusform>
            <numerusform>%n PECs of this campaign got no answer and no receipt proves they left. Send them again now?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n PEC(s) queued again.</source>
        <translation>
            <numerusform>%n PEC queued again.</numerusform>
            <numerusform>%n PECs queued again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send this PEC again to %n recipient(s) whose delivery failed for a temporary reason? It is a new sending, linked to this one.</source>
        <translation>
            <numerusform>Send this PEC again to %n recipient whose delivery failed for a temporary reason? It is a new sending, linked to this one.</numerusform>
            <numerusform>Send this PEC again to %n recipients whose delivery failed for a temporary reason? It is a new sending, linked to this one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sending(s) archived and deleted from the server.</source>
        <translation>
            <numerusform>%n sending archived and deleted from the server.</numerusform>
            <numerusform>%n sendings archived and deleted from the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept on the server (not final or not verified).</source>
        <translation>
            <numerusform>%n kept on the server (not final or not verified).</numerusform>
            <numerusform>%n kept on the server (not final or not verified).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) accepted more than 12 hours ago have no delivery receipt yet.</source>
        <translation>
            <numerusform>%n recipient accepted more than 12 hours ago has no delivery receipt yet.</numerusform>
            <numerusform>%n recipients accepted more than 12 hours ago have no delivery receipt yet.</numerusform>
        </translation>
    </message>
</context>
</TS>
