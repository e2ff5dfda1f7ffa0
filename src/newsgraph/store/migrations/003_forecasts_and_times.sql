-- Version 3: what a forecast rests on and what resolved it; the TIMEX3 details of times.
ALTER TABLE forecasts ADD COLUMN statement JSON;
ALTER TABLE forecasts ADD COLUMN proposition_event JSON;
ALTER TABLE forecasts ADD COLUMN "window" JSON;
ALTER TABLE forecasts ADD COLUMN resolved_event VARCHAR;
ALTER TABLE forecasts ADD COLUMN resolved_doc VARCHAR;
ALTER TABLE forecasts ADD COLUMN resolved_on VARCHAR;

-- Time expressions keep their TIMEX3 type, mod and precision.
ALTER TABLE times ADD COLUMN type VARCHAR;
ALTER TABLE times ADD COLUMN mod VARCHAR;
ALTER TABLE times ADD COLUMN precision VARCHAR;
