export * from "../../src/emulator/index.js";
