-- Users managed in the console (issue 15): an account made or reset by an administrator carries a
-- password its owner must replace at the first sign-in.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
