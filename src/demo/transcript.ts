// Prints a demo conversation the way a reader follows a chat: who said what, what the bot answered,
// the buttons under it. Long bot messages are cut to their first lines.
import type { BotMessage } from "../emulator/index.js";
import { demo as t } from "../messages/index.js";

const MAX_LINES = 14;
/** An edited message is shown again only by its first lines and its buttons: what changed. */
const MAX_EDITED_LINES = 2;

function indent(text: string, prefix: string, max = MAX_LINES): string {
  const lines = text.split("\n");
  const shown = lines.length > max ? [...lines.slice(0, max), t.moreLines(lines.length - max)] : lines;
  return shown.map((l) => `${prefix}${l}`).join("\n");
}

export const transcript = {
  scene(when: string, what: string) {
    process.stdout.write(`\n══ ${when} — ${what} ══\n`);
  },
  user(name: string, text: string) {
    process.stdout.write(`\n👤 ${name}:\n${indent(text, "   ")}\n`);
  },
  bot(to: string, message: BotMessage) {
    const file = message.document ?? (message.photo && { file_name: "chart.png", content: message.photo.content });
    const body = file ? t.document(file.file_name, file.content.length, message.caption ?? "") : (message.text ?? "");
    const max = message.edited ? MAX_EDITED_LINES : MAX_LINES;
    process.stdout.write(`\n🤖 ${message.edited ? t.edited : t.botTo(to)}:\n${indent(body, "   ", max)}\n`);
    const buttons = message.reply_markup?.inline_keyboard?.map((row) => row.map((b) => `[${b.text}]`).join(" "));
    if (buttons?.length) process.stdout.write(`${indent(buttons.join("\n"), "   ", buttons.length)}\n`);
  },
  note(text: string) {
    process.stdout.write(`\n${text}\n`);
  },
};
