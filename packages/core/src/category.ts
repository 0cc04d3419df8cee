import * as z from 'zod/mini';
import { IdSchema } from './circle';
import { LocalizedTextSchema } from './LocalizedText';
import { SensitivitySchema } from './sensitivity';

/** A difficulty from 1 (anyone can do it) to 5 (specialist work). */
export const DifficultySchema = z.number().check(z.int(), z.gte(1), z.lte(5));

/**
 * A kind of task or report. `non_professional_police` covers police work that needs
 * no sworn officer on site (非专业警务); `civic` covers the wider city.
 */
export const CategorySchema = z.strictObject({
  code: IdSchema,
  name: LocalizedTextSchema,
  group: z.enum(['non_professional_police', 'civic', 'custom']),
  defaultDifficulty: DifficultySchema,
  defaultSensitivity: SensitivitySchema,
  requiredQualifications: z.array(IdSchema).check(z.maxLength(20)),
  /** Hours from publication to the service-level deadline. */
  slaHours: z.number().check(z.positive(), z.lte(24 * 365)),
});

/** A task or report category. */
export type Category = z.infer<typeof CategorySchema>;
/** 1 to 5. */
export type Difficulty = z.infer<typeof DifficultySchema>;

type Row = [
  string,
  string,
  string,
  Category['group'],
  number,
  Category['defaultSensitivity'],
  string[],
  number,
];

// One row per category keeps the taxonomy readable as a table.
// biome-ignore format: the table is easier to review aligned one row per line
const rows: Row[] = [
  ['civil_dispute_mediation', 'Civil dispute mediation', '民事纠纷调解', 'non_professional_police', 3, 'circle', ['mediation'], 48],
  ['traffic_guidance', 'Traffic guidance', '交通疏导', 'non_professional_police', 2, 'public', ['traffic_assistance'], 2],
  ['vehicle_moving', 'Moving a blocking car', '挪车', 'non_professional_police', 1, 'public', [], 2],
  ['unlocking', 'Unlocking help', '开锁求助', 'non_professional_police', 3, 'qualified', ['locksmith'], 4],
  ['utilities_help', 'Water, power or gas help', '水电气求助', 'non_professional_police', 2, 'circle', [], 24],
  ['population_info', 'Population information collection', '人口信息采集', 'non_professional_police', 2, 'qualified', ['data_collection'], 168],
  ['security_info', 'Non-classified public-security information', '非涉密治安信息', 'non_professional_police', 2, 'officers', [], 72],
  ['patrol_point', 'Point patrol', '定点巡逻', 'non_professional_police', 2, 'qualified', ['patrol'], 24],
  ['patrol_line', 'Line patrol', '沿线巡逻', 'non_professional_police', 3, 'qualified', ['patrol'], 24],
  ['patrol_area', 'Area patrol', '区域巡逻', 'non_professional_police', 3, 'qualified', ['patrol'], 24],
  ['hazard_screening', 'Hazard screening', '隐患排查', 'non_professional_police', 2, 'circle', [], 72],
  ['clue_screening', 'Clue screening', '线索排查', 'non_professional_police', 3, 'officers', [], 48],
  ['suspicious_watch', 'Watching suspicious persons, vehicles or objects', '可疑人车物盯防', 'non_professional_police', 4, 'command', [], 6],
  ['shared_bike_parking', 'Shared bike parked outside its box', '共享单车违规停放', 'civic', 1, 'public', [], 24],
  ['tactile_paving', 'Damaged tactile paving', '盲道损坏', 'civic', 4, 'public', ['road_repair'], 168],
  ['road_damage', 'Damaged road or pavement', '道路破损', 'civic', 3, 'public', ['road_repair'], 168],
  ['streetlight', 'Broken streetlight', '路灯故障', 'civic', 3, 'public', ['electrical'], 72],
  ['litter', 'Litter or dumped rubbish', '垃圾乱堆', 'civic', 1, 'public', [], 48],
  ['illegal_parking', 'Illegal parking', '违章停车', 'civic', 2, 'public', [], 24],
  ['noise', 'Noise nuisance', '噪音扰民', 'civic', 2, 'circle', [], 24],
  ['graffiti', 'Graffiti or illegal posters', '乱涂乱贴', 'civic', 1, 'public', [], 72],
  ['drainage', 'Blocked drain or flooding', '排水堵塞或积水', 'civic', 3, 'public', ['drainage'], 24],
  ['elderly_visit', 'Visiting an elderly resident living alone', '独居老人探访', 'civic', 2, 'qualified', ['social_work'], 72],
];

/**
 * The built-in taxonomy: every non-professional police task named in the article
 * plus common civic ones. Circles extend or replace it in their policy file.
 */
export const defaultCategories: readonly Category[] = rows.map(
  ([code, en, zh, group, difficulty, sensitivity, qualifications, slaHours]) => ({
    code,
    name: { en, 'zh-CN': zh },
    group,
    defaultDifficulty: difficulty,
    defaultSensitivity: sensitivity,
    requiredQualifications: qualifications,
    slaHours,
  }),
);
