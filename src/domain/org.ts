// The organisation file: the department's units and the names a notice uses for them.
import { z } from "zod";
import { admin as t } from "../messages/index.js";
import type { UnitInfo } from "./types.js";

const unitSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,15}$/, t.orgCode),
  name: z.string().trim().min(3, t.orgNameShort).max(200),
  aliases: z.array(z.string().trim().min(2).max(200)).max(30).default([]),
});

const orgSchema = z
  .object({
    department: z.string().trim().min(3).max(300),
    units: z.array(unitSchema, { error: t.orgNoUnit }).min(1, t.orgNoUnit).max(200),
  })
  .superRefine((org, ctx) => {
    // Keyed by the unit's index, not its code, so two units with the same code are caught too.
    const seen = new Map<string, number>();
    org.units.forEach((u, i) => {
      for (const name of [u.code, u.name, ...u.aliases]) {
        const key = name.normalize("NFC").toLowerCase();
        const owner = seen.get(key);
        if (owner !== undefined && owner !== i) {
          ctx.addIssue({ code: "custom", path: ["units", i], message: t.orgNameTaken(name, org.units[owner]!.code) });
          continue;
        }
        seen.set(key, i);
      }
    });
  });

export interface Org {
  department: string;
  units: UnitInfo[];
}

export class OrgError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** Validates the text of an org file (JSON); throws OrgError listing every problem. */
export function parseOrg(text: string): Org {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new OrgError([t.orgNotJson((e as Error).message)]);
  }
  const parsed = orgSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OrgError(parsed.error.issues.map((i) => `${i.path.join(".") || t.orgRoot}: ${i.message}`));
  }
  return parsed.data;
}

/** Unit codes as typed after /invite or --units ("QLKH,QLCN", "qlkh qlcn"): upper case, each once. */
export function unitCodesIn(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase()))];
}

/** Those of `codes` that name none of `units`. */
export function unknownCodes(codes: string[], units: UnitInfo[]): string[] {
  return codes.filter((code) => !units.some((u) => u.code === code));
}
