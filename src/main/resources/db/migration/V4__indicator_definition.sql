-- The indicator's definition as the run computed it (its settings as JSON, in the definition file's names), so that
-- `changes` and run.json can say which settings an analyst edited between two publications. Empty for runs that
-- computed before this column existed: their definitions are not known.
alter table indicator_comparison add column definition text not null default '';
