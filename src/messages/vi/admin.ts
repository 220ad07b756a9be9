// Texts for the server's operator: configuration, org file and the admin command line.
import type { OrgProblem } from "../../domain/org.js";

function orgProblemText(p: OrgProblem): string {
  switch (p.code) {
    case "unit_code":
      return "mã đơn vị gồm 2–16 chữ in hoa hoặc số, vd. QLKH";
    case "unit_name_short":
      return "tên đơn vị quá ngắn";
    case "no_unit":
      return "cần ít nhất một đơn vị";
    case "day":
      return "ngày phải có dạng YYYY-MM-DD";
    case "name_taken":
      return `tên "${p.name}" đã dùng cho đơn vị ${p.owner}`;
    case "group_unknown":
      return `nhóm nhắc tới đơn vị ${p.unit} không có trong danh sách units`;
    case "not_json":
    case "invalid":
      return p.why;
  }
}

export const admin = {
  configInvalid: "Cấu hình không hợp lệ / invalid configuration:",
  tokenFormat: "không đúng dạng token của BotFather (123456:ABC…)",
  urlFormat: "phải là một địa chỉ http(s)",
  timeZone: "không phải múi giờ IANA (vd. Asia/Ho_Chi_Minh)",
  workingDays: "liệt kê các ngày trong mon,tue,wed,thu,fri,sat,sun",
  holidays: "danh sách ngày YYYY-MM-DD, cách nhau bằng dấu phẩy",
  /** One problem of the org file, with where it is ("units.2.code"). */
  orgProblem: (p: OrgProblem) => (p.code === "not_json" ? `không phải JSON hợp lệ: ${p.why}` : `${p.path || "(gốc)"}: ${orgProblemText(p)}`),
  cliUsage: `Cách dùng: npm run cli -- <lệnh>
  migrate                                   áp dụng các migration vào cơ sở dữ liệu
  backup <tệp>                              sao lưu cơ sở dữ liệu khi bot đang chạy
  outbox [list] [--state <trạng thái>]      các tin bot tự gửi: đang chờ, lỗi, không rõ (queued,
                                            sending, sent, failed, uncertain)
  outbox retry <số> | pause | resume        gửi lại một tin lỗi/không rõ; tạm dừng, chạy lại việc gửi
  org load <tệp.json>                       nạp danh sách đơn vị
  import <tệp .txt|.docx> [--dry-run] [--json] [--close-unfinished] [--late] [--force]
                                            nhập Thông báo kết luận (--dry-run: chỉ xem trước;
                                            đóng kỳ trước, chuyển tiếp việc chưa xong trừ khi
                                            --close-unfinished; --late: nhập muộn kỳ đã qua;
                                            --force: vẫn lưu thông báo bị nghi là của nơi khác)
  invite --role <director|deputy|secretary|unit_head> [--unit <mã>] [--units <mã,mã,…>]
                                            tạo mã mời dùng một lần (--unit: đơn vị của trưởng
                                            đơn vị; --units: các đơn vị Phó Giám đốc phụ trách)
  tasks [--unit <mã>] [--json]              nhiệm vụ đang mở (--json: cả sổ theo dõi, dạng JSON)
  summary [--month mm/yyyy] --format text|docx|xlsx [--out <tệp>]
                                            báo cáo tổng hợp: tin nhắn gửi Giám đốc (text),
                                            báo cáo .docx hoặc sổ theo dõi .xlsx`,
  outboxPaused: "Đã tạm dừng việc gửi tin; các tin mới vẫn được xếp hàng. Chạy lại: npm run cli -- outbox resume",
  outboxResumed: "Việc gửi tin chạy lại.",
  outboxRetried: (id: number) => `Tin ${id} được xếp hàng gửi lại.`,
  outboxNotRetryable: (id: number) => `Tin ${id} không có, hoặc không ở trạng thái lỗi/không rõ; không gửi lại.`,
  outboxCounts: (byState: Record<string, number>) =>
    `Hàng gửi: ${["queued", "sending", "sent", "failed", "uncertain"].map((s) => `${s} ${byState[s] ?? 0}`).join(" · ")}`,
  outboxLine: (id: number, kind: string, day: string, to: string, state: string, attempts: number, error: string | null) =>
    `${id}\t${kind}\t${day}\t${to}\t${state}\t${attempts} lần${error ? `\t${error}` : ""}`,
  migrated: (names: string[]) => (names.length ? `Đã áp dụng: ${names.join(", ")}` : "Cơ sở dữ liệu đã ở phiên bản mới nhất."),
  orgLoaded: (n: number, department: string) => `Đã nạp ${n} đơn vị của ${department}.`,
  orgInvalid: "Tệp tổ chức (org) không hợp lệ:",
  /** A bad org file, as `npm start` and the command line print it: the heading, then each problem. */
  orgInvalidList: (problems: OrgProblem[]) => [admin.orgInvalid, ...problems.map((p) => `  - ${admin.orgProblem(p)}`)].join("\n"),
  fileMissing: (file: string) => `Không đọc được tệp ${file}.`,
  unknownRole: "Vai trò phải là một trong: director, deputy, secretary, unit_head.",
  unitRequired: "Trưởng đơn vị cần --unit <mã đơn vị>.",
  unitNotAllowed: "Chỉ trưởng đơn vị mới gắn với một đơn vị (--unit); Phó Giám đốc dùng --units <mã,mã,…>.",
  unitsNotAllowed: "Chỉ Phó Giám đốc mới có các đơn vị phụ trách (--units).",
  unitsEmpty: "--units cần ít nhất một mã đơn vị, vd. --units QLKH,QLCN.",
  unknownUnit: (code: string, known: string[]) => `Không có đơn vị mã ${code}. Các mã hiện có: ${known.join(", ")}.`,
  inviteCreated: (code: string, expires: string, oversees: string[] = []) =>
    `Mã mời: ${code}\nGửi cho người được mời: mở bot và gõ /start ${code} (hết hạn ${expires}).${oversees.length ? `\nPhụ trách: ${oversees.join(", ")}.` : ""}`,
  dryRunNote: "(Chạy thử: chưa lưu gì.)",
  noTasks: "Chưa có nhiệm vụ nào.",
  failed: (why: string) => `Lỗi: ${why}`,
  noToken: `Chưa có BOT_TOKEN / no BOT_TOKEN set.
Để chạy thật: tạo bot với @BotFather trên Telegram (lệnh /newbot), chép token vào tệp .env
  (BOT_TOKEN=123456:ABC…, xem .env.example) rồi chạy lại: npm start
Để xem thử không cần token, không cần mạng: npm run demo`,
  startFailed: "Không khởi động được bot / could not start",
} as const;
