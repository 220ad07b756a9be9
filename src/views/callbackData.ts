// Typed button payloads: `pack` builds the callback_data string (at most 64 bytes), `match` is the
// regular expression for bot.action, `unpack` reads a match back into typed fields.
type Fields = Record<string, "int" | "str">;
type Values<F extends Fields> = { [K in keyof F]: F[K] extends "int" ? number : string };

export function callbackData<F extends Fields>(prefix: string, fields: F) {
  const keys = Object.keys(fields) as (keyof F & string)[];
  const part = (k: keyof F) => (fields[k] === "int" ? "(\\d{1,9})" : "([A-Za-z0-9_]{1,20})");
  const match = new RegExp(`^${prefix}${keys.map((k) => `:${part(k)}`).join("")}$`);
  return {
    match,
    pack(values: Values<F>): string {
      return [prefix, ...keys.map((k) => String(values[k]))].join(":");
    },
    unpack(m: RegExpExecArray | RegExpMatchArray): Values<F> {
      return Object.fromEntries(keys.map((k, i) => [k, fields[k] === "int" ? Number(m[i + 1]) : m[i + 1]])) as Values<F>;
    },
  };
}

/** A status button on a task's card, for a unit's part: d done, p in progress, b blocked, e extension, n note. */
export const statusData = callbackData("st", { partId: "int", action: "str" });
/** A number button under a list: opens that part's card. */
export const openPartData = callbackData("pt", { partId: "int" });
/** A page button under a list: a reminder's (its delivery id) or a unit's (its unit id). */
export const listPageData = callbackData("pg", { kind: "str", id: "int", page: "int" });
/** Secretary's decision on an extension request: a approve, r refuse. */
export const extensionData = callbackData("ex", { requestId: "int", decision: "str" });
/** Import: preview (a collected paste). */
export const importData = callbackData("im", { action: "str" });
/** An import draft's view or correction: action with up to two numbers (a task or line, a unit or page). */
export const draftData = callbackData("dr", { id: "int", action: "str", a: "int", b: "int" });
/** New task dialogue: a unit code, "none" for no deadline, "cancel". */
export const newTaskData = callbackData("nt", { value: "str" });
/** A task's admin actions: d deadline, t text, u units, c cancel, y confirm cancel, a/k deadline of extended parts, s save units. */
export const taskAdminData = callbackData("tk", { taskId: "int", action: "str" });
/** The units editor of a stored task: a unit's role changed (unit index), or a page of units. */
export const taskUnitData = callbackData("tu", { taskId: "int", unit: "int" });
export const taskUnitPageData = callbackData("tp", { taskId: "int", page: "int" });
/** Which task part a reply was about. */
export const pickTaskData = callbackData("pk", { partId: "int" });
/** Staff choosing a unit's list in /tasks. */
export const unitListData = callbackData("tl", { unitCode: "str" });
