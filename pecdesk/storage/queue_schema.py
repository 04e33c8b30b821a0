"""The send queue's schema: campaigns, attachments, jobs, their recipients and attempts."""

from __future__ import annotations

# Each entry upgrades the schema by one version; never edit a released entry, append a new one.
QUEUE_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            created_at REAL NOT NULL,
            sender TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            one_for_all INTEGER NOT NULL CHECK (one_for_all IN (0, 1)),
            digest TEXT NOT NULL
        )""",
        "CREATE INDEX campaigns_digest ON campaigns(digest)",
        """CREATE TABLE attachments (
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (campaign_id, position)
        )""",
        """CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            subject TEXT,
            body TEXT,
            digest TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'submitting', 'submitted',
                'rejected', 'failed', 'unknown', 'not_sent', 'cancelled')),
            code TEXT,
            reason TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            submitting_at REAL,
            finished_at REAL,
            updated_at REAL NOT NULL
        )""",
        "CREATE UNIQUE INDEX jobs_code ON jobs(code) WHERE code IS NOT NULL",
        "CREATE INDEX jobs_state ON jobs(state, next_attempt_at, id)",
        "CREATE INDEX jobs_campaign ON jobs(campaign_id, state)",
        """CREATE TABLE job_recipients (
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            address TEXT NOT NULL,
            PRIMARY KEY (job_id, position)
        )""",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            started_at REAL NOT NULL,
            finished_at REAL,
            outcome TEXT NOT NULL DEFAULT 'submitting',
            detail TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX attempts_job ON attempts(job_id)",
        "CREATE INDEX attempts_started ON attempts(started_at)",
    ),
)

# The Sent tab's legal ledger (issue 5): every receipt as the service returned it, each
# recipient's delivery state derived from them, retries linked to their campaign, archives.
QUEUE_MIGRATIONS += (
    (
        """CREATE TABLE receipt_events (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            kind TEXT NOT NULL,
            addresses TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            date_text TEXT NOT NULL,
            at REAL NOT NULL,
            seen_at REAL NOT NULL,
            source TEXT NOT NULL,
            raw TEXT NOT NULL,
            UNIQUE (code, fingerprint)
        )""",
        "CREATE INDEX receipt_events_job ON receipt_events(job_id, at)",
        """CREATE TABLE deliveries (
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            temporary INTEGER NOT NULL DEFAULT 0,
            ordinary INTEGER NOT NULL DEFAULT 0,
            final INTEGER NOT NULL DEFAULT 0,
            accepted_at REAL,
            final_at REAL,
            changed_at REAL,
            timeout_notices INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (job_id, address)
        )""",
        "CREATE INDEX deliveries_state ON deliveries(state)",
        """CREATE TABLE campaign_links (
            campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
            parent_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE
        )""",
        """CREATE TABLE archives (
            code TEXT PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            archived_at REAL NOT NULL,
            purged_at REAL,
            keep_until REAL NOT NULL
        )""",
    ),
)

# Never twice (issue 12): each campaign is bound to the service it was queued for (a queue of the
# test service never sends a production PEC); a job may carry its own attachments (one campaign
# per compose action even when each recipient has a file of their own); a job re-queued after
# "not sent" is looked for in the mailbox once more right before it leaves (``recheck``); and
# ``clock_offset`` keeps the service's clock minus ours as measured when the job was claimed, so
# reconciliation reasons in the service's time, not in the PC's. The digest index serves the
# repeat guard (has any of these recipients already been sent this very PEC?).
QUEUE_MIGRATIONS += (
    (
        "ALTER TABLE campaigns ADD COLUMN service TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE jobs ADD COLUMN recheck INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE jobs ADD COLUMN clock_offset REAL",
        """CREATE TABLE job_attachments (
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (job_id, position)
        )""",
        "CREATE INDEX jobs_digest ON jobs(digest)",
    ),
)

# Scheduling (issue 15): a campaign may be held until a date and time, ``not_before`` (POSIX
# seconds; 0 sends at once, as every campaign stored before this version does). The queue never
# claims a job of a campaign whose time has not come.
QUEUE_MIGRATIONS += (
    (
        "ALTER TABLE campaigns ADD COLUMN not_before REAL NOT NULL DEFAULT 0",
        "CREATE INDEX campaigns_not_before ON campaigns(not_before) WHERE not_before > 0",
    ),
)
