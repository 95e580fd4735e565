-- What a business's phone agent is told and says: its own greeting, extra instructions for the
-- agent, the language it speaks and the currency of its prices. All optional: a null falls back to
-- the server's configured greeting, no extra instructions, English, and prices without a currency.
alter table tenant
    add column greeting           text check (length(greeting) between 1 and 500),
    add column agent_instructions text check (length(agent_instructions) between 1 and 4000),
    add column language           text check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    add column currency           text check (currency ~ '^[A-Z]{3}$');
