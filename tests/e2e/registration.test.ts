// Who may talk to the bot: registration through a one-time invite code, the polite line for an
// unknown account, per-role help and command menus, role refusals and /invite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTask } from "../../src/db/cycles.js";
import { monthPeriod } from "../../src/domain/cycles.js";
import { createInvite } from "../../src/db/members.js";
import { formatDateTime } from "../../src/domain/calendar.js";
import type { Role } from "../../src/domain/types.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t, COMMANDS, common } from "../../src/messages/index.js";
import { startTestBot, type TestBot } from "../support/bot.js";
import { memberOf } from "../support/data.js";

const QLKH = "Phòng Quản lý Khoa học";
const QLCN = "Phòng Quản lý công nghệ";
const NOW = "2024-12-04 09:00";

let tb: TestBot;
const db = () => tb.server.app.db;

/** Rows a refusal must leave alone. */
async function snapshot() {
  const d = db();
  return {
    members: await d.member.findMany({ orderBy: { id: "asc" } }),
    invites: await d.invite.findMany({ orderBy: { id: "asc" } }),
    // A session row is rewritten (new updatedAt) whenever a handler looks at it; an empty one
    // holds nothing.
    sessions: (await d.session.findMany({ orderBy: { key: "asc" } })).filter((s) => s.data !== "{}").map(({ key, data }) => ({ key, data })),
    cycles: await d.cycle.count(),
    parts: await d.taskPart.findMany({ orderBy: { id: "asc" } }),
    events: await d.taskEvent.count(),
    deliveries: await d.delivery.count(),
  };
}

/** Sends `text` and expects exactly one answer, returned. */
async function oneAnswer(user: TestUser, send: () => Promise<unknown>): Promise<BotMessage> {
  await send();
  const [answer, ...more] = await user.waitForMessages(1);
  expect(more).toEqual([]);
  await user.expectNoNewMessages(150);
  return answer!;
}

async function invite(role: Role, unitCode?: string, ttlMs = 3_600_000) {
  return createInvite(db(), { role, unitCode, expiresAt: new Date(tb.clock.now().getTime() + ttlMs) });
}

/** A fresh bot and database for the describe block it is called in. */
function freshBot() {
  beforeAll(async () => {
    tb = await startTestBot({ now: NOW });
  });
  afterAll(async () => tb?.close());
}

