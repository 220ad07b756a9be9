// Texts about delivery itself: an update the bot gave up on, a file too large to read.
export const delivery = {
  updateDropped:
    "Xin lỗi, bot đã thử xử lý tin nhắn vừa rồi ba lần nhưng không thành công nên đã bỏ qua. "
    + "Anh/chị vui lòng gửi lại; nếu lỗi lặp lại, xin báo Phòng Hành chính – Tổng hợp.",
} as const;
