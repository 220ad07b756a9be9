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
    if (!known.has(key) && known.size >= KEPT) known.delete(known.keys().next().value!);
    known.set(key, data);
  };
  return {
    async get(key: string): Promise<T | undefined> {
      if (!known.has(key)) {
        const row = await db.session.findUnique({ where: { key } });
        if (!known.has(key)) remember(key, row?.data ?? null); // unless saved meanwhile
      }
      const data = known.get(key)!;
      return data === null ? undefined : (JSON.parse(data) as T);
    },
    async set(key: string, value: T): Promise<void> {
      const data = JSON.stringify(value);
      remember(key, data); // first: of two updates of a chat at once, the last to save is the one kept, here as in the database
      await db.session.upsert({ where: { key }, create: { key, data }, update: { data } });
    },
    async delete(key: string): Promise<void> {
      remember(key, null);
      await db.session.deleteMany({ where: { key } });
    },
  };
}
