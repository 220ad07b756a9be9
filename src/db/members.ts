import { randomInt } from "node:crypto";
import type { Member, Prisma, Unit } from "../generated/prisma/client.js";
import type { Role } from "../domain/types.js";
import type { Db } from "./client.js";

// No 0/O/1/I/L: codes are read aloud and typed by hand.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** The units a deputy oversees, in the org's order (the order a summary lists them). */
const overseen = { include: { unit: true }, orderBy: { unit: { position: "asc" } } } as const;

/** What a member is read with: a unit head's unit, a deputy's overseen units. */
const withUnits = { unit: true, oversees: overseen } satisfies Prisma.MemberInclude;

export async function createInvite(db: Db, input: { role: Role; unitCode?: string; oversees?: string[]; expiresAt: Date }) {
  const codes = [...new Set(input.oversees ?? [])];
  // Callers check the role's arguments; anything else here is a caller's bug, never a silent invite.
  if (codes.length > 0 && input.role !== "deputy") throw new Error("only a deputy oversees units");
  const unitId = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
  const unit = input.unitCode ? await unitId(input.unitCode) : null;
  const oversees = await Promise.all(codes.map(async (code) => ({ unitId: await unitId(code) })));
  return db.invite.create({
    data: { code: newCode(), role: input.role, unitId: unit, expiresAt: input.expiresAt, oversees: { create: oversees } },
    include: { unit: true, oversees: overseen },
  });
}

export type RedeemResult =
  | { ok: true; member: MemberWithUnit }
  | { ok: false; reason: "unknown" | "used" | "expired" | "already_registered" };

/** Binds a Telegram account to the invite's role, unit and oversight; the code works once and until it expires. */
export async function redeemInvite(
  db: Db,
  input: { code: string; telegramUserId: string; chatId: string; name: string; now: Date },
): Promise<RedeemResult> {
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { code: input.code.toUpperCase() }, include: { oversees: true } });
    if (!invite) return { ok: false, reason: "unknown" } as const;
    if (invite.usedAt) return { ok: false, reason: "used" } as const;
    if (invite.expiresAt <= input.now) return { ok: false, reason: "expired" } as const;
    if (await tx.member.findUnique({ where: { telegramUserId: input.telegramUserId } })) {
      return { ok: false, reason: "already_registered" } as const;
    }
    await tx.invite.update({ where: { id: invite.id }, data: { usedAt: input.now, usedBy: input.telegramUserId } });
    const member = await tx.member.create({
      data: {
        telegramUserId: input.telegramUserId,
        chatId: input.chatId,
        name: input.name,
        role: invite.role,
        unitId: invite.unitId,
        oversees: { create: invite.oversees.map(({ unitId }) => ({ unitId })) },
      },
      include: withUnits,
    });
    return { ok: true, member } as const;
  });
}

export type MemberWithUnit = Prisma.MemberGetPayload<{ include: typeof withUnits }>;

/** A member's row with its unit's columns, as findMember's one statement reads them. */
type MemberAndUnit = Member & { [K in keyof Unit as `unit_${K}`]: Unit[K] | null };

/**
 * The member of a Telegram account, with the unit and (a deputy's) oversight. Every update asks,
 * so the member and its unit come in one statement: Prisma would send one for each relation.
 */
export async function findMember(db: Db, telegramUserId: string): Promise<MemberWithUnit | null> {
  const [row] = await db.$queryRaw<MemberAndUnit[]>`
    SELECT m.*, u."id" AS "unit_id", u."code" AS "unit_code", u."name" AS "unit_name", u."aliases" AS "unit_aliases",
      u."position" AS "unit_position", u."active" AS "unit_active"
    FROM "Member" m LEFT JOIN "Unit" u ON u."id" = m."unitId"
    WHERE m."telegramUserId" = ${telegramUserId}`;
  if (!row) return null;
  const { unit_id: id, unit_code: code, unit_name: name, unit_aliases: aliases, unit_position: position, unit_active: active, ...member } = row;
  const unit = id === null ? null : { id, code: code!, name: name!, aliases: aliases!, position: position!, active: active! };
  const oversees = member.role === "deputy" ? await db.oversight.findMany({ where: { memberId: member.id }, ...overseen }) : [];
  return { ...member, unit, oversees };
}

/**
 * The codes of the units whose tasks a reader follows, or null for the whole department. Only a
 * deputy's view is narrowed, and one with no units listed oversees them all: a department may
 * have a single deputy for everything, and deputies registered before oversight keep what they saw.
 */
export function overseenCodes(member: Pick<MemberWithUnit, "role" | "oversees">): string[] | null {
  if (member.role !== "deputy" || member.oversees.length === 0) return null;
  return member.oversees.map((o) => o.unit.code);
}

/**
 * The members of `roles` with their units and oversight. Three queries whatever their number: a
 * relation include would bind every member's id, and SQLite takes at most 999 bound values.
 */
export async function membersWithRoles(db: Db, roles: Role[]): Promise<MemberWithUnit[]> {
  const where = { role: { in: roles } };
  const [members, units, oversight] = await Promise.all([
    db.member.findMany({ where, orderBy: { id: "asc" } }),
    db.unit.findMany(),
    db.oversight.findMany({ where: { member: where }, orderBy: { unit: { position: "asc" } } }),
  ]);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const overseenBy = new Map<number, MemberWithUnit["oversees"]>();
  for (const o of oversight) overseenBy.set(o.memberId, [...(overseenBy.get(o.memberId) ?? []), { ...o, unit: unitOf.get(o.unitId)! }]);
  return members.map((m) => ({ ...m, unit: m.unitId === null ? null : unitOf.get(m.unitId)!, oversees: overseenBy.get(m.id) ?? [] }));
}

/**
 * Who decides a unit's extension request: the deputies overseeing the unit (or all units), else
 * the director.
 */
export async function extensionDeciders(db: Db, unitId: number) {
  const deputies = await db.member.findMany({
    where: { role: "deputy", OR: [{ oversees: { some: { unitId } } }, { oversees: { none: {} } }] },
    include: withUnits,
    orderBy: { id: "asc" },
  });
  return deputies.length > 0 ? deputies : membersWithRoles(db, ["director"]);
}

export function unitHeads(db: Db, unitId: number) {
  return db.member.findMany({ where: { role: "unit_head", unitId }, include: { unit: true }, orderBy: { id: "asc" } });
}

export async function setReachable(db: Db, memberId: number, reachable: boolean): Promise<void> {
  await db.member.update({ where: { id: memberId }, data: { reachable } });
}
