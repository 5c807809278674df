-- The numbers of the apps' live events when several instances share this database: each
-- instance's events are numbered here as they are sent (`db::peers`), so every instance hands
-- them out with the same ids and a phone resumes on any of them with `Last-Event-ID`.
CREATE SEQUENCE event_ids;
