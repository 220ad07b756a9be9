import type { Db } from "./client.js";

/** A telegraf session store kept in the database, so a dialogue survives a restart. */
export function sessionStore<T>(db: Db) {
  return {
    async get(key: string): Promise<T | undefined> {
      const row = await db.session.findUnique({ where: { key } });
      return row ? (JSON.parse(row.data) as T) : undefined;
    },
    async set(key: string, value: T): Promise<void> {
      const data = JSON.stringify(value);
      await db.session.upsert({ where: { key }, create: { key, data }, update: { data } });
    },
    async delete(key: string): Promise<void> {
      await db.session.deleteMany({ where: { key } });
    },
  };
}