describe("registration with an invite code", () => {
  freshBot();
  it("binds the account to the invite's role and unit, and the welcome says which", async () => {
    const code = (await invite("unit_head", "QLKH")).code;
    const user = tb.emulator.user({ id: 7001, firstName: "Minh", lastName: "Trần" });
    const welcome = await oneAnswer(user, () => user.sendCommand(`/start ${code}`));
    expect(welcome.text).toBe(`${t.welcome("Minh Trần", "unit_head", QLKH)}\n\n${t.help("unit_head")}`);

    const member = await db().member.findUnique({ where: { telegramUserId: "7001" }, include: { unit: true } });
    expect(member).toMatchObject({ chatId: "7001", name: "Minh Trần", role: "unit_head", reachable: true });
    expect(member?.unit?.code).toBe("QLKH");
    const used = await db().invite.findUnique({ where: { code } });
    expect(used?.usedBy).toBe("7001");
    expect(used?.usedAt).not.toBeNull();
  });

  it("a director's welcome names the role and no unit; a code typed in lower case works", async () => {
    const code = (await invite("director")).code;
    const user = tb.emulator.user({ id: 7002, firstName: "Thành" });
    const welcome = await oneAnswer(user, () => user.sendCommand(`/start ${code.toLowerCase()}`));
    expect(welcome.text).toBe(`${t.welcome("Thành", "director", null)}\n\n${t.help("director")}`);
    expect(await db().member.findUnique({ where: { telegramUserId: "7002" } })).toMatchObject({ role: "director", unitId: null });
  });

  it("a code works once: a second account gets the 'used' text and is not registered", async () => {
    const code = (await invite("unit_head", "HCTH")).code;
    const first = tb.emulator.user({ id: 7003, firstName: "Hà" });
    await first.sendCommand(`/start ${code}`);
    await first.waitForMessages(1);

    const second = tb.emulator.user({ id: 7004, firstName: "Lan" });
    const before = await snapshot();
    const answer = await oneAnswer(second, () => second.sendCommand(`/start ${code}`));
    expect(answer.text).toBe(t.inviteUsed);
    expect(await snapshot()).toEqual(before);
    expect(await db().member.findUnique({ where: { telegramUserId: "7004" } })).toBeNull();
    // Still a stranger afterwards.
    const after = await oneAnswer(second, () => second.sendText("Xin chào"));
    expect(after.text).toBe(common.notRegistered);
  });

  it("an expired code gets the 'expired' text", async () => {
    const code = (await invite("secretary", undefined, 3_600_000)).code;
    const saved = tb.clock.now();
    tb.clock.set("2024-12-04 10:01"); // one hour and a minute later
    try {
      const user = tb.emulator.user({ id: 7005, firstName: "Bình" });
      const before = await snapshot();
      const answer = await oneAnswer(user, () => user.sendCommand(`/start ${code}`));
      expect(answer.text).toBe(t.inviteExpired);
      expect(await snapshot()).toEqual(before);
    } finally {
      tb.clock.set(NOW);
      expect(tb.clock.now()).toEqual(saved);
    }
  });

  it("an unknown code gets the 'unknown' text and nothing is stored", async () => {
    const user = tb.emulator.user({ id: 7006, firstName: "Nam" });
    const before = await snapshot();
    const answer = await oneAnswer(user, () => user.sendCommand("/start ZZZZ9999"));
    expect(answer.text).toBe(t.inviteUnknown);
    expect(await snapshot()).toEqual(before);
  });

  it("an account already registered is told so, and the code stays unused", async () => {
    const user = await tb.register(7007, "Quang", "secretary");
    const code = (await invite("director")).code;
    const answer = await oneAnswer(user, () => user.sendCommand(`/start ${code}`));
    expect(answer.text).toBe(t.alreadyRegistered);
    expect((await db().invite.findUnique({ where: { code } }))?.usedAt).toBeNull();
    expect((await db().member.findUnique({ where: { telegramUserId: "7007" } }))?.role).toBe("secretary");

    // Plain /start greets them again with their help.
    const again = await oneAnswer(user, () => user.sendCommand("/start"));
    expect(again.text).toBe(`${t.welcomeBack("Quang")}\n\n${t.help("secretary")}`);
  });
});

describe("the chat updates Telegram sends next to the messages", () => {
  freshBot();
  let seq = 900_000;

  /**
   * Telegram sends my_chat_member when a person starts (or blocks, or unblocks) the bot in a
   * private chat: a deep link t.me/<bot>?start=CODE yields it right before "/start CODE". The
   * emulator only relays messages and button presses, so this update is handed to the running bot
   * directly; its answers still go through the emulator.
   */
  async function chatMemberUpdate(user: TestUser, status: "member" | "kicked") {
    const old = status === "member" ? "kicked" : "member";
    const date = Math.floor(Date.now() / 1000);
    await tb.server.bot.handleUpdate({
      update_id: ++seq,
      my_chat_member: {
        chat: user.chat,
        from: user.from,
        date,
        old_chat_member: { status: old, user: tb.emulator.botUser, ...(old === "kicked" ? { until_date: 0 } : {}) },
        new_chat_member: { status, user: tb.emulator.botUser, ...(status === "kicked" ? { until_date: 0 } : {}) },
      },
    } as never);
  }

  it("a stranger opening the bot through an invite link gets the welcome only, not the 'not registered' line first", async () => {
    const code = (await invite("unit_head", "TTRA")).code;
    const user = tb.emulator.user({ id: 7400, firstName: "Tâm" });
    await chatMemberUpdate(user, "member");
    const welcome = await oneAnswer(user, () => user.sendCommand(`/start ${code}`));
    expect(welcome.text).toBe(`${t.welcome("Tâm", "unit_head", "Thanh tra Sở")}\n\n${t.help("unit_head")}`);
    expect(user.allMessages()).toHaveLength(1);
  });

  it("a stranger who blocks the bot is not written to", async () => {
    const user = tb.emulator.user({ id: 7401, firstName: "Lạ" });
    await chatMemberUpdate(user, "kicked");
    await user.expectNoNewMessages(150);
    expect(user.allMessages()).toHaveLength(0);
  });

  it("a member who blocks the bot is marked unreachable, and reachable again on unblocking", async () => {
    const user = await tb.register(7402, "Khoa", "unit_head", "QLKH");
    const reachable = async () => (await memberOf(db(), user)).reachable;
    await chatMemberUpdate(user, "kicked");
    expect(await reachable()).toBe(false);
    await chatMemberUpdate(user, "member");
    expect(await reachable()).toBe(true);
    await user.expectNoNewMessages(100);
  });
});

