import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInvite, findMember, membersWithRoles, overseenCodes, redeemInvite } from "../../src/db/members.js";
import { createTestDb, type TestDb } from "../support/db.js";

const NOW = new Date("2024-12-02T01:00:00Z");
const IN_3_DAYS = new Date("2024-12-05T01:00:00Z");

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

const account = (id: string, name = `Người dùng ${id}`) => ({ telegramUserId: id, chatId: id, name, now: NOW });

describe("invites", () => {
  it("binds the invite's role and unit to the new member", async () => {
    const invite = await createInvite(t.db, { role: "unit_head", unitCode: "QLKH", expiresAt: IN_3_DAYS });
    expect(invite.unit?.code).toBe("QLKH");
    const result = await redeemInvite(t.db, { code: invite.code, ...account("1001", "Trần Văn Bình") });
    if (!result.ok) throw new Error(result.reason);
    expect(result.member).toMatchObject({ telegramUserId: "1001", chatId: "1001", name: "Trần Văn Bình", role: "unit_head", reachable: true });
    expect(result.member.unit?.code).toBe("QLKH");
    expect((await findMember(t.db, "1001"))?.unit?.code).toBe("QLKH");
    expect(await t.db.invite.findUniqueOrThrow({ where: { id: invite.id } })).toMatchObject({ usedAt: NOW, usedBy: "1001" });
  });

  it("gives a director no unit", async () => {
    const invite = await createInvite(t.db, { role: "director", expiresAt: IN_3_DAYS });
    const result = await redeemInvite(t.db, { code: invite.code, ...account("2001") });
    expect(result.ok && { role: result.member.role, unitId: result.member.unitId }).toEqual({ role: "director", unitId: null });
  });

  it("gives a deputy the units the invite names, in the org's order; without any, a deputy oversees every unit", async () => {
    const invite = await createInvite(t.db, { role: "deputy", oversees: ["QLCN", "QLKH", "QLCN"], expiresAt: IN_3_DAYS });
    expect(invite.oversees.map((o) => o.unit.code)).toEqual(["QLKH", "QLCN"]);
    const result = await redeemInvite(t.db, { code: invite.code, ...account("4001") });
    if (!result.ok) throw new Error(result.reason);
    expect(result.member.oversees.map((o) => o.unit.code)).toEqual(["QLKH", "QLCN"]);
    expect(overseenCodes((await findMember(t.db, "4001"))!)).toEqual(["QLKH", "QLCN"]);
    expect(await t.db.oversight.count()).toBe(2);

    const ofAll = await createInvite(t.db, { role: "deputy", expiresAt: IN_3_DAYS });
    await redeemInvite(t.db, { code: ofAll.code, ...account("4002") });
    expect(overseenCodes((await findMember(t.db, "4002"))!)).toBeNull();
  });

  it("oversight is a deputy's only, and every unit code must exist", async () => {
    await expect(createInvite(t.db, { role: "secretary", oversees: ["QLKH"], expiresAt: IN_3_DAYS })).rejects.toThrow();
    await expect(createInvite(t.db, { role: "deputy", oversees: ["QLKH", "XYZ"], expiresAt: IN_3_DAYS })).rejects.toThrow();
    expect(await t.db.invite.count()).toBe(0);
    expect(await t.db.inviteOversight.count()).toBe(0);
  });

  it("accepts the code typed in lower case", async () => {
    const invite = await createInvite(t.db, { role: "secretary", expiresAt: IN_3_DAYS });
    const result = await redeemInvite(t.db, { code: invite.code.toLowerCase(), ...account("3001") });
    expect(result.ok && result.member.role).toBe("secretary");
  });

  it("works once: a second account using the same code is told it was used", async () => {
    const invite = await createInvite(t.db, { role: "unit_head", unitCode: "HCTH", expiresAt: IN_3_DAYS });
    expect((await redeemInvite(t.db, { code: invite.code, ...account("1001") })).ok).toBe(true);
    expect(await redeemInvite(t.db, { code: invite.code, ...account("1002") })).toEqual({ ok: false, reason: "used" });
    expect(await findMember(t.db, "1002")).toBeNull();
    expect(await t.db.member.count()).toBe(1);
  });

  it("expires: at and after its expiry time it is refused", async () => {
    const invite = await createInvite(t.db, { role: "deputy", expiresAt: NOW });
    expect(await redeemInvite(t.db, { code: invite.code, ...account("1001") })).toEqual({ ok: false, reason: "expired" });
    expect(await redeemInvite(t.db, { code: invite.code, ...account("1001"), now: new Date(NOW.getTime() + 86_400_000) })).toEqual({ ok: false, reason: "expired" });
    expect(await redeemInvite(t.db, { code: invite.code, ...account("1001"), now: new Date(NOW.getTime() - 1) })).toMatchObject({ ok: true });
  });

  it("says unknown for a code that was never issued", async () => {
    await createInvite(t.db, { role: "deputy", expiresAt: IN_3_DAYS });
    expect(await redeemInvite(t.db, { code: "ABCDEFGH", ...account("1001") })).toEqual({ ok: false, reason: "unknown" });
    expect(await t.db.member.count()).toBe(0);
  });

  it("refuses an account that is already registered and leaves the invite for someone else", async () => {
    const first = await createInvite(t.db, { role: "unit_head", unitCode: "QLKH", expiresAt: IN_3_DAYS });
    await redeemInvite(t.db, { code: first.code, ...account("1001") });
    const second = await createInvite(t.db, { role: "director", expiresAt: IN_3_DAYS });
    expect(await redeemInvite(t.db, { code: second.code, ...account("1001") })).toEqual({ ok: false, reason: "already_registered" });
    const member = await findMember(t.db, "1001");
    expect({ role: member?.role, unit: member?.unit?.code }).toEqual({ role: "unit_head", unit: "QLKH" });
    expect(await t.db.invite.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ usedAt: null, usedBy: null });
    expect((await redeemInvite(t.db, { code: second.code, ...account("2001") })).ok).toBe(true);
  });

  it("makes codes of 8 characters that cannot be misread (no 0/O/1/I/L), all different", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 150; i++) codes.push((await createInvite(t.db, { role: "deputy", expiresAt: IN_3_DAYS })).code);
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(codes.join("")).not.toMatch(/[01OIL]/);
    expect(new Set(codes).size).toBe(150);
  });
});

describe("members by role", () => {
  it("reads 1,500 members with their units and oversight, past SQLite's 999 bound values", async () => {
    const units = await t.db.unit.findMany({ orderBy: { position: "asc" } });
    await t.db.member.createMany({
      data: Array.from({ length: 1500 }, (_, i) => ({ telegramUserId: String(10_000 + i), chatId: String(10_000 + i), name: `Trưởng ${i}`, role: "unit_head" as const, unitId: units[i % units.length]!.id })),
    });
    const deputy = await t.db.member.create({ data: { telegramUserId: "9", chatId: "9", name: "Phó", role: "deputy", oversees: { create: [{ unitId: units[2]!.id }, { unitId: units[0]!.id }] } } });
    const members = await membersWithRoles(t.db, ["unit_head", "deputy"]);
    expect(members).toHaveLength(1501);
    expect(members[0]!.unit?.code).toBe(units[0]!.code);
    const read = members.find((m) => m.id === deputy.id)!;
    // Overseen units in the org's order, as a summary lists them.
    expect(overseenCodes(read)).toEqual([units[0]!.code, units[2]!.code]);
    expect((await membersWithRoles(t.db, ["director"])).length).toBe(0);
  });
});
