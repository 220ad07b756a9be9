// Texts about reading a conclusion notice: the preview shown before anything is stored.
import { formatDay, formatMonth } from "../../domain/calendar.js";
import { noticeDoubts } from "../../domain/notice/parse.js";
import { shorten } from "../../domain/text.js";
import type { NoticeFinding, ParsedNotice, ParsedTask, Period, UnitInfo } from "../../domain/types.js";

const short = (text: string) => shorten(text, 160);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "kỳ tháng 12/2024", "kỳ 2025-W30". */
const cycleName = (key: string) => (/^\d{4}-\d{2}$/.test(key) ? `kỳ tháng ${formatMonth(key)}` : `kỳ ${key}`);
const unknown = "(không rõ)";
const ROMAN = ["I", "II", "III", "IV"];

function periodText(p: Period): string {
  if (p.kind === "month") return `tháng ${formatMonth(p.start.slice(0, 7))}`;
  const span = `${formatDay(p.start)} – ${formatDay(p.end)}`;
  if (p.kind === "week") return `tuần ${span}`;
  return `quý ${ROMAN[Math.floor(Number(p.start.slice(5, 7)) / 3)]}/${p.start.slice(0, 4)} (${span})`;
}

/** How a stated deadline was written, after its day: the secretary checks a computed one. */
export const DEADLINE_KIND: Record<ParsedTask["deadlineKind"], string> = {
  date: "",
  month: " (trong tháng)",
  quarter: " (trong quý)",
  next_briefing: " (cuộc họp giao ban tiếp theo)",
  recurring: "",
  relative: " (tính từ ngày ban hành thông báo)",
  default: "",
};

function deadlineText(t: ParsedTask): string {
  if (t.recurring) return `ngày ${t.recurring.dayOfMonth} hằng tháng, lần tới ${formatDay(t.deadline)}`;
  return `${formatDay(t.deadline)}${DEADLINE_KIND[t.deadlineKind]}`;
}

/** One finding as a sentence; doubts say what the secretary must check before storing. */
function findingText(f: NoticeFinding): string {
  switch (f.code) {
    case "other_issuer":
      return (
        `⚠️ Thông báo này có vẻ do cơ quan khác ban hành (${[f.issuer, f.number && `số ${f.number}`].filter(Boolean).join(", ") || unknown}), ` +
        "không phải cơ quan của mình. Kiểm tra lại trước khi lưu."
      );
    case "units_unmatched":
      return `⚠️ Phần lớn các đơn vị được giao việc không có trong danh sách đơn vị: ${f.headings.join("; ")}. Có thể đây là thông báo của nơi khác.`;
    case "invalid_date":
      return `Ngày "${f.date}" không có thật nên không lấy làm hạn: ${f.text}`;
    case "starts_after_deadline":
      return `Việc này chưa bắt đầu trước ngày ${formatDay(f.after)} mà không nêu hạn; hạn mặc định ${formatDay(f.deadline)} lại sớm hơn, cần đặt hạn trước khi lưu: ${f.text}`;
    case "no_period":
      return (
        "Không xác định được kỳ của các nhiệm vụ (không thấy «Nhiệm vụ … tháng/tuần/quý …» hay ngày họp giao ban), " +
        "nên không đặt được hạn mặc định; các nhiệm vụ đọc được liệt kê bên dưới nhưng chưa tạo nhiệm vụ nào."
      );
    case "no_task_part":
      return "Không tìm thấy phần giao nhiệm vụ cho các phòng, đơn vị (một mục «Nhiệm vụ …», tên đơn vị làm tiêu đề, «Giao …», hay bảng nhiệm vụ).";
  }
}

