/*
 * The Open311 service list: one service per category of the counselling knowledge base
 * (data/knowledge/cases-starter.csv, 대분류코드/대분류명/중분류명), the city's own categories.
 * tests/unit/open311/services.test.ts checks every entry against the knowledge base file, so
 * a category renamed there fails the build instead of drifting.
 */

export type Open311Language = 'ko' | 'en';
export type Localized = Readonly<Record<Open311Language, string>>;

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** A service definition attribute (GeoReport v2, GET Service Definition). */
export interface ServiceAttribute {
  readonly code: string;
  readonly datatype: AttributeDatatype;
  readonly required: boolean;
  readonly description: Localized;
  readonly datatypeDescription?: Localized;
  /** singlevaluelist / multivaluelist only. */
  readonly values?: ReadonlyArray<{ readonly key: string; readonly name: Localized }>;
}

export interface Open311Service {
  /** The service_code: stable, lower-case, URL-safe. */
  readonly code: string;
  /** Where the service comes from in the knowledge base. */
  readonly knowledge: { readonly categoryCode: string; readonly category: string; readonly subCategory: string };
  readonly group: Localized;
  readonly name: Localized;
  readonly description: Localized;
  readonly keywords: Localized;
  readonly attributes?: readonly ServiceAttribute[];
}

const GROUPS = {
  A01: { ko: '교통', en: 'Transport' },
  A02: { ko: '주차', en: 'Parking' },
  A03: { ko: '도로·시설물', en: 'Roads and public facilities' },
  A04: { ko: '상수도', en: 'Water supply' },
  A05: { ko: '청소·폐기물', en: 'Cleaning and waste' },
  A06: { ko: '환경', en: 'Environment' },
  A07: { ko: '동물', en: 'Animals' },
  A08: { ko: '복지', en: 'Welfare' },
  A09: { ko: '보육·교육', en: 'Childcare and education' },
  A10: { ko: '주택·건축', en: 'Housing and building' },
  A11: { ko: '세무', en: 'Local taxes' },
  A12: { ko: '민원서류', en: 'Civil documents' },
  A13: { ko: '외국인', en: 'Foreign residents' },
  A14: { ko: '보건·의료', en: 'Health' },
  A15: { ko: '안전·재난', en: 'Safety and disasters' },
  A16: { ko: '문화·관광·체육', en: 'Culture, tourism and sports' },
  A17: { ko: '경제·일자리', en: 'Economy and jobs' },
  A18: { ko: '행정', en: 'General administration' },
} as const satisfies Record<string, Localized>;

type GroupCode = keyof typeof GROUPS;

function service(
  code: string,
  categoryCode: GroupCode,
  subCategory: string,
  name: Localized,
  description: Localized,
  keywords: Localized,
  attributes?: readonly ServiceAttribute[],
): Open311Service {
  const group = GROUPS[categoryCode];
  return { code, knowledge: { categoryCode, category: group.ko, subCategory }, group, name, description, keywords, ...(attributes ? { attributes } : {}) };
}

