/**
 * Messages written by the team for benchmarks and the "nothing fits" figures: everyday citizen phrasings
 * (with and without marks, shorthand, a procedure code) and messages that are not about any procedure.
 * Not taken from any evaluation set.
 */
export const CITIZEN_QUERIES: readonly string[] = [
  'đăng ký kết hôn cần giấy tờ gì',
  'lam lai can cuoc bi mat',
  'xin giấy phép xây dựng nhà ở',
  'cấp phiếu lý lịch tư pháp mất bao lâu',
  'đăng ký khai sinh cho con ở đâu',
  'chuyển nhượng quyền sử dụng đất lệ phí bao nhiêu',
  'thành lập hộ kinh doanh',
  'dang ky thuong tru can gi',
  'cấp hộ chiếu phổ thông',
  'doi bang lai xe het han',
  'đăng ký xe máy mới mua',
  'chứng thực bản sao giấy khai sinh',
  'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
  'lam cccd cho con duoi 14 tuoi',
  'trich luc khai tu',
  'xac nhan tinh trang hon nhan de ket hon',
  'đăng ký tạm trú online',
  'cap so do lan dau',
  'giải thể doanh nghiệp',
  'tạm ngừng kinh doanh hộ kinh doanh',
  'thủ tục 1.014061',
  'hs đăng ký kết hôn gồm những j',
  'Đăng ký khai tử cho người mất',
  'cấp đổi giấy phép lái xe quốc tế',
];

export const OUT_OF_SCOPE_QUERIES: readonly string[] = [
  'thời tiết hôm nay thế nào',
  'asdfgh',
  'cho tôi xem kết quả bóng đá',
  'giá vàng hôm nay',
  'nấu phở thế nào',
  'tôi buồn quá',
  'cảm ơn nhiều',
  'alo',
  'kể chuyện cười đi',
  'mấy giờ rồi',
  'thủ tục',
  'lệ phí bao nhiêu',
];
