/** A minimal ANSI palette; every function is the identity when colors are off. */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  magenta(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  gray(text: string): string;
  inverse(text: string): string;
}

function wrap(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`);
}

const identity = (text: string): string => text;

export function createPalette(enabled: boolean): Palette {
  if (!enabled) {
    return {
      bold: identity,
      dim: identity,
      underline: identity,
      red: identity,
      yellow: identity,
      blue: identity,
      magenta: identity,
      cyan: identity,
      green: identity,
      gray: identity,
      inverse: identity,
    };
  }
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    magenta: wrap(35, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
    gray: wrap(90, 39),
    inverse: wrap(7, 27),
  };
}
