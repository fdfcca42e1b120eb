import { randomUUID } from "node:crypto";
import { digest, generateApiKey } from "@homebase/core";
import { closeDb, openDb } from "@homebase/db";

export const KEYS_PER_USER = 10;

/**
 * `count` API keys of `count / 10` users, inserted as the API stores them (key ID as primary
 * key, SHA-256 of the secret), before the API starts; with `runsPerUser`, each user also gets a
 * project "seeded" with that many running runs (the lookups of file_stream then search real
 * indexes). The bench user and its key come later, through the API itself.
 */
export function seedKeys(file: string, count: number, options: { runsPerUser?: number } = {}) {
  const runsPerUser = options.runsPerUser ?? 0;
  const db = openDb({ file });
  const sqlite = db.$client;
  const now = Date.now();
  const insertUser = sqlite.prepare(
    "insert into users (id, username, email, password_hash, created_at) values (?, ?, ?, 'seeded', ?)",
  );
  const insertEntity = sqlite.prepare("insert into entities (id, name, kind, created_at) values (?, ?, 'user', ?)");
  const insertKey = sqlite.prepare(
    "insert into api_keys (id, name, user_id, secret_digest, created_at, last_used_at) values (?, ?, ?, ?, ?, ?)",
  );
  const insertProject = sqlite.prepare(
    "insert into projects (id, entity_id, name, privacy, code_saving, created_by_id, created_at) values (?, ?, 'seeded', 'private', 0, ?, ?)",
  );
  const insertRun = sqlite.prepare(
    "insert into runs (id, entity_id, project_id, run_id, name, state, created_by_id, created_at, last_heartbeat_at) values (?, ?, ?, ?, ?, 'running', ?, ?, ?)",
  );
  sqlite.transaction(() => {
    let userId = "";
    for (let i = 0; i < count; i++) {
      if (i % KEYS_PER_USER === 0) {
        userId = randomUUID();
        const name = `seed-${i / KEYS_PER_USER}`;
        insertUser.run(userId, name, `${name}@example.com`, now);
        insertEntity.run(userId, name, now);
        if (runsPerUser > 0) {
          const projectId = randomUUID();
          insertProject.run(projectId, userId, userId, now);
          for (let r = 0; r < runsPerUser; r++) {
            const id = randomUUID();
            insertRun.run(id, userId, projectId, id.slice(0, 8), `seeded-run-${r}`, userId, now, now);
          }
        }
      }
      const key = generateApiKey();
      insertKey.run(key.id, `key ${i}`, userId, digest(key.secret), now - i, i % 3 === 0 ? now - i * 1000 : null);
    }
  })();
  closeDb(db);
}
