-- One row per idempotency key of a tenant: the request that first used it (its fingerprint), who is
-- executing it now (claim, until lease_until), the booking it changed (set in the same transaction
-- as the change) and, once answered, the answer itself. Rows older than a day are treated as absent
-- and swept.
create table idempotency_record (
    tenant_id   uuid not null references tenant (id) on delete cascade,
    key         text not null check (length(key) between 1 and 200),
    fingerprint text not null,
    claim       uuid not null,
    lease_until timestamptz not null,
    booking_id  uuid,
    response    text,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, key)
);
create index idempotency_record_created on idempotency_record (created_at);
create index idempotency_record_booking on idempotency_record (tenant_id, booking_id) where booking_id is not null;
