-- The return channel (issue 11): every submission is a case. Only the slow salted hash of its access code is
-- kept; messages are added one transaction each, with their attachments in `attachments` (the same names as a
-- submission's: the attachment id and its extension). Citizens' case tokens are kept only as their hash.
alter table submissions add column if not exists access_hash text;

create table if not exists case_messages (
  reference text not null references submissions (reference) on delete cascade,
  id uuid not null,
  -- the order of a case's messages: when this server stored them, then the order of insertion
  position bigserial not null,
  received_at timestamptz not null,
  message json not null,
  primary key (reference, id)
);
create index if not exists case_messages_in_order on case_messages (reference, received_at, position);

create table if not exists case_tokens (
  token_hash text primary key,
  reference text not null references submissions (reference) on delete cascade,
  expires_at timestamptz not null
);
create index if not exists case_tokens_expiry on case_tokens (expires_at);
