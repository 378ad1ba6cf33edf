-- The payment ledger (issue 10): a case's payment attempts, oldest first. The unique indexes keep in the database
-- what the receiver promises: one record per submission, at most one booked attempt per case and at most one
-- open (INITIAL) one; a transaction id leads to exactly one case.
create table if not exists payments (
  reference text primary key references submissions (reference) on delete cascade,
  submission_id uuid not null unique references submissions (id) on delete cascade,
  -- euros; the fee computed by the receiver when the first attempt was made
  amount numeric(8, 2) not null check (amount > 0)
);

create table if not exists payment_attempts (
  transaction_id text primary key,
  reference text not null references payments (reference) on delete cascade,
  position integer not null check (position >= 0),
  request_id text not null unique,
  created_at timestamptz not null,
  redirect_url text,
  status text not null check (status in ('INITIAL', 'BOOKED', 'FAILED', 'CANCELED')),
  -- FIT-Connect metadata 2.1.0 `paymentInformation`, as the payment service last reported it
  payment_information json not null,
  unique (reference, position)
);
create unique index if not exists payment_attempts_one_booked on payment_attempts (reference) where status = 'BOOKED';
create unique index if not exists payment_attempts_one_open on payment_attempts (reference) where status = 'INITIAL';
