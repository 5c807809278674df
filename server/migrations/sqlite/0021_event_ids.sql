-- Nothing on SQLite: one instance numbers its own live events (see migrations/postgres/0021).
SELECT 1;
