// Texts of the chat: registration, help, dialogues, buttons, refusals.
import { formatDay, formatMonth } from "../../domain/calendar.js";
import type { Role } from "../../domain/types.js";
import type { EventKind } from "../../generated/prisma/enums.js";

export const roleName: Record<Role, string> = {
  director: "Giám đốc",
  deputy: "Phó Giám đốc",
  secretary: "Chuyên viên Phòng Hành chính – Tổng hợp",
  unit_head: "Trưởng phòng / đơn vị",
};

/** What a command does: its line in Telegram's menu and in /help. */
interface CommandText {
  command: string;
  menu: string;
  help: string;
}

const cmd = {
  summary: { command: "summary", menu: "Báo cáo tổng hợp: /summary [tháng/năm]", help: "/summary [tháng/năm] — báo cáo tổng hợp, vd: /summary 12/2024" },
  tasks: { command: "tasks", menu: "Nhiệm vụ đang mở", help: "/tasks — nhiệm vụ đang mở theo đơn vị; bấm số để mở một nhiệm vụ" },
  ownTasks: { command: "tasks", menu: "Nhiệm vụ đang mở của đơn vị", help: "/tasks — các nhiệm vụ đang mở của đơn vị; bấm số để mở và báo cáo" },
  task: { command: "task", menu: "Chi tiết một nhiệm vụ: /task <số>", help: "/task <số> — chi tiết và lịch sử một nhiệm vụ" },
  staffTask: { command: "task", menu: "Chi tiết, sửa một nhiệm vụ: /task <số>", help: "/task <số> — chi tiết; đổi hạn, sửa nội dung hoặc hủy một nhiệm vụ" },
  import: { command: "import", menu: "Nhập Thông báo kết luận", help: "/import — nhập Thông báo kết luận (.docx, .txt hoặc dán văn bản)" },
  newtask: { command: "newtask", menu: "Thêm một nhiệm vụ", help: "/newtask — thêm một nhiệm vụ" },
  remind: { command: "remind", menu: "Gửi nhắc việc hôm nay", help: "/remind — gửi nhắc việc hôm nay ngay" },
  invite: {
    command: "invite",
    menu: "Tạo mã mời",
    help: "/invite <vai trò> [mã đơn vị] — tạo mã mời (vai trò: director, deputy, secretary, unit_head; Phó Giám đốc kèm các đơn vị phụ trách, vd: /invite deputy QLKH,QLCN)",
  },
  linkgroup: {
    command: "linkgroup",
    menu: "Gõ trong nhóm giao ban: nhóm nhận báo cáo định kỳ",
    help: "/linkgroup — gõ trong nhóm giao ban của Sở: nhóm nhận báo cáo định kỳ và tệp báo cáo, không gì khác (/unlinkgroup để thôi)",
  },
  cancel: { command: "cancel", menu: "Hủy thao tác đang làm", help: "/cancel — hủy thao tác đang làm" },
  help: { command: "help", menu: "Hướng dẫn sử dụng", help: "/help — xem hướng dẫn này" },
} satisfies Record<string, CommandText>;

/** Each role's commands, in the order its menu and its help list them. */
export const COMMANDS: Record<Role, CommandText[]> = {
  unit_head: [cmd.ownTasks, cmd.task, cmd.cancel, cmd.help],
  deputy: [cmd.summary, cmd.tasks, cmd.task, cmd.cancel, cmd.help],
  director: [cmd.summary, cmd.tasks, cmd.staffTask, cmd.import, cmd.newtask, cmd.remind, cmd.invite, cmd.cancel, cmd.help],
  secretary: [cmd.import, cmd.newtask, cmd.staffTask, cmd.tasks, cmd.remind, cmd.summary, cmd.invite, cmd.linkgroup, cmd.cancel, cmd.help],
};