describe("an unregistered account", () => {
  freshBot();
  let stranger: TestUser;
  let taskId: number;

  beforeAll(async () => {
    stranger = tb.emulator.user({ id: 7100, firstName: "Lạ" });
    taskId = await addTask(db(), { period: monthPeriod("2024-12"), lead: ["QLKH"], support: [], content: "Một nhiệm vụ có sẵn", deadline: "2024-12-31", deadlineStated: false, memberId: null, at: tb.clock.now() });
  });

  it("gets exactly one polite line for a text, a command, a /start without code and a document; nothing is stored", async () => {
    const before = await snapshot();
    for (const send of [
      () => stranger.sendText("Cho tôi xem nhiệm vụ"),
      () => stranger.sendCommand("/tasks"),
      () => stranger.sendCommand("/summary"),
      () => stranger.sendCommand("/import"),
      () => stranger.sendCommand("/start"),
      () => stranger.sendCommand("/help"),
      () => stranger.sendDocument({ fileName: "thong-bao.txt", content: Buffer.from("2. Nhiệm vụ trọng tâm trong tháng 12 năm 2024\n") }),
    ]) {
      const answer = await oneAnswer(stranger, send);
      expect(answer.text).toBe(common.notRegistered);
      expect(answer.reply_markup?.inline_keyboard).toBeUndefined();
    }
    expect(await snapshot()).toEqual(before);
    expect(await db().member.findUnique({ where: { telegramUserId: "7100" } })).toBeNull();
    expect(await db().session.count({ where: { key: { contains: "7100" } } })).toBe(0);
  });

  it("gets an alert for a crafted button press, and the task is untouched", async () => {
    const before = await snapshot();
    const shown = stranger.allMessages().at(-1)!;
    for (const data of [`st:${taskId}:d`, "im:ok", `tk:${taskId}:y`]) {
      await stranger.press(shown, data, { unchecked: true });
      expect(await stranger.waitForCallbackAnswer()).toEqual({ text: common.notRegistered, show_alert: true });
    }
    await stranger.expectNoNewMessages(150);
    expect(await snapshot()).toEqual(before);
    expect((await db().taskPart.findFirstOrThrow({ where: { taskId } })).status).toBe("open");
  });
});

