-- Booking domain: tenants, their numbers, services, staff, hours and appointments.
-- Every table carries tenant_id, and cross-table references include it, so a row of one tenant
-- can never point at another tenant's row.

create extension if not exists btree_gist;

create table tenant (
    id                 uuid primary key default gen_random_uuid(),
    name               text not null check (length(name) between 1 and 200),
    time_zone          text not null,
    slot_minutes       integer not null default 30 check (slot_minutes between 5 and 240),
    horizon_days       integer not null default 60 check (horizon_days between 1 and 730),
    min_notice_minutes integer not null default 60 check (min_notice_minutes between 0 and 10080),
    settings           jsonb not null default '{}'::jsonb,
    created_at         timestamptz not null default now()
);

create table tenant_phone_number (
    e164      text primary key check (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    tenant_id uuid not null references tenant (id) on delete cascade
);
create index tenant_phone_number_tenant on tenant_phone_number (tenant_id);

-- API keys are stored as SHA-256 digests, never in clear.
create table tenant_api_key (
    key_sha256 bytea primary key,
    tenant_id  uuid not null references tenant (id) on delete cascade,
    label      text not null default '',
    created_at timestamptz not null default now()
);

-- Provider credentials, AES-GCM encrypted with a key from configuration.
create table tenant_credential (
    tenant_id  uuid not null references tenant (id) on delete cascade,
    provider   text not null check (provider ~ '^[a-z0-9_-]{1,40}$'),
    nonce      bytea not null,
    ciphertext bytea not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, provider)
);

create table service (
    tenant_id             uuid not null references tenant (id) on delete cascade,
    id                    uuid not null default gen_random_uuid(),
    name                  text not null check (length(name) between 1 and 100),
    duration_minutes      integer not null check (duration_minutes between 5 and 720),
    buffer_before_minutes integer not null default 0 check (buffer_before_minutes between 0 and 240),
    buffer_after_minutes  integer not null default 0 check (buffer_after_minutes between 0 and 240),
    price_cents           integer not null default 0 check (price_cents >= 0),
    active                boolean not null default true,
    primary key (tenant_id, id),
    unique (id)
);
create unique index service_name_per_tenant on service (tenant_id, lower(name));

create table staff (
    tenant_id uuid not null references tenant (id) on delete cascade,
    id        uuid not null default gen_random_uuid(),
    name      text not null check (length(name) between 1 and 100),
    active    boolean not null default true,
    primary key (tenant_id, id),
    unique (id)
);
create unique index staff_name_per_tenant on staff (tenant_id, lower(name));

create table staff_service (
    tenant_id  uuid not null,
    staff_id   uuid not null,
    service_id uuid not null,
    primary key (tenant_id, staff_id, service_id),
    foreign key (tenant_id, staff_id) references staff (tenant_id, id) on delete cascade,
    foreign key (tenant_id, service_id) references service (tenant_id, id) on delete cascade
);

-- ISO weekday: 1 = Monday ... 7 = Sunday; local wall-clock times in the tenant's zone.
create table working_hours (
    tenant_id  uuid not null,
    staff_id   uuid not null,
    weekday    smallint not null check (weekday between 1 and 7),
    start_time time not null,
    end_time   time not null,
    check (end_time > start_time),
    foreign key (tenant_id, staff_id) references staff (tenant_id, id) on delete cascade
);
create index working_hours_staff on working_hours (tenant_id, staff_id, weekday);

create table staff_break (
    tenant_id  uuid not null,
    staff_id   uuid not null,
    weekday    smallint not null check (weekday between 1 and 7),
    start_time time not null,
    end_time   time not null,
    check (end_time > start_time),
    foreign key (tenant_id, staff_id) references staff (tenant_id, id) on delete cascade
);
create index staff_break_staff on staff_break (tenant_id, staff_id, weekday);

create table day_off (
    tenant_id uuid not null,
    staff_id  uuid not null,
    day       date not null,
    reason    text not null default '',
    primary key (tenant_id, staff_id, day),
    foreign key (tenant_id, staff_id) references staff (tenant_id, id) on delete cascade
);
create index day_off_day on day_off (tenant_id, day);

create table appointment (
    id              uuid primary key default gen_random_uuid(),
    tenant_id       uuid not null references tenant (id) on delete cascade,
    staff_id        uuid not null,
    service_id      uuid not null,
    customer_name   text not null check (length(customer_name) between 1 and 100),
    customer_phone  text,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    -- the time the staff member is blocked: the appointment widened by the service's buffers
    blocked_from    timestamptz not null,
    blocked_until   timestamptz not null,
    status          text not null default 'confirmed' check (status in ('confirmed', 'cancelled')),
    idempotency_key text check (length(idempotency_key) between 1 and 200),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (ends_at > starts_at),
    check (blocked_from <= starts_at and blocked_until >= ends_at),
    foreign key (tenant_id, staff_id) references staff (tenant_id, id),
    foreign key (tenant_id, service_id) references service (tenant_id, id),
    -- no double booking, ever: one staff member, one blocked range, among active appointments
    constraint appointment_no_overlap exclude using gist (
        tenant_id with =,
        staff_id with =,
        tstzrange(blocked_from, blocked_until, '[)') with &&
    ) where (status = 'confirmed')
);
create unique index appointment_idempotency on appointment (tenant_id, idempotency_key)
    where idempotency_key is not null;
-- the availability query: one tenant, active appointments ending after the window starts (the future only)
create index appointment_tenant_time on appointment (tenant_id, blocked_until, blocked_from)
    where status = 'confirmed';

-- Bumped inside every transaction that changes a day's appointments; cached slots carry the
-- version they were computed at, so a cache entry older than the database is never served.
create table availability_version (
    tenant_id uuid not null references tenant (id) on delete cascade,
    day       date not null,
    version   bigint not null default 1,
    primary key (tenant_id, day)
);
