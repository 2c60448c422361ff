/**
 * A path as a POSIX shell word that a command takes for a file name: unchanged when it is plain
 * (`config/.env`), single-quoted otherwise (`'$(touch X).env'`), and prefixed with `./` when it
 * starts with `-`, so `git rm --cached` does not read it as an option.
 */
export function shellQuotePath(path: string): string {
  const safe = path.startsWith('-') ? `./${path}` : path;
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(safe)) return safe;
  return `'${safe.replace(/'/g, `'\\''`)}'`;
}

/**
 * A fix hint with the finding's file name quoted for the shell wherever the hint names it, for
 * hints that paste the name into a command (`git rm --cached <file>`). Already quoted hints,
 * and plain names, are returned as they are.
 */
export function quoteFileInFix(fix: string, file: string): string {
  const quoted = shellQuotePath(file);
  if (quoted === file || file === '' || fix.includes(quoted)) return fix;
  return fix.split(file).join(quoted);
}
