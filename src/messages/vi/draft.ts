// Texts of the import draft: what was read, page by page, and the corrections the secretary makes.
import { formatDay } from "../../domain/calendar.js";
import type { Draft, DraftRefusal, DraftTask } from "../../domain/draft.js";
import { shorten } from "../../domain/text.js";
import type { UnitInfo } from "../../domain/types.js";
import { DEADLINE_KIND } from "./intake.js";

const periodName = (d: Draft) => {
  const p = d.notice.period;
  const what = p.kind === "month" ? `tháng ${p.start.slice(5, 7)}/${p.start.slice(0, 4)}` : p.kind === "quarter" ? "quý" : "tuần";
  return `${what} (${formatDay(p.start)} – ${formatDay(p.end)})`;
};

/** "QLKH, HCTH; phối hợp: TTUD". */
export const unitsLine = (t: Pick<DraftTask, "lead" | "support">) => [t.lead.join(", "), t.support.length ? `phối hợp: ${t.support.join(", ")}` : ""].filter(Boolean).join("; ");

const deadlineText = (t: DraftTask) => (t.deadlineStated ? `hạn ${formatDay(t.deadline)}${DEADLINE_KIND[t.deadlineKind]}` : `hạn mặc định ${formatDay(t.deadline)}`);

export const draft = {
  /** The draft's first message: what was read, what is left to place, what saving will do. */
  header(d: Draft, units: UnitInfo[], notes: string[]): string {
    const perUnit = units.map((u) => `${u.code} ${d.tasks.filter((t) => t.lead.includes(u.code)).length}`).join(" · ");
    const parts = d.tasks.reduce((n, t) => n + t.lead.length, 0);
    const support = d.tasks.reduce((n, t) => n + t.support.length, 0);
    const stated = d.tasks.filter((t) => t.deadlineStated).length;
    const n = d.notice;
    return [
      "BẢN NHÁP — THÔNG BÁO KẾT LUẬN (chưa lưu)",
      `Số: ${n.number ?? "(không rõ)"} · ban hành: ${n.issuedOn ? formatDay(n.issuedOn) : "(không rõ)"} · họp: ${n.meetingOn ? formatDay(n.meetingOn) : "(không rõ)"}`,
      `Kỳ: ${periodName(d)}`,
      `${d.tasks.length} nhiệm vụ, ${parts} phần việc chủ trì${support ? `, ${support} phối hợp` : ""}. Chủ trì: ${perUnit}`,
      `Hạn nêu rõ: ${stated} nhiệm vụ; còn lại hạn mặc định ${formatDay(d.notice.period.end)}.`,
      ...(d.unplaced.length ? [`❓ ${d.unplaced.length} dòng chưa xếp vào đơn vị nào: bấm «Dòng chưa xếp» để giao hoặc bỏ qua.`] : []),
      ...notes,
      "Sửa bằng các nút bên dưới; chỉ khi bấm «Lưu» mới lưu đúng bản nháp này.",
    ].join("\n");
  },
  tasksButton: (n: number) => `📋 Nhiệm vụ (${n})`,
  linesButton: (n: number) => `❓ Dòng chưa xếp (${n})`,
  addButton: "➕ Thêm nhiệm vụ",
  backToDraft: "↩ Bản nháp",
  backToList: "↩ Danh sách",
  /** A page of the draft's tasks. */
  taskPage(d: Draft, first: number, count: number): string {
    const lines = d.tasks.slice(first, first + count).map((t, i) => `${first + i + 1}. [${unitsLine(t)}] ${shorten(t.content, 110)} — ${deadlineText(t)}`);
    return [`NHIỆM VỤ ${first + 1}–${first + lines.length} / ${d.tasks.length} (bản nháp)`, "", ...lines, "", "Bấm số để xem và sửa một nhiệm vụ."].join("\n");
  },
  /** One task of the draft, whole. */
  taskCard(t: DraftTask, index: number): string {
    return [
      `Nhiệm vụ ${index + 1} (bản nháp)${t.source ? ` · mục ${t.source}` : ""}`,
      t.content,
      `Đơn vị: ${unitsLine(t)}`,
      deadlineText(t),
    ].join("\n");
  },
  unitsButton: "🏢 Đơn vị",
  textButton: "✏️ Nội dung",
  deadlineButton: "📅 Hạn",
  dropButton: "🗑 Bỏ nhiệm vụ",
  unitsHelp: (t: DraftTask, index: number) =>
    `Đơn vị của nhiệm vụ ${index + 1}: bấm một đơn vị để đổi vai trò (chưa giao → ✅ chủ trì → 🤝 phối hợp → chưa giao).\nHiện tại: ${unitsLine(t)}`,
  unitLabel: (code: string, role: "lead" | "support" | null) => (role === "lead" ? `✅ ${code}` : role === "support" ? `🤝 ${code}` : code),
  done: "Xong",
  askText: (index: number) => `Gửi nội dung mới của nhiệm vụ ${index + 1} (một tin nhắn):`,
  askDeadline: (index: number) => `Hạn mới của nhiệm vụ ${index + 1}? Nhập ngày/tháng/năm (vd: 25/12/2024), hoặc «không» để dùng hạn mặc định cuối kỳ.`,
  askNewTask: "Gửi nội dung nhiệm vụ cần thêm (một tin nhắn):",
  pickLead: "Đơn vị chủ trì của nhiệm vụ này?",
  dropped: (index: number) => `Đã bỏ nhiệm vụ ${index + 1} khỏi bản nháp.`,
  /** One line the importer could not place, whole, with the units it names. */
  lineCard(text: string, index: number, total: number, suggested: UnitInfo[]): string {
    return [
      `DÒNG CHƯA XẾP ${index + 1}/${total}`,
      text,
      suggested.length ? `Gợi ý: ${suggested.map((u) => u.name).join(", ")}` : "Không thấy tên đơn vị nào trong dòng này.",
    ].join("\n");
  },
  assignTo: (code: string) => `➕ Giao ${code}`,
  otherUnit: "Đơn vị khác…",
  dismiss: "Bỏ qua dòng này",
  noLines: "Không còn dòng nào chưa xếp.",
  refusal: {
    no_such_task: "Nhiệm vụ này không còn trong bản nháp.",
    no_such_line: "Dòng này đã được xếp hoặc bỏ qua.",
    no_lead_unit: "Mỗi nhiệm vụ cần ít nhất một đơn vị chủ trì.",
    unknown_unit: "Đơn vị không có trong danh sách đơn vị.",
    deadline_outside: "Hạn cách kỳ của thông báo hơn một năm: có thể gõ nhầm. Vui lòng nhập lại.",
    closed: "Bản nháp này đã được lưu hoặc đã hủy.",
  } satisfies Record<DraftRefusal | "closed", string>,
  discarded: "Đã hủy bản nháp. Không có gì được lưu.",
  carryButton: (n: number) => `↪ Việc kỳ trước (${n})`,
  /** The unfinished tasks of the cycle the notice closes, each to carry over (↪) or close as not done (✖). */
  carryPage(items: { number: number; id: number; content: string; carry: boolean }[], total: number): string {
    return [
      `VIỆC CHƯA XONG CỦA KỲ TRƯỚC (${total})`,
      "↪ chuyển tiếp sang kỳ này · ✖ đóng lại, chưa hoàn thành. Bấm số để đổi.",
      "",
      ...items.map((x) => `${x.number}. ${x.carry ? "↪" : "✖"} #${x.id} ${shorten(x.content, 100)}`),
    ].join("\n");
  },
} as const;
