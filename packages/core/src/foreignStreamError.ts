import { QuanziError } from './QuanziError';

/**
 * The error for an append that names a stream of another circle, in an event or in
 * an expectation: a stream belongs to the circle of its first event, in every store.
 *
 * @example
 * throw foreignStreamError('task/t1', 'xinhua'); // invalid_input: Stream "task/t1" belongs to circle "xinhua"
 */
export function foreignStreamError(streamId: string, circleId: string): QuanziError {
  return new QuanziError({
    code: 'invalid_input',
    path: ['events'],
    message: {
      en: `Stream "${streamId}" belongs to circle "${circleId}"`,
      'zh-CN': `流 "${streamId}" 属于圈子 "${circleId}"`,
    },
  });
}
