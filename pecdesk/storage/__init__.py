"""Local, durable storage (stdlib sqlite3, Qt-free): the database and the send-queue journal."""

from pecdesk.storage.db import Database
from pecdesk.storage.lock import RunnerLock
from pecdesk.storage.queue_store import STORE_FILE_NAME, QueueStore
from pecdesk.storage.records import (
    AttachmentData,
    CampaignSummary,
    JobRecord,
    NewCampaign,
    NewJob,
    Outcome,
    SendPayload,
)

__all__ = [
    "STORE_FILE_NAME",
    "AttachmentData",
    "CampaignSummary",
    "Database",
    "JobRecord",
    "NewCampaign",
    "NewJob",
    "Outcome",
    "QueueStore",
    "RunnerLock",
    "SendPayload",
]
