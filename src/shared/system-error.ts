/** Telling a failed system call on the user's machine (a path, a permission, a full disk) from a bug. */

/** The errno code of a failed system call; EIO when the error carries none. */
export function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** Error codes that are the environment's (a path, a permission, a full or read-only disk), never a bug. */
const ENVIRONMENT_CODES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'a folder where a file was expected',
  ENOTDIR: 'a file where a folder was expected',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than this system allows (a file size limit)',
  EIO: 'an input/output error on the device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'a name too long for the file system',
  ELOOP: 'too many levels of links',
};

/**
 * One line for a failed system call on the user's files ("cannot open /x: EACCES (permission
 * denied)"), or null when the error is not one: that is a bug.
 */
export function environmentError(error: unknown): string | null {
  const e = error as NodeJS.ErrnoException | null;
  if (e === null || typeof e !== 'object' || typeof e.syscall !== 'string' || typeof e.code !== 'string') return null;
  const why = ENVIRONMENT_CODES[e.code];
  if (why === undefined) return null;
  const where = typeof e.path === 'string' ? ` ${e.path}` : '';
  return `cannot ${e.syscall}${where}: ${e.code} (${why})`;
}
