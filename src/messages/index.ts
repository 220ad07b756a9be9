// Every text a user sees, in one module. Each area keeps its Vietnamese texts in vi/<area>.ts;
// another language would add a folder with the same shape.
export { common } from "./vi/common.js";
