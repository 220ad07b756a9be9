// Texts about delivery itself: an update the bot gave up on; for the operator, why the bot stopped
// hearing Telegram (bilingual, like the other operator texts).
const kindName = { reminder: "nhắc việc", digest: "báo cáo định kỳ", notice: "thông báo", report: "báo cáo" } as const;

export const delivery = {
  updateDropped:
    "Xin lỗi, bot đã thử xử lý tin nhắn vừa rồi ba lần nhưng không thành công nên đã bỏ qua. "
    + "Anh/chị vui lòng gửi lại; nếu lỗi lặp lại, xin báo Phòng Hành chính – Tổng hợp.",
  pollingConflict: (why: string) =>
    `Bot dừng: một tiến trình khác đang nhận tin nhắn bằng cùng BOT_TOKEN; chỉ chạy một bản cho mỗi token / stopping: another instance polls with this token (${why})`,
  tokenRevoked: (why: string) =>
    `Bot dừng: Telegram không còn chấp nhận BOT_TOKEN (token bị thu hồi?), lấy token mới tại @BotFather / stopping: the token was refused (${why})`,
  pollingFailed: (why: string) => `Bot dừng: không nhận được tin nhắn từ Telegram nữa / stopping: polling ended (${why})`,
  pollingGaveUp: (seconds: number, why: string) =>
    `Bot dừng: gọi Telegram thất bại liên tục ${seconds} giây / stopping: getUpdates failed for ${seconds} s (${why})`,
  interrupted: "Bot dừng giữa lúc đang gửi: không rõ tin đã đến hay chưa.",
  /** The report of messages that did not reach their reader, or may not have. */
  failureReport: (lines: string[]) =>
    `⚠️ Các tin bot gửi nhưng không đến được người nhận (hoặc không rõ đã đến chưa):\n${lines.join("\n")}\n\nTin «không rõ» không được gửi lại tự động để tránh gửi trùng; vui lòng hỏi lại người nhận. Tin lỗi có thể gửi lại: npm run cli -- outbox retry <số>.`,
  failureLine: (who: string, unit: string | null, kind: "reminder" | "digest" | "notice" | "report", uncertain: boolean, why: string) =>
    `• ${who}${unit ? ` (${unit})` : ""} — ${kindName[kind]}: ${uncertain ? "không rõ đã đến chưa" : "không gửi được"}${why ? ` (${why})` : ""}`,
  backupDone: (file: string) => `Đã sao lưu cơ sở dữ liệu vào ${file}.`,
  backupNoDatabase: (file: string) => `Không có cơ sở dữ liệu tại ${file}.`,
  backupOntoItself: "Tệp sao lưu không được trùng với chính cơ sở dữ liệu.",
} as const;
