import { QuanziError } from '@quanzi/core';
import { systemId } from './actorOf';

/**
 * The error for a command that names the host as its actor on the participants' path.
 * Host privileges come from calling `engine.host`, never from an id a caller can type.
 */
export function hostIdRefused(): QuanziError {
  return new QuanziError({
    code: 'forbidden',
    path: ['actorId'],
    message: {
      en: `actorId "${systemId}" is reserved for the host; the hosting application sends its own commands with engine.host.execute`,
      'zh-CN': `actorId“${systemId}”保留给宿主应用；宿主自身的命令请用 engine.host.execute 发送`,
    },
  });
}
