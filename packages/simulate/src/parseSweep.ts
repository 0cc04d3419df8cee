import { QuanziError } from '@quanzi/core';
import type { ParameterValue } from './TidyRow';

/** One axis of a sweep grid: a scenario parameter path and the values it takes. */
export interface SweepAxis {
  /** A path into the scenario, e.g. `game.multiplier` or `populations[0].behaviour.participation`. */
  readonly path: string;
  readonly values: readonly ParameterValue[];
}

function parseValue(text: string): ParameterValue {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false' || trimmed === 'null') return JSON.parse(trimmed);
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) ? number : trimmed;
}

/**
 * Parses a command-line sweep such as `game.multiplier=1.5,3,4`: numbers, booleans
 * and `null` become values of their type, anything else stays a string.
 *
 * @example
 * parseSweep('scheme.decayHalfLifeDays=null,14'); // { path: 'scheme.decayHalfLifeDays', values: [null, 14] }
 */
export function parseSweep(text: string): SweepAxis {
  const match = /^([A-Za-z0-9_.[\]-]+)=(.+)$/.exec(text.trim());
  if (!match?.[1] || !match[2])
    throw new QuanziError({
      code: 'invalid_input',
      message: {
        en: `Sweep "${text}" must look like path=a,b,c`,
        'zh-CN': `参数扫描“${text}”的格式应为 路径=a,b,c`,
      },
    });
  return { path: match[1], values: match[2].split(',').map(parseValue) };
}

/** `populations[0].behaviour.x` → `['populations', 0, 'behaviour', 'x']`. */
export function splitPath(path: string): Array<string | number> {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((key) => key !== '')
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}

/** Every combination of the axes' values, first axis slowest. */
export function expandGrid(
  axes: readonly SweepAxis[],
): Array<Readonly<Record<string, ParameterValue>>> {
  return axes.reduce<Array<Record<string, ParameterValue>>>(
    (grid, axis) =>
      grid.flatMap((point) => axis.values.map((value) => ({ ...point, [axis.path]: value }))),
    [{}],
  );
}
