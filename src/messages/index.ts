// Every text a user sees, in one module. Each area keeps its Vietnamese texts in vi/<area>.ts;
// another language would add a folder with the same shape.
export { admin } from "./vi/admin.js";
export { bot, roleName } from "./vi/bot.js";
export { common } from "./vi/common.js";
export { intake } from "./vi/intake.js";
export { summary } from "./vi/summary.js";
export { statusLabel, tasks } from "./vi/tasks.js";
