-- What the admin API (/admin) manages beyond V1 and V20: whether a business answers at all, its own
-- opening hours and closures (which bound every staff member's hours), a human's number for transfers,
-- a webhook URL and its signing secret (AES-GCM sealed: 12-byte nonce, then ciphertext and tag, bound
-- to the tenant; see WebhookSecrets), API keys listed by a prefix and revoked instead of deleted, and
-- a revision that every administrative change bumps.
alter table tenant
    add column active          boolean not null default true,
    add column revision        bigint  not null default 1,
    add column transfer_number text check (transfer_number ~ '^\+[1-9][0-9]{6,14}$'),
    add column webhook_url     text check (webhook_url ~ '^https?://[^\s]+$' and length(webhook_url) <= 2000),
    add column webhook_secret  bytea,
    add column updated_at      timestamptz not null default now();

-- ISO weekday: 1 = Monday ... 7 = Sunday; local wall-clock times in the tenant's zone. A business with
-- no rows here has no hours of its own: it is open whenever its staff work.
create table business_hours (
    tenant_id  uuid not null references tenant (id) on delete cascade,
    weekday    smallint not null check (weekday between 1 and 7),
    start_time time not null,
    end_time   time not null,
    check (end_time > start_time)
);
create index business_hours_tenant on business_hours (tenant_id, weekday);

-- Days the whole business is closed (holidays, a renovation), first to last day inclusive.
create table closure (
    tenant_id uuid not null references tenant (id) on delete cascade,
    first_day date not null,
    last_day  date not null,
    reason    text not null default '' check (length(reason) <= 200),
    check (last_day >= first_day),
    primary key (tenant_id, first_day)
);

alter table tenant_api_key
    add column prefix     text check (prefix ~ '^[A-Za-z0-9_-]{1,40}$'),
    add column revoked_at timestamptz;
create unique index tenant_api_key_prefix on tenant_api_key (tenant_id, prefix) where prefix is not null;

create index appointment_tenant_start on appointment (tenant_id, starts_at);

-- Every change of a tenant's revision is announced on channel tenant_revision ("<tenant> <revision>"),
-- delivered when (and only if) the changing transaction commits. Servers drop what they hold in memory
-- about that tenant (its catalog, its numbers and keys), and cached slots are keyed by revision.
create function notify_tenant_revision() returns trigger language plpgsql as $$
begin
    perform pg_notify('tenant_revision', new.id::text || ' ' || new.revision::text);
    return new;
end;
$$;

create trigger tenant_revision_notify
    after update of revision on tenant
    for each row when (new.revision is distinct from old.revision)
    execute function notify_tenant_revision();
