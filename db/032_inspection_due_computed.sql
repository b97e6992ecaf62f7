-- Inspection due dates as deadlines (issue 10; DOMAIN.md "Calendar"): a due date the platform
-- computed (20 working days on the holiday calendar, src/domain/supervision/inspect.c) is provisional
-- while a year it counts through has no State Council notice loaded; one an official chose is not.
-- 1: computed by the deadline engine; 0: chosen by hand (and every inspection before this column).
ALTER TABLE inspections ADD COLUMN due_computed INTEGER NOT NULL DEFAULT 0;
