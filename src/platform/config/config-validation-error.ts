/** Thrown at boot for a bad or missing setting; `main.ts` prints its message as one line and exits. */
export class ConfigValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigValidationError';
  }
}
