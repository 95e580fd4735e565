-- Messages callers leave for a business, and the outbox of the business's webhook deliveries (its URL
-- and sealed secret are V23's tenant.webhook_url and tenant.webhook_secret).

-- One row per take_message tool call: the call and the model's tool-call id make a repeated call of the
-- same tool call (a retry) store nothing twice. handled_at is set through the admin API.
create table message (
    id            uuid primary key default gen_random_uuid(),
    tenant_id     uuid not null references tenant (id) on delete cascade,
    call_id       text not null check (length(call_id) between 1 and 200),
    tool_call_id  text not null check (length(tool_call_id) between 1 and 200),
    caller_number text check (caller_number ~ '^\+[1-9][0-9]{6,14}$'),
    caller_name   text check (length(caller_name) between 1 and 200),
    body          text not null check (length(body) between 1 and 2000),
    summary       text not null check (length(summary) between 1 and 500),
    created_at    timestamptz not null default now(),
    handled_at    timestamptz,
    unique (tenant_id, call_id, tool_call_id)
);
create index message_tenant_created on message (tenant_id, created_at desc);

-- Webhook deliveries, written in the transaction of the change they announce (a message taken, a
-- booking confirmed, cancelled or moved) and sent by a background sender: payload is the exact JSON
-- body signed and sent. A row is due when next_attempt_at has passed and no sender holds its lease
-- (locked_until); it ends delivered (delivered_at) or given up (failed_at) after the last attempt.
create table webhook_outbox (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id) on delete cascade,
    event           text not null check (event ~ '^[a-z]+\.[a-z_]+$'),
    payload         text not null,
    created_at      timestamptz not null default now(),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    locked_until    timestamptz,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text check (length(last_error) <= 500)
);
create index webhook_outbox_due on webhook_outbox (next_attempt_at) where delivered_at is null and failed_at is null;
create index webhook_outbox_tenant on webhook_outbox (tenant_id, created_at desc);
