-- "There is news" notices (issue 11): the address a citizen left for them, kept with the case until withdrawn.
alter table submissions add column if not exists notify_address text;
