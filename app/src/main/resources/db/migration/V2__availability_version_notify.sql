-- Every change of a day's availability version is announced on channel availability_version
-- ("<tenant> <day> <version>"), delivered when (and only if) the changing transaction commits.
-- Servers keep the versions they hear in memory and skip the version read while they listen.
create function notify_availability_version() returns trigger language plpgsql as $$
begin
    perform pg_notify('availability_version', new.tenant_id::text || ' ' || new.day::text || ' ' || new.version::text);
    return new;
end;
$$;

create trigger availability_version_notify
    after insert or update on availability_version
    for each row execute function notify_availability_version();
