"""The email channel: alerts one by one, daily and weekly digests, and the SMTP connections they share."""
