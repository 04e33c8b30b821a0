<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About pecdesk</source>
        <translation>Informazioni su pecdesk</translation>
    </message>
    <message>
        <source>pecdesk {version}

Bulk certified e-mail (PEC) for small offices, through the PEC Massiva service.</source>
        <translation>pecdesk {version}

Invio massivo di posta elettronica certificata (PEC) per studi e piccoli uffici, tramite il servizio PEC Massiva.</translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation>Salva la diagnostica</translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation>Archivi ZIP (*.zip)</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostica</translation>
    </message>
    <message>
        <source>pecdesk-diagnostics-{time}</source>
        <translation>pecdesk-diagnostica-{time}</translation>
    </message>
    <message>
        <source>Diagnostics are not available until pecdesk has finished starting.</source>
        <translation>La diagnostica sarà disponibile quando pecdesk avrà terminato l’avvio.</translation>
    </message>
    <message>
        <source>The diagnostics file could not be written ({reason}).</source>
        <translation>Non è stato possibile scrivere il file di diagnostica ({reason}).</translation>
    </message>
    <message>
        <source>Diagnostics saved to:
{path}

Send this file to support. It holds the versions, the settings, counts of sendings and the log, and never a password, a token or the text of a message.</source>
        <translation>Diagnostica salvata in:
{path}

Invii questo file all’assistenza. Contiene le versioni, le impostazioni, il numero degli invii e il registro; mai una password, un token o il testo di un messaggio.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>non disponibile</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versione</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Cartella dei dati</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Portachiavi</translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation>Salva &amp;diagnostica…</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Add account</source>
        <translation>Aggiungi account</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>Modifica account</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verifica connessione</translation>
    </message>
    <message>
        <source>The API token comes from openapi, the company behind PEC Massiva: sign in to the openapi console, open Authentication and create a token with the PEC Massiva permissions (a test token for the test environment), then paste it here. The username and password are those of the PEC mailbox you send from. pecdesk keeps the token and the password only in the system keychain.</source>
        <translation>Il token API viene rilasciato da openapi, la società che gestisce PEC Massiva: acceda alla console di openapi, apra la sezione Authentication e generi un token con le autorizzazioni per PEC Massiva (per l’ambiente di test, un token di test), quindi lo incolli qui. Nome utente e password sono quelli della casella PEC da cui invia. pecdesk conserva il token e la password esclusivamente nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>Optional, e.g. Studio Rossi</source>
        <translation>Facoltativo, ad es. Studio Rossi</translation>
    </message>
    <message>
        <source>PEC Massiva (ws.pecmassiva.com)</source>
        <translation>PEC Massiva (ws.pecmassiva.com)</translation>
    </message>
    <message>
        <source>PEC Massiva test environment (test.ws.pecmassiva.com)</source>
        <translation>PEC Massiva, ambiente di test (test.ws.pecmassiva.com)</translation>
    </message>
    <message>
        <source>Another server address</source>
        <translation>Altro indirizzo del server</translation>
    </message>
    <message>
        <source>e.g. studio.rossi@pec.it</source>
        <translation>ad es. studio.rossi@pec.it</translation>
    </message>
    <message>
        <source>Same as the PEC address</source>
        <translation>Uguale all’indirizzo PEC</translation>
    </message>
    <message>
        <source> per second</source>
        <translation> al secondo</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Added below each new message; it can be changed there before sending</source>
        <translation>Aggiunta in fondo a ogni nuovo messaggio; lì può modificarla prima dell’invio</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Indirizzo del server</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Token API</translation>
    </message>
    <message>
        <source>PEC address (sender)</source>
        <translation>Indirizzo PEC (mittente)</translation>
    </message>
    <message>
        <source>Mailbox username</source>
        <translation>Nome utente della casella</translation>
    </message>
    <message>
        <source>Mailbox password</source>
        <translation>Password della casella</translation>
    </message>
    <message>
        <source>Sending rate, at most</source>
        <translation>Velocità massima di invio</translation>
    </message>
    <message>
        <source>Largest message</source>
        <translation>Dimensione massima del messaggio</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Saved in the system keychain; leave empty to keep it</source>
        <translation>Già nel portachiavi di sistema: lasciare vuoto per non modificare</translation>
    </message>
    <message>
        <source>Enter the PEC address messages are sent from.</source>
        <translation>Inserire l’indirizzo PEC da cui vengono inviati i messaggi.</translation>
    </message>
    <message>
        <source>Enter the server address, starting with http:// or https://.</source>
        <translation>Inserire l’indirizzo del server, che inizia con http:// o https://.</translation>
    </message>
    <message>
        <source>Enter the API token and the mailbox password.</source>
        <translation>Inserire il token API e la password della casella.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verifica della connessione in corso…</translation>
    </message>
    <message>
        <source>The connection works: the API token and the mailbox credentials were accepted. The mailbox is {percent}% full.</source>
        <translation>La connessione funziona: il token API e le credenziali della casella sono stati accettati. La casella è piena al {percent}%.</translation>
    </message>
    <message>
        <source>The API token was not accepted. Check that it was copied whole, that it has not expired and that it is for this service: a test token does not work on the real service, nor the other way round.</source>
        <translation>Il token API non è stato accettato. Verifichi di averlo copiato per intero, che non sia scaduto e che sia destinato a questo servizio: un token di test non funziona sul servizio reale, e viceversa.</translation>
    </message>
    <message>
        <source>The API token is valid, but the mailbox username or password was refused. Check them: they are the ones of the PEC mailbox&apos;s webmail.</source>
        <translation>Il token API è valido, ma il nome utente o la password della casella sono stati rifiutati. Li verifichi: sono gli stessi con cui accede alla webmail della casella PEC.</translation>
    </message>
    <message>
        <source>Access was refused, and the service does not say whether the API token or the mailbox username and password are wrong. Check both.</source>
        <translation>L’accesso è stato negato e il servizio non indica se sia errato il token API oppure il nome utente e la password della casella. Verifichi entrambi.</translation>
    </message>
    <message>
        <source>The PEC service could not be reached. Check the internet connection and the server address, then try again.</source>
        <translation>Impossibile raggiungere il servizio PEC. Verifichi la connessione a internet e l’indirizzo del server, quindi riprovi.</translation>
    </message>
    <message>
        <source>The PEC service answered with an error of its own, so the account could not be checked. Try again in a few minutes.</source>
        <translation>Il servizio PEC ha risposto segnalando un proprio errore, quindi non è stato possibile verificare l’account. Riprovi tra qualche minuto.</translation>
    </message>
    <message>
        <source>(pecdesk infers this from the service&apos;s answers.)</source>
        <translation>(pecdesk lo deduce dalle risposte del servizio.)</translation>
    </message>
</context>
<context>
    <name>AccountSwitcher</name>
    <message>
        <source>The account in use</source>
        <translation>L’account in uso</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Aggiungi account…</translation>
    </message>
    <message>
        <source>&amp;Edit account…</source>
        <translation>&amp;Modifica account…</translation>
    </message>
    <message>
        <source>&amp;Remove account…</source>
        <translation>&amp;Rimuovi account…</translation>
    </message>
