-- find_my_bookings: a caller's upcoming confirmed bookings, by the number they call from.
create index appointment_customer_upcoming on appointment (tenant_id, customer_phone, starts_at)
    where status = 'confirmed' and customer_phone is not null;
