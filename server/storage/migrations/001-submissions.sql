-- Submissions with their attachments. One transaction stores a submission row and its attachment rows, so a
-- failure at any step leaves nothing or one complete submission; the primary key on the envelope id makes a
-- second copy of an id impossible, the unique reference a second submission under one reference.
create table if not exists submissions (
  id uuid primary key,
  reference text not null unique,
  service text not null,
  received_at timestamptz not null,
  -- SHA-256 (hex) of the canonical envelope as received: a resend with another body is told apart by it.
  hash text not null,
  -- json, not jsonb: the envelope comes back with its keys in the order they were sent, as the file store keeps it.
  envelope json not null
);
create index if not exists submissions_newest_first on submissions (received_at desc, reference desc);

create table if not exists attachments (
  reference text not null references submissions (reference) on delete cascade,
  -- the stored name: the attachment id and the extension of its checked type
  name text not null,
  content bytea not null,
  primary key (reference, name)
);
