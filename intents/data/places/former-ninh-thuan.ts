/**
 * Administrative units of the former Ninh Thuận province as they stood until 30 June 2025 (one city,
 * six districts; 15 wards, 3 townships and 47 communes: 65 commune-level units), the names citizens
 * still write after the province joined Khánh Hòa on 1 July 2025.
 *
 * Source: the national list of administrative units (General Statistics Office, province code 58
 * before the reform), as published on the province's portal before 1 July 2025; transcribed by hand
 * for recognition only. It says which names existed, never which new unit took a former one over:
 * the NLU layer reports a former name as former and does not map it (see ../../entities/place.ts).
 * Re-check against the province's official list before using it for anything beyond recognition.
 */
export type FormerLevel = 'province' | 'city' | 'district' | 'ward' | 'township' | 'commune';

export interface FormerUnit {
  /** Canonical name, the `place` entity value; "(cũ)" says it no longer exists. */
  name: string;
  level: FormerLevel;
  /** The name without its level word, as citizens write it. */
  base: string;
  /** The former district or city it belonged to (for commune-level units). */
  district?: string;
  /**
   * Other names in use ("PRTC"; "thành phố Phan Rang"). A bare alias that is also a current unit's
   * name ("Phan Rang") is read as the current unit; only a level word ("thành phố") makes it former.
   */
  aliases?: string[];
}

const DISTRICTS: Readonly<
  Record<string, { level: 'city' | 'district'; wards?: string[]; townships?: string[]; communes: string[] }>
> = {
  'Phan Rang-Tháp Chàm': {
    level: 'city',
    wards: [
      'Bảo An',
      'Đài Sơn',
      'Đạo Long',
      'Đô Vinh',
      'Đông Hải',
      'Kinh Dinh',
      'Mỹ Bình',
      'Mỹ Đông',
      'Mỹ Hải',
      'Mỹ Hương',
      'Phủ Hà',
      'Phước Mỹ',
      'Tấn Tài',
      'Thanh Sơn',
      'Văn Hải',
    ],
    communes: ['Thành Hải'],
  },
  'Bác Ái': {
    level: 'district',
    communes: [
      'Phước Bình',
      'Phước Chính',
      'Phước Đại',
      'Phước Hòa',
      'Phước Tân',
      'Phước Thắng',
      'Phước Thành',
      'Phước Tiến',
      'Phước Trung',
    ],
  },
  'Ninh Hải': {
    level: 'district',
    townships: ['Khánh Hải'],
    communes: ['Hộ Hải', 'Nhơn Hải', 'Phương Hải', 'Tân Hải', 'Thanh Hải', 'Tri Hải', 'Vĩnh Hải', 'Xuân Hải'],
  },
  'Ninh Phước': {
    level: 'district',
    townships: ['Phước Dân'],
    communes: [
      'An Hải',
      'Phước Hải',
      'Phước Hậu',
      'Phước Hữu',
      'Phước Sơn',
      'Phước Thái',
      'Phước Thuận',
      'Phước Vinh',
    ],
  },
  'Ninh Sơn': {
    level: 'district',
    townships: ['Tân Sơn'],
    communes: ['Hòa Sơn', 'Lâm Sơn', 'Lương Sơn', 'Ma Nới', 'Mỹ Sơn', 'Nhơn Sơn', 'Quảng Sơn'],
  },
  'Thuận Bắc': {
    level: 'district',
    communes: ['Bắc Phong', 'Bắc Sơn', 'Công Hải', 'Lợi Hải', 'Phước Chiến', 'Phước Kháng'],
  },
  'Thuận Nam': {
    level: 'district',
    communes: [
      'Cà Ná',
      'Nhị Hà',
      'Phước Diêm',
      'Phước Dinh',
      'Phước Hà',
      'Phước Minh',
      'Phước Nam',
      'Phước Ninh',
    ],
  },
};

const LEVEL_WORD: Readonly<Record<FormerLevel, string>> = {
  province: 'Tỉnh',
  city: 'Thành phố',
  district: 'Huyện',
  ward: 'Phường',
  township: 'Thị trấn',
  commune: 'Xã',
};

const unit = (level: FormerLevel, base: string, district?: string, aliases?: string[]): FormerUnit => ({
  name: `${LEVEL_WORD[level]} ${base} (cũ)`,
  level,
  base,
  ...(district ? { district: `${LEVEL_WORD[DISTRICTS[district]?.level ?? 'district']} ${district}` } : {}),
  ...(aliases ? { aliases } : {}),
});

export const FORMER_NINH_THUAN_UNITS: readonly FormerUnit[] = [
  unit('province', 'Ninh Thuận'),
  ...Object.entries(DISTRICTS).flatMap(([district, { level, wards = [], townships = [], communes }]) => [
    unit(
      level,
      district,
      undefined,
      district === 'Phan Rang-Tháp Chàm' ? ['Phan Rang Tháp Chàm', 'PRTC', 'Phan Rang'] : undefined,
    ),
    ...wards.map((base) => unit('ward', base, district)),
    ...townships.map((base) => unit('township', base, district)),
    ...communes.map((base) => unit('commune', base, district)),
  ]),
];
