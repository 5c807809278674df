-- Cadres name cadres and advisors of their units in the app: each change is kept in the audit
-- log under the unit it changed, which the unit's cadres and those above read.
ALTER TABLE audit_log ADD COLUMN unit_id INTEGER;
CREATE INDEX audit_log_by_unit ON audit_log (unit_id, id);
