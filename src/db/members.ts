import { randomInt } from "node:crypto";
import type { Role } from "../domain/types.js";
import type { Db } from "./client.js";

// No 0/O/1/I/L: codes are read aloud and typed by hand.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

export async function createInvite(db: Db, input: { role: Role; unitCode?: string; expiresAt: Date }) {
  // An unknown unit code is a caller's bug, never an invite without a unit.
  const unit = input.unitCode ? await db.unit.findUniqueOrThrow({ where: { code: input.unitCode } }) : null;
  return db.invite.create({
    data: { code: newCode(), role: input.role, unitId: unit?.id ?? null, expiresAt: input.expiresAt },
    include: { unit: true },
  });
}

export type RedeemResult =
  | { ok: true; member: MemberWithUnit }
  | { ok: false; reason: "unknown" | "used" | "expired" | "already_registered" };

/** Binds a Telegram account to the invite's role; the code works once and until it expires. */
export async function redeemInvite(
  db: Db,
  input: { code: string; telegramUserId: string; chatId: string; name: string; now: Date },
): Promise<RedeemResult> {
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { code: input.code.toUpperCase() } });
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
      },
      include: { unit: true },
    });
    return { ok: true, member } as const;
  });
}

export function findMember(db: Db, telegramUserId: string) {
  return db.member.findUnique({ where: { telegramUserId }, include: { unit: true } });
}

export type MemberWithUnit = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export function membersWithRoles(db: Db, roles: Role[]) {
  return db.member.findMany({ where: { role: { in: roles } }, include: { unit: true }, orderBy: { id: "asc" } });
}

export function unitHeads(db: Db, unitId: number) {
  return db.member.findMany({ where: { role: "unit_head", unitId }, include: { unit: true }, orderBy: { id: "asc" } });
}

export async function setReachable(db: Db, memberId: number, reachable: boolean): Promise<void> {
  await db.member.update({ where: { id: memberId }, data: { reachable } });
}
