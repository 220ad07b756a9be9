import type { Db } from "./client.js";

/** Sessions kept in memory at most; beyond, the oldest is read from the database again when needed. */
const KEPT = 10_000;

/**
 * A telegraf session store kept in the database, so a dialogue survives a restart. The bot is the
 * only writer of sessions (one instance polls a token), so what it read or wrote last is kept in
 * memory too: a chat's session is read from the database once after a start, not on every update.
 */
export function sessionStore<T>(db: Db) {
  /** Key → the stored JSON, null when there is none; parsed on every get, so a handler changes its own copy. */
  const known = new Map<string, string | null>();
  const remember = (key: string, data: string | null) => {
    known.delete(key);
    if (known.size >= KEPT) known.delete(known.keys().next().value!);
    known.set(key, data);
  };
  return {
    async get(key: string): Promise<T | undefined> {
      const data = known.has(key) ? known.get(key)! : ((await db.session.findUnique({ where: { key } }))?.data ?? null);
      remember(key, data);
      return data === null ? undefined : (JSON.parse(data) as T);
    },
    async set(key: string, value: T): Promise<void> {
      const data = JSON.stringify(value);
      await db.session.upsert({ where: { key }, create: { key, data }, update: { data } });
      remember(key, data);
    },
    async delete(key: string): Promise<void> {
      await db.session.deleteMany({ where: { key } });
      remember(key, null);
    },
  };
}
