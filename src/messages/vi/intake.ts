// Texts about reading a conclusion notice: the preview shown before anything is stored.
import { formatDay, formatMonth } from "../../domain/calendar.js";
import { noticeDoubts } from "../../domain/notice/parse.js";
import { shorten } from "../../domain/text.js";
import type { NoticeFinding, ParsedNotice, ParsedTask, Period, UnitInfo } from "../../domain/types.js";

const short = (text: string) => shorten(text, 160);
const unknown = "(không rõ)";
const ROMAN = ["I", "II", "III", "IV"];

function periodText(p: Period): string {
  if (p.kind === "month") return `tháng ${formatMonth(p.start.slice(0, 7))}`;
  const span = `${formatDay(p.start)} – ${formatDay(p.end)}`;
  if (p.kind === "week") return `tuần ${span}`;
  return `quý ${ROMAN[Math.floor(Number(p.start.slice(5, 7)) / 3)]}/${p.start.slice(0, 4)} (${span})`;
}

const DEADLINE_KIND: Record<ParsedTask["deadlineKind"], string> = {
  date: "",
  month: " (trong tháng)",
  quarter: " (trong quý)",
  next_briefing: " (cuộc họp giao ban tiếp theo)",
  recurring: "",
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
  sameNotice: (month: string) => `Thông báo này đã được nhập trước đây (kỳ tháng ${formatMonth(month)}). Không nhập lại.`,
  monthHasNotice: (month: string, number: string | null) =>
    `Tháng ${formatMonth(month)} đã có Thông báo kết luận${number ? ` (${number})` : ""}. Không nhập thêm thông báo thứ hai cho cùng một tháng.`,
  /** Why a notice is not stored again: the same notice, or another one already for its month. */
  refused: (c: { reason: "same_notice" | "month_has_notice"; month: string; noticeNumber: string | null }) =>
    c.reason === "same_notice" ? intake.sameNotice(c.month) : intake.monthHasNotice(c.month, c.noticeNumber),
  stored: (created: number, month: string, carried: number) =>
    `Đã lưu ${created} nhiệm vụ của kỳ tháng ${formatMonth(month)}` + (carried > 0 ? `, chuyển tiếp ${carried} nhiệm vụ chưa hoàn thành từ kỳ trước.` : "."),
  carryOverOffer: (n: number) => `Kỳ trước còn ${n} nhiệm vụ chưa hoàn thành; có thể chuyển tiếp sang kỳ này (giữ nguyên lịch sử).`,

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
