export const common = {
  notRegistered: "Xin lỗi, tài khoản Telegram này chưa được đăng ký với bot theo dõi nhiệm vụ giao ban. Vui lòng liên hệ Phòng Hành chính – Tổng hợp để được cấp mã mời.",
} as const;
