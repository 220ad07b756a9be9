// Every text a user sees, in one module. Each area keeps its Vietnamese texts in vi/<area>.ts;
// another language would add a folder with the same shape.
import { z } from "zod";

// zod's own validation messages (a number out of range, a wrong type) in Vietnamese too.
z.config(z.locales.vi());

export { admin } from "./vi/admin.js";
export { bot, COMMANDS, roleName } from "./vi/bot.js";
export { common } from "./vi/common.js";
export { delivery } from "./vi/delivery.js";
export { demo } from "./vi/demo.js";
export { draft, unitsLine } from "./vi/draft.js";
export { intake } from "./vi/intake.js";
export { summary } from "./vi/summary.js";
export { roleLabel, statusIcon, statusLabel, tasks } from "./vi/tasks.js";