/** What /help adds after the commands: how a role answers in chat. */
const HELP_NOTES: Partial<Record<Role, string[]>> = {
  unit_head: [
    "Trên thẻ nhiệm vụ: ✅ Xong, ⏳ Đang làm, ⚠️ Vướng mắc, 📅 Xin gia hạn (đơn vị phối hợp: 📝 Ghi chú).",
    "Trả lời (reply) tin nhắc việc để gửi ghi chú; nhiều nhiệm vụ thì ghi số thứ tự trước, vd: «2 đã trình Lãnh đạo Sở».",
  ],
  deputy: ["Đề nghị gia hạn của các đơn vị bạn phụ trách được gửi tới bạn để quyết định."],
  director: ["Đề nghị gia hạn của các đơn vị không có Phó Giám đốc phụ trách được gửi tới bạn để quyết định."],
};

/** " — phụ trách: A, B" after a deputy's role; nothing for a deputy of every unit. */
const oversight = (units: string[]) => (units.length ? ` — phụ trách: ${units.join(", ")}` : "");

const NOT_A_DOCX = "Tệp này không đọc được như một văn bản Word (.docx). Hãy lưu lại dưới dạng .docx hoặc dán nội dung.";
const UNREADABLE_TEXT = "Tệp này không phải văn bản đọc được (UTF-8). Hãy gửi tệp .docx hoặc dán nội dung.";

