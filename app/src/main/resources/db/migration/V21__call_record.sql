-- One row per finished call: its gateway, the caller's and the dialled number, when it started and
-- ended, why it ended, and its turns as JSON (what the caller said, what the caller heard of the agent,
-- whether the caller interrupted, tool calls with arguments and results, latency). The caller's number
-- is the tenant's own customer data: the admin API shows it, logs never do. The server deletes rows
-- whose call ended longer ago than the retention (CALL_RECORD_RETENTION, 30 days by default).
create table call_record (
    id         uuid primary key,
    call_id    text not null,
    tenant_id  uuid references tenant (id) on delete cascade,
    gateway    text not null,
    caller     text,
    dialled    text,
    started_at timestamptz not null,
    ended_at   timestamptz not null,
    end_reason text not null,
    turn_count integer not null,
    turns      jsonb not null
);
create index call_record_started on call_record (started_at desc, id desc);
create index call_record_tenant_started on call_record (tenant_id, started_at desc, id desc);
create index call_record_caller_started on call_record (caller, started_at desc, id desc);
create index call_record_call_id on call_record (call_id);
create index call_record_ended on call_record (ended_at);
