// `npm run demo`: the whole cycle on this machine, no token, no network. A Telegram Bot API
// emulator runs on 127.0.0.1, the real bot talks to it with a fresh database, and simulated people
// play a month: the secretary imports the seed notice, unit heads get reminders and answer, the
// director asks for the summary. The clock is moved by the script, the way the days would pass.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../config/env.js";
import { createInvite } from "../db/members.js";
import type { Role } from "../domain/types.js";
import { startEmulator, type BotMessage, type TestUser } from "../emulator/index.js";
import { createLogger } from "../logger.js";
import { demo as t, summary as summaryText } from "../messages/index.js";
import { runReminderPass } from "../services/reminders.js";
import { startServer } from "../server.js";
import { transcript } from "./transcript.js";

const NOTICE = resolve(import.meta.dirname, "..", "..", "examples", "conclusion-notice-2024-11.txt");
const OUTPUT_DIR = resolve("data", "demo");

let now = new Date();
const setClock = (local: string) => (now = new Date(`${local.replace(" ", "T")}:00+07:00`));

interface Person {
  user: TestUser;
  name: string;
}

async function main() {
  process.stdout.write(`${t.title}\n`);
  const emulator = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), "giaoban-demo-"));
  const config = loadConfig({ DATABASE_FILE: join(dir, "demo.db"), TELEGRAM_API_ROOT: emulator.apiRoot });
  setClock("2024-12-04 09:00");
  const server = await startServer({ ...config, botToken: emulator.token }, { clock: () => now, log: createLogger("warn", [emulator.token]) });
  const db = server.app.db;

  const answers = async (p: Person, what: number | ((m: BotMessage) => boolean) = 1) => {
    const messages = await p.user.waitForMessages(what, 5000);
    for (const m of messages) transcript.bot(p.name, m);
    return messages;
  };
  const say = async (p: Person, text: string, what?: number | ((m: BotMessage) => boolean)) => {
    transcript.user(p.name, text);
    await p.user.sendText(text);
    return answers(p, what);
  };
  const press = async (p: Person, message: BotMessage, label: string, what?: number | ((m: BotMessage) => boolean)) => {
    transcript.user(p.name, t.press(label));
    await p.user.press(message, label);
    return answers(p, what);
  };
  const join_ = async (id: number, name: string, role: Role, unitCode?: string): Promise<Person> => {
    const invite = await createInvite(db, { role, unitCode, expiresAt: new Date(now.getTime() + 72 * 3_600_000) });
    transcript.note(t.inviteCreated(name, invite.code));
    const person = { user: emulator.user({ id, firstName: name }), name };
    await say(person, `/start ${invite.code}`);
    return person;
  };

  try {
    transcript.scene("04/12/2024 09:00", t.sceneRegister);
    const secretary = await join_(1001, "Quang (HCTH)", "secretary");
    const director = await join_(1002, "Giám đốc Thành", "director");
    const hcth = await join_(1003, "Hà (TP. HCTH)", "unit_head", "HCTH");
    const qlkh = await join_(1004, "Minh (TP. QLKH)", "unit_head", "QLKH");

    transcript.scene("04/12/2024 09:10", t.sceneImport);
    await say(secretary, "/import");
    transcript.user(secretary.name, t.sendsFile("conclusion-notice-2024-11.txt"));
    await secretary.user.sendDocument({ fileName: "conclusion-notice-2024-11.txt", content: readFileSync(NOTICE) });
    const preview = await answers(secretary, (m) => !!m.reply_markup);
    await press(secretary, preview.at(-1)!, "💾 Lưu", (m) => m.text?.startsWith("Đã lưu") ?? false);
    await answers(hcth);
    await answers(qlkh);

    transcript.scene("23/12/2024 08:00", t.sceneReminder);
    setClock("2024-12-23 08:00");
    await runReminderPass(server.app);
    const [reminder] = await answers(hcth);
    const [card] = await press(hcth, reminder!, "1");
    await press(hcth, card!, "⏳ Đang làm", (m) => !m.edited);
    await say(hcth, "Đã trình dự thảo Chương trình công tác năm 2025, chờ Lãnh đạo Sở cho ý kiến.");

    transcript.scene("23/12/2024 10:30", t.sceneReport);
    const lists = await say(qlkh, "/tasks");
    const list = lists[0]!;
    const [third] = await press(qlkh, list, "3");
    await press(qlkh, third!, "✅ Xong", 1);
    const [first] = await press(qlkh, list, "1");
    await press(qlkh, first!, "⚠️ Vướng", (m) => !m.edited);
    await say(qlkh, "Chưa có lịch họp của Lãnh đạo Sở để cho ý kiến danh mục nhiệm vụ năm 2025.");

    transcript.scene("26/12/2024 15:00", t.sceneSummary);
    setClock("2024-12-26 15:00");
    const summary = await say(director, "/summary", (m) => !!m.reply_markup && m.text !== undefined);
    const files = await press(director, summary.at(-1)!, summaryText.buttons.docx, (m) => !!m.document);
    const doc = files.find((m) => m.document)?.document;
    if (doc) {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      const path = join(OUTPUT_DIR, doc.file_name);
      writeFileSync(path, doc.content);
      transcript.note(t.docxSaved(path));
    }
    transcript.note(t.done);
  } finally {
    await server.stop();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${t.failed}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
