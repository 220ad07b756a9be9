// The organisation file: the department's units and the names a notice uses for them.
import { z } from "zod";
import type { UnitInfo } from "./types.js";

const unitSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,15}$/, "unit_code"),
  name: z.string().trim().min(3, "unit_name_short").max(200),
  aliases: z.array(z.string().trim().min(2).max(200)).max(30).default([]),
});

const name = z.string().trim().min(2).max(300);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "day");

/** Who issues the notices the department imports: a notice of another body is questioned. */
const issuerSchema = z.object({
  /** The agency's names as a notice's header writes them ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"). */
  names: z.array(name).max(20).default([]),
  /** Number suffixes of its notices ("TB-SKHCN" in "Số: 12/TB-SKHCN"). */
  numberSuffixes: z.array(z.string().trim().min(2).max(40)).max(20).default([]),
});

/** A named set of units a notice may address at once ("các Ban HĐND Thành phố"). */
const groupSchema = z.object({
  name,
  aliases: z.array(name).max(30).default([]),
  units: z.array(z.string().trim()).min(1).max(1000),
});

/** The briefing report's header, signature and recipients (Nghị định 30/2020/NĐ-CP layout). */
const reportSchema = z.object({
  /** The parent body, upper case in the header ("UBND TỈNH QUẢNG NGÃI"). */
  parentBody: z.string().trim().max(200).default(""),
  /** The issuing body ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"). */
  issuingBody: z.string().trim().max(200).default(""),
  /** What follows "BC-" in "Số: …/BC-SKHCN". */
  numberSuffix: z.string().trim().max(40).default(""),
  place: z.string().trim().max(100).default(""),
  signer: z
    .object({
      /** "TL. GIÁM ĐỐC", "KT. GIÁM ĐỐC", "GIÁM ĐỐC". */
      authority: z.string().trim().max(100).default(""),
      title: z.string().trim().max(100).default(""),
      name: z.string().trim().max(100).default(""),
    })
    .default({ authority: "", title: "", name: "" }),
  /** "Nơi nhận:" lines, without the final "- Lưu: VT, …". */
  recipients: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
  /** What follows "Lưu: " ("VT, HCTH"). */
  archive: z.string().trim().max(100).default("VT"),
});

/** Each year's official changes to Vietnam's public holidays: extra days off, swapped working days. */
const calendarSchema = z.object({
  daysOff: z.array(isoDay).max(200).default([]),
  workingDays: z.array(isoDay).max(200).default([]),
});

const orgSchema = z
  .object({
    department: z.string().trim().min(3).max(300),
    units: z.array(unitSchema, { error: "no_unit" }).min(1, "no_unit").max(2000),
    issuer: issuerSchema.optional(),
    groups: z.array(groupSchema).max(100).default([]),
    briefing: z.object({ every: z.enum(["month", "week", "quarter"]).default("month") }).default({ every: "month" }),
    report: reportSchema.optional(),
    calendar: calendarSchema.default({ daysOff: [], workingDays: [] }),
  })
  .superRefine((org, ctx) => {
    // Keyed by the unit's index, not its code, so two units with the same code are caught too.
    const seen = new Map<string, number>();
    org.units.forEach((u, i) => {
      for (const name of [u.code, u.name, ...u.aliases]) {
        const key = name.normalize("NFC").toLowerCase();
        const owner = seen.get(key);
        if (owner !== undefined && owner !== i) {
          ctx.addIssue({ code: "custom", path: ["units", i], message: "name_taken", params: { name, owner: org.units[owner]!.code } });
          continue;
        }
        seen.set(key, i);
      }
    });
    const codes = new Set(org.units.map((u) => u.code));
    org.groups.forEach((g, i) => {
      for (const code of g.units) if (!codes.has(code)) ctx.addIssue({ code: "custom", path: ["groups", i, "units"], message: "group_unknown", params: { unit: code } });
    });
  });

export type Org = z.infer<typeof orgSchema>;
export type OrgGroup = Org["groups"][number];
export type ReportHeader = NonNullable<Org["report"]>;
export type BriefingRhythm = Org["briefing"]["every"];

/** What is wrong in an org file, as codes and data: src/messages says it in Vietnamese. */
export type OrgProblem = { path: string } & (
  | { code: "unit_code" | "unit_name_short" | "no_unit" | "day" }
  | { code: "name_taken"; name: string; owner: string }
  | { code: "group_unknown"; unit: string }
  /** A rule with no code of ours (a length, a type): zod's own words. */
  | { code: "not_json" | "invalid"; why: string }
);

const SIMPLE_CODES = new Set(["unit_code", "unit_name_short", "no_unit", "day"]);

function problemOf(issue: z.core.$ZodIssue): OrgProblem {
  const path = issue.path.join(".");
  if (issue.code === "custom" && issue.params) return { path, code: issue.message, ...issue.params } as OrgProblem;
  if (SIMPLE_CODES.has(issue.message)) return { path, code: issue.message } as OrgProblem;
  return { path, code: "invalid", why: issue.message };
}

export class OrgError extends Error {
  constructor(readonly problems: OrgProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.code}`).join("\n"));
  }
}

/** The settings of an org file that gives none of the optional fields. */
export function orgDefaults(): Omit<Org, "department" | "units"> {
  return { groups: [], briefing: { every: "month" }, calendar: { daysOff: [], workingDays: [] } };
}

/** Validates the text of an org file (JSON); throws OrgError listing every problem. */
export function parseOrg(text: string): Org {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new OrgError([{ path: "", code: "not_json", why: (e as Error).message }]);
  }
  const parsed = orgSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OrgError(parsed.error.issues.map(problemOf));
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