export const OPEN311_SERVICES: readonly Open311Service[] = [
  service(
    'transit',
    'A01',
    '대중교통',
    { ko: '대중교통', en: 'Public transport' },
    { ko: '버스·지하철 이용 불편, 정류소 시설, 분실물', en: 'Problems with buses and the subway, stops and stations, lost property' },
    { ko: '버스, 지하철, 정류장, 분실물', en: 'bus, subway, stop, lost property' },
  ),
  service(
    'taxi',
    'A01',
    '택시·운수',
    { ko: '택시·운수', en: 'Taxis' },
    { ko: '승차거부, 부당요금, 카드 결제 거부 등 택시 불편', en: 'Taxis refusing passengers or cards, overcharging' },
    { ko: '택시, 승차거부, 부당요금', en: 'taxi, refusal, overcharging' },
  ),
  service(
    'parking-illegal',
    'A02',
    '불법주정차',
    { ko: '불법 주정차', en: 'Illegal parking' },
    { ko: '소화전·교차로·버스정류소·횡단보도·어린이보호구역 등의 불법 주정차 신고', en: 'Vehicles stopped or parked illegally: hydrants, corners, bus stops, crossings, school zones' },
    { ko: '불법주차, 주정차, 견인, 주민신고', en: 'illegal parking, no stopping, towing' },
    [
      {
        code: 'violation_place',
        datatype: 'singlevaluelist',
        required: false,
        description: { ko: '어디에 세워져 있나요?', en: 'Where is the vehicle stopped?' },
        values: [
          { key: 'fire_hydrant', name: { ko: '소화전 5m 이내', en: 'Within 5 m of a fire hydrant' } },
          { key: 'intersection', name: { ko: '교차로 모퉁이 5m 이내', en: 'Within 5 m of an intersection corner' } },
          { key: 'bus_stop', name: { ko: '버스정류소 10m 이내', en: 'Within 10 m of a bus stop' } },
          { key: 'crosswalk', name: { ko: '횡단보도 위', en: 'On a pedestrian crossing' } },
          { key: 'school_zone', name: { ko: '어린이보호구역', en: 'In a school zone' } },
          { key: 'sidewalk', name: { ko: '인도 위', en: 'On the sidewalk' } },
          { key: 'other', name: { ko: '기타', en: 'Elsewhere' } },
        ],
      },
      {
        code: 'observed_at',
        datatype: 'datetime',
        required: false,
        description: { ko: '언제 보셨나요?', en: 'When did you see it?' },
        datatypeDescription: { ko: 'ISO 8601 시각, 예: 2026-03-02T09:30:00+09:00', en: 'An ISO 8601 time, e.g. 2026-03-02T09:30:00+09:00' },
      },
    ],
  ),
  service(
    'parking-lots',
    'A02',
    '주차장',
    { ko: '주차장', en: 'Car parks' },
    { ko: '공영주차장 이용, 부설주차장 용도 위반', en: 'Public car parks, building car parks used for other purposes' },
    { ko: '주차장, 공영주차장, 정기권', en: 'car park, parking lot, pass' },
  ),
  service(
    'public-facilities',
    'A03',
    '공공시설',
    { ko: '공공시설 고장·파손', en: 'Broken public facilities' },
    { ko: '공중화장실, 놀이터·공원 시설, 가로수, 맨홀 덮개 등의 고장이나 파손', en: 'Public toilets, playground and park equipment, street trees, manhole covers' },
    { ko: '공중화장실, 놀이터, 가로수, 맨홀', en: 'toilet, playground, street tree, manhole' },
  ),
  service(
    'roads',
    'A03',
    '도로',
    { ko: '도로 파손', en: 'Road damage' },
    { ko: '포트홀(도로 파임), 보도블록 파손, 가로등 고장', en: 'Potholes, broken sidewalk paving, street lights out' },
    { ko: '포트홀, 도로 파임, 보도블록, 가로등', en: 'pothole, sidewalk, paving, street light' },
    [
      {
        code: 'hazard',
        datatype: 'singlevaluelist',
        required: true,
        description: { ko: '무엇이 문제인가요?', en: 'What is wrong?' },
        values: [
          { key: 'pothole', name: { ko: '포트홀(도로 파임)', en: 'Pothole' } },
          { key: 'paving', name: { ko: '보도블록 파손', en: 'Broken sidewalk paving' } },
          { key: 'street_light', name: { ko: '가로등 고장', en: 'Street light out' } },
          { key: 'other', name: { ko: '기타', en: 'Something else' } },
        ],
      },
    ],
  ),
  service(
    'water-facilities',
    'A04',
    '상수도 시설',
    { ko: '상수도 시설', en: 'Water mains' },
    { ko: '도로의 상수도관 누수, 계량기 이상', en: 'Water leaking from mains in the street, meter problems' },
    { ko: '누수, 수도관, 계량기', en: 'leak, water main, meter' },
  ),
  service(
    'water-bills',
    'A04',
    '수도요금',
    { ko: '수도요금', en: 'Water bills' },
    { ko: '수도요금 고지서, 납부, 이사 정산, 과다 청구', en: 'Water bills, payment, settling on moving, unusually high bills' },
    { ko: '수도요금, 고지서, 정산', en: 'water bill, payment' },
  ),
  service(
    'household-waste',
    'A05',
    '생활폐기물',
    { ko: '쓰레기·폐기물', en: 'Household waste' },
    { ko: '쓰레기 무단투기, 수거 누락, 대형폐기물·폐가전 배출', en: 'Illegal dumping, missed collections, bulky waste and old appliances' },
    { ko: '쓰레기, 무단투기, 대형폐기물, 음식물', en: 'rubbish, dumping, bulky waste, food waste' },
    [
      {
        code: 'waste_issue',
        datatype: 'multivaluelist',
        required: false,
        description: { ko: '해당하는 것을 모두 고르세요', en: 'Choose all that apply' },
        values: [
          { key: 'dumping', name: { ko: '무단투기', en: 'Illegal dumping' } },
          { key: 'missed_collection', name: { ko: '수거 누락', en: 'Missed collection' } },
          { key: 'bulky', name: { ko: '대형폐기물', en: 'Bulky waste' } },
          { key: 'food_waste', name: { ko: '음식물 쓰레기', en: 'Food waste' } },
        ],
      },
    ],
  ),
  service(
    'green-spaces',
    'A06',
    '녹지',
    { ko: '공원·녹지', en: 'Parks and greenery' },
    { ko: '가로수 식재 요청, 공원 풀베기·해충', en: 'Requests for street trees, overgrown grass and insects in parks' },
    { ko: '공원, 가로수, 풀베기, 해충', en: 'park, tree, grass, insects' },
  ),
  service(
    'noise-air',
    'A06',
    '소음·대기',
    { ko: '소음·대기오염', en: 'Noise and air pollution' },
    { ko: '공사장 소음, 확성기 소음, 미세먼지·매연', en: 'Construction and loudspeaker noise, dust and fumes' },
    { ko: '소음, 공사장, 확성기, 미세먼지, 매연', en: 'noise, construction, loudspeaker, dust, fumes' },
  ),
  service(
    'animals',
    'A07',
    '반려동물·야생동물',
    { ko: '반려동물·야생동물', en: 'Pets and wild animals' },
    { ko: '유기견·길고양이, 잃어버린 반려동물, 야생동물 출현', en: 'Stray dogs and cats, lost pets, wild animals' },
    { ko: '유기견, 길고양이, 반려동물, 멧돼지', en: 'stray dog, cat, pet, wild boar' },
  ),
  service(
    'welfare-support',
    'A08',
    '기초생활·긴급지원',
    { ko: '기초생활·긴급지원', en: 'Basic livelihood and emergency support' },
    { ko: '기초생활보장, 긴급복지, 기초연금 신청', en: 'Basic livelihood security, emergency welfare, basic pension' },
    { ko: '기초생활, 긴급복지, 기초연금', en: 'welfare, emergency support, pension' },
  ),
  service(
    'seniors-disability',
    'A08',
    '어르신·장애인',
    { ko: '어르신·장애인', en: 'Seniors and people with disabilities' },
    { ko: '어르신 무료 급식, 보청기 지원, 돌봄 서비스', en: 'Free meals for seniors, hearing-aid subsidies, care services' },
    { ko: '어르신, 장애인, 돌봄', en: 'seniors, disability, care' },
  ),
  service(
    'childcare',
    'A09',
    '출산·보육',
    { ko: '출산·보육', en: 'Birth and childcare' },
    { ko: '부모급여, 아동수당, 어린이집 대기', en: 'Parental benefit, child allowance, daycare places' },
    { ko: '부모급여, 아동수당, 어린이집', en: 'parental benefit, child allowance, daycare' },
  ),
  service(
    'building',
    'A10',
    '건축',
    { ko: '건축·공사장', en: 'Building and construction sites' },
    { ko: '불법 건축, 공사장 먼지·안전, 빈집', en: 'Unauthorised building work, dust and safety at sites, abandoned houses' },
    { ko: '불법건축, 공사장, 빈집', en: 'unauthorised building, construction site, abandoned house' },
  ),
  service(
    'leases',
    'A10',
    '임대차',
    { ko: '주택 임대차', en: 'Residential leases' },
    { ko: '확정일자, 임대차 신고, 전세사기 피해, 분쟁 조정', en: 'Fixed dates, lease reports, deposit fraud, dispute mediation' },
    { ko: '전세, 월세, 확정일자, 전세사기', en: 'lease, deposit, fixed date, fraud' },
  ),
  service(
    'local-taxes',
    'A11',
    '지방세',
    { ko: '지방세', en: 'Local taxes' },
    { ko: '자동차세, 재산세 납부와 문의', en: 'Car tax, property tax: payment and questions' },
    { ko: '자동차세, 재산세, 이택스', en: 'car tax, property tax, ETAX' },
  ),
  service(
    'passports-licences',
    'A12',
    '여권·면허',
    { ko: '여권·면허', en: "Passports and driver's licences" },
    { ko: '여권 발급·분실, 운전면허 갱신, 자동차 이전', en: "Passports, lost passports, driver's licence renewal, car ownership transfer" },
    { ko: '여권, 운전면허, 자동차 이전', en: "passport, driver's licence" },
  ),
  service(
    'resident-registration',
    'A12',
    '주민등록',
    { ko: '주민등록', en: 'Resident registration' },
    { ko: '전입신고, 등·초본, 주민등록증 재발급, 인감', en: 'Registering a move, certificates, replacing an ID card, seal certificates' },
    { ko: '전입신고, 등본, 주민등록증', en: 'move registration, certificate, ID card' },
  ),
  service(
    'foreign-residents',
    'A13',
    '체류·등록',
    { ko: '외국인 체류·등록', en: 'Foreign residents: stay and registration' },
    { ko: '외국인등록, 체류지 변경, 체류 연장, 외국어 상담', en: 'Alien registration, change of address, visa extensions, help in foreign languages' },
    { ko: '외국인등록, 비자, 체류', en: 'alien registration, visa, residence' },
  ),
  service(
    'health-centres',
    'A14',
    '보건소',
    { ko: '보건소', en: 'Public health centres' },
    { ko: '예방접종, 건강검진, 금연클리닉', en: 'Vaccinations, health check-ups, quit-smoking clinics' },
    { ko: '보건소, 예방접종, 건강검진', en: 'health centre, vaccination, check-up' },
  ),
  service(
    'safety-disasters',
    'A15',
    '재난·안전',
    { ko: '재난·안전', en: 'Disasters and safety' },
    { ko: '침수 피해, 물막이판, 무더위·한파 쉼터, 위험 시설', en: 'Flood damage, flood barriers, heat and cold shelters, dangerous structures' },
    { ko: '침수, 폭염, 한파, 위험', en: 'flood, heat wave, cold wave, danger' },
  ),
  service(
    'culture-sports',
    'A16',
    '시설·행사',
    { ko: '문화·체육 시설', en: 'Culture and sports facilities' },
    { ko: '공공시설 예약, 한강 캠핑장·수영장, 고궁 관람', en: 'Booking public facilities, Han River campsites and pools, palaces' },
    { ko: '예약, 캠핑장, 수영장, 고궁', en: 'booking, campsite, pool, palace' },
  ),
  service(
    'jobs-business',
    'A17',
    '일자리·소상공인',
    { ko: '일자리·소상공인', en: 'Jobs and small businesses' },
    { ko: '청년수당, 임금체불, 소상공인 융자, 구직 지원', en: 'Youth allowance, unpaid wages, small-business loans, job search' },
    { ko: '청년수당, 임금체불, 소상공인', en: 'youth allowance, unpaid wages, small business' },
  ),
  service(
    'general-administration',
    'A18',
    '일반행정',
    { ko: '일반 행정', en: 'General administration' },
    { ko: '120 이용, 민원 처리 상황, 정보공개, 공무원 불친절', en: '120 itself, complaint status, freedom of information, conduct of officials' },
    { ko: '120, 정보공개, 민원', en: '120, information request, complaint' },
  ),
];

const BY_CODE = new Map(OPEN311_SERVICES.map((entry) => [entry.code, entry]));

export function findService(code: string): Open311Service | undefined {
  return BY_CODE.get(code);
}

/** GeoReport v2 `metadata`: true exactly when the service has attributes to ask for. */
export function hasMetadata(entry: Open311Service): boolean {
  return (entry.attributes?.length ?? 0) > 0;
}