describe("help and command menus by role", () => {
  freshBot();
  let secretary: TestUser;
  let head: TestUser;

  beforeAll(async () => {
    secretary = await tb.register(7200, "Quang", "secretary");
    head = await tb.register(7201, "Hà", "unit_head", "HCTH");
  });

  it("/help differs by role: the secretary sees /import, the unit head does not", async () => {
    const forSecretary = await oneAnswer(secretary, () => secretary.sendCommand("/help"));
    expect(forSecretary.text).toBe(t.help("secretary"));
    expect(forSecretary.text).toContain("/import");
    expect(forSecretary.text).toContain("/invite");

    const forHead = await oneAnswer(head, () => head.sendCommand("/help"));
    expect(forHead.text).toBe(t.help("unit_head"));
    expect(forHead.text).not.toContain("/import");
    expect(forHead.text).not.toContain("/summary");
    expect(forHead.text).toContain("/tasks");
  });

  it("sets the command menu of each member's chat for the role, with the descriptions /help uses; the default menu has start and help", async () => {
    expect(tb.emulator.commands()).toEqual(t.startMenu);
    const headMenu = tb.emulator.commands({ type: "chat", chat_id: head.chatId })!;
    expect(headMenu.map((c) => c.command)).toEqual(["tasks", "task", "cancel", "help"]);
    // One description a role's command: the menu and /help come from the same list.
    expect(headMenu).toEqual(COMMANDS.unit_head.map((c) => ({ command: c.command, description: c.menu })));
    for (const c of COMMANDS.unit_head) expect(t.help("unit_head")).toContain(c.help);
    const secretaryMenu = tb.emulator.commands({ type: "chat", chat_id: secretary.chatId })!.map((c) => c.command);
    expect(secretaryMenu).toEqual(expect.arrayContaining(["import", "newtask", "tasks", "task", "remind", "summary", "invite", "help", "cancel"]));
    expect(secretaryMenu).not.toContain("start");
    // Nobody unregistered gets a menu of their own.
    expect(tb.emulator.commands({ type: "chat", chat_id: 7100 })).toBeUndefined();
  });

  it("a restart sets only the menus that changed since they were last set, not every member's again", async () => {
    const menuCalls = () => tb.emulator.calls.filter((c) => c.method === "setMyCommands").length;
    let before = menuCalls();
    await tb.restart();
    expect(menuCalls()).toBe(before);

    // The head's menu as last set is forgotten (as after an upgrade that changes a role's commands).
    await db().setting.delete({ where: { key: `menu:${head.chatId}` } });
    tb.emulator.commandSets.clear();
    before = menuCalls();
    await tb.restart();
    expect(menuCalls()).toBe(before + 1);
    expect(tb.emulator.commands({ type: "chat", chat_id: head.chatId })?.map((c) => c.command)).toEqual(["tasks", "task", "cancel", "help"]);
    expect(tb.emulator.commands({ type: "chat", chat_id: secretary.chatId })).toBeUndefined();
    await tb.restart();
    expect(menuCalls()).toBe(before + 1);
  });

  it("a unit head is refused the staff commands and nothing changes", async () => {
    const before = await snapshot();
    for (const command of ["/import", "/newtask", "/remind", "/invite unit_head HCTH", "/summary"]) {
      const answer = await oneAnswer(head, () => head.sendCommand(command));
      expect(answer.text, command).toBe(t.notAllowed);
    }
    // /import did not open an import: a pasted text afterwards is not taken as a notice part.
    const after = await oneAnswer(head, () => head.sendText("2. Nhiệm vụ trọng tâm trong tháng 12 năm 2024"));
    expect(after.text).toBe(t.notUnderstood);
    // Nor does a crafted import button do anything.
    await head.press(after, "im:ok", { unchecked: true });
    expect(await head.waitForCallbackAnswer()).toEqual({ text: t.notAllowed, show_alert: true });
    await head.expectNoNewMessages(150);
    expect(await snapshot()).toEqual(before);
  });

  it("an unknown command gets the unknown-command text", async () => {
    const answer = await oneAnswer(head, () => head.sendCommand("/baocao"));
    expect(answer.text).toBe(t.unknownCommand);
    const forSecretary = await oneAnswer(secretary, () => secretary.sendCommand("/xyz 12"));
    expect(forSecretary.text).toBe(t.unknownCommand);
  });
});

