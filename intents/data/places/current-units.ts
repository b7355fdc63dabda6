/**
 * Commune-level units of Khánh Hòa (province code 56) after the reform of 1 July 2025, as listed in
 * ../shared/data/admin-units/units-2026.json (thanglequoc/vietnamese-provinces-database, MIT, data up
 * to 30 April 2026). Names are written as there, with the project's tone placement ("Hòa", not "Hoà").
 * The first 41 were in Khánh Hòa before the merger; from Phường Đô Vinh (22738) on, the 24 units lie
 * in the former Ninh Thuận province. tests/unit/intents/places.test.ts checks this list against the
 * shared file.
 */
export interface CurrentUnit {
  /** Statistical code. */
  code: string;
  /** Canonical name, the `place` entity value. */
  name: string;
  level: 'ward' | 'commune' | 'special_zone';
}

export const PROVINCE_CODE = '56';

export const CURRENT_UNITS: readonly CurrentUnit[] = [
  { code: '22333', name: 'Phường Bắc Nha Trang', level: 'ward' },
  { code: '22366', name: 'Phường Nha Trang', level: 'ward' },
  { code: '22390', name: 'Phường Tây Nha Trang', level: 'ward' },
  { code: '22402', name: 'Phường Nam Nha Trang', level: 'ward' },
  { code: '22411', name: 'Phường Bắc Cam Ranh', level: 'ward' },
  { code: '22420', name: 'Phường Cam Ranh', level: 'ward' },
  { code: '22423', name: 'Phường Ba Ngòi', level: 'ward' },
  { code: '22432', name: 'Phường Cam Linh', level: 'ward' },
  { code: '22435', name: 'Xã Cam Hiệp', level: 'commune' },
  { code: '22453', name: 'Xã Cam Lâm', level: 'commune' },
  { code: '22465', name: 'Xã Cam An', level: 'commune' },
  { code: '22480', name: 'Xã Nam Cam Ranh', level: 'commune' },
  { code: '22489', name: 'Xã Vạn Ninh', level: 'commune' },
  { code: '22498', name: 'Xã Tu Bông', level: 'commune' },
  { code: '22504', name: 'Xã Đại Lãnh', level: 'commune' },
  { code: '22516', name: 'Xã Vạn Thắng', level: 'commune' },
  { code: '22525', name: 'Xã Vạn Hưng', level: 'commune' },
  { code: '22528', name: 'Phường Ninh Hòa', level: 'ward' },
  { code: '22546', name: 'Xã Bắc Ninh Hòa', level: 'commune' },
  { code: '22552', name: 'Xã Tây Ninh Hòa', level: 'commune' },
  { code: '22558', name: 'Xã Hòa Trí', level: 'commune' },
  { code: '22561', name: 'Phường Đông Ninh Hòa', level: 'ward' },
  { code: '22576', name: 'Xã Tân Định', level: 'commune' },
  { code: '22591', name: 'Phường Hòa Thắng', level: 'ward' },
  { code: '22597', name: 'Xã Nam Ninh Hòa', level: 'commune' },
  { code: '22609', name: 'Xã Khánh Vĩnh', level: 'commune' },
  { code: '22612', name: 'Xã Trung Khánh Vĩnh', level: 'commune' },
  { code: '22615', name: 'Xã Bắc Khánh Vĩnh', level: 'commune' },
  { code: '22624', name: 'Xã Tây Khánh Vĩnh', level: 'commune' },
  { code: '22648', name: 'Xã Nam Khánh Vĩnh', level: 'commune' },
  { code: '22651', name: 'Xã Diên Khánh', level: 'commune' },
  { code: '22657', name: 'Xã Diên Điền', level: 'commune' },
  { code: '22660', name: 'Xã Diên Lâm', level: 'commune' },
  { code: '22672', name: 'Xã Diên Thọ', level: 'commune' },
  { code: '22678', name: 'Xã Diên Lạc', level: 'commune' },
  { code: '22702', name: 'Xã Suối Hiệp', level: 'commune' },
  { code: '22708', name: 'Xã Suối Dầu', level: 'commune' },
  { code: '22714', name: 'Xã Khánh Sơn', level: 'commune' },
  { code: '22720', name: 'Xã Tây Khánh Sơn', level: 'commune' },
  { code: '22732', name: 'Xã Đông Khánh Sơn', level: 'commune' },
  { code: '22736', name: 'Đặc khu Trường Sa', level: 'special_zone' },
  { code: '22738', name: 'Phường Đô Vinh', level: 'ward' },
  { code: '22741', name: 'Phường Bảo An', level: 'ward' },
  { code: '22759', name: 'Phường Phan Rang', level: 'ward' },
  { code: '22780', name: 'Phường Đông Hải', level: 'ward' },
  { code: '22786', name: 'Xã Bác Ái Tây', level: 'commune' },
  { code: '22795', name: 'Xã Bác Ái', level: 'commune' },
  { code: '22801', name: 'Xã Bác Ái Đông', level: 'commune' },
  { code: '22810', name: 'Xã Ninh Sơn', level: 'commune' },
  { code: '22813', name: 'Xã Lâm Sơn', level: 'commune' },
  { code: '22822', name: 'Xã Mỹ Sơn', level: 'commune' },
  { code: '22828', name: 'Xã Anh Dũng', level: 'commune' },
  { code: '22834', name: 'Phường Ninh Chử', level: 'ward' },
  { code: '22840', name: 'Xã Công Hải', level: 'commune' },
  { code: '22846', name: 'Xã Vĩnh Hải', level: 'commune' },
  { code: '22849', name: 'Xã Thuận Bắc', level: 'commune' },
  { code: '22852', name: 'Xã Ninh Hải', level: 'commune' },
  { code: '22861', name: 'Xã Xuân Hải', level: 'commune' },
  { code: '22870', name: 'Xã Ninh Phước', level: 'commune' },
  { code: '22873', name: 'Xã Phước Hậu', level: 'commune' },
  { code: '22888', name: 'Xã Phước Dinh', level: 'commune' },
  { code: '22891', name: 'Xã Phước Hữu', level: 'commune' },
  { code: '22897', name: 'Xã Thuận Nam', level: 'commune' },
  { code: '22900', name: 'Xã Phước Hà', level: 'commune' },
  { code: '22909', name: 'Xã Cà Ná', level: 'commune' },
];
