-- A business under strict supervision (重点监管, after repeated sampling failures) is visited more:
-- these inspections a year on top of its grade's (supervision/plan.c), while it lasts.
INSERT INTO settings(key, value) VALUES ('sampling_strict_extra_visits', '2');
