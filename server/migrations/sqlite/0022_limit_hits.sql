-- Nothing on SQLite: one instance counts the limits in its memory (see migrations/postgres/0022).
SELECT 1;