export const intake = {
  notANotice: "Chưa tạo được nhiệm vụ nào từ văn bản này nên không có gì được lưu. Xem ở trên những gì đã đọc được và những gì chưa thấy.",
  /** Why the CLI does not store a notice it doubts. */
  doubtRefused: "Không lưu vì thông báo bị nghi là của nơi khác (xem cảnh báo ở đầu). Nếu chắc chắn đúng, chạy lại với --force.",
  sameNotice: (key: string) => `Thông báo này đã được nhập trước đây (${cycleName(key)}). Không nhập lại.`,
  periodHasNotice: (key: string, number: string | null) =>
    `${capitalise(cycleName(key))} đã có Thông báo kết luận${number ? ` (${number})` : ""}. Không nhập thêm thông báo thứ hai cho cùng một kỳ.`,
  /** Why a notice is not stored again: the same notice, or another one already for its period. */
  refused: (c: { reason: "same_notice" | "period_has_notice"; key: string; noticeNumber: string | null }) =>
    c.reason === "same_notice" ? intake.sameNotice(c.key) : intake.periodHasNotice(c.key, c.noticeNumber),
  stored: (created: number, parts: number, support: number, key: string, carried: number, closed: number) =>
    `Đã lưu ${created} nhiệm vụ (${parts} phần việc chủ trì${support ? `, ${support} phối hợp` : ""}) của ${cycleName(key)}.` +
    (carried > 0 ? ` Chuyển tiếp ${carried} nhiệm vụ chưa hoàn thành từ kỳ trước.` : "") +
    (closed > 0 ? ` Đóng ${closed} nhiệm vụ chưa hoàn thành của kỳ trước.` : ""),
  carryOverOffer: (n: number) =>
    `Nhập thông báo này sẽ đóng kỳ trước. Kỳ trước còn ${n} nhiệm vụ chưa hoàn thành: chuyển tiếp sang kỳ này (giữ nguyên lịch sử), hoặc đóng lại là chưa hoàn thành.`,
  /** Why a notice or a draft was not stored. */
  notStored: (r: { stale: true } | { closed: true } | { check: { reason: "same_notice" | "period_has_notice"; key: string; noticeNumber: string | null } }) =>
    "stale" in r ? intake.staleRefused : "closed" in r ? "Bản nháp này đã được lưu hoặc đã hủy; không lưu lần nữa." : intake.refused(r.check),
  closedReason: "Đóng khi nhập Thông báo kết luận kỳ mới, chưa hoàn thành",
  staleWarning: (end: string) =>
    `⚠️ Kỳ của thông báo này đã kết thúc (${formatDay(end)}). Chỉ lưu nếu đây là nhập muộn một thông báo cũ.`,
  staleRefused: "Kỳ của thông báo này đã qua. Nếu đúng là nhập muộn, hãy xác nhận bằng nút «Nhập muộn» (dòng lệnh: import TỆP --late). Chưa lưu gì.",
  /** One finding as a sentence (a doubt, a date that does not exist, a missing period). */
  finding: findingText,

  /** The preview: doubts first, then what was found per unit, deadlines, and every line not placed. */
  preview(parsed: ParsedNotice, units: UnitInfo[]): string {
    const { notice } = parsed;
    const doubts = noticeDoubts(parsed);
    const lines = [
      ...(doubts.length ? [...doubts.map(findingText), ""] : []),
      "XEM TRƯỚC THÔNG BÁO KẾT LUẬN",
      `Số: ${notice.number ?? unknown} · ngày ban hành: ${notice.issuedOn ? formatDay(notice.issuedOn) : unknown}${notice.issuer ? ` · ${notice.issuer}` : ""}`,
      `Họp giao ban ngày: ${notice.meetingOn ? formatDay(notice.meetingOn) : unknown} · nhiệm vụ ${notice.period ? periodText(notice.period) : `kỳ: ${unknown}`}`,
      "",
    ];
    for (const unit of units) {
      const tasks = parsed.tasks.filter((t) => t.units.includes(unit.code));
      const helps = parsed.tasks.filter((t) => t.support.includes(unit.code)).length;
      lines.push(`${unit.name} (${unit.code}): ${tasks.length} nhiệm vụ`);
      if (helps) lines.push(`  + phối hợp thực hiện ${helps} nhiệm vụ của đơn vị khác`);
      for (const t of tasks.filter((t) => t.deadlineStated)) lines.push(`  • hạn ${deadlineText(t)}: ${short(t.content)}`);
    }
    const stated = parsed.tasks.filter((t) => t.deadlineStated).length;
    const defaulted = parsed.tasks.find((t) => !t.deadlineStated);
    lines.push("", `Hạn nêu rõ trong thông báo: ${stated} nhiệm vụ.`);
    if (defaulted) lines.push(`Nhiệm vụ không nêu hạn: hạn mặc định ${formatDay(defaulted.deadline)}.`);
    const notes = parsed.findings.filter((f) => !doubts.includes(f));
    if (notes.length) lines.push("", ...notes.map((f) => `! ${findingText(f)}`));
    if (parsed.unplaced.length > 0) {
      lines.push("", `Không xếp được vào đơn vị nào (${parsed.unplaced.length} mục, sẽ không được lưu):`);
      for (const u of parsed.unplaced) lines.push(`  ? ${u.text}${u.suggestedUnits.length ? ` → gợi ý: ${u.suggestedUnits.join(", ")}` : ""}`);
    }
    return lines.join("\n");
  },
} as const;
