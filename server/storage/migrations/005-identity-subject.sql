-- Opening one's case with the DeutschlandID (issue 11): the subject (`sub`, the portal's pseudonym of the person,
-- not a name) of the identity verified when the submission came; null for a submission sent without one.
alter table submissions add column if not exists identity_subject text;
create index if not exists submissions_by_identity_subject on submissions (identity_subject, received_at desc) where identity_subject is not null;