describe("/invite", () => {
  freshBot();
  let secretary: TestUser;

  beforeAll(async () => {
    secretary = await tb.register(7300, "Quang", "secretary");
  });

  /** The code an invite answer gives, and when it expires as the answer says it. */
  function inviteIn(answer: BotMessage) {
    const code = /\/start ([A-Z0-9]{8})\b/.exec(answer.text ?? "")?.[1];
    expect(code, answer.text).toBeDefined();
    const expires = new Date(tb.clock.now().getTime() + tb.server.app.config.inviteTtlHours * 3_600_000);
    return { code: code!, expires: formatDateTime(expires, tb.server.app.config.timeZone) };
  }

  it("creates a code that another account registers with", async () => {
    const answer = await oneAnswer(secretary, () => secretary.sendCommand("/invite unit_head qlkh"));
    const { code, expires } = inviteIn(answer);
    expect(answer.text).toBe(t.inviteCreated(code, "unit_head", QLKH, expires));
    expect(await db().invite.findUnique({ where: { code }, include: { unit: true } })).toMatchObject({ role: "unit_head", usedAt: null, unit: { code: "QLKH" } });

    const invited = tb.emulator.user({ id: 7301, firstName: "Phúc" });
    const welcome = await oneAnswer(invited, () => invited.sendCommand(`/start ${code}`));
    expect(welcome.text).toBe(`${t.welcome("Phúc", "unit_head", QLKH)}\n\n${t.help("unit_head")}`);
    expect(await db().member.findUnique({ where: { telegramUserId: "7301" }, include: { unit: true } })).toMatchObject({ role: "unit_head", unit: { code: "QLKH" } });
    expect(tb.emulator.commands({ type: "chat", chat_id: 7301 })?.map((c) => c.command)).toEqual(["tasks", "task", "cancel", "help"]);
  });

  it("a deputy invite needs no unit", async () => {
    const answer = await oneAnswer(secretary, () => secretary.sendCommand("/invite deputy"));
    expect(answer.text).toMatch(/^Mã mời cho Phó Giám đốc: [A-Z0-9]{8}\n/);
  });

  it("a deputy invite may name the units they oversee, by commas or spaces; /start gives them and the welcome names them", async () => {
    const overseen = [QLKH, QLCN];
    let code = "";
    for (const command of ["/invite deputy QLKH,QLCN", "/invite deputy qlcn  qlkh"]) {
      const answer = await oneAnswer(secretary, () => secretary.sendCommand(command));
      const invite = inviteIn(answer);
      expect(answer.text, command).toBe(t.inviteCreated(invite.code, "deputy", null, invite.expires, overseen));
      code = invite.code;
    }
    const invited = tb.emulator.user({ id: 7302, firstName: "Phó" });
    const welcome = await oneAnswer(invited, () => invited.sendCommand(`/start ${code}`));
    expect(welcome.text).toBe(`${t.welcome("Phó", "deputy", null, overseen)}\n\n${t.help("deputy")}`);
    const member = await db().member.findUniqueOrThrow({ where: { telegramUserId: "7302" }, include: { oversees: { include: { unit: true } } } });
    expect(member.oversees.map((o) => o.unit.code).sort()).toEqual(["QLCN", "QLKH"]);
  });

  it("answers bad arguments with the usage, unknown units of a deputy with the known codes, and creates nothing", async () => {
    const before = await snapshot();
    for (const command of ["/invite", "/invite boss", "/invite unit_head", "/invite unit_head XYZ", "/invite secretary QLKH", "/invite director QLKH,QLCN"]) {
      const answer = await oneAnswer(secretary, () => secretary.sendCommand(command));
      expect(answer.text, command).toBe(t.inviteUsage);
    }
    const unknown = await oneAnswer(secretary, () => secretary.sendCommand("/invite deputy QLKH,XYZ abc"));
    expect(unknown.text).toBe(t.inviteUnknownUnits(["XYZ", "ABC"], ["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"]));
    expect(await snapshot()).toEqual(before);
  });
});
