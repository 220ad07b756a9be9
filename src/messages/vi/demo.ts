// Texts of `npm run demo`: the scripted cycle and its transcript.
export const demo = {
  title: "BẢN CHẠY THỬ — bot theo dõi nhiệm vụ giao ban (giả lập Telegram trên máy này, không cần token, không cần mạng)",
  moreLines: (n: number) => `… (còn ${n} dòng)`,
  document: (name: string, bytes: number, caption: string) => `📎 ${name} (${Math.ceil(bytes / 1024)} KB) ${caption}`,
  edited: "Bot sửa tin nhắn trên",
  botTo: (name: string) => `Bot → ${name}`,
  press: (label: string) => `(bấm nút «${label}»)`,
  sendsFile: (name: string) => `(gửi tệp ${name})`,
  sceneRegister: "Đăng ký: mỗi người nhận một mã mời dùng một lần",
  sceneImport: "Chuyên viên HCTH nhập Thông báo kết luận",
  sceneReminder: "Đến giờ nhắc việc (lịch 08:00 ngày làm việc)",
  sceneReport: "Trưởng phòng báo cáo tình hình",
  sceneSummary: "Giám đốc xem báo cáo tổng hợp",
  inviteCreated: (who: string, code: string) => `(Mã mời của ${who}: ${code})`,
  docxSaved: (path: string) => `Tệp báo cáo .docx đã lưu tại: ${path}`,
  done: "Hết bản chạy thử. Chạy thật: tạo bot với @BotFather, ghi BOT_TOKEN vào tệp .env (xem .env.example), rồi: npm start",
  failed: "Bản chạy thử dừng vì lỗi",
} as const;
