/**
 * PostgreSQL migration 2: several processes on one database (issue 13), as SQLite's migration 11
 * minus forget_epoch (this store keeps no name memory). round_refreshes claims the answer-count
 * edit of a round message; deliveries remembers platform delivery ids for a while; installations
 * holds an app's installation (credentials, JSON text: never logged) per team.
 */
export const SEVERAL_PROCESSES_SCHEMA = `
CREATE TABLE round_refreshes (
  round_id     bigint PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
  refreshed_at bigint NOT NULL
);

CREATE TABLE deliveries (
  delivery_key text COLLATE "C" PRIMARY KEY,
  seen_at      bigint NOT NULL
);
CREATE INDEX deliveries_by_time ON deliveries (seen_at);

CREATE TABLE installations (
  platform      text COLLATE "C" NOT NULL,
  team_id       text COLLATE "C" NOT NULL,
  enterprise_id text COLLATE "C",
  installation  text NOT NULL,
  installed_at  bigint NOT NULL,
  PRIMARY KEY (platform, team_id)
);
`;

/**
 * PostgreSQL migration 3, as SQLite's migration 12: the person who installed an app gets a column
 * (installer_id) so forget-me finds the installations holding their part (the JSON `user` member)
 * and removes it. Installations stored before carry the installer in that member only; their id
 * is copied out here (a row whose text is not JSON keeps none).
 */
export const INSTALLERS_SCHEMA = `
ALTER TABLE installations ADD COLUMN installer_id text COLLATE "C";
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT platform, team_id, installation FROM installations LOOP
    BEGIN
      UPDATE installations SET installer_id = r.installation::jsonb #>> '{user,id}'
      WHERE platform = r.platform AND team_id = r.team_id;
    EXCEPTION WHEN invalid_text_representation THEN
      NULL;
    END;
  END LOOP;
END $$;
`;
