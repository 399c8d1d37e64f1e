-- Hits per key in fixed windows (sign-in attempts per network address, per account and address, per
-- account; applications per address): counted and read back in one statement, so that requests running at
-- once can never all pass a limit. Replaces the record of failed sign-ins, which was counted apart from the
-- attempt and let parallel guesses through.
CREATE TABLE rate_limits (
    key          TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    hits         BIGINT NOT NULL
);
DROP TABLE sign_in_failures;
