// Who a heading or a sentence gives the work to: responsible (chủ trì) and coordinating (phối hợp)
// units.
//
// Decisions:
// - "Giao X", "Đề nghị X", "Yêu cầu X", "Đối với X", and "X chủ trì" at the start of a clause name
//   X explicitly: X is responsible, whatever heading the sentence stands under.
// - X at the start of a clause followed by anything else ("Văn phòng nghiên cứu, …") is the
//   subject: responsible only where no heading already names the units.
// - "phối hợp (với) Y" and "(trao đổi,) thống nhất với Y" make Y coordinating, never responsible.
//   "Chủ trì, phối hợp với các phòng, đơn vị" under HCTH: HCTH is responsible, every other unit
//   coordinates (what the text says).
// - What follows "theo hướng" is the content of a proposal ("… theo hướng: Bộ X chủ trì …; Bộ Y
//   chủ trì …"), not an assignment: names there give no role.
// - A name inside a clause ("… của Trung tâm … chủ trì thực hiện") assigns nothing: it is usually
//   a cited actor, not the one given the task.
import type { Line } from "./outline.js";
import { normaliseInline, unique, unitListAt, type UnitIndex } from "./units.js";

export interface Roles {
  explicit: string[];
  subject: string[];
  support: string[];
}

const SUPPORT = /(?<![\p{L}])(?:phối hợp(?: chặt chẽ)?(?: với)?|thống nhất với) /gu;
const ASSIGN = /(?<![\p{L}])(?:giao(?: cho)?|đề nghị|yêu cầu|đối với) /gu;
const CLAUSE_START = /(?:^|[.;:(]\s?)(?=\p{L})/gu;
const LEAD = /^,?\s?(?:là đơn vị |làm )?chủ trì/u;
const PROPOSAL = /(?<![\p{L}])theo hướng(?![\p{L}])/u;
/**
 * An item of a coordinating list that names nobody of the org: "UBND các huyện", "thị xã", "các
 * cơ quan", "đơn vị có liên quan", "các sở, ngành liên quan", "địa phương".
 */
const GENERAL = /^(?:(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) )?(?:các )?(?:huyện|thị xã|thành phố|xã|phường|thị trấn|cơ quan|đơn vị|sở|ban|ngành|địa phương|tổ chức|cá nhân)(?: (?:có )?liên quan)?(?![\p{L}])/u;
/** What goes on from an item of the list to the next. */
const AFTER_GENERAL = /^(?:, | và | cùng )/u;

/**
 * The units of a coordinating list at `pos`: every name of the list, past the general items
 * among them ("phối hợp với UBND các huyện và Sở Tài chính": Sở Tài chính). A name of the org is
 * tried first at each item, so "Sở Tài chính" is never read as the general "sở".
 */
function supportListAt(index: UnitIndex, norm: string, pos: number): string[] {
  const codes: string[] = [];
  for (let at = pos; ; ) {
    const list = unitListAt(index, norm, at);
    if (list) {
      codes.push(...list.codes);
      at = list.end;
    } else {
      const general = GENERAL.exec(norm.slice(at, at + 120));
      if (!general) break;
      at += general[0].length;
    }
    const sep = AFTER_GENERAL.exec(norm.slice(at, at + 6));
    if (!sep) break;
    at += sep[0].length;
  }
  return codes;
}

export function rolesIn(index: UnitIndex, text: string): Roles {
  const whole = normaliseInline(text);
  const proposal = whole.search(PROPOSAL);
  const norm = proposal < 0 ? whole : whole.slice(0, proposal);
  const listAfter = (re: RegExp) => [...norm.matchAll(re)].flatMap((m) => unitListAt(index, norm, m.index + m[0].length)?.codes ?? []);
  const explicit = listAfter(ASSIGN);
  const support = [...norm.matchAll(SUPPORT)].flatMap((m) => supportListAt(index, norm, m.index + m[0].length));
  const subject: string[] = [];
  for (const m of norm.matchAll(CLAUSE_START)) {
    const list = unitListAt(index, norm, m.index + m[0].length);
    if (!list) continue;
    (LEAD.test(norm.slice(list.end, list.end + 24)) ? explicit : subject).push(...list.codes);
  }
  return { explicit: unique(explicit), subject: unique(subject), support: unique(support) };
}

/** The words a body's name starts with; the name goes on with a capital ("Sở Tài chính", not "Ban hành"). */
const UNIT_WORD = /^(?:phòng|sở|ban|văn phòng|thanh tra|trung tâm|chi cục|cục|ubnd|ủy ban|uỷ ban|công an|bộ chỉ huy|đài|báo|trường|bệnh viện|hội|kho bạc|viện) /u;

function looksLikeUnit(name: string): boolean {
  const word = UNIT_WORD.exec(name.toLowerCase());
  return !!word && /\p{Lu}/u.test(name.charAt(word[0].length));
}

export type HeadingUnits =
  | { kind: "units"; codes: string[]; rest: string }
  | { kind: "unknown"; head: string }
  | { kind: "none" };

/**
 * A line that names the units of what follows: "a) Sở Tài chính:", "2.2. Văn phòng Sở:",
 * "(5) Thanh tra Sở", "4. Giao Ban Pháp chế", "Đối với Sở Y tế: …", "d) Sở Xây dựng, Sở Giao
 * thông vận tải:", "(1) Các phòng, đơn vị … sau:". `rest` is the text after its colon; "unknown":
 * it looks like a unit's name that matches none (told apart from a topic by its words).
 */
function headingUnits(index: UnitIndex, line: Line): HeadingUnits {
  if (line.kind === "table") return { kind: "none" };
  const colon = line.text.indexOf(":");
  const head = colon < 0 ? line.text : line.text.slice(0, colon);
  const rest = colon < 0 ? "" : line.text.slice(colon + 1).trim();
  const norm = normaliseInline(head).trim().replace(/[.\s]+$/, "");
  const start = /^(?:giao(?: cho)?|đối với|đề nghị|yêu cầu) /u.exec(norm)?.[0].length ?? 0;
  const list = unitListAt(index, norm, start);
  if (list && list.end === norm.length) return { kind: "units", codes: list.codes, rest };
  // "(1) Các phòng, đơn vị chủ động triển khai …, các nhiệm vụ sau:" addresses them all.
  const group = index.nameAt(norm, start);
  if (group?.group && start === 0 && line.text.endsWith(":")) return { kind: "units", codes: group.codes, rest: "" };
  const named = head.replace(/^(?:giao(?: cho)?|đối với|đề nghị|yêu cầu)\s+/iu, "");
  const headingShaped = colon >= 0 || (line.kind === "marker" && !/[.;]$/.test(line.text));
  const unitLike = !list && head.length <= 80 && headingShaped && looksLikeUnit(named);
  return unitLike ? { kind: "unknown", head } : { kind: "none" };
}

/** headingUnits of each line, worked out once: the outline and the walk ask about a line several times. */
export function headingReader(index: UnitIndex): (line: Line) => HeadingUnits {
  const seen = new WeakMap<Line, HeadingUnits>();
  return (line) => {
    let found = seen.get(line);
    if (!found) seen.set(line, (found = headingUnits(index, line)));
    return found;
  };
}