</context>
<context>
    <name>AddressBookDialog</name>
    <message>
        <source>Address book</source>
        <translation>Rubrica</translation>
    </message>
    <message>
        <source>Search by name, address or field</source>
        <translation>Cerchi per nome, indirizzo o campo</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>Nuovo contatto…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
    <message>
        <source>Add to recipients</source>
        <translation>Aggiungi ai destinatari</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Elenchi</translation>
    </message>
    <message>
        <source>{contact} saved.</source>
        <translation>{contact}: salvato.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contact(s) from the address book, and from every list? This cannot be undone.</source>
        <translation>
            <numerusform>Eliminare %n contatto dalla rubrica e da tutti gli elenchi? L’operazione non si può annullare.</numerusform>
            <numerusform>Eliminare %n contatti dalla rubrica e da tutti gli elenchi? L’operazione non si può annullare.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete contacts</source>
        <translation>Elimina contatti</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) deleted.</source>
        <translation>
            <numerusform>%n contatto eliminato.</numerusform>
            <numerusform>%n contatti eliminati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) added to the message.</source>
        <translation>
            <numerusform>%n destinatario aggiunto al messaggio.</numerusform>
            <numerusform>%n destinatari aggiunti al messaggio.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AddressBookLink</name>
    <message>
        <source>Address book…</source>
        <translation>Rubrica…</translation>
    </message>
    <message>
        <source>&amp;Address book…</source>
        <translation>&amp;Rubrica…</translation>
    </message>
    <message>
        <source>The address book is not available</source>
        <translation>La rubrica non è disponibile</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>Archive</source>
        <translation>Archivio</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagna</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Oggetto</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Inviata il</translation>
    </message>
    <message>
        <source>Archived on</source>
        <translation>Archiviata il</translation>
    </message>
    <message>
        <source>Keep until</source>
        <translation>Da conservare fino al</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>File di archivio</translation>
    </message>
    <message>
        <source>Open evidence</source>
        <translation>Apri le prove di invio</translation>
    </message>
    <message>
        <source>Show archive folder</source>
        <translation>Mostra la cartella dell’archivio</translation>
    </message>
    <message>
        <source>Copy archive to…</source>
        <translation>Copia l’archivio in…</translation>
    </message>
    <message>
        <source>Copies every archive file to another folder (a USB drive, a network share) and checks that each copy is identical.</source>
        <translation>Copia ogni file dell’archivio in un’altra cartella (una chiavetta USB, una cartella di rete) e verifica che ogni copia sia identica.</translation>
    </message>
    <message>
        <source>Delete from this computer…</source>
        <translation>Elimina da questo computer…</translation>
    </message>
    <message>
        <source>Deletes the selected sendings&apos; receipts and evidence from this computer (not from the PEC mailbox). Only final sendings past the retention period can be deleted.</source>
        <translation>Elimina da questo computer le ricevute e le prove degli invii selezionati (non dalla casella PEC). Si possono eliminare solo gli invii conclusi che hanno superato il periodo di conservazione.</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Missing: no longer in the archive folder</source>
        <translation>Mancante: non è più nella cartella dell’archivio</translation>
    </message>
    <message numerus="yes">
        <source>No sending is older than the retention period (%n year(s)).</source>
        <translation>
            <numerusform>Nessun invio supera il periodo di conservazione (%n anno).</numerusform>
            <numerusform>Nessun invio supera il periodo di conservazione (%n anni).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These sendings are older than the retention period (%n year(s)). pecdesk never deletes them by itself: delete them yourself when you are sure they are no longer needed.</source>
        <translation>
            <numerusform>Questi invii superano il periodo di conservazione (%n anno). pecdesk non li elimina mai da sé: li elimini Lei quando è certo che non servono più.</numerusform>
            <numerusform>Questi invii superano il periodo di conservazione (%n anni). pecdesk non li elimina mai da sé: li elimini Lei quando è certo che non servono più.</numerusform>
        </translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviato</translation>
    </message>
    <message>
        <source>not archived</source>
        <translation>non archiviato</translation>
    </message>
    <message>
        <source>, not final yet: it cannot be deleted</source>
        <translation>, non ancora concluso: non si può eliminare</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3 (%4)</source>
        <translation>n. %1 · %2 · %3 (%4)</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Non è stato eliminato nulla.</translation>
    </message>
    <message>
        <source>The archive file is no longer at %1.</source>
        <translation>Il file di archivio non si trova più in %1.</translation>
    </message>
    <message>
        <source>Nothing has been archived yet.</source>
        <translation>Non è ancora stato archiviato nulla.</translation>
    </message>
    <message>
        <source>Copy the archive to</source>
        <translation>Copia l’archivio in</translation>
    </message>
    <message>
        <source>Copying the archive to %1…</source>
        <translation>Copia dell’archivio in %1…</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 di %2 file</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) copied to %1 and verified: each copy is identical to the archive.</source>
        <translation>
            <numerusform>%n file copiato in %1 e verificato: la copia è identica all’archivio.</numerusform>
            <numerusform>%n file copiati in %1 e verificati: ogni copia è identica all’archivio.</numerusform>
        </translation>
    </message>
    <message>
        <source>The copy to %1 is not complete.</source>
        <translation>La copia in %1 non è completa.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) copied and verified.</source>
        <translation>
            <numerusform>%n file copiato e verificato.</numerusform>
            <numerusform>%n file copiati e verificati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) with the same name but different content were already there and were not overwritten: %1.</source>
        <translation>
            <numerusform>%n file con lo stesso nome ma contenuto diverso era già presente e non è stato sovrascritto: %1.</numerusform>
            <numerusform>%n file con lo stesso nome ma contenuto diverso erano già presenti e non sono stati sovrascritti: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n copy(ies) did not match the archive when read back and were removed (the target may be faulty): %1.</source>
        <translation>
            <numerusform>%n copia, riletta, non corrispondeva all’archivio ed è stata rimossa (la destinazione potrebbe essere difettosa): %1.</numerusform>
            <numerusform>%n copie, rilette, non corrispondevano all’archivio e sono state rimosse (la destinazione potrebbe essere difettosa): %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be written (%1: %2).</source>
        <translation>
            <numerusform>Non è stato possibile scrivere %n file (%1: %2).</numerusform>
            <numerusform>Non è stato possibile scrivere %n file (%1: %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>Archivio…</translation>
    </message>
    <message>
        <source>Archived campaigns, their evidence, and a verified copy elsewhere</source>
        <translation>Campagne archiviate, le loro prove e una copia verificata altrove</translation>
    </message>
</context>
<context>
    <name>AttachmentsBox</name>
    <message>
        <source>Attach…</source>
        <translation>Allega…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>{name} — {size}</source>
        <translation>{name} — {size}</translation>
    </message>
    <message>
        <source>{name} — missing</source>
        <translation>{name} — mancante</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Allega file</translation>
    </message>
</context>
<context>
    <name>BodyEditor</name>
    <message>
        <source>Bold</source>
        <translation>Grassetto</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Corsivo</translation>
    </message>
    <message>
        <source>• List</source>
        <translation>• Elenco</translation>
    </message>
    <message>
        <source>1. List</source>
        <translation>1. Elenco</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Collegamento…</translation>
    </message>
    <message>
        <source>Merge fields: the spreadsheet&apos;s columns</source>
        <translation>Campi unione: le colonne del foglio di calcolo</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>Inserisci campo</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Collegamento</translation>
    </message>
    <message>
        <source>Address (https://…):</source>
        <translation>Indirizzo (https://…):</translation>
    </message>
</context>
<context>
    <name>BookFiles</name>
    <message>
        <source>Import Excel or CSV…</source>
        <translation>Importa da Excel o CSV…</translation>
    </message>
    <message>
        <source>Export to CSV…</source>
        <translation>Esporta in CSV…</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Importa contatti</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Fogli di calcolo (*.xlsx *.csv *.txt);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>From {file}: {added} new contacts, {updated} updated, {skipped} rows without a valid address skipped.</source>
        <translation>Da {file}: contatti nuovi {added}, aggiornati {updated}; righe senza un indirizzo valido saltate: {skipped}.</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>contatti</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Esporta contatti</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) written to {file}.</source>
        <translation>
            <numerusform>%n contatto scritto in {file}.</numerusform>
            <numerusform>%n contatti scritti in {file}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookLists</name>
    <message>
        <source>New list…</source>
        <translation>Nuovo elenco…</translation>
    </message>
    <message>
        <source>Saves the selected contacts as a new list (a condominium, say): select them first.</source>
        <translation>Salva i contatti selezionati come nuovo elenco (ad esempio un condominio): prima li selezioni.</translation>
    </message>
    <message>
        <source>Add to list</source>
        <translation>Aggiungi all’elenco</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Togli dall’elenco</translation>
    </message>
    <message>
        <source>Delete list</source>
        <translation>Elimina elenco</translation>
    </message>
    <message>
        <source>All contacts</source>
        <translation>Tutti i contatti</translation>
    </message>
    <message>
        <source>New list</source>
        <translation>Nuovo elenco</translation>
    </message>
    <message>
        <source>Name of the list (for example, the condominium):</source>
        <translation>Nome dell’elenco (ad esempio, il condominio):</translation>
    </message>
    <message>
        <source>No lists yet</source>
        <translation>Nessun elenco</translation>
    </message>
    <message numerus="yes">
        <source>The list {name} has %n contact(s).</source>
        <translation>
            <numerusform>L’elenco {name} contiene %n contatto.</numerusform>
            <numerusform>L’elenco {name} contiene %n contatti.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the list {name}? Its contacts stay in the address book.</source>
        <translation>Eliminare l’elenco {name}? I suoi contatti restano in rubrica.</translation>
    </message>
</context>
<context>
    <name>CampaignModel</name>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Programmata per il {when}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Oggetto</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnati</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riusciti</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Conclusi</translation>
    </message>
    <message>
        <source>{subject} (retry of #{id})</source>
        <translation>{subject} (nuovo tentativo della campagna #{id})</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>PECs are still being sent</source>
        <translation>Invio delle PEC in corso</translation>
    </message>
    <message>
        <source>Closing pecdesk stops the sending. The PECs not sent yet stay queued and go out with the next sending; one leaving at that very moment is checked against its receipts. Close anyway?</source>
        <translation>Chiudendo pecdesk l’invio si interrompe. Le PEC non ancora inviate restano in coda e partiranno con l’invio successivo; quella eventualmente in partenza in quel momento verrà verificata tramite le relative ricevute. Chiudere comunque?</translation>
    </message>
</context>
<context>
    <name>ComposeReplace</name>
    <message>
        <source>Replace the message being written?</source>
        <translation>Sostituire il messaggio in corso di scrittura?</translation>
    </message>
    <message>
        <source>Compose holds a message that has not been sent. Replace it with the new one? What it holds now will be lost.</source>
        <translation>Nella scheda Scrivi c’è un messaggio non ancora inviato. Vuole sostituirlo con quello nuovo? Il contenuto attuale andrà perso.</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Sostituisci</translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>Subject:</source>
        <translation>Oggetto:</translation>
    </message>
    <message>
        <source>Preview and checks</source>
        <translation>Anteprima e verifiche</translation>
    </message>
    <message>
        <source>Recipient no.:</source>
        <translation>Destinatario n.:</translation>
    </message>
    <message>
        <source>Pre-flight report:</source>
        <translation>Verifica prima dell’invio:</translation>
    </message>
    <message>
        <source>One PEC to everybody</source>
        <translation>Una sola PEC a tutti</translation>
    </message>
    <message>
        <source>Every recipient will see every other recipient&apos;s address. Sending addresses this way has been fined under privacy law. Send one PEC to everybody anyway?</source>
        <translation>Ogni destinatario vedrà gli indirizzi di tutti gli altri. Comunicazioni di questo tipo sono già state sanzionate ai sensi della normativa sulla privacy. Inviare comunque una sola PEC a tutti?</translation>
    </message>
    <message>
        <source>Import recipients</source>
        <translation>Importa destinatari</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Fogli di calcolo (*.xlsx *.csv *.txt);;Tutti i file (*)</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Edit contact</source>
        <translation>Modifica contatto</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuovo contatto</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Aggiungi campo</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Togli campo</translation>
    </message>
    <message>
        <source>Every contact also offers {{pec}} and {{nome}} to the letter.</source>
        <translation>Ogni contatto mette a disposizione della lettera anche {{pec}} e {{nome}}.</translation>
    </message>
    <message>
        <source>PEC address:</source>
        <translation>Indirizzo PEC:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Merge fields:</source>
        <translation>Campi unione:</translation>
    </message>
    <message>
        <source>Write the PEC address.</source>
        <translation>Scriva l’indirizzo PEC.</translation>
    </message>
    <message>
        <source>This is not a valid address: {problem}</source>
        <translation>L’indirizzo non è valido: {problem}</translation>
    </message>
</context>
<context>
    <name>ContactImportDialog</name>
    <message>
        <source>Import contacts from {name}</source>
        <translation>Importa contatti da {name}</translation>
    </message>
    <message>
        <source>Name column:</source>
        <translation>Colonna del nome:</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>PEC address</source>
        <translation>Indirizzo PEC</translation>
    </message>
    <message>
        <source>Merge fields</source>
        <translation>Campi unione</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>pecdesk ran into a bug</source>
        <translation>pecdesk ha incontrato un errore imprevisto</translation>
    </message>
    <message>
        <source>Something unexpected happened. pecdesk may keep working, but it is safer to restart it.

{summary}

The details are in the log file:
{log_file}</source>
        <translation>Si è verificato un problema imprevisto. pecdesk potrebbe continuare a funzionare, ma è consigliabile riavviarlo.

{summary}

I dettagli sono nel file di log:
{log_file}</translation>
    </message>
</context>
<context>
    <name>DeleteWords</name>
    <message>
        <source>outside the archive folder</source>
        <translation>fuori dalla cartella dell’archivio</translation>
    </message>
    <message>
        <source>not an evidence ZIP</source>
        <translation>non è uno ZIP delle prove</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n sending(s) from this computer (%1)?</source>
        <translation>
            <numerusform>Eliminare %n invio da questo computer (%1)?</numerusform>
            <numerusform>Eliminare %n invii da questo computer (%1)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n destinatario</numerusform>
            <numerusform>%n destinatari</numerusform>
        </translation>
    </message>
    <message>
        <source>Their receipts, delivery states and evidence files in the archive folder (%1) will be gone from this computer for good. The PEC mailbox on the server is not touched.</source>
        <translation>Le ricevute, gli stati di consegna e i file delle prove nella cartella dell’archivio (%1) saranno eliminati definitivamente da questo computer. La casella PEC sul server resta com’è.</translation>
    </message>
    <message>
        <source>If they may still be needed, first make a verified copy with &quot;Copy archive to…&quot;.</source>
        <translation>Se potessero servire ancora, faccia prima una copia verificata con «Copia l’archivio in…».</translation>
    </message>
    <message>
        <source>Delete from this computer</source>
        <translation>Elimina da questo computer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conserva</translation>
    </message>
    <message numerus="yes">
        <source>%n sending(s) deleted from this computer.</source>
        <translation>
            <numerusform>%n invio eliminato da questo computer.</numerusform>
            <numerusform>%n invii eliminati da questo computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evidence file(s) removed from the archive folder.</source>
        <translation>
            <numerusform>%n file delle prove rimosso dalla cartella dell’archivio.</numerusform>
            <numerusform>%n file delle prove rimossi dalla cartella dell’archivio.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were left where they are; remove them by hand if they are no longer needed: %1.</source>
        <translation>
            <numerusform>%n file è stato lasciato dov’è; lo rimuova a mano se non serve più: %1.</numerusform>
            <numerusform>%n file sono stati lasciati dove sono; li rimuova a mano se non servono più: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Evidence</name>
    <message>
        <source>Campaign</source>
        <translation>Campagna</translation>
    </message>
    <message>
        <source>Sending number</source>
        <translation>Numero invio</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Sending code</source>
        <translation>Codice di invio</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Temporary failure</source>
        <translation>Errore temporaneo</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>Inviato il</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>Accettato il</translation>
    </message>
    <message>
        <source>Final receipt at</source>
        <translation>Data della ricevuta finale</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Oggetto</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>attestations</source>
        <translation>attestazioni</translation>
    </message>
    <message>
        <source>campaign-report</source>
        <translation>rapporto-campagna</translation>
    </message>
    <message>
        <source>ledger</source>
        <translation>esiti-destinatari</translation>
    </message>
    <message>
        <source>(the first recipient&apos;s; each recipient&apos;s subject is in their attestation)</source>
        <translation>(quello del primo destinatario; l’oggetto di ciascuno è riportato nella sua attestazione)</translation>
    </message>
    <message>
        <source>PEC campaign report</source>
        <translation>Rapporto della campagna PEC</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Mittente</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Recipients by state</source>
        <translation>Destinatari per stato</translation>
    </message>
    <message>
        <source>One line per recipient</source>
        <translation>Dettaglio per destinatario</translation>
    </message>
    <message>
        <source>Generated by pecdesk {version} on {date} from the receipts of mailbox {mailbox}. The legal proof remains the signed PEC receipts in the mailbox.</source>
        <translation>Documento generato da pecdesk {version} il {date} dalle ricevute della casella {mailbox}. La prova legale resta costituita dalle ricevute PEC firmate presenti nella casella.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Pagina {page} di {pages}</translation>
    </message>
    <message>
        <source>Acceptance receipt</source>
        <translation>Ricevuta di accettazione</translation>
    </message>
    <message>
        <source>Non-acceptance notice</source>
        <translation>Avviso di non accettazione</translation>
    </message>
    <message>
        <source>Non-acceptance notice (virus)</source>
        <translation>Avviso di non accettazione per virus</translation>
    </message>
    <message>
        <source>Taken-in-charge receipt</source>
        <translation>Ricevuta di presa in carico</translation>
    </message>
    <message>
        <source>Delivery receipt</source>
        <translation>Ricevuta di avvenuta consegna</translation>
    </message>
    <message>
        <source>Non-delivery notice</source>
        <translation>Avviso di mancata consegna</translation>
    </message>
    <message>
        <source>Non-delivery notice (virus)</source>
        <translation>Avviso di mancata consegna per virus</translation>
    </message>
    <message>
        <source>Non-delivery warning (time limit)</source>
        <translation>Preavviso di mancata consegna per superamento del tempo massimo</translation>
    </message>
    <message>
        <source>Non-delivery notice (time limit exceeded)</source>
        <translation>Avviso di mancata consegna per superamento del tempo massimo</translation>
    </message>
    <message>
        <source>Virus detection notice</source>
        <translation>Avviso di rilevazione virus</translation>
    </message>
    <message>
        <source>Transport envelope</source>
        <translation>Busta di trasporto</translation>
    </message>
    <message>
        <source>Anomaly envelope (no legal value)</source>
        <translation>Busta di anomalia (senza valore legale)</translation>
    </message>
    <message>
        <source>Other message</source>
        <translation>Altro messaggio</translation>
    </message>
    <message>
        <source>Delivered at</source>
        <translation>Consegnato il</translation>
    </message>
    <message>
        <source>Delivered to the recipient&apos;s mailbox on {time}</source>
        <translation>Consegnato nella casella del destinatario il {time}</translation>
    </message>
    <message>
        <source>PEC sending attestation</source>
        <translation>Attestazione di invio PEC</translation>
    </message>
    <message>
        <source>The message as the recipient reads it</source>
        <translation>Il messaggio come lo legge il destinatario</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Allegati</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} byte</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nessuno</translation>
    </message>
    <message>
        <source>Receipts, as returned by the service</source>
        <translation>Ricevute, come restituite dal servizio</translation>
    </message>
    <message>
        <source>No receipt has arrived yet.</source>
        <translation>Non è ancora pervenuta alcuna ricevuta.</translation>
    </message>
    <message>
        <source>Date as written by the service</source>
        <translation>Data indicata dal servizio</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import recipients from {name}</source>
        <translation>Importa destinatari da {name}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuna)</translation>
    </message>
    <message>
        <source>PEC address column:</source>
        <translation>Colonna dell’indirizzo PEC:</translation>
    </message>
    <message>
        <source>Attachments column:</source>
        <translation>Colonna degli allegati:</translation>
    </message>
    <message>
        <source>The other columns become merge fields, e.g. {{Nome}}.</source>
        <translation>Le altre colonne diventano campi unione, ad es. {{Nome}}.</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Cartella di lavoro Excel</translation>
    </message>
    <message>
        <source>CSV, delimiter “{delimiter}”, encoding {encoding}</source>
        <translation>CSV, separatore «{delimiter}», codifica {encoding}</translation>
    </message>
    <message>
        <source>first row used as column names</source>
        <translation>prima riga usata come intestazione delle colonne</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>senza riga di intestazione</translation>
    </message>
    <message>
        <source>{rows} rows · {kind} · {header}</source>
        <translation>{rows} righe · {kind} · {header}</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Riga</translation>
    </message>
</context>
<context>
    <name>InboxActions</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
    <message>
        <source>Mark as &amp;read</source>
        <translation>Segna come &amp;letto</translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>Segna come &amp;non letto</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>Show its &amp;sending in the Sent tab</source>
        <translation>Mostra l’&amp;invio nella scheda Inviati</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Elimina…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Trova</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aggiorna</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>R&amp;eply</source>
        <translation>&amp;Rispondi</translation>
    </message>
    <message>
        <source>For&amp;ward</source>
        <translation>&amp;Inoltra</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Delete the message “{subject}” from the PEC mailbox?</source>
        <translation>Eliminare il messaggio «{subject}» dalla casella PEC?</translation>
    </message>
    <message>
        <source>Delete {count} messages from the PEC mailbox?</source>
        <translation>Eliminare {count} messaggi dalla casella PEC?</translation>
    </message>
    <message>
        <source>This cannot be undone. Receipts are the legal proof of your sendings: save a copy (Save as PDF) of those you need before deleting them.</source>
        <translation>L’operazione non può essere annullata. Le ricevute sono la prova legale dei Suoi invii: prima di eliminarle, salvi una copia (Salva come PDF) di quelle che Le servono.</translation>
    </message>
    <message>
        <source>Delete messages</source>
        <translation>Elimina messaggi</translation>
    </message>
</context>
<context>
    <name>InboxKinds</name>
    <message>
        <source>Accepted</source>
        <translation>Accettazione</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Non accettazione</translation>
    </message>
    <message>
        <source>Not accepted (virus)</source>
        <translation>Non accettazione per virus</translation>
    </message>
    <message>
        <source>Taken in charge</source>
        <translation>Presa in carico</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Avvenuta consegna</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Mancata consegna</translation>
    </message>
    <message>
        <source>Not delivered (virus)</source>
        <translation>Mancata consegna per virus</translation>
    </message>
    <message>
        <source>Delivery delayed</source>
        <translation>Preavviso di mancata consegna</translation>
    </message>
    <message>
        <source>Not delivered (time limit)</source>
        <translation>Mancata consegna per superamento dei tempi</translation>
    </message>
    <message>
        <source>Virus detected</source>
        <translation>Rilevazione di virus</translation>
    </message>
    <message>
        <source>Certified mail</source>
        <translation>Posta certificata</translation>
    </message>
    <message>
        <source>Anomaly (no legal value)</source>
        <translation>Anomalia di messaggio (senza valore legale)</translation>
    </message>
    <message>
        <source>Other mail</source>
        <translation>Altra posta</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Tutti i messaggi</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <source>Problems and notices</source>
        <translation>Problemi e avvisi</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalie</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Mittente</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Oggetto</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>{kind} · sending {code}</source>
        <translation>{kind} · invio {code}</translation>
    </message>
</context>
<context>
    <name>InboxSearchBar</name>
    <message>
        <source>Search messages (Ctrl+F)</source>
        <translation>Cerca nei messaggi (Ctrl+F)</translation>
    </message>
    <message>
        <source>On the PEC service</source>
        <translation>Sul servizio PEC</translation>
    </message>
    <message>
        <source>Search the whole mailbox on the PEC service instead of this computer.</source>
        <translation>Cerca nell’intera casella sul servizio PEC anziché su questo computer.</translation>
    </message>
    <message>
        <source>The PEC service&apos;s search can take a while on big mailboxes: press Enter to start it. Without this option, pecdesk searches at once, offline, through the messages already seen on this computer.</source>
        <translation>Sulle caselle molto grandi la ricerca sul servizio PEC può richiedere tempo: prema Invio per avviarla. Senza questa opzione pecdesk cerca subito, anche senza connessione, tra i messaggi già scaricati su questo computer.</translation>
    </message>
</context>
<context>
    <name>InboxTab</name>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Check the PEC service for new messages (F5)</source>
        <translation>Controlla sul servizio PEC se ci sono nuovi messaggi (F5)</translation>
    </message>
    <message>
        <source>Select a message to read it.</source>
        <translation>Selezionare un messaggio per leggerlo.</translation>
    </message>
    <message>
        <source>{title}: {message}</source>
        <translation>{title}: {message}</translation>
    </message>
    <message>
        <source>The messages saved on this computer are shown.</source>
        <translation>Sono visualizzati i messaggi salvati su questo computer.</translation>
    </message>
    <message>
        <source>Press Refresh to try again.</source>
        <translation>Prema Aggiorna per riprovare.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>Found: {total}</source>
        <translation>Trovati: {total}</translation>
    </message>
    <message>
        <source>Messages: {count}</source>
        <translation>Messaggi: {count}</translation>
    </message>
    <message>
        <source>Saved on this computer: {count}</source>
        <translation>Salvati su questo computer: {count}</translation>
    </message>
    <message>
        <source>(shown: {shown})</source>
        <translation>(visualizzati: {shown})</translation>
    </message>
</context>
<context>
    <name>LeftoverSendings</name>
    <message>
        <source>Send them now</source>
        <translation>Invia ora</translation>
    </message>
    <message numerus="yes">
        <source>%n PEC(s) of an earlier sending are still waiting in the queue: pecdesk was closed before they left.</source>
        <translation>
            <numerusform>%n PEC di un invio precedente è ancora in coda: pecdesk è stato chiuso prima che partisse.</numerusform>
            <numerusform>%n PEC di un invio precedente sono ancora in coda: pecdesk è stato chiuso prima che partissero.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>pecdesk — {mailbox}</source>
        <translation>pecdesk — {mailbox}</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Scrivi</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviati</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posta in arrivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;About pecdesk</source>
        <translation>&amp;Informazioni su pecdesk</translation>
    </message>
    <message>
        <source>Opening the mailbox…</source>
        <translation>Apertura della casella in corso…</translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation>Salva &amp;diagnostica…</translation>
    </message>
    <message>
        <source>You are using the built-in sandbox, a practice PEC service that runs inside pecdesk. Nothing you do here leaves this computer and no real PEC is sent or received. To connect your PEC Massiva account, choose Account &gt; Add account.</source>
        <translation>Sta usando la sandbox integrata, un servizio PEC di prova che funziona all’interno di pecdesk. Nulla di ciò che fa qui esce da questo computer e nessuna PEC reale viene inviata o ricevuta. Per collegare il Suo account PEC Massiva, scelga Account &gt; Aggiungi account.</translation>
    </message>
    <message>
        <source>{mailbox} · Built-in sandbox</source>
        <translation>{mailbox} · Sandbox integrata</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>Mailbox {percent}% full</source>
        <translation>Casella occupata: {percent}%</translation>
    </message>
    <message>
        <source>{usage} of {limit} KiB in use, as the service reports it</source>
        <translation>{usage} KiB occupati su {limit}, secondo i dati del servizio</translation>
    </message>
    <message>
        <source>Quota unavailable</source>
        <translation>Spazio occupato non disponibile</translation>
    </message>
</context>
<context>
    <name>MessageBox</name>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>One PEC per recipient (nobody sees the others)</source>
        <translation>Una PEC per ciascun destinatario (nessuno vede gli altri)</translation>
    </message>
    <message>
        <source>One PEC to everybody (all addresses visible)</source>
        <translation>Una sola PEC a tutti (indirizzi visibili a tutti)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Da:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Oggetto:</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>Testo:</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>Allegati:</translation>
    </message>
    <message>
        <source>Send as:</source>
        <translation>Modalità di invio:</translation>
    </message>
    <message>
        <source>Largest message once encoded: {size} of {limit} allowed</source>
        <translation>Messaggio più grande, una volta codificato: {size} su {limit} consentiti</translation>
    </message>
</context>
<context>
    <name>MessagePane</name>
    <message>
        <source>Reply</source>
        <translation>Rispondi</translation>
    </message>
    <message>
        <source>Reply with a new PEC to the sender (Ctrl+R)</source>
        <translation>Risponda al mittente con una nuova PEC (Ctrl+R)</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Inoltra</translation>
    </message>
    <message>
        <source>Forward with a new PEC (Ctrl+L)</source>
        <translation>Inoltri con una nuova PEC (Ctrl+L)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Stampa…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Salva come PDF…</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Da:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>A:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Data:</translation>
    </message>
    <message>
        <source>Sending {code}: show it in the Sent tab</source>
        <translation>Invio {code}: visualizzarlo nella scheda Inviati</translation>
    </message>
    <message>
        <source>The PDF could not be saved: {reason}</source>
        <translation>Non è stato possibile salvare il PDF: {reason}</translation>
    </message>
    <message>
        <source>Save message as PDF</source>
        <translation>Salva il messaggio come PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Saved with pecdesk on {date}. The legal proof remains the signed message in the PEC mailbox.</source>
        <translation>Salvato con pecdesk il {date}. La prova legale resta il messaggio firmato nella casella PEC.</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>This message has no text.</source>
        <translation>Questo messaggio non contiene testo.</translation>
    </message>
    <message>
        <source>Remote content was blocked. This message asked for pictures or other content from the internet ({count}), which would tell the sender when you read it.</source>
        <translation>Il contenuto remoto è stato bloccato. Il messaggio richiedeva immagini o altri contenuti da internet ({count}), che rivelerebbero al mittente quando lo legge.</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>Apri collegamento</translation>
    </message>
    <message>
        <source>This message links to:

{address}

Open it outside pecdesk? Check that the address is the one you expect: links in mail can be deceptive.</source>
        <translation>Il messaggio rimanda a:

{address}

Aprirlo fuori da pecdesk? Verifichi che l’indirizzo sia quello atteso: i collegamenti nelle e-mail possono essere ingannevoli.</translation>
    </message>
</context>
<context>
    <name>NewMail</name>
    <message numerus="yes">
        <source>%n new certified message(s)</source>
        <translation>
            <numerusform>%n nuova PEC</numerusform>
            <numerusform>%n nuove PEC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly notice(s)</source>
        <translation>
            <numerusform>%n avviso di anomalia</numerusform>
            <numerusform>%n avvisi di anomalia</numerusform>
        </translation>
    </message>
    <message>
        <source>pecdesk: new PEC mail</source>
        <translation>pecdesk: nuova posta certificata</translation>
    </message>
    <message>
        <source>{what} in the inbox.</source>
        <translation>{what} nella posta in arrivo.</translation>
    </message>
</context>
<context>
    <name>NewMessage</name>
    <message>
        <source>&amp;New message</source>
        <translation>&amp;Nuovo messaggio</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nuovo messaggio</translation>
    </message>
    <message>
        <source>Start over with an empty message ({shortcut})</source>
        <translation>Ricominci con un messaggio vuoto ({shortcut})</translation>
    </message>
</context>
<context>
    <name>OverdueQuestion</name>
    <message numerus="yes">
        <source>%n scheduled PEC(s) should have left while pecdesk was closed (the first on {when}). Send them now?</source>
        <translation>
            <numerusform>%n PEC programmata doveva partire mentre pecdesk era chiuso (il {when}). Vuole inviarla ora?</numerusform>
            <numerusform>%n PEC programmate dovevano partire mentre pecdesk era chiuso (la prima il {when}). Vuole inviarle ora?</numerusform>
        </translation>
    </message>
    <message>
        <source>Scheduled sending overdue</source>
        <translation>Invio programmato scaduto</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Invia ora</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Continua ad attendere</translation>
    </message>
    <message>
        <source>Cancel the sending</source>
        <translation>Annulla l’invio</translation>
    </message>
</context>
<context>
    <name>OverflowBar</name>
    <message>
        <source>More…</source>
        <translation>Altro…</translation>
    </message>
</context>
<context>
    <name>PecError</name>
    <message>
        <source>Cannot run</source>
        <translation>Impossibile procedere</translation>
    </message>
    <message>
        <source>{problem}</source>
        <translation>{problem}</translation>
    </message>
    <message>
        <source>No system keychain is available on this computer, so pecdesk cannot keep the API token and the mailbox password, and it never stores them anywhere else. On Linux, install and unlock a keyring that offers the Secret Service (GNOME Keyring or KWallet), then try again.</source>
        <translation>Su questo computer non è disponibile un portachiavi di sistema: pecdesk non può quindi conservare il token API e la password della casella, e non li salva mai altrove. Su Linux installi e sblocchi un portachiavi compatibile con Secret Service (GNOME Keyring o KWallet), quindi riprovi.</translation>
    </message>
    <message>
        <source>The only keychain available ({backend}) would keep the API token and the mailbox password in a file that is not protected by the system, so pecdesk refuses to use it. Use the system keychain instead (on Linux: GNOME Keyring or KWallet).</source>
        <translation>L’unico portachiavi disponibile ({backend}) conserverebbe il token API e la password della casella in un file non protetto dal sistema, perciò pecdesk non lo usa. Utilizzi il portachiavi di sistema (su Linux: GNOME Keyring o KWallet).</translation>
    </message>
    <message>
        <source>The system keychain is locked. Unlock it and try again.</source>
        <translation>Il portachiavi di sistema è bloccato. Lo sblocchi e riprovi.</translation>
    </message>
    <message>
        <source>The system keychain could not save a secret of this account ({reason}). Nothing was stored anywhere else.</source>
        <translation>Il portachiavi di sistema non è riuscito a salvare un dato riservato di questo account ({reason}). Nulla è stato salvato altrove.</translation>
    </message>
    <message>
        <source>The system keychain could not return a secret of this account ({reason}).</source>
        <translation>Il portachiavi di sistema non è riuscito a fornire un dato riservato di questo account ({reason}).</translation>
    </message>
    <message>
        <source>The system keychain could not remove a secret of this account ({reason}).</source>
        <translation>Il portachiavi di sistema non è riuscito a eliminare un dato riservato di questo account ({reason}).</translation>
    </message>
    <message>
        <source>The system keychain has no API token for the account {account}. Open the account and enter the token again.</source>
        <translation>Nel portachiavi di sistema manca il token API dell’account {account}. Apra l’account e inserisca di nuovo il token.</translation>
    </message>
    <message>
        <source>The system keychain has no mailbox password for the account {account}. Open the account and enter the password again.</source>
        <translation>Nel portachiavi di sistema manca la password della casella dell’account {account}. Apra l’account e inserisca di nuovo la password.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Si è verificato un problema</translation>
    </message>
    <message>
        <source>The operation could not be completed.</source>
        <translation>Non è stato possibile completare l’operazione.</translation>
    </message>
    <message>
        <source>The PEC service refused the request</source>
        <translation>Il servizio PEC ha rifiutato la richiesta</translation>
    </message>
    <message>
        <source>The PEC service answered: {server_message} (HTTP {status}).</source>
        <translation>Risposta del servizio PEC: {server_message} (HTTP {status}).</translation>
    </message>
    <message>
        <source>Access refused</source>
        <translation>Accesso negato</translation>
    </message>
    <message>
        <source>The PEC service did not accept the API token or the mailbox username and password. Check the account settings. (HTTP {status}: {server_message})</source>
        <translation>Il servizio PEC non ha accettato il token API oppure il nome utente e la password della casella. Verifichi le impostazioni dell’account. (HTTP {status}: {server_message})</translation>
    </message>
    <message>
        <source>Sending too fast</source>
        <translation>Invii troppo ravvicinati</translation>
    </message>
    <message>
        <source>The PEC service asked to slow down. pecdesk will wait and try again.</source>
        <translation>Il servizio PEC ha chiesto di rallentare. pecdesk attenderà e riproverà.</translation>
    </message>
    <message>
        <source>Daily sending limit reached</source>
        <translation>Limite giornaliero di invio raggiunto</translation>
    </message>
    <message>
        <source>The PEC service&apos;s daily sending limit has been reached: nothing more can be sent today. The recipients not yet sent stay in the queue; resume sending tomorrow. (The service said: {server_message})</source>
        <translation>È stato raggiunto il limite giornaliero di invio del servizio PEC: oggi non si possono inviare altri messaggi. I destinatari non ancora serviti restano in coda; riprenda l&apos;invio domani. (Risposta del servizio: {server_message})</translation>
    </message>
    <message>
        <source>Request not accepted</source>
        <translation>Richiesta non accettata</translation>
    </message>
    <message>
        <source>The PEC service rejected the request as not valid: {server_message}.</source>
        <translation>Il servizio PEC ha respinto la richiesta perché non valida: {server_message}.</translation>
    </message>
    <message>
        <source>Text that cannot be sent</source>
        <translation>Testo che non si può inviare</translation>
    </message>
    <message>
        <source>The {server_message} holds a character that is not valid text (often a byte that was not UTF-8, in a file or an environment variable). Correct it and try again; nothing was sent.</source>
        <translation>Il campo {server_message} contiene un carattere che non è testo valido (spesso un byte non UTF-8, in un file o in una variabile d&apos;ambiente). Correggilo e riprova; non è stato inviato nulla.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Non trovato</translation>
    </message>
    <message>
        <source>The PEC service found nothing for this request: {server_message}.</source>
        <translation>Il servizio PEC non ha trovato nulla per questa richiesta: {server_message}.</translation>
    </message>
    <message>
        <source>PEC service error</source>
        <translation>Errore del servizio PEC</translation>
    </message>
    <message>
        <source>The PEC service had an internal problem (HTTP {status}: {server_message}). Try again in a few minutes.</source>
        <translation>Il servizio PEC ha avuto un problema interno (HTTP {status}: {server_message}). Riprovi tra qualche minuto.</translation>
    </message>
    <message>
        <source>Not known whether the PEC was sent</source>
        <translation>Non si sa se la PEC è partita</translation>
    </message>
    <message>
        <source>The PEC service&apos;s answer does not tell whether the PEC left (HTTP {status}: {server_message}). pecdesk will check the mailbox&apos;s receipts and will not send it again by itself.</source>
        <translation>La risposta del servizio PEC non permette di sapere se la PEC è partita (HTTP {status}: {server_message}). pecdesk controllerà le ricevute della casella e non la invierà di nuovo da solo.</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Nessuna connessione</translation>
    </message>
    <message>
        <source>Could not reach the PEC service: {reason}. Check the internet connection.</source>
        <translation>Impossibile raggiungere il servizio PEC: {reason}. Verifichi la connessione a internet.</translation>
    </message>
    <message>
        <source>Local data problem</source>
        <translation>Problema con i dati locali</translation>
    </message>
    <message>
        <source>pecdesk could not read or write its local data: {reason}.</source>
        <translation>pecdesk non è riuscito a leggere o scrivere i propri dati locali: {reason}.</translation>
    </message>
    <message>
        <source>Keychain problem</source>
        <translation>Problema con il portachiavi</translation>
    </message>
    <message>
        <source>The system keychain could not be used: {reason}.</source>
        <translation>Non è stato possibile usare il portachiavi di sistema: {reason}.</translation>
    </message>
    <message>
        <source>The sending is not valid</source>
        <translation>L’invio non è valido</translation>
    </message>
    <message>
        <source>The inbox has changed</source>
        <translation>La posta in arrivo è cambiata</translation>
    </message>
    <message>
        <source>The message “{subject}” is no longer where the list says: messages were added or deleted on the PEC service meanwhile. The list has been reloaded; please try again.</source>
        <translation>Il messaggio «{subject}» non si trova più nella posizione indicata dall’elenco: nel frattempo sul servizio PEC sono stati aggiunti o eliminati dei messaggi. L’elenco è stato ricaricato; riprovi.</translation>
    </message>
    <message>
        <source>The recipient file cannot be read</source>
        <translation>Impossibile leggere il file dei destinatari</translation>
    </message>
    <message>
        <source>{name} cannot be read.</source>
        <translation>Impossibile leggere {name}.</translation>
    </message>
    <message>
        <source>{name} could not be opened: {reason}.</source>
        <translation>Impossibile aprire {name}: {reason}.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; a recipient list may be at most {limit} MB. Check that this is the right file.</source>
        <translation>{name} occupa {size} MB, mentre un elenco di destinatari può occupare al massimo {limit} MB. Verifichi che sia il file corretto.</translation>
    </message>
    <message>
        <source>{name} is not a spreadsheet or a CSV file. Save the list from Excel or LibreOffice as .xlsx or as CSV.</source>
        <translation>{name} non è un foglio di calcolo né un file CSV. Salvi l’elenco da Excel o LibreOffice in formato .xlsx o CSV.</translation>
    </message>
    <message>
        <source>{name} is in an older or different spreadsheet format. Open it in Excel or LibreOffice and save it as .xlsx (Excel workbook) or as CSV.</source>
        <translation>{name} è in un formato di foglio di calcolo diverso o meno recente. Lo apra in Excel o LibreOffice e lo salvi in formato .xlsx (cartella di lavoro Excel) o CSV.</translation>
    </message>
    <message>
        <source>{name} looks like an Excel workbook but is damaged. Open it in Excel or LibreOffice and save it again.</source>
        <translation>{name} sembra una cartella di lavoro Excel, ma è danneggiato. Lo apra in Excel o LibreOffice e lo salvi di nuovo.</translation>
    </message>
    <message>
        <source>{name} contains no rows.</source>
        <translation>{name} non contiene righe.</translation>
    </message>
    <message>
        <source>{name} is not an ordinary file (it is a folder, a pipe or a device). Choose a spreadsheet or a CSV file.</source>
        <translation>{name} non è un file normale (è una cartella, una pipe o un dispositivo). Scelga un foglio di calcolo o un file CSV.</translation>
    </message>
    <message>
        <source>{name} has more than {limit} rows; a recipient list may have at most {limit}. Check that this is the right file, or split the list into smaller files.</source>
        <translation>{name} ha più di {limit} righe, mentre un elenco di destinatari può averne al massimo {limit}. Verifichi che sia il file corretto, oppure divida l’elenco in file più piccoli.</translation>
    </message>
    <message>
        <source>Row {line} of {name} has more than {limit} columns; a recipient list may have at most {limit}. Check that this is the right file.</source>
        <translation>La riga {line} di {name} ha più di {limit} colonne, mentre un elenco di destinatari può averne al massimo {limit}. Verifichi che sia il file corretto.</translation>
    </message>
    <message>
        <source>Row {line} of {name} has a cell longer than {limit} characters. Check that this is the right file.</source>
        <translation>La riga {line} di {name} contiene una cella più lunga di {limit} caratteri. Verifichi che sia il file corretto.</translation>
    </message>
    <message>
        <source>{name} would take more than {limit} MB once unpacked, or is packed in a suspicious way. Check that this is the right file; if it is, save it again as CSV.</source>
        <translation>{name} occuperebbe più di {limit} MB una volta decompresso, oppure è compresso in modo sospetto. Verifichi che sia il file corretto; se lo è, lo salvi di nuovo in formato CSV.</translation>
    </message>
    <message>
        <source>Reading {name} took more than {limit} seconds and was stopped. Save it again as CSV, or split the list into smaller files.</source>
        <translation>La lettura di {name} ha richiesto più di {limit} secondi ed è stata interrotta. Salvi di nuovo il file in formato CSV, oppure divida l’elenco in file più piccoli.</translation>
    </message>
    <message>
        <source>{name} holds more than {limit} cells; a recipient list may hold at most {limit}. Check that this is the right file, or split the list into smaller files.</source>
        <translation>{name} contiene più di {limit} celle, mentre un elenco di destinatari può contenerne al massimo {limit}. Verifichi che sia il file corretto, oppure divida l’elenco in file più piccoli.</translation>
    </message>
    <message>
        <source>No account to send with</source>
        <translation>Nessun account con cui inviare</translation>
    </message>
    <message>
        <source>Another mailbox&apos;s sending</source>
        <translation>Invio di un&apos;altra casella</translation>
    </message>
    <message>
        <source>This sending was made from another of your mailboxes. Open that account to send it again or to archive it.</source>
        <translation>Questo invio è stato fatto da un&apos;altra delle sue caselle. Apra quell&apos;account per inviarlo di nuovo o per archiviarlo.</translation>
    </message>
    <message>
        <source>The sending cannot start</source>
        <translation>L’invio non può partire</translation>
    </message>
    <message>
        <source>Fix the {count} error(s) in the pre-flight report first.</source>
        <translation>Correggere prima gli errori segnalati dalla verifica prima dell’invio ({count}).</translation>
    </message>
    <message>
        <source>The sending was not scheduled</source>
        <translation>L’invio non è stato programmato</translation>
    </message>
    <message>
        <source>The time chosen has already passed: choose a later one.</source>
        <translation>L’orario scelto è già passato: ne scelga uno successivo.</translation>
    </message>
    <message>
        <source>Already sent</source>
        <translation>Già inviata</translation>
    </message>
    <message>
        <source>{count} of these recipients were already sent this very PEC ({date}). Sending it again makes a second legal communication: send again only if that is what you mean.</source>
        <translation>{count} di questi destinatari hanno già ricevuto questa stessa PEC ({date}). Inviarla di nuovo crea una seconda comunicazione con valore legale: inviarla di nuovo solo se è proprio ciò che si vuole.</translation>
    </message>
    <message>
        <source>pecdesk cannot use its data folder {folder} ({reason}). Nothing in it was changed. Check the folder, or choose another data folder.</source>
        <translation>pecdesk non può usare la sua cartella dei dati {folder} ({reason}). Non vi è stato modificato nulla. Controlli la cartella, oppure ne scelga un&apos;altra.</translation>
    </message>
    <message>
        <source>pecdesk cannot write in its data folder {folder}: it is read-only or belongs to another user. Nothing in it was changed. Make the folder writable, or choose another data folder.</source>
        <translation>pecdesk non può scrivere nella sua cartella dei dati {folder}: è di sola lettura o appartiene a un altro utente. Non vi è stato modificato nulla. Renda la cartella scrivibile, oppure ne scelga un&apos;altra.</translation>
    </message>
    <message>
        <source>The local data file {path} is read-only. pecdesk left it untouched. Make it writable, then start pecdesk again.</source>
        <translation>Il file dei dati locali {path} è di sola lettura. pecdesk lo ha lasciato intatto. Lo renda scrivibile, poi avvii di nuovo pecdesk.</translation>
    </message>
    <message>
        <source>The local data file {path} is empty (0 bytes): the history it held is missing. pecdesk left it untouched and did not start a new one in its place. Restore it from a backup, or move it elsewhere to start with an empty store.</source>
        <translation>Il file dei dati locali {path} è vuoto (0 byte): lo storico che conteneva non c&apos;è più. pecdesk lo ha lasciato intatto e non ne ha creato uno nuovo al suo posto. Lo ripristini da una copia di sicurezza, oppure lo sposti altrove per ripartire con un archivio vuoto.</translation>
    </message>
    <message>
        <source>The file {path} is not a pecdesk database. pecdesk left it untouched. Restore it from a backup, or move it elsewhere to start with an empty store.</source>
        <translation>Il file {path} non è un archivio di pecdesk. pecdesk lo ha lasciato intatto. Lo ripristini da una copia di sicurezza, oppure lo sposti altrove per ripartire con un archivio vuoto.</translation>
    </message>
    <message>
        <source>The local data file {path} is cut short ({size} bytes of {expected}): it is damaged. pecdesk left it untouched. Restore it from a backup, or move it elsewhere to start with an empty store.</source>
        <translation>Il file dei dati locali {path} è troncato ({size} byte su {expected}): è danneggiato. pecdesk lo ha lasciato intatto. Lo ripristini da una copia di sicurezza, oppure lo sposti altrove per ripartire con un archivio vuoto.</translation>
    </message>
    <message>
        <source>The local data file {path} is damaged ({reason}). pecdesk left it untouched. Restore it from a backup, or move it elsewhere to start with an empty store.</source>
        <translation>Il file dei dati locali {path} è danneggiato ({reason}). pecdesk lo ha lasciato intatto. Lo ripristini da una copia di sicurezza, oppure lo sposti altrove per ripartire con un archivio vuoto.</translation>
    </message>
    <message>
        <source>The local data file {path} was written by a newer pecdesk (schema {version}; this one knows up to {known}). pecdesk left it untouched. Update pecdesk to use it.</source>
        <translation>Il file dei dati locali {path} è stato scritto da una versione più recente di pecdesk (schema {version}; questa arriva fino al {known}). pecdesk lo ha lasciato intatto. Aggiorni pecdesk per usarlo.</translation>
    </message>
    <message>
        <source>pecdesk could not open its local data file {path} ({reason}). The file was left untouched.</source>
        <translation>pecdesk non è riuscito ad aprire il suo file dei dati locali {path} ({reason}). Il file è stato lasciato intatto.</translation>
    </message>
    <message>
        <source>The contact was not saved</source>
        <translation>Il contatto non è stato salvato</translation>
    </message>
    <message>
        <source>{address} is not a valid PEC address ({problem}).</source>
        <translation>{address} non è un indirizzo PEC valido ({problem}).</translation>
    </message>
    <message>
        <source>Nothing was deleted</source>
        <translation>Non è stato eliminato nulla</translation>
    </message>
    <message>
        <source>Sending(s) {ids} are not older than the retention period ({years} years): pecdesk keeps them. Nothing was deleted.</source>
        <translation>Gli invii {ids} non hanno ancora superato il periodo di conservazione ({years} anni): pecdesk li conserva. Non è stato eliminato nulla.</translation>
    </message>
    <message>
        <source>Sending(s) {ids} are not final yet: some PEC is queued, being sent, of unknown outcome or still waiting for its delivery receipt. Their history is still needed. Nothing was deleted.</source>
        <translation>Gli invii {ids} non sono ancora conclusi: alcune PEC sono in coda, in fase di invio, con esito sconosciuto o ancora in attesa della ricevuta di consegna. La loro cronologia serve ancora. Non è stato eliminato nulla.</translation>
    </message>
</context>
<context>
    <name>Preflight</name>
    <message>
        <source>There is no recipient.</source>
        <translation>Non è indicato alcun destinatario.</translation>
    </message>
    <message>
        <source>Not a valid address: {detail}</source>
        <translation>Indirizzo non valido: {detail}</translation>
    </message>
    <message>
        <source>No column is called {detail}</source>
        <translation>Non esiste una colonna denominata {detail}</translation>
    </message>
    <message>
        <source>No value for {detail}</source>
        <translation>Valore mancante per {detail}</translation>
    </message>
    <message>
        <source>Attachment missing or unreadable: {detail}</source>
        <translation>Allegato mancante o illeggibile: {detail}</translation>
    </message>
    <message>
        <source>The message is too large: {detail}</source>
        <translation>Il messaggio è troppo grande: {detail}</translation>
    </message>
    <message>
        <source>The subject is empty.</source>
        <translation>L’oggetto è vuoto.</translation>
    </message>
    <message>
        <source>Merge fields cannot be used when one PEC goes to everybody.</source>
        <translation>I campi unione non possono essere usati quando si invia una sola PEC a tutti.</translation>
    </message>
    <message>
        <source>A recipient&apos;s own attachments cannot go in one PEC to everybody: {detail}</source>
        <translation>Gli allegati personali di un destinatario non possono andare in un’unica PEC a tutti: {detail}</translation>
    </message>
    <message>
        <source>One PEC may have at most {detail} recipients.</source>
        <translation>Una PEC può avere al massimo {detail} destinatari.</translation>
    </message>
    <message>
        <source>Repeated address, sent once only: {detail}</source>
        <translation>Indirizzo ripetuto, sarà inviato una sola volta: {detail}</translation>
    </message>
    <message>
        <source>Not a PEC provider, delivery will not be certified: {detail}</source>
        <translation>Non è un gestore PEC, la consegna non sarà certificata: {detail}</translation>
    </message>
    <message>
        <source>More recipients than the daily cap of the Standard plan: {detail}</source>
        <translation>Destinatari oltre il limite giornaliero del piano Standard: {detail}</translation>
    </message>
    <message>
        <source>The message has no text.</source>
        <translation>Il messaggio non contiene testo.</translation>
    </message>
    <message>
        <source>Attachment outside the attachments folder, not allowed: {detail}</source>
        <translation>Allegato fuori dalla cartella degli allegati, non ammesso: {detail}</translation>
    </message>
    <message>
        <source>Attachment is not a regular file: {detail}</source>
        <translation>L’allegato non è un file normale: {detail}</translation>
    </message>
    <message>
        <source>The subject contains a line break or a control character: {detail}</source>
        <translation>L’oggetto contiene un a capo o un carattere di controllo: {detail}</translation>
    </message>
    <message>
        <source>Not valid text (holds a byte that was not UTF-8): {detail}</source>
        <translation>Testo non valido (contiene un byte non UTF-8): {detail}</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Pause</source>
        <translation>Sospendi</translation>
    </message>
    <message>
        <source>Cancel the rest</source>
        <translation>Annulla i restanti</translation>
    </message>
    <message>
        <source>Show in the Sent tab</source>
        <translation>Apri nella scheda Inviati</translation>
    </message>
    <message>
        <source>Each recipient&apos;s state and receipts, as they come</source>
        <translation>Lo stato di ogni destinatario e le ricevute, man mano che arrivano</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Riprendi</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} di {total}</translation>
    </message>
    <message>
        <source>Sent: {sent} · Failed: {failed} · Unknown: {unknown} · Cancelled: {cancelled}</source>
        <translation>Inviate: {sent} · Non riuscite: {failed} · Esito sconosciuto: {unknown} · Annullate: {cancelled}</translation>
    </message>
    <message>
        <source>If pecdesk stays open, sending resumes by itself on {when}.</source>
        <translation>Se pecdesk resta aperto, l&apos;invio riprende da solo il {when}.</translation>
    </message>
    <message>
        <source>Paused. {reason}</source>
        <translation>Invio sospeso. {reason}</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>Invio sospeso.</translation>
    </message>
    <message>
        <source>Cancelled: {sent} of {total} PECs had been sent before; the others will not be sent.</source>
        <translation>Invio annullato: erano già partite {sent} PEC su {total}; le altre non verranno inviate.</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Invio completato.</translation>
    </message>
    <message>
        <source>{rate} per minute</source>
        <translation>{rate} al minuto</translation>
    </message>
    <message>
        <source>about {m} min {s} s left</source>
        <translation>circa {m} min {s} s rimanenti</translation>
    </message>
    <message>
        <source>sending to {address}</source>
        <translation>invio a {address}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Cerca in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>File di &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QuotaGauge</name>
    <message>
        <source>Mailbox almost full: new PECs may be refused. Archive and delete old receipts from the Sent tab.</source>
        <translation>Casella quasi piena: le nuove PEC potrebbero essere rifiutate. Archivi ed elimini le ricevute meno recenti dalla scheda Inviati.</translation>
    </message>
    <message>
        <source>Mailbox over 70% full: consider archiving old receipts.</source>
        <translation>Casella piena oltre il 70%: si consiglia di archiviare le ricevute meno recenti.</translation>
    </message>
    <message>
        <source>Mailbox nearly full</source>
        <translation>Casella quasi piena</translation>
    </message>
</context>
<context>
    <name>ReceiptWaitLine</name>
    <message>
        <source>Stop waiting</source>
        <translation>Smetti di attendere</translation>
    </message>
    <message>
        <source>Test send: sending to {mailbox}…</source>
        <translation>Invio di prova: invio a {mailbox} in corso…</translation>
    </message>
    <message>
        <source>Test send: sent; waiting for the acceptance receipt (ACCETTAZIONE)…</source>
        <translation>Invio di prova: inviato; in attesa della ricevuta di accettazione…</translation>
    </message>
    <message>
        <source>Test send: accepted; waiting for the delivery receipt (CONSEGNA)…</source>
        <translation>Invio di prova: accettato; in attesa della ricevuta di consegna…</translation>
    </message>
    <message>
        <source>Stopped waiting for the test send: its receipts will show in the Sent tab when they arrive.</source>
        <translation>Attesa dell’invio di prova interrotta: le ricevute compariranno nella scheda Inviati quando arriveranno.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>motivo non indicato</translation>
    </message>
    <message>
        <source>Test send delivered: accepted at {accepted} and delivered to {mailbox} at {final}. You can send to everyone.</source>
        <translation>Invio di prova consegnato: accettato alle {accepted} e consegnato a {mailbox} alle {final}. Può inviare a tutti.</translation>
    </message>
    <message>
        <source>Test send accepted at {accepted}. {mailbox} is not a PEC mailbox, so no delivery receipt will come.</source>
        <translation>Invio di prova accettato alle {accepted}. {mailbox} non è una casella PEC: non arriverà la ricevuta di consegna.</translation>
    </message>
    <message>
        <source>Test send not accepted by the provider: {reason}. Nothing was delivered: fix the message before sending to everyone.</source>
        <translation>Invio di prova non accettato dal gestore: {reason}. Non è stato consegnato nulla: corregga il messaggio prima di inviare a tutti.</translation>
    </message>
    <message>
        <source>Test send not delivered to {mailbox}: {reason}. Check the Sent tab before sending to everyone.</source>
        <translation>Invio di prova non consegnato a {mailbox}: {reason}. Controlli la scheda Inviati prima di inviare a tutti.</translation>
    </message>
    <message>
        <source>Test send not sent: {reason}.</source>
        <translation>Invio di prova non partito: {reason}.</translation>
    </message>
    <message numerus="yes">
        <source>Test send accepted at {accepted}, but no delivery receipt yet after %n minute(s): check the Sent tab.</source>
        <translation>
            <numerusform>Invio di prova accettato alle {accepted}, ma dopo %n minuto la ricevuta di consegna non è ancora arrivata: controlli la scheda Inviati.</numerusform>
            <numerusform>Invio di prova accettato alle {accepted}, ma dopo %n minuti la ricevuta di consegna non è ancora arrivata: controlli la scheda Inviati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No receipt yet after %n minute(s): check the Sent tab.</source>
        <translation>
            <numerusform>Dopo %n minuto non è ancora arrivata nessuna ricevuta: controlli la scheda Inviati.</numerusform>
            <numerusform>Dopo %n minuti non è ancora arrivata nessuna ricevuta: controlli la scheda Inviati.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceivedAttachments</name>
    <message>
        <source>The PEC service gives no attachments for this message: if it has any, you can read them in your PEC provider&apos;s webmail.</source>
        <translation>Il servizio PEC non fornisce gli allegati di questo messaggio: se ne ha, può consultarli nella webmail del Suo gestore PEC.</translation>
    </message>
    <message>
        <source>Save attachment…</source>
        <translation>Salva allegato…</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>Allegati:</translation>
    </message>
    <message>
        <source>attachment-{number}</source>
        <translation>allegato-{number}</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Salva allegato</translation>
    </message>
    <message>
        <source>{path} already exists: nothing was replaced.</source>
        <translation>{path} esiste già: non è stato sostituito nulla.</translation>
    </message>
    <message>
        <source>{name} could not be saved: {reason}</source>
        <translation>Impossibile salvare {name}: {reason}</translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation>Salvato come {path}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(senza nome)</translation>
    </message>
    <message>
        <source>{name} (could not be read)</source>
        <translation>{name} (illeggibile)</translation>
    </message>
</context>
<context>
    <name>RecipientModel</name>
    <message>
        <source>Campaign</source>
        <translation>Campagna</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accettazione</translation>
    </message>
    <message>
        <source>Delivered / final</source>
        <translation>Consegna / esito finale</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>RecipientsBox</name>
    <message>
        <source>Recipients</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Type or paste PEC addresses, one per line</source>
        <translation>Digitare o incollare gli indirizzi PEC, uno per riga</translation>
    </message>
    <message>
        <source>Import Excel or CSV…</source>
        <translation>Importa da Excel o CSV…</translation>
    </message>
    <message>
        <source>Attachments folder…</source>
        <translation>Cartella degli allegati…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Svuota</translation>
    </message>
    <message>
        <source>Remove every recipient: the imported list and the typed addresses</source>
        <translation>Toglie tutti i destinatari: l’elenco importato e gli indirizzi digitati</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n destinatario</numerusform>
            <numerusform>%n destinatari</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation>
            <numerusform>%n non valido</numerusform>
            <numerusform>%n non validi</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder of the attachments</source>
        <translation>Cartella degli allegati</translation>
    </message>
</context>
<context>
    <name>RecipientsModel</name>
    <message>
        <source>Line</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>Encoded size</source>
        <translation>Dimensione codificata</translation>
    </message>
    <message>
        <source>Own attachments</source>
        <translation>Allegati specifici</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>mancante</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Non valido</translation>
    </message>
</context>
<context>
    <name>Replies</name>
    <message>
        <source>Re:</source>
        <translation>Re:</translation>
    </message>
    <message>
        <source>Fwd:</source>
        <translation>I:</translation>
    </message>
    <message>
        <source>On {date}, {sender} wrote:</source>
        <translation>Il {date}, {sender} ha scritto:</translation>
    </message>
    <message>
        <source>-------- Forwarded message --------</source>
        <translation>-------- Messaggio inoltrato --------</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Da:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Data:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Oggetto:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>A:</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Line {line}: {text}</source>
        <translation>Riga {line}: {text}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avviso</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… e altri {count}</translation>
    </message>
    <message>
        <source>No problem found.</source>
        <translation>Nessun problema rilevato.</translation>
    </message>
</context>
<context>
    <name>RetentionNote</name>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n anno</numerusform>
            <numerusform>%n anni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sending(s) are older than the retention period (%1):</source>
        <translation>
            <numerusform>%n invio ha superato il periodo di conservazione (%1):</numerusform>
            <numerusform>%n invii hanno superato il periodo di conservazione (%1):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaveTemplateDialog</name>
    <message>
        <source>Save as template</source>
        <translation>Salva come modello</translation>
    </message>
    <message>
        <source>The subject, the text and the attachments are saved; the recipients and the signature are not.</source>
        <translation>Vengono salvati l’oggetto, il testo e gli allegati; i destinatari e la firma no.</translation>
    </message>
    <message>
        <source>A template with this name exists: saving replaces it.</source>
        <translation>Esiste già un modello con questo nome: salvando lo sostituirà.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>This campaign</source>
        <translation>Questa campagna</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Tutte le campagne</translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation>Inviate dal</translation>
    </message>
    <message>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>qualsiasi data</translation>
    </message>
    <message>
        <source>Search recipient, subject or code</source>
        <translation>Cerca destinatario, oggetto o codice</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n destinatario</numerusform>
            <numerusform>%n destinatari</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendControls</name>
    <message>
        <source>Send</source>
        <translation>Invia</translation>
    </message>
    <message>
        <source>Send later…</source>
        <translation>Invia più tardi…</translation>
    </message>
    <message>
        <source>Send again…</source>
        <translation>Invia di nuovo…</translation>
    </message>
    <message>
        <source>The sending is paused: resume it, or cancel the rest, before sending anything else.</source>
        <translation>L’invio è sospeso: riprenderlo, oppure annullare il resto, prima di inviare altro.</translation>
    </message>
    <message>
        <source>Sending. You can keep working in the other tabs; Send is available again when this sending ends.</source>
        <translation>Invio in corso. Si può continuare a lavorare nelle altre schede; «Invia» torna disponibile al termine di questo invio.</translation>
    </message>
    <message>
        <source>Preparing the sending…</source>
        <translation>Preparazione dell’invio…</translation>
    </message>
    <message numerus="yes">
        <source>Scheduled: %n PEC(s) will leave on {when}.</source>
        <translation>
            <numerusform>Invio programmato: %n PEC partirà il {when}.</numerusform>
            <numerusform>Invio programmato: %n PEC partiranno il {when}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending is not available in this window.</source>
        <translation>L’invio non è disponibile in questa finestra.</translation>
    </message>
    <message>
        <source>Fix the {count} error(s) in the pre-flight report to send.</source>
        <translation>Per inviare, correggere gli errori segnalati dalla verifica prima dell’invio ({count}).</translation>
    </message>
    <message>
        <source>Ready: {count} warning(s).</source>
        <translation>Pronto per l’invio, avvisi: {count}.</translation>
    </message>
    <message>
        <source>Cancel the sending</source>
        <translation>Annulla l’invio</translation>
    </message>
    <message>
        <source>The PECs not sent yet will not be sent. Those already sent stay sent. Cancel the rest?</source>
        <translation>Le PEC non ancora inviate non verranno spedite, mentre quelle già inviate restano valide. Annullare le restanti?</translation>
    </message>
    <message>
        <source>pecdesk: sending cancelled</source>
        <translation>pecdesk: invio annullato</translation>
    </message>
    <message>
        <source>{sent} of {total} PECs sent before the cancellation.</source>
        <translation>{sent} PEC su {total} inviate prima dell’annullamento.</translation>
    </message>
    <message>
        <source>pecdesk: sending finished</source>
        <translation>pecdesk: invio completato</translation>
    </message>
    <message>
        <source>{sent} of {total} PECs sent.</source>
        <translation>PEC inviate: {sent} su {total}.</translation>
    </message>
</context>
<context>
    <name>SendLaterDialog</name>
    <message>
        <source>Send later</source>
        <translation>Invia più tardi</translation>
    </message>
    <message>
        <source>The PECs wait in the queue until then. pecdesk must be open at that time; if it is closed, it asks at the next start before sending them.</source>
        <translation>Le PEC restano in coda fino ad allora. A quell’ora pecdesk deve essere aperto; se è chiuso, al prossimo avvio chiederà conferma prima di inviarle.</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programma</translation>
    </message>
    <message>
        <source>Send on:</source>
        <translation>Invia il:</translation>
    </message>
</context>
<context>
    <name>SendQuestions</name>
    <message numerus="yes">
        <source>Schedule %n PEC(s) from the mailbox {mailbox} for {when}?</source>
        <translation>
            <numerusform>Programmare l’invio di %n PEC dalla casella {mailbox} per il {when}?</numerusform>
            <numerusform>Programmare l’invio di %n PEC dalla casella {mailbox} per il {when}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n PEC(s) from the mailbox {mailbox}?</source>
        <translation>
            <numerusform>Inviare %n PEC dalla casella {mailbox}?</numerusform>
            <numerusform>Inviare %n PEC dalla casella {mailbox}?</numerusform>
        </translation>
    </message>
    <message>
        <source>Recipients: {count}. A PEC that has left cannot be withdrawn.</source>
        <translation>Destinatari: {count}. Una PEC partita non si può ritirare.</translation>
    </message>
    <message>
        <source>Schedule the PECs</source>
        <translation>Programmare l’invio</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programma</translation>
    </message>
    <message>
        <source>Send the PECs</source>
        <translation>Inviare le PEC</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Invia</translation>
    </message>
    <message numerus="yes">
        <source>This very PEC was already sent from {mailbox} on {date} to %n of these recipient(s), or may have been.</source>
        <translation>
            <numerusform>Questa stessa PEC è già stata inviata (o potrebbe esserlo stata) dalla casella {mailbox} il {date} a %n di questi destinatari.</numerusform>
            <numerusform>Questa stessa PEC è già stata inviata (o potrebbe esserlo stata) dalla casella {mailbox} il {date} a %n di questi destinatari.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of those PECs are still waiting in the queue.</source>
        <translation>
            <numerusform>%n di quelle PEC è ancora in coda.</numerusform>
            <numerusform>%n di quelle PEC sono ancora in coda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending again makes a second legal communication to each of them. Send %n PEC(s) again from {mailbox}?</source>
        <translation>
            <numerusform>Un nuovo invio crea una seconda comunicazione con valore legale per ciascuno di loro. Inviare di nuovo %n PEC dalla casella {mailbox}?</numerusform>
            <numerusform>Un nuovo invio crea una seconda comunicazione con valore legale per ciascuno di loro. Inviare di nuovo %n PEC dalla casella {mailbox}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They will leave on {when}.</source>
        <translation>
            <numerusform>Partirà il {when}.</numerusform>
            <numerusform>Partiranno il {when}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Send again?</source>
        <translation>Inviare di nuovo?</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Invia di nuovo</translation>
    </message>
    <message numerus="yes">
        <source>This message is already in the queue of {mailbox} (since {date}) for %n recipient(s): it has not left yet. The Sent tab shows when it will. Sending it once more needs &quot;Send again…&quot;, which asks first.</source>
        <translation>
            <numerusform>Questo messaggio è già in coda nella casella {mailbox} (dal {date}) per %n destinatario: non è ancora partito. La scheda Inviati indica quando partirà. Per inviarlo un’altra volta serve «Invia di nuovo…», che chiede prima conferma.</numerusform>
            <numerusform>Questo messaggio è già in coda nella casella {mailbox} (dal {date}) per %n destinatari: non è ancora partito. La scheda Inviati indica quando partirà. Per inviarlo un’altra volta serve «Invia di nuovo…», che chiede prima conferma.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This message was already sent from {mailbox} on {date} to %n recipient(s). Sending it once more needs &quot;Send again…&quot;, which asks first.</source>
        <translation>
            <numerusform>Questo messaggio è già stato inviato dalla casella {mailbox} il {date} a %n destinatario. Per inviarlo un’altra volta serve «Invia di nuovo…», che chiede prima conferma.</numerusform>
            <numerusform>Questo messaggio è già stato inviato dalla casella {mailbox} il {date} a %n destinatari. Per inviarlo un’altra volta serve «Invia di nuovo…», che chiede prima conferma.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SentActions</name>
    <message>
        <source>pecdesk-campaign-{id}</source>
        <translation>pecdesk-invio-{id}</translation>
    </message>
    <message>
        <source>Refresh receipts</source>
        <translation>Aggiorna ricevute</translation>
    </message>
    <message>
        <source>Send again what was not sent…</source>
        <translation>Invia di nuovo quanto non è partito…</translation>
    </message>
    <message>
        <source>Retry temporary failures…</source>
        <translation>Riprova gli invii con errore temporaneo…</translation>
    </message>
    <message>
        <source>Export evidence ZIP…</source>
        <translation>Esporta le prove di invio (ZIP)…</translation>
    </message>
    <message>
        <source>Recipient attestation PDF…</source>
        <translation>Attestazione PDF del destinatario…</translation>
    </message>
    <message>
        <source>Archive and delete from server…</source>
        <translation>Archivia ed elimina dal server…</translation>
    </message>
    <message>
        <source>Nothing was done.</source>
        <translation>Nessuna operazione eseguita.</translation>
    </message>
    <message>
        <source>Select a campaign first.</source>
        <translation>Selezionare prima una campagna.</translation>
    </message>
    <message numerus="yes">
        <source>Receipts of %n sending(s) could not be read.</source>
        <translation>
            <numerusform>Impossibile leggere le ricevute di %n invio.</numerusform>
            <numerusform>Impossibile leggere le ricevute di %n invii.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Receipts refreshed: %n change(s).</source>
        <translation>
            <numerusform>Ricevute aggiornate: %n variazione.</numerusform>
            <numerusform>Ricevute aggiornate: %n variazioni.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outcome now known for %n sending(s) that had no answer.</source>
        <translation>
            <numerusform>Ora è noto l&apos;esito di %n invio rimasto senza risposta.</numerusform>
            <numerusform>Ora è noto l&apos;esito di %n invii rimasti senza risposta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing of this campaign is marked as not sent.</source>
        <translation>In questa campagna non c&apos;è nulla segnato come non inviato.</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Invia di nuovo</translation>
    </message>
    <message numerus="yes">
        <source>%n PEC(s) of this campaign got no answer and no receipt proves they left. Send them again now?</source>
        <translation>
            <numerusform>%n PEC di questa campagna non ha avuto risposta e nessuna ricevuta prova che sia partita. La invio di nuovo adesso?</numerusform>
            <numerusform>%n PEC di questa campagna non hanno avuto risposta e nessuna ricevuta prova che siano partite. Le invio di nuovo adesso?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n PEC(s) queued again.</source>
        <translation>
            <numerusform>%n PEC rimessa in coda.</numerusform>
            <numerusform>%n PEC rimesse in coda.</numerusform>
        </translation>
    </message>
    <message>
        <source>No temporary failure to retry.</source>
        <translation>Nessun invio con errore temporaneo da riprovare.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Nuovo tentativo</translation>
    </message>
    <message numerus="yes">
        <source>Send this PEC again to %n recipient(s) whose delivery failed for a temporary reason? It is a new sending, linked to this one.</source>
        <translation>
            <numerusform>Inviare di nuovo questa PEC a %n destinatario la cui consegna non è riuscita per un motivo temporaneo? Si tratta di un nuovo invio, collegato a questo.</numerusform>
            <numerusform>Inviare di nuovo questa PEC ai %n destinatari la cui consegna non è riuscita per un motivo temporaneo? Si tratta di un nuovo invio, collegato a questo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Queued as campaign #{id}.</source>
        <translation>Messo in coda come campagna #{id}.</translation>
    </message>
    <message>
        <source>Export evidence</source>
        <translation>Esporta le prove di invio</translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation>Archivi ZIP (*.zip)</translation>
    </message>
    <message>
        <source>Evidence saved to {path}.</source>
        <translation>Prove di invio salvate in {path}.</translation>
    </message>
    <message>
        <source>Select a recipient first.</source>
        <translation>Selezionare prima un destinatario.</translation>
    </message>
    <message>
        <source>Save attestation</source>
        <translation>Salva attestazione</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Attestation saved to {path}.</source>
        <translation>Attestazione salvata in {path}.</translation>
    </message>
    <message>
        <source>Archive and delete</source>
        <translation>Archivia ed elimina</translation>
    </message>
    <message>
        <source>pecdesk will save every receipt of this campaign in a local archive, check it, and only then delete the receipts from the PEC mailbox. Continue?</source>
        <translation>pecdesk salverà tutte le ricevute di questa campagna in un archivio locale, ne verificherà l’integrità e solo allora eliminerà le ricevute dalla casella PEC. Continuare?</translation>
    </message>
    <message numerus="yes">
        <source>%n sending(s) archived and deleted from the server.</source>
        <translation>
            <numerusform>%n invio archiviato ed eliminato dal server.</numerusform>
            <numerusform>%n invii archiviati ed eliminati dal server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept on the server (not final or not verified).</source>
        <translation>
            <numerusform>%n conservato sul server (esito non definitivo o non verificato).</numerusform>
            <numerusform>%n conservati sul server (esito non definitivo o non verificato).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) accepted more than 12 hours ago have no delivery receipt yet.</source>
        <translation>
            <numerusform>Per %n destinatario, accettato da oltre 12 ore, manca ancora la ricevuta di consegna.</numerusform>
            <numerusform>Per %n destinatari, accettati da oltre 12 ore, manca ancora la ricevuta di consegna.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SentReason</name>
    <message>
        <source>cancelled by the user</source>
        <translation>annullata dall’utente</translation>
    </message>
    <message>
        <source>interrupted while being sent</source>
        <translation>interrotta durante l’invio</translation>
    </message>
    <message>
        <source>accepted without a sending code</source>
        <translation>accettata senza codice di invio</translation>
    </message>
    <message>
        <source>gave up after {attempts} tries: {text}</source>
        <translation>invio abbandonato dopo {attempts} tentativi: {text}</translation>
    </message>
    <message>
        <source>no answer after sending: {text}</source>
        <translation>nessuna risposta dopo l’invio: {text}</translation>
    </message>
    <message>
        <source>answer does not tell: {text}</source>
        <translation>la risposta non indica l’esito: {text}</translation>
    </message>
    <message>
        <source>unexpected answer: {text}</source>
        <translation>risposta inattesa: {text}</translation>
    </message>
    <message>
        <source>unexpected error: {text}</source>
        <translation>errore imprevisto: {text}</translation>
    </message>
    <message>
        <source>not sent again: the mailbox could not be read back to its first sending</source>
        <translation>non reinviata: non è stato possibile leggere la casella fino al primo invio</translation>
    </message>
    <message>
        <source>not sent again: a receipt in the mailbox may be this PEC&apos;s</source>
        <translation>non reinviata: una ricevuta nella casella potrebbe riguardare questa PEC</translation>
    </message>
    <message>
        <source>found receipt #{receipt} in the mailbox</source>
        <translation>trovata la ricevuta n. {receipt} nella casella</translation>
    </message>
    <message>
        <source>found receipt #{receipt} in the mailbox before sending it again</source>
        <translation>trovata la ricevuta n. {receipt} nella casella prima del reinvio</translation>
    </message>
    <message>
        <source>AVVISO DI NON ACCETTAZIONE (receipt #{receipt} in the mailbox)</source>
        <translation>AVVISO DI NON ACCETTAZIONE (ricevuta n. {receipt} nella casella)</translation>
    </message>
    <message>
        <source>AVVISO DI NON ACCETTAZIONE (receipt #{receipt} in the mailbox, before sending it again)</source>
        <translation>AVVISO DI NON ACCETTAZIONE (ricevuta n. {receipt} nella casella, prima del reinvio)</translation>
    </message>
    <message>
        <source>no ACCETTAZIONE in the mailbox {seconds} s after sending (service&apos;s clock)</source>
        <translation>nessuna ACCETTAZIONE nella casella {seconds} s dopo l’invio (orologio del servizio)</translation>
    </message>
    <message>
        <source>no delivery receipt within the maximum time</source>
        <translation>nessuna ricevuta di consegna entro il tempo massimo</translation>
    </message>
</context>
<context>
    <name>SentState</name>
    <message>
        <source>Queued</source>
        <translation>In coda</translation>
    </message>
    <message>
        <source>Sent, awaiting receipts</source>
        <translation>Inviata, in attesa delle ricevute</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accettata</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>Consegna in ritardo</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnata</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Non accettata</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Non consegnata</translation>
    </message>
    <message>
        <source>Not delivered in time</source>
        <translation>Non consegnata nei tempi previsti</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Esito sconosciuto</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Non inviata</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
    <message>
        <source>Accepted (ordinary e-mail: no delivery receipt)</source>
        <translation>Accettata (e-mail ordinaria: nessuna ricevuta di consegna)</translation>
    </message>
</context>
<context>
    <name>SentTab</name>
    <message>
        <source>All recipients</source>
        <translation>Tutti i destinatari</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnati</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Non consegnati</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Da verificare</translation>
    </message>
    <message>
        <source>No PEC sent yet</source>
        <translation>Nessuna PEC inviata</translation>
    </message>
    <message>
        <source>PECs you send from the Compose tab will be listed here with their receipts.</source>
        <translation>Le PEC inviate dalla scheda Scrivi compariranno qui con le relative ricevute.</translation>
    </message>
    <message>
        <source>No sending with code {code} among this mailbox&apos;s campaigns.</source>
        <translation>Nessun invio con codice {code} tra le campagne di questa casella.</translation>
    </message>
    <message>
        <source>Search address or code</source>
        <translation>Cerca indirizzo o codice</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Come il sistema</translation>
    </message>
    <message>
        <source>One PEC for each recipient (recommended)</source>
        <translation>Una PEC per ciascun destinatario (consigliato)</translation>
    </message>
    <message>
        <source>One PEC to all recipients (they see each other)</source>
        <translation>Una sola PEC a tutti i destinatari (visibili tra loro)</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> secondi</translation>
    </message>
    <message>
        <source> years</source>
        <translation> anni</translation>
    </message>
    <message>
        <source>Sendings older than this are listed in the Archive window of the Sent tab for you to delete. Nothing is ever deleted automatically.</source>
        <translation>Gli invii più vecchi sono elencati nella finestra Archivio della scheda Inviati, perché Lei li elimini. Nulla viene mai eliminato automaticamente.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Several recipients</source>
        <translation>Più destinatari</translation>
    </message>
    <message>
        <source>Check for new messages every</source>
        <translation>Controlla i nuovi messaggi ogni</translation>
    </message>
    <message>
        <source>Keep the sending history for</source>
        <translation>Conserva lo storico degli invii per</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Cartella dei dati</translation>
    </message>
    <message>
        <source>A new data folder is used from the next start; the history already saved is not moved. Receipts are legal evidence: keep them at least ten years.</source>
        <translation>La nuova cartella dei dati viene usata dal prossimo avvio; lo storico già salvato non viene spostato. Le ricevute hanno valore di prova legale: le conservi per almeno dieci anni.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Impostazioni…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Apri la cartella dei &amp;log</translation>
    </message>
    <message>
        <source>Built-in sandbox (practice)</source>
        <translation>Sandbox integrata (prova)</translation>
    </message>
    <message>
        <source>{mailbox} (environment variables)</source>
        <translation>{mailbox} (variabili d’ambiente)</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Rimuovi account</translation>
    </message>
    <message>
        <source>Remove the account {name} from pecdesk? Its API token and mailbox password are deleted from the system keychain. The mailbox itself is not touched.</source>
        <translation>Rimuovere l’account {name} da pecdesk? Il token API e la password della casella vengono eliminati dal portachiavi di sistema. La casella PEC non viene modificata.</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Cartella dei log</translation>
    </message>
    <message>
        <source>The log files are in:
{folder}</source>
        <translation>I file di log si trovano in:
{folder}</translation>
    </message>
</context>
<context>
    <name>StoreProblem</name>
    <message>
        <source>Sending is turned off until this is solved.</source>
        <translation>L&apos;invio è disattivato finché il problema non è risolto.</translation>
    </message>
    <message>
        <source>What you write in Compose will not be saved.</source>
        <translation>Quanto scrive nella scheda Scrivi non verrà salvato.</translation>
    </message>
    <message>
        <source>The inbox will not be kept on this computer.</source>
        <translation>La posta in arrivo non verrà conservata su questo computer.</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Edit template</source>
        <translation>Modifica modello</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Oggetto:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Testo:</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>Allegati:</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>Dia un nome al modello.</translation>
    </message>
    <message>
        <source>Another template already has this name.</source>
        <translation>Esiste già un altro modello con questo nome.</translation>
    </message>
</context>
<context>
    <name>TemplatesButton</name>
    <message>
        <source>Templates</source>
        <translation>Modelli</translation>
    </message>
    <message>
        <source>Save as template…</source>
        <translation>Salva come modello…</translation>
    </message>
    <message>
        <source>Manage templates…</source>
        <translation>Gestisci modelli…</translation>
    </message>
    <message>
        <source>Templates are not available</source>
        <translation>I modelli non sono disponibili</translation>
    </message>
    <message>
        <source>No templates yet</source>
        <translation>Nessun modello salvato</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Templates</source>
        <translation>Modelli</translation>
    </message>
    <message>
        <source>Use in the message</source>
        <translation>Usa nel messaggio</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
    <message>
        <source>No templates yet. To make one, write the message, then choose Templates &gt; Save as template.</source>
        <translation>Non ci sono ancora modelli. Per crearne uno, scriva il messaggio e scelga Modelli &gt; Salva come modello.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>Subject: {subject}
Merge fields: {fields}
Attachments: {files}</source>
        <translation>Oggetto: {subject}
Campi unione: {fields}
Allegati: {files}</translation>
    </message>
    <message>
        <source>Delete the template {name}? This cannot be undone.</source>
        <translation>Eliminare il modello {name}? L’operazione non si può annullare.</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>Elimina modello</translation>
    </message>
</context>
<context>
    <name>TrialSend</name>
    <message>
        <source>Test send to myself</source>
        <translation>Invia una prova alla mia casella</translation>
    </message>
    <message>
        <source>[TEST]</source>
        <translation>[PROVA]</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to pecdesk</source>
        <translation>Benvenuto in pecdesk</translation>
    </message>
    <message>
        <source>pecdesk sends certified e-mail (PEC) in bulk through the PEC Massiva service and keeps every receipt. How would you like to start?</source>
        <translation>pecdesk invia posta elettronica certificata (PEC) in modo massivo tramite il servizio PEC Massiva e conserva tutte le ricevute. Come desidera iniziare?</translation>
    </message>
    <message>
        <source>Try it on the built-in sandbox</source>
        <translation>Prova con la sandbox integrata</translation>
    </message>
    <message>
        <source>A practice PEC service inside pecdesk, with a demo mailbox and sample messages. Nothing leaves this computer and nothing is charged.</source>
        <translation>Un servizio PEC di prova all’interno di pecdesk, con una casella dimostrativa e messaggi di esempio. Nulla esce da questo computer e non viene addebitato alcun costo.</translation>
    </message>
    <message>
        <source>Connect my PEC Massiva account</source>
        <translation>Collega il mio account PEC Massiva</translation>
    </message>
    <message>
        <source>You will need the API token of your openapi account and the username and password of the PEC mailbox you send from.</source>
        <translation>Serviranno il token API del Suo account openapi e il nome utente e la password della casella PEC da cui invia.</translation>
    </message>
    <message>
        <source>You can add more accounts, or switch between them, from the Account menu.</source>
        <translation>Dal menu Account potrà aggiungere altri account o passare dall’uno all’altro.</translation>
    </message>
</context>
</TS>
