import { InvalidRequestError } from '../errors/domain-error';

/**
 * Whether JSON text nests objects and arrays deeper than `max`, found by one scan of the text
 * (no recursion, no parse), so a deep body is refused before anything walks it: class-transformer
 * and every recursive check overflow the stack a few thousand levels down.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** Raised by the body parser, before the body is parsed. */
export class JsonTooDeepError extends InvalidRequestError {
  constructor(max: number) {
    super('REQUEST.JSON_TOO_DEEP', `The JSON body nests objects and arrays deeper than ${max} levels`);
  }
}
