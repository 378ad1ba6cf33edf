-- Opening one's case with the DeutschlandID (issue 11): the subject (`sub`, the portal's pseudonym of the person,
-- not a name) of the identity verified when the submission came; null for a submission sent without one.
alter table submissions add column if not exists identity_subject text;
create index if not exists submissions_by_identity_subject on submissions (identity_subject, received_at desc) where identity_subject is not null;

-- Nonces of identity tokens that opened cases, each taken once while its token lives (replays are refused).
create table if not exists taken_nonces (
  nonce text primary key,
  expires_at timestamptz not null
);
create index if not exists taken_nonces_expiry on taken_nonces (expires_at);