export const bot = {
  /** The menu of someone not registered yet. */
  startMenu: [{ command: "start", description: "Bắt đầu / đăng ký bằng mã mời" }, { command: "help", description: cmd.help.menu }],
  // Registration
  welcome: (name: string, role: Role, unit: string | null, oversees: string[] = []) =>
    `Chào ${name}! Bạn đã được đăng ký với vai trò ${roleName[role]}${unit ? ` — ${unit}` : ""}${oversight(oversees)}.`,
  welcomeBack: (name: string) => `Chào ${name}, bạn đã đăng ký với bot.`,
  inviteUnknown: "Mã mời không đúng. Vui lòng kiểm tra lại hoặc xin mã mới từ Phòng Hành chính – Tổng hợp.",
  inviteUsed: "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần; vui lòng xin mã mới.",
  inviteExpired: "Mã mời đã hết hạn. Vui lòng xin mã mới từ Phòng Hành chính – Tổng hợp.",
  alreadyRegistered: "Tài khoản này đã được đăng ký; không cần dùng mã mời nữa.",
  help: (role: Role) => ["Bạn có thể dùng:", ...COMMANDS[role].map((c) => c.help), ...(HELP_NOTES[role] ?? [])].join("\n"),

  // General
  notAllowed: "Bạn không có quyền thực hiện thao tác này.",
  notYourTask: "Nhiệm vụ này không thuộc đơn vị bạn phụ trách; không có gì thay đổi.",
  taskNotFound: (id: number) => `Không tìm thấy nhiệm vụ #${id}.`,
  taskClosed: (id: number) => `Nhiệm vụ #${id} đã hủy hoặc đã chuyển sang kỳ sau; không thể cập nhật.`,
  unknownCommand: "Tôi chưa hiểu lệnh này. Gõ /help để xem các lệnh có thể dùng.",
  notUnderstood: "Tôi chưa hiểu tin nhắn này. Để gửi ghi chú, hãy trả lời (reply) tin nhắc việc; gõ /help để xem hướng dẫn.",
  cancelled: "Đã hủy thao tác. Không có gì thay đổi.",
  staleButton: "Nút này không còn hiệu lực. Gõ /help để xem các lệnh.",
  nothingToCancel: "Không có thao tác nào đang dở.",
  tooLong: (max: number) => `Nội dung quá dài (tối đa ${max} ký tự). Không có gì được lưu.`,
  somethingWrong: "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Không có gì bị mất; vui lòng thử lại sau ít phút.",

  // Dates
  badDate: "Ngày không hợp lệ. Vui lòng nhập theo dạng ngày/tháng/năm, vd: 25/12/2024.",
  pastDate: (today: string) => `Ngày đó đã qua (hôm nay là ${formatDay(today)}). Vui lòng chọn một ngày từ hôm nay trở đi.`,

  // Status
  buttons: { done: "✅ Xong", progress: "⏳ Đang làm", blocked: "⚠️ Vướng", extend: "📅 Gia hạn" },
  recorded: {
    done: "Đã ghi nhận: hoàn thành.",
    in_progress: "Đã ghi nhận: đang thực hiện.",
    blocked: "Đã ghi nhận: có vướng mắc.",
  } as Record<string, string>,
  askNote: (id: number, content: string) => `Ghi chú ngắn về tiến độ nhiệm vụ #${id} (${content}):`,
  askBlocker: (id: number, content: string) => `Nêu ngắn gọn vướng mắc của nhiệm vụ #${id} (${content}):`,
  noteSaved: (id: number) => `Đã lưu ghi chú cho nhiệm vụ #${id}.`,
  noteEmpty: "Ghi chú trống; vui lòng gửi một dòng chữ.",
  pickTask: "Ghi chú này dành cho nhiệm vụ nào? Bấm số thứ tự (hoặc gửi lại kèm số, vd: «2 đã xong dự thảo»).",
  badNumber: (min: number, max: number) => `Số thứ tự phải từ ${min} đến ${max}.`,
  noteNeedsNumber: (min: number, max: number) => `Danh sách có nhiều nhiệm vụ: gửi lại ghi chú kèm số thứ tự (${min}–${max}) ở đầu, vd: «${min} đã trình dự thảo».`,
  unchanged: "Tình trạng này đã được ghi nhận trước đó; không có gì thay đổi.",
  supportOnlyNotes: "Đơn vị phối hợp không báo cáo tình trạng; bạn có thể gửi ghi chú.",

  // Extension
  askExtension: (id: number, deadline: string) =>
    `Xin gia hạn nhiệm vụ #${id} (hạn hiện tại ${formatDay(deadline)}) đến ngày nào? Nhập ngày/tháng/năm, vd: 31/01/2025.`,
  extensionNotLater: (deadline: string) => `Ngày xin gia hạn phải sau hạn hiện tại (${formatDay(deadline)}).`,
  askExtensionReason: "Lý do xin gia hạn? (một tin nhắn ngắn)",
  extensionSent: "Đã gửi đề nghị gia hạn tới Lãnh đạo Sở. Bạn sẽ nhận được trả lời tại đây.",
  extensionOutcome: (unit: string, id: number, approved: boolean, to: string, who: string) =>
    approved
      ? `📅 ${who} đã đồng ý gia hạn nhiệm vụ #${id} của ${unit} đến ${formatDay(to)}.`
      : `📅 ${who} không đồng ý gia hạn nhiệm vụ #${id} của ${unit}; hạn giữ nguyên.`,
  extensionPending: "Nhiệm vụ này đang có một đề nghị gia hạn chờ duyệt.",
  extensionRequest: (who: string, unit: string, id: number, content: string, from: string, to: string, reason: string) =>
    `📅 ĐỀ NGHỊ GIA HẠN\n${who} (${unit}) xin gia hạn nhiệm vụ #${id}:\n${content}\nHạn hiện tại: ${formatDay(from)} → đề nghị: ${formatDay(to)}\nLý do: ${reason}`,
  approve: "Đồng ý",
  refuse: "Không đồng ý",
  extensionApproved: (id: number, to: string) => `✅ Đề nghị gia hạn nhiệm vụ #${id} đã được đồng ý: hạn mới ${formatDay(to)}.`,
  extensionRefused: (id: number) => `❌ Đề nghị gia hạn nhiệm vụ #${id} không được đồng ý; hạn giữ nguyên.`,
  extensionDecided: (decision: string, who: string) => `\n\n→ ${decision} (${who})`,
  extensionAlreadyDecided: "Đề nghị này đã được xử lý trước đó.",

  // Import
  importHow:
    "Gửi Thông báo kết luận: tệp .docx hoặc .txt, hoặc dán văn bản (có thể gửi thành nhiều tin liên tiếp). Khi dán xong, bấm «Xem trước». Gõ /cancel để hủy.",
  importPreviewButton: "Xem trước",
  importPart: (n: number, chars: number) => `Đã nhận phần ${n} (tổng ${chars} ký tự). Gửi tiếp, hoặc bấm «Xem trước».`,
  importEmpty: "Chưa nhận được nội dung nào. Hãy gửi tệp hoặc dán văn bản Thông báo kết luận.",
  importReading: "Đang đọc thông báo…",
  importSave: "💾 Lưu",
  importSaveCarry: (n: number) => `💾 Lưu, chuyển tiếp ${n} việc chưa xong`,
  importSaveClose: (n: number) => `💾 Lưu, đóng ${n} việc chưa xong`,
  importSaveSome: (carry: number, close: number) => `💾 Lưu, chuyển tiếp ${carry}, đóng ${close}`,
  importSaveLate: "💾 Nhập muộn (kỳ đã qua)",
  importSaveDoubted: "💾 Đã kiểm tra, vẫn lưu",
  importCancel: "Hủy",
  importConfirmHint: "Kiểm tra bản xem trước rồi bấm «Lưu». Chưa có gì được lưu.",
  importExpired: "Bản xem trước này không còn hiệu lực. Gõ /import để nhập lại.",
  fileTooBig: (mb: number) => `Tệp quá lớn (tối đa ${mb} MB).`,
  fileUnsupported: "Chỉ nhận tệp .docx hoặc .txt.",
  notADocx: NOT_A_DOCX,
  unreadableText: UNREADABLE_TEXT,
  /** What a user is told of a file that cannot be a notice, by NoticeFileError kind. */
  noticeFile: {
    not_docx: NOT_A_DOCX,
    unreadable: UNREADABLE_TEXT,
    too_big: "Tệp này khi giải nén lớn bất thường (quá 20 MB hoặc quá nhiều thành phần), không giống một Thông báo kết luận; bot không mở. Không có gì được lưu.",
    timeout: "Đọc tệp này mất quá lâu nên bot đã dừng lại. Hãy lưu lại dưới dạng .docx đơn giản hoặc dán nội dung. Không có gì được lưu.",
    out_of_memory: "Tệp này cần quá nhiều bộ nhớ để đọc nên bot đã dừng lại. Hãy dán nội dung thay vì gửi tệp. Không có gì được lưu.",
  },
  downloadFailed: "Không tải được tệp từ Telegram. Vui lòng gửi lại.",

  // New task
  newTaskUnit: "Thêm nhiệm vụ mới — chọn đơn vị thực hiện:",
  newTaskContent: (unit: string) => `Đơn vị: ${unit}. Gửi nội dung nhiệm vụ (một tin nhắn):`,
  newTaskDeadline: "Hạn hoàn thành? Nhập ngày/tháng/năm (vd: 25/12/2024), hoặc bấm «Không có hạn» (hạn mặc định là cuối kỳ).",
  noDeadline: "Không có hạn",
  newTaskCreated: (id: number, unit: string, deadline: string, stated: boolean) =>
    `Đã thêm nhiệm vụ #${id} cho ${unit}, hạn ${formatDay(deadline)}${stated ? "" : " (mặc định cuối kỳ)"}.`,
  contentTooShort: "Nội dung quá ngắn; vui lòng mô tả nhiệm vụ rõ hơn.",
  unknownUnit: "Đơn vị không hợp lệ; vui lòng chọn bằng nút.",
  newCycleForUnit: (lead: number, support: number, key: string) =>
    `📌 Thông báo kết luận giao ban đã được nhập: đơn vị chủ trì ${lead} nhiệm vụ${support ? `, phối hợp ${support} nhiệm vụ` : ""} ${/^\d{4}-\d{2}$/.test(key) ? `kỳ tháng ${formatMonth(key)}` : `kỳ ${key}`}. Gõ /tasks để xem và báo cáo tình hình.`,
  newTaskForYou: (id: number, content: string, deadline: string) => `📌 Nhiệm vụ mới #${id} cho đơn vị:\n${content}\nHạn: ${formatDay(deadline)}`,

  // Task admin
  taskUsage: "Cách dùng: /task <số nhiệm vụ>, vd: /task 12",
  changeDeadline: "📅 Đổi hạn",
  cancelTask: "✖️ Hủy nhiệm vụ",
  confirmCancel: "Xác nhận hủy",
  askNewDeadline: (id: number) => `Hạn mới cho nhiệm vụ #${id}? Nhập ngày/tháng/năm, vd: 31/12/2024.`,
  deadlineChanged: (id: number, to: string) => `Đã đổi hạn nhiệm vụ #${id} thành ${formatDay(to)}.`,
  confirmCancelAsk: (id: number) => `Hủy nhiệm vụ #${id}? Nhiệm vụ đã hủy không còn được nhắc và không tính trong báo cáo.`,
  taskCancelled: (id: number) => `Đã hủy nhiệm vụ #${id}.`,
  historyTitle: "Lịch sử:",
  partsTitle: "Các đơn vị:",
  partDeadline: (day: string) => `hạn riêng ${formatDay(day)}`,
  cycleLabel: (key: string) => `kỳ ${/^\d{4}-\d{2}$/.test(key) ? formatMonth(key) : key}`,
  carriedFrom: (id: number) => `chuyển tiếp từ #${id}`,
  taskDeadline: (day: string, stated: boolean) => `Hạn: ${formatDay(day)}${stated ? "" : " (mặc định cuối kỳ)"}`,
  groupLinked: (title: string) => `Đã liên kết nhóm «${title}»: nhóm sẽ nhận báo cáo định kỳ trước giao ban và tệp báo cáo, không nhận tin nào khác.`,
  groupUnlinked: (title: string) => `Nhóm «${title}» không còn nhận báo cáo định kỳ.`,
  editContent: "✏️ Sửa nội dung",
  editUnits: "🏢 Đơn vị",
  unitsEditor: (id: number, units: string) =>
    `Đơn vị của nhiệm vụ #${id}: bấm một đơn vị để đổi vai trò (chưa giao → ✅ chủ trì → 🤝 phối hợp → chưa giao), rồi «Lưu».\nSẽ lưu: ${units}`,
  unitsChanged: (id: number, units: string) => `Đã đổi đơn vị của nhiệm vụ #${id}: ${units}.`,
  askNewContent: (id: number) => `Gửi nội dung mới của nhiệm vụ #${id} (một tin nhắn):`,
  contentChanged: (id: number) => `Đã sửa nội dung nhiệm vụ #${id}.`,
  extendedDeadlineAsk: (parts: string[], day: string) =>
    `Hạn của ${parts.join(", ")} đã được gia hạn theo đề nghị được duyệt. Đổi hạn thành ${formatDay(day)} cho cả các đơn vị này?`,
  deadlineAllParts: "Đổi cho tất cả đơn vị",
  deadlineKeepExtended: "Giữ hạn đã gia hạn",
  historyLine: (when: string, who: string, what: string) => `• ${when} — ${who}: ${what}`,
  system: "hệ thống",
  historyKinds: {
    created: "tạo nhiệm vụ",
    open: "mở lại",
    in_progress: "đang thực hiện",
    blocked: "vướng mắc",
    done: "hoàn thành",
    cancelled: "hủy",
    carried_over: "chuyển sang kỳ sau",
    note: "ghi chú",
    deadline: "đổi hạn",
    extension: "xin gia hạn",
    extension_approved: "gia hạn được duyệt",
    extension_refused: "gia hạn không được duyệt",
    carried_in: "chuyển tiếp từ kỳ trước",
    closed_not_done: "đóng kỳ, chưa hoàn thành",
    content: "sửa nội dung",
    units: "đổi đơn vị",
  } satisfies Record<EventKind, string>,

  // Lists
  tasksTitle: (unit: string) => `NHIỆM VỤ ĐANG MỞ — ${unit}`,
  listFooter: "Bấm số để mở nhiệm vụ và báo cáo; trả lời (reply) tin này kèm số thứ tự để gửi ghi chú.",
  pageOf: (page: number, pages: number) => `Trang ${page}/${pages}`,
  previousPage: "◀ Trước",
  nextPage: "Sau ▶",
  noteButton: "📝 Ghi chú",
  pickUnit: "Chọn đơn vị để xem nhiệm vụ:",
  unitCount: (code: string, n: number) => `${code} (${n})`,
  unitNotOverseen: (unit: string) => `${unit} không thuộc các phòng, đơn vị bạn phụ trách.`,
  noUnit: "Tài khoản của bạn chưa gắn với đơn vị nào; vui lòng liên hệ Phòng Hành chính – Tổng hợp.",

  // Reminders
  reminderTitle: (day: string, unit: string) => `🔔 NHẮC VIỆC ngày ${formatDay(day)} — ${unit}`,
  remindNotWorkingDay: (day: string) => `Hôm nay (${formatDay(day)}) không phải ngày làm việc; không gửi nhắc việc.`,
  remindReport: (queued: number, already: number, failed: number, units: number) =>
    `Nhắc việc hôm nay: ${queued} tin đang được gửi, ${already} tin đã gửi trước đó, ${failed} người không nhận được (đã báo chuyên viên); ${units} đơn vị có nhiệm vụ cần nhắc.`,
  unreachableReport: (day: string, lines: string[]) =>
    `⚠️ Nhắc việc ngày ${formatDay(day)} không đến được:\n${lines.join("\n")}\nVui lòng liên hệ trực tiếp và đề nghị họ mở bot, bấm /start.`,
  unreachableMember: (name: string, unit: string) => `• ${name} (${unit}) — đã chặn bot hoặc chưa mở bot`,
  noHead: (unit: string) => `• ${unit} — chưa có trưởng đơn vị đăng ký với bot`,

  // Summary
  summaryUsage: "Cách dùng: /summary hoặc /summary 12/2024",
  noBriefing: (month: string | null) =>
    month ? `Chưa có dữ liệu nhiệm vụ của tháng ${formatMonth(month)}.` : "Chưa có kỳ giao ban nào được nhập. Dùng /import để nhập Thông báo kết luận.",
  summaryDocCaption: (month: string) => `Báo cáo tình hình thực hiện nhiệm vụ tháng ${formatMonth(month)} (.docx)`,

  // Invite
  inviteUsage:
    "Cách dùng: /invite <vai trò> [mã đơn vị]\nVai trò: director (Giám đốc), deputy (Phó Giám đốc, có thể kèm mã các đơn vị phụ trách; không kèm thì theo dõi mọi đơn vị), secretary (chuyên viên HCTH), unit_head (trưởng đơn vị, cần mã đơn vị).\nVD: /invite unit_head QLKH\nVD: /invite deputy QLKH,QLCN",
  inviteUnknownUnits: (codes: string[], known: string[]) =>
    `Không có đơn vị mã ${codes.join(", ")}. Các mã hiện có: ${known.join(", ")}. Chưa tạo mã mời nào.`,
  inviteCreated: (code: string, role: Role, unit: string | null, expires: string, oversees: string[] = []) =>
    `Mã mời cho ${roleName[role]}${unit ? ` — ${unit}` : ""}${oversight(oversees)}: ${code}\nNgười được mời mở bot và gửi: /start ${code}\nMã dùng một lần, hết hạn ${expires}.`,
} as const;
