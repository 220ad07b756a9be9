// The notice's header and preamble: number, issuing body, date of issue, date of the briefing,
// and the next briefing when the notice names it.
import { makeDay } from "../calendar.js";
import type { Org } from "../org.js";
import type { NoticeFinding, ParsedNotice } from "../types.js";
import { normaliseUnitName } from "./units.js";

const NUM_DATE = String.raw`(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})`;
const WORD_DATE = String.raw`(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`;
const DATED = new RegExp(String.raw`ngày\s+(?:${NUM_DATE}|${WORD_DATE})`, "i");
const ISSUED_ON = new RegExp(String.raw`,\s?ngày\s+(?:${NUM_DATE}|${WORD_DATE})`, "i");
const NEXT_BRIEFING = new RegExp(
  String.raw`giao ban\s+(?:tiếp theo|kế tiếp|kỳ tới|lần tới|tháng tới|tuần tới|quý tới|tháng \d{1,2}(?:\s?/\s?\d{4})?)[^.;\n]{0,80}?ngày\s+(?:${NUM_DATE}|${WORD_DATE})`,
  "gi",
);

/** The first line of a header's issuing body: an upper-case agency name. */
const AGENCY = /^(?:UBND|ỦY BAN|UỶ BAN|HĐND|HỘI ĐỒNG|SỞ|BAN|VĂN PHÒNG|BỘ|CỤC|TỔNG CỤC|CHI CỤC|TRUNG TÂM|BỆNH VIỆN|TRƯỜNG|THANH TRA|CÔNG AN|KHO BẠC|ĐÀI|BÁO|PHÒNG|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY)(?=\s|$)/u;
const NATIONAL = /^(?:CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP)/iu;

function dateOf(m: RegExpMatchArray | null): string | null {
  if (!m) return null;
  const [d, mo, y] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  return makeDay(Number(y), Number(mo), Number(d));
}

function firstOf(lines: string[], read: (line: string) => string | null): string | null {
  for (const line of lines) {
    const found = read(line);
    if (found) return found;
  }
  return null;
}

/** "Số: /TB-SKHCN" → "/TB-SKHCN"; stops before a following word ("Quảng Ngãi, ngày …" of a table row). */
function readNumber(line: string): string | null {
  const m = /^Số\s?:\s?(\S*(?: [^\s\p{L}]\S*)*)/iu.exec(line);
  return m?.[1] || null;
}

/** The first "ngày …" in a sentence about the briefing. */
function readMeetingOn(line: string): string | null {
  for (const sentence of line.split(/(?<=[.;])\s/)) {
    if (/giao ban|cuộc họp|chủ trì họp/i.test(sentence)) {
      const found = dateOf(DATED.exec(sentence));
      if (found) return found;
    }
  }
  return null;
}

/**
 * The issuing body: the last upper-case agency name of the header, with the upper-case lines that
 * continue it ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI"); a parent body above it is not the issuer.
 */
function readIssuer(lines: string[]): string | null {
  let issuer: string | null = null;
  let open = false;
  for (const line of lines) {
    if (/^(?:Số|THÔNG BÁO)(?=\s|:|$)/u.test(line)) break;
    const upper = line === line.toUpperCase() && /\p{Lu}/u.test(line) && !NATIONAL.test(line);
    if (upper && AGENCY.test(line)) issuer = line;
    else if (upper && open) issuer += ` ${line}`;
    open = upper && issuer !== null;
  }
  return issuer;
}

/** What the preamble says; the period and month are the parser's to fill. */
export function readMeta(preamble: string[]): ParsedNotice["notice"] {
  // Copied from a web page, a header cell breaks its lines anywhere ("Số:" / "08/TB-UBND",
  // "Quảng Bình," / "ngày 25 tháng 5 năm 2015"): the header's lines joined are read too.
  const title = preamble.findIndex((l) => /^THÔNG BÁO/u.test(l));
  const header = (title < 0 ? preamble : preamble.slice(0, title)).filter((l) => l !== "|");
  const joined = [header.join(" ")];
  return {
    number: firstOf(preamble, readNumber) ?? firstOf(joined, (l) => readNumber(l.slice(Math.max(0, l.search(/Số\s?:/u))))),
    issuedOn: firstOf(preamble, (l) => dateOf(ISSUED_ON.exec(l))) ?? firstOf(joined, (l) => dateOf(ISSUED_ON.exec(l))),
    meetingOn: firstOf(preamble, readMeetingOn),
    month: null,
    period: null,
    issuer: readIssuer(preamble),
  };
}

/**
 * The date of the next briefing, when the notice names it ("Cuộc họp giao ban tiếp theo vào ngày
 * 27/12/2024", "Giao ban tháng 12/2024 tổ chức vào ngày 27/12/2024"): a briefing after this one.
 */
export function readNextBriefing(text: string, meetingOn: string | null): string | null {
  for (const m of text.matchAll(NEXT_BRIEFING)) {
    const day = dateOf(m);
    if (day && (!meetingOn || day > meetingOn)) return day;
  }
  return null;
}

/** A notice whose header names another body, or whose number carries another suffix, than the org's. */
export function issuerDoubt(notice: ParsedNotice["notice"], org: Pick<Org, "issuer">): NoticeFinding | null {
  const names = (org.issuer?.names ?? []).map(normaliseUnitName);
  const suffixes = (org.issuer?.numberSuffixes ?? []).map(suffixKey);
  const issuer = notice.issuer ? normaliseUnitName(notice.issuer) : null;
  const suffix = notice.number?.includes("/") ? suffixKey(notice.number.slice(notice.number.indexOf("/") + 1)) : null;
  const otherName = issuer !== null && names.length > 0 && !names.some((n) => issuer.includes(n) || n.includes(issuer));
  const otherSuffix = !!suffix && suffixes.length > 0 && !suffixes.includes(suffix);
  return otherName || otherSuffix ? { code: "other_issuer", issuer: notice.issuer, number: notice.number } : null;
}

const suffixKey = (s: string) => s.toUpperCase().replace(/\s+/g, "");
